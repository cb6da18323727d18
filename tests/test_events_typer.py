"""The learned sub-type model: its data, its margin rule, and its packaged weights."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from sitrep.events import EventsStage
from sitrep.events.lexicon import load_lexicon, read_data
from sitrep.events.typer import Retyper, SubtypeModel, demonstrated, margin_choice
from sitrep.models import Document

EXTRA = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


@pytest.fixture(scope="module")
def typer() -> Retyper:
    loaded = Retyper.load()
    assert loaded is not None, "data/events/typer.json is missing: run sitrep.bench.typer_train"
    return loaded


def test_typer_sentences_cover_every_label() -> None:
    sentences = read_data("typer_sentences.yaml")
    assert set(sentences) == set(load_lexicon().acled) | EXTRA
    assert all(len(texts) >= 10 for texts in sentences.values())
    flat = [t for texts in sentences.values() for t in texts]
    assert len(flat) == len(set(flat)), "a sentence is listed twice"


def test_typer_news_leads_use_known_labels_and_repeat_no_sentence() -> None:
    news = read_data("typer_news.yaml")
    assert set(news) <= set(load_lexicon().acled) | EXTRA
    flat = [t for texts in news.values() for t in texts]
    assert len(flat) >= 250 and len(flat) == len(set(flat))
    older = {t for texts in read_data("typer_sentences.yaml").values() for t in texts}
    assert not older & set(flat), "a news lead repeats a training sentence"
    # a label listed twice in the file would silently replace its first list
    raw = (resources.files("sitrep") / "data/events/typer_news.yaml").read_text(encoding="utf-8")
    assert raw.count("\n  - ") == len(flat)


def test_typer_probabilities_sum_to_one() -> None:
    model = SubtypeModel(("A", "B"), (0.0, 0.0), {"s:shell": {1: 2.0}})
    probs = model.probabilities(["s:shell", "s:unknown"])
    assert sum(probs.values()) == pytest.approx(1.0)
    assert probs["B"] > probs["A"]


def test_typer_probabilities_add_each_features_weights_once() -> None:
    weights = {"s:shell": {1: 2.0, 2: -1.0}, "t:fire": {0: 0.5, 1: 0.25}, "s:gun": {2: 1.5}}
    model = SubtypeModel(("A", "B", "C"), (0.1, -0.2, 0.0), weights)
    # a feature given twice counts once; an unknown one not at all
    probs = model.probabilities(["s:shell", "t:fire", "s:shell", "s:unknown"])
    scores = [0.1 + 0.5, -0.2 + 2.0 + 0.25, 0.0 - 1.0]
    total = sum(math.exp(x) for x in scores)
    for label, x in zip(("A", "B", "C"), scores, strict=True):
        assert probs[label] == pytest.approx(math.exp(x) / total)
    # no known feature: the biases alone
    alone = model.probabilities(["s:unknown"])
    assert alone["A"] > alone["C"] > alone["B"]


@pytest.mark.parametrize(
    ("probs", "current", "margin", "expected"),
    [
        ({"ATTACK": 0.6, "ARMED_CLASH": 0.4}, "ARMED_CLASH", 1.0, "ARMED_CLASH"),
        ({"ATTACK": 0.95, "ARMED_CLASH": 0.01}, "ARMED_CLASH", 3.0, "ATTACK"),
        ({"ATTACK": 0.95, "ARMED_CLASH": 0.01}, "ARMED_CLASH", float("inf"), "ARMED_CLASH"),
        ({"ATTACK": 0.9}, "DIPLO", 3.0, "ATTACK"),
    ],
)
def test_typer_margin_choice_keeps_the_rule_unless_clearly_beaten(
    probs: dict[str, float], current: str, margin: float, expected: str
) -> None:
    assert margin_choice(probs, current, margin) == expected


def test_typer_demonstration_needs_a_protest_word(
    parse_text: Callable[..., Document],
) -> None:
    stones = parse_text("Youths threw stones at a military patrol near the camp.")
    march = parse_text("Protesters threw stones at the police during a march on Friday.")
    assert not demonstrated(stones, stones.sentences)
    assert demonstrated(march, march.sentences)
    # cues of several words are found too ("sit - in" as the parser splits it, "tear gas")
    for text in (
        "Hundreds of contract teachers staged a sit-in in front of the ministry in Rabat.",
        "Police used tear gas on farmers outside the assembly.",
    ):
        doc = parse_text(text)
        assert demonstrated(doc, doc.sentences), text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Thousands of teachers marched through the capital on Monday to demand higher pay.",
            "PEACE_PROTEST",
        ),
        (
            "A strong earthquake struck the mountain region overnight, flattening homes.",
            "NATURAL_DISASTER",
        ),
        (
            "The foreign ministers of the two countries met in Oman to discuss the border crisis.",
            "DIPLO",
        ),
        (
            "Gunmen kidnapped eleven passengers from a bus on the highway and demanded a ransom.",
            "ABDUCT_DISSAP",
        ),
    ],
)
def test_typer_document_label_of_written_sentences(
    typer: Retyper, parse_text: Callable[..., Document], text: str, label: str
) -> None:
    doc = EventsStage(learned=False)(parse_text(text))
    assert typer.document_label(doc, "ARMED_CLASH", confident=False) == label


def test_typer_never_moves_stone_throwing_into_a_demonstration(
    typer: Retyper, parse_text: Callable[..., Document]
) -> None:
    doc = EventsStage(learned=False)(
        parse_text("Youths threw stones and firebombs at soldiers raiding the refugee camp.")
    )
    barred = load_lexicon().demonstration_codes
    assert typer.document_label(doc, "MOB_VIOL", confident=False) not in barred


def test_typer_training_learns_and_round_trips() -> None:
    import json

    from sitrep.bench.typer_train import fit

    features = [["s:shell", "s:town"], ["s:shell", "s:village"], ["s:march", "s:town"]] * 4
    labels = ["ART_MISS_ATTACK", "ART_MISS_ATTACK", "PEACE_PROTEST"] * 4
    model = fit(features, labels, ["ART_MISS_ATTACK", "PEACE_PROTEST"])
    probs = model.probabilities(["s:march"])
    assert probs["PEACE_PROTEST"] > 0.8
    again = SubtypeModel.from_json(json.loads(model.to_json("test", {})))
    # the file keeps four decimals of the biases
    expected = model.probabilities(["s:shell"])
    assert again.probabilities(["s:shell"]) == pytest.approx(expected, abs=1e-3)


def test_typer_event_margin_retypes_inside_the_stage_output(
    parse_text: Callable[..., Document],
) -> None:
    doc = EventsStage(learned=False)(parse_text("Artillery shells hit the market on Monday."))
    assert doc.events and doc.events[0].acled_sub_event_type != "Air/drone strike"
    labels = tuple(load_lexicon().acled)
    sure = SubtypeModel(labels, tuple(9.0 if c == "AIR_STRIKE" else 0.0 for c in labels), {})
    retyped = Retyper(sure, event_margin=1.0)(doc, doc.events)
    assert retyped[0].acled_sub_event_type == "Air/drone strike"
    assert retyped[0].method.endswith("+typer")
    assert Retyper(sure)(doc, doc.events) == doc.events  # off by default


def test_typer_select_scores_each_margin(parse_text: Callable[..., Document]) -> None:
    from sitrep.bench.embed_train import margin_scores
    from sitrep.bench.typer_select import MARGINS

    docs = [parse_text("Gunmen shot dead two farmers in a village on Monday.")] * 2
    gold = ["ATTACK", "ATTACK"]
    rules = [("ARMED_CLASH", 0.9), ("ATTACK", 0.9)]  # confident, one of them wrong
    probs = [{"ATTACK": 0.9, "ARMED_CLASH": 0.1}] * 2
    figures = dict(margin_scores(docs, gold, rules, probs, MARGINS))
    assert list(figures) == list(MARGINS)
    # at margin 0 the model (right on both) decides; at inf the rules' wrong label stays
    assert figures[0.0] == pytest.approx(1.0)
    assert figures[float("inf")] < 1.0


def test_typer_select_prefers_the_largest_margin_among_near_ties() -> None:
    from sitrep.bench.typer_select import choose

    results = {
        (1e-4, 0.7, 0.5): 0.900,
        (1e-4, 0.7, 1.0): 0.898,  # within the tie band: the larger margin wins
        (1e-4, 0.85, 1.0): 0.898,  # same margin, larger mix: loses to 0.7
        (1e-4, 0.7, 3.0): 0.880,  # too far below
    }
    assert choose(results) == (1e-4, 0.7, 1.0)


def test_typer_shipped_weights_record_their_training_sets() -> None:
    from sitrep.events.embed import STATIC_RESOURCE
    from sitrep.events.typer import RESOURCE, trained_on

    for resource in (RESOURCE, STATIC_RESOURCE):
        assert {"CASE dev", "sentences"} <= trained_on(resource)
    assert trained_on("data/events/no_such_model.json") == frozenset()


def test_typer_case2021_refuses_validation_once_the_models_saw_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sitrep.bench.case2021 import main
    from sitrep.events.typer import trained_on

    if "validation" not in trained_on():
        pytest.skip("the shipped sparse model was trained without the validation set")
    assert main(["--split", "validation"]) == 2
    assert "typer_select" in capsys.readouterr().err


def test_typer_item_weights_count_an_item_as_if_repeated() -> None:
    from sitrep.bench.typer_train import fit

    feats = [["s:shell"], ["s:shell"], ["s:march"]]
    labels = ["ART_MISS_ATTACK", "PEACE_PROTEST", "PEACE_PROTEST"]
    classes = ["ART_MISS_ATTACK", "PEACE_PROTEST"]
    weighted = fit(feats, labels, classes, [3.0, 1.0, 1.0])
    repeated = fit([feats[0]] * 3 + feats[1:], [labels[0]] * 3 + labels[1:], classes)
    shell = weighted.probabilities(["s:shell"])
    assert shell["ART_MISS_ATTACK"] > 0.5
    assert shell["ART_MISS_ATTACK"] == pytest.approx(
        repeated.probabilities(["s:shell"])["ART_MISS_ATTACK"], abs=0.02
    )


def test_typer_tuned_on_sets_train_without_the_rules_code(
    parse_text: Callable[..., Document],
) -> None:
    from sitrep.bench.typer_train import RULES_TUNED_ON, set_features

    doc = EventsStage(learned=False)(
        parse_text("Rebels seized the town of Rubaya on Tuesday after the army withdrew.")
    )
    [tuned] = set_features("CASE dev", [doc])
    [unseen] = set_features("news", [doc])
    assert "CASE dev" in RULES_TUNED_ON and "news" not in RULES_TUNED_ON
    # the rules' code, PLOVER type and method are features only where the rules are unseen
    assert any(f.startswith("r:") for f in unseen)
    assert not any(f.startswith(("r:", "tr:", "p:", "m:")) for f in tuned)
    # the words of the event stay
    assert "t:seize" in tuned and "s:rebel" in tuned


def test_typer_compare_rule_prefers_the_shipped_setting_then_the_simplest() -> None:
    from sitrep.bench.typer_compare import SHIPPED_CANDIDATE, choose_candidate

    results = {
        ("tuned-free", 1.0, 0.7, 1.0): (0.90, 0.85),  # best mean 0.875
        ("tuned-free", 1.0, 0.7, 1.5): (0.89, 0.857),  # within 0.005, larger margin: chosen
        ("none", 1.0, 0.7, 2.0): (0.88, 0.866),  # within too, but a later feature mode
        ("all", 3.0, 0.7, 3.0): (0.88, 0.868),  # within too, but a larger dev weight
        SHIPPED_CANDIDATE: (0.91, 0.75),  # far below
    }
    assert choose_candidate(results) == ("tuned-free", 1.0, 0.7, 1.5)
    results[SHIPPED_CANDIDATE] = (0.90, 0.848)  # now within the band: the shipped one stays
    assert choose_candidate(results) == SHIPPED_CANDIDATE


def test_typer_acled_notes_are_read_as_case_codes(tmp_path: Path) -> None:
    from sitrep.bench.typer_train import ACLED_FILE, acled_notes

    assert acled_notes(tmp_path) == []  # absent: trained without them
    path = tmp_path.joinpath(*ACLED_FILE)
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["event_id_cnty", "sub_event_type", "notes"])
        writer.writerow(["X1", "Peaceful protest", "On 2 May 2023, teachers marched in Irbid."])
        writer.writerow(["X2", "Air/drone strike", "On 3 May 2023, a drone struck a car."])
        writer.writerow(["X3", "Armed clash", ""])  # no note: nothing to learn from
    notes = acled_notes(tmp_path)
    assert [(n.label, n.id) for n in notes] == [("PEACE_PROTEST", -1), ("AIR_STRIKE", -1)]
    assert notes[0].text.startswith("On 2 May 2023, teachers")


def test_typer_acled_notes_count_by_their_own_weight_without_the_rules_code() -> None:
    from sitrep.bench.typer_compare import acled_sets
    from sitrep.bench.typer_train import ACLED, DEV_WEIGHT, RULES_TUNED_ON, set_weight

    assert ACLED in RULES_TUNED_ON  # the rules' development set: learned from without r: etc.
    assert set_weight(ACLED, 2.0) == 2.0
    assert set_weight("CASE dev", 2.0) == DEV_WEIGHT
    assert set_weight("news", 2.0) == 1.0
    # weight 0 leaves the notes out of training altogether (not items at weight 0)
    assert acled_sets(("sentences", "news", ACLED), 0.0) == ("sentences", "news")
    assert acled_sets(("sentences", "news"), 0.5) == ("sentences", "news", ACLED)


def test_typer_prior_shift_moves_the_opinion_toward_the_target_labels() -> None:
    from sitrep.bench.typer_prior import shifted
    from sitrep.bench.typer_train import prior_shift, shifted_bias

    # trained on as many mob violence as clash items; the target has 8 clashes, 0 mob violence
    train = ["MOB_VIOL"] * 4 + ["ARMED_CLASH"] * 4
    target = ["ARMED_CLASH"] * 8
    assert prior_shift(train, [1.0] * 8, target, 0.0) == {"MOB_VIOL": 0.0, "ARMED_CLASH": 0.0}
    shift = prior_shift(train, [1.0] * 8, target, 1.0)
    # add-one smoothed: 9/10 against 1/10 in the target, 1/2 each in training
    assert shift["ARMED_CLASH"] == pytest.approx(math.log(0.9 / 0.5))
    assert shift["MOB_VIOL"] == pytest.approx(math.log(0.1 / 0.5))
    even = shifted({"MOB_VIOL": 0.5, "ARMED_CLASH": 0.5}, shift)
    assert even["ARMED_CLASH"] == pytest.approx(0.9) and sum(even.values()) == pytest.approx(1)
    # item weights count as repeated items; the shift is carried by a model's biases
    assert prior_shift(train[3:], [4.0] + [1.0] * 4, target, 1.0) == pytest.approx(shift)
    bias = shifted_bias(("ARMED_CLASH", "MOB_VIOL"), [0.1, 0.2], shift)
    assert list(bias) == pytest.approx([0.1 + shift["ARMED_CLASH"], 0.2 + shift["MOB_VIOL"]])


def test_typer_domain_copies_fold_into_the_real_news_model() -> None:
    import numpy as np

    from sitrep.bench.typer_domain import augment_dense, augment_sparse, fold_dense, fold_sparse
    from sitrep.events.embed import EmbeddingTyper

    assert augment_sparse(["t:seize"], real=False) == ["t:seize", "W|", "W|t:seize"]
    weights = {
        "t:seize": {0: 1.0},
        "R|t:seize": {0: 0.5, 1: -0.25},
        "W|t:seize": {1: 2.0},  # what holds in written snippets only: dropped
        "R|": {1: 0.3},  # the real-news indicator: into the bias
        "W|": {0: 0.7},
    }
    model = SubtypeModel(("NON_STATE_ACTOR_OVERTAKES_TER", "ARMED_CLASH"), (0.1, 0.0), weights)
    folded = fold_sparse(model)
    assert set(folded.weights) == {"t:seize"}
    real = model.probabilities(augment_sparse(["t:seize"], real=True))
    assert folded.probabilities(["t:seize"]) == pytest.approx(real)
    # the dense model the same way: [x, x if real, x if written, real, written]
    x = np.array([[1.0, -2.0]])
    assert augment_dense(x, [True]).tolist() == [[1.0, -2.0, 1.0, -2.0, 0.0, 0.0, 1.0, 0.0]]
    rng = np.random.default_rng(3)
    dense = EmbeddingTyper(("A", "B"), rng.normal(size=2), rng.normal(size=(8, 2)), mix=0.5)
    plain = fold_dense(dense)
    assert plain.weights.shape == (2, 2) and plain.mix == 0.5
    assert plain.probabilities(x)[0] == pytest.approx(
        dense.probabilities(augment_dense(x, [True]))[0]
    )
