"""CASE 2021 Task 2: fine-grained event classification of news snippets (ACLED sub-types).

    python -m sitrep.bench.case2021 [--data ../shared/data]
                                    [--split test|dev|sentences|notes|validation|fresh]
                                    [--pipeline events|full]
                                    [--rules-only|--sparse-only|--embeddings]
                                    [--half reading|checking] [--errors N] [--limit N]

The predicted label of a snippet is the ACLED sub-type of its most confident event. The
task's five "unseen" labels are not ACLED types: DIPLO comes from diplomatic PLOVER events,
and ATTRIB, NATURAL_DISASTER, MAN_MADE_DISASTER and ORG_CRIME from the cue list in
``data/events/case_extra.yaml``, each at a fixed confidence that competes with the events.
The learned sub-type model (``sitrep.events.typer``) then has its say on the document: it
decides when nothing scores ``THRESHOLD``, else it replaces the label only by a clear
margin (``--rules-only`` turns it off, in the events stage too). Its probabilities are
mixed with those of a logistic regression over the snippet's embedding: by default the
static word-piece table distilled from all-MiniLM-L6-v2 (``events.static``, numpy only;
``--sparse-only`` leaves it out), with ``--embeddings`` MiniLM itself (the optional extra).
Tuning uses only the dev split (``id % 3 == 0``); the test split is the rest, reported as is.
The splits (the test and dev splits, the dev split's two halves and the sets written for
sitrep) and what each is for are in ``case_sets``.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import SitrepError
from ..events.clauses import cue_strings, grievance_tokens
from ..events.embed import (
    WEIGHTS,
    EmbeddingTyper,
    Encoder,
    embedding_text,
    load_encoder,
    opinions,
)
from ..events.governs import subordinate
from ..events.lexicon import load_lexicon, read_data
from ..events.rank import NOT_HAPPENED, PROTEST_TYPES, competing, event_score
from ..events.syntax import SentenceView
from ..events.typer import RESOURCE as SPARSE_RESOURCE
from ..events.typer import Retyper, decision_margin, trained_on
from ..ids import article_id
from ..models import Article, Document
from .case_sets import HALVES, WRITTEN, Snippet, half, load_snippets, split, written_sentences
from .corpora import DEFAULT_DATA

FALLBACK = "ARMED_CLASH"
THRESHOLD = 0.4  # below this the rules are not confident and the model decides


class CaseLabeller:
    """A document's CASE label: its most confident event, or an unseen-category cue."""

    def __init__(self, typer: Retyper | None = None, dense: Sequence[EmbeddingTyper] = ()) -> None:
        self.typer = typer
        # embedding models' opinions, mixed in turn onto the typer's; the last one's margin
        self.dense = tuple(dense)
        lex = load_lexicon()
        extra = read_data("case_extra.yaml")
        self.code_of = {sub: code for code, (_, sub) in lex.acled.items()}
        self.categories = [
            (
                row[0],
                float(row[1]),
                tuple(f" {c.lower()} " for c in row[2]),
                tuple(f" {c.lower()} " for c in (row[3] if len(row) > 3 else ())),
            )
            for row in extra["categories"]
        ]
        self.diplomatic = frozenset(extra["diplomatic_plover"])
        self.diplomatic_factor = float(extra["diplomatic_factor"])
        self.overrides = [(a, b, float(c)) for a, b, c in extra["overrides"]]
        self.attribution_verbs = frozenset(extra.get("attribution_verbs", ()))
        ref = lex.refinements
        self.grievance_heads = frozenset(ref.get("grievance_heads", ()))
        self.grievance_preps = tuple(ref.get("grievance_preps", ()))

    def label(self, doc: Document, vectors: Sequence[np.ndarray] = ()) -> tuple[str, float]:
        """The document's label and the rules' confidence; ``vectors`` are the embeddings of
        ``embed.embedding_text(doc)`` by the first embedding models (none: the typer alone;
        fewer than the models when a gated one was not needed)."""
        best, best_conf = self.rules_label(doc)
        if self.typer is None:
            return best, best_conf
        confident = best_conf >= THRESHOLD
        if not self.dense or not vectors:
            return self.typer.document_label(doc, best, confident), best_conf
        probs = self.typer.document_probabilities(doc)
        for model, vector in zip(self.dense[: len(vectors)], vectors, strict=True):
            probs = model.mixed(probs, model.probabilities(vector[None, :])[0])
        margin = self.dense[-1].document_margin
        return self.typer.document_label(doc, best, confident, probs, margin), best_conf

    def needs(self, doc: Document, vectors: Sequence[np.ndarray]) -> bool:
        """Whether the next embedding model (after those of ``vectors``) is to encode
        ``doc``: always unless it is gated; gated, when the decision without it lies within
        its gate of another label (``typer.decision_margin``)."""
        gate = self.dense[len(vectors)].gate
        if math.isinf(gate):
            return True
        if self.typer is None:
            return False
        best, conf = self.rules_label(doc)
        probs = self.typer.document_probabilities(doc)
        for model, vector in zip(self.dense, vectors, strict=False):
            probs = model.mixed(probs, model.probabilities(vector[None, :])[0])
        margin = self.dense[-1].document_margin
        return decision_margin(doc, probs, best, conf >= THRESHOLD, margin) < gate

    def rules_label(self, doc: Document) -> tuple[str, float]:
        """The rules' label (the most confident event or cue) and its confidence."""
        best, best_conf = FALLBACK, 0.0
        attributed = self._attributed(doc)
        # not an event told inside another's clause ("handed over ... under the peace deal")
        for ev in competing(doc):
            if ev.modality in ("negated", "denied"):
                continue
            if ev.id in attributed:
                code = "ATTRIB"  # "the army blamed the guerrillas for the bombing"
            elif ev.acled_sub_event_type is not None:
                code = self.code_of[ev.acled_sub_event_type]
            elif ev.plover_type in self.diplomatic:
                code = "DIPLO"
            else:
                continue
            score = event_score(ev) * (self.diplomatic_factor if code == "DIPLO" else 1.0)
            if score > best_conf:
                best, best_conf = code, score
        cues = self._cues(doc)
        for label, conf, hit in cues:
            if hit and conf > best_conf:
                best, best_conf = label, conf
        for winner, label, tier in self.overrides:
            if best == winner and any(h and lab == label and c == tier for lab, c, h in cues):
                best = label
        return best, best_conf

    def _attributed(self, doc: Document) -> set[str]:
        """Ids of the ACLED events told inside a clause of blame ("blamed the guerrillas for
        the bombing", "accused the militia of the massacre"): the document is about who did
        it, not about the event."""
        tokens = {t.start: t for t in doc.tokens}
        blamers = [
            e
            for e in doc.events
            if e.plover_type == "ACCUSE"
            and e.modality not in NOT_HAPPENED
            and (t := tokens.get(e.trigger.start)) is not None
            and t.lemma.lower() in self.attribution_verbs
        ]
        if not blamers:
            return set()
        told = [e for e in doc.events if e.acled_sub_event_type is not None]
        return subordinate(doc, told, blamers)

    def _grievance(self, doc: Document, i: int, view: SentenceView) -> set[int]:
        """The words of sentence ``i`` that say what its protest is about ("protested
        against the train collision", "marched against drug peddlers"): no cue for the
        unseen categories, since the snippet is about the protest. Only when a protest of
        the sentence is told outside them (not "rallied to denounce the protest ban")."""
        triggers = [
            e.trigger.start
            for e in doc.events
            if e.sentence == i
            and e.acled_event_type in PROTEST_TYPES
            and e.modality not in NOT_HAPPENED
        ]
        if not triggers:
            return set()
        inside = grievance_tokens(view, self.grievance_heads, self.grievance_preps)
        starts = {doc.tokens[k].start for k in inside}
        return inside if any(t not in starts for t in triggers) else set()

    def _cues(self, doc: Document) -> list[tuple[str, float, bool]]:
        strings = []
        for i, s in enumerate(doc.sentences):
            view = SentenceView(doc, s)
            lemmas, words = cue_strings(view, self._grievance(doc, i, view))
            strings.append(lemmas + words)
        text = " ".join(strings)
        return [
            (label, conf, any(c in text for c in cues) and not any(c in text for c in unless))
            for label, conf, cues, unless in self.categories
        ]


def f1_report(gold: Sequence[str], pred: Sequence[str]) -> dict[str, object]:
    labels = sorted(set(gold) | set(pred))
    support = Counter(gold)
    per: dict[str, tuple[float, float, float, int]] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == lab and g != lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = (prec, rec, f1, support[lab])
    gold_labels = [lab for lab in labels if support[lab]]
    total = sum(support.values())
    weighted = sum(per[lab][2] * support[lab] for lab in gold_labels) / total
    macro = sum(per[lab][2] for lab in gold_labels) / len(gold_labels)
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / total
    return {"weighted_f1": weighted, "macro_f1": macro, "accuracy": accuracy, "per_label": per}


class NoPlaces:
    """Stands in for the places stage when no gazetteer is wanted (``--pipeline events``)."""

    name = "places"
    requires = ("sentences",)
    assigns = ("places", "focus")

    def __call__(self, doc: Document) -> Document:
        return doc


def build_stages(kind: str, learned: bool = True) -> list[object]:
    from ..actors.registry import Registry
    from ..actors.stage import ActorsStage
    from ..events import DatesStage, EventsStage
    from ..parse import ParseStage, load_model
    from ..settings import Settings

    settings = Settings.from_env()
    if kind == "full":
        from ..engine import Resources, build_pipeline

        stages = list(build_pipeline(Resources.load(settings)).stages)
        return [
            EventsStage(learned=False) if s.name == "events" and not learned else s
            for s in stages
            if s.name != "claims"
        ]
    return [
        ParseStage(load_model(settings.spacy_model)),
        ActorsStage(Registry.load()),
        NoPlaces(),
        EventsStage(learned=learned),
        DatesStage(),
    ]


def run_documents(
    snippets: Sequence[Snippet], kind: str, *, learned: bool = True
) -> tuple[list[Document], float]:
    from ..pipeline import Pipeline

    pipeline = Pipeline(build_stages(kind, learned))  # type: ignore[arg-type]
    docs = [Document(Article(id=article_id(s.text + str(s.id)), text=s.text)) for s in snippets]
    t0 = time.perf_counter()
    out = list(pipeline.pipe(docs))
    return out, time.perf_counter() - t0


def embed_documents(
    labeller: CaseLabeller, encoders: Sequence[Encoder], docs: Sequence[Document]
) -> tuple[list[list[np.ndarray]], list[int]]:
    """Each document's vectors by the ``encoders`` in turn (those of the labeller's embedding
    models), each encoding only the documents the labeller ``needs`` it for (a gated model
    not those whose decision it cannot turn); and how many documents each encoded."""
    vectors: list[list[np.ndarray]] = [[] for _ in docs]
    counts = []
    for k, encoder in enumerate(encoders):
        todo = [
            i for i, d in enumerate(docs) if len(vectors[i]) == k and labeller.needs(d, vectors[i])
        ]
        if todo:
            encoded = encoder.encode([embedding_text(docs[i]) for i in todo])
            for i, vector in zip(todo, encoded, strict=True):
                vectors[i].append(vector)
        counts.append(len(todo))
    return vectors, counts


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "test", *WRITTEN), default="test")
    ap.add_argument("--pipeline", choices=("events", "full"), default="full")
    ap.add_argument(
        "--rules-only", action="store_true", help="events and cues only, no learned model"
    )
    ap.add_argument(
        "--sparse-only", action="store_true", help="the sparse model without the static table"
    )
    ap.add_argument(
        "--embeddings",
        action="store_true",
        help="MiniLM instead of the static table (needs the optional 'embeddings' extra)",
    )
    ap.add_argument(
        "--half", choices=tuple(HALVES), help="one half of the dev split (id %% 6 == 0 or 3)"
    )
    ap.add_argument("--errors", type=int, default=0, help="print N errors (not on test)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)

    # the shipped learned models may have been trained on a written set: no figure then
    encoder_name = None
    if not (args.rules_only or args.sparse_only):
        encoder_name = "minilm" if args.embeddings else "static"
    if args.split == "validation" and not args.rules_only:
        resources_used = [SPARSE_RESOURCE] + ([WEIGHTS[encoder_name]] if encoder_name else [])
        if any("validation" in trained_on(r) for r in resources_used):
            print(
                "case2021: the shipped learned models were trained on the validation set "
                "(typer_train / embed_train, after the settings were chosen): score it with "
                "sitrep.bench.typer_select, which trains its own models without it, or add "
                "--rules-only",
                file=sys.stderr,
            )
            return 2
    if args.split in WRITTEN:
        try:
            snippets = written_sentences(args.split)
        except SitrepError as exc:  # a written set not there yet
            print(f"case2021: {exc}", file=sys.stderr)
            return 2
    else:
        snippets = split(load_snippets(args.data), args.split)
    if args.half:
        if args.split != "dev":
            print("case2021: --half divides the dev split only", file=sys.stderr)
            return 2
        snippets = half(snippets, args.half)
    if args.limit:
        snippets = snippets[: args.limit]
    # the document label's learned opinions: none, the sparse model, or the sparse model mixed
    # with the static table (default) or with MiniLM (--embeddings, the optional extra; its
    # model may mix onto the static one's: embed.opinions)
    names = opinions(encoder_name) if encoder_name is not None else ()
    dense: list[EmbeddingTyper] = []
    encoders: list[Encoder] = []
    t0 = time.perf_counter()
    for name in names:  # fail before the slow part, in one line
        model = EmbeddingTyper.load(WEIGHTS[name])
        if model is None:
            print(
                f"case2021: no {name} embedding weights: train them with "
                f"sitrep.bench.embed_train --encoder {name}",
                file=sys.stderr,
            )
            return 2
        try:
            encoders.append(load_encoder(name))
        except SitrepError as exc:
            print(f"case2021: {exc}", file=sys.stderr)
            return 2
        dense.append(model)
    loading = time.perf_counter() - t0
    docs, seconds = run_documents(snippets, args.pipeline, learned=not args.rules_only)
    labeller = CaseLabeller(None if args.rules_only else Retyper.load(), dense)
    t0 = time.perf_counter()
    vectors, encoded = embed_documents(labeller, encoders, docs)
    if encoders:
        seconds += loading + time.perf_counter() - t0
    pred = [labeller.label(d, v)[0] for d, v in zip(docs, vectors, strict=True)]
    mode = "rules only" if args.rules_only else "rules + sparse model"
    mode += "".join(
        f" + {name} embeddings" + (f" of {n} documents" if n < len(docs) else "")
        for name, n in zip(names, encoded, strict=True)
    )
    gold = [s.label for s in snippets]
    rep = f1_report(gold, pred)
    print(
        f"CASE 2021 task 2, {args.split} split ({len(snippets)} snippets, "
        f"pipeline={args.pipeline}, {mode}, "
        f"{seconds:.1f} s)"
    )
    print(
        f"weighted F1 {rep['weighted_f1']:.3f}  macro F1 {rep['macro_f1']:.3f}  "
        f"accuracy {rep['accuracy']:.3f}"
    )
    per = rep["per_label"]
    assert isinstance(per, dict)
    for lab, (p, r, f, n) in sorted(per.items(), key=lambda kv: -kv[1][3]):
        print(f"  {lab:32s} P {p:.2f} R {r:.2f} F1 {f:.2f} n={n}")
    if args.errors:
        if args.split in ("test", "validation"):
            print(f"errors are not shown for the {args.split} split", file=sys.stderr)
            return 0
        shown = 0
        for s, p, d in zip(snippets, pred, docs, strict=True):
            if p != s.label and shown < args.errors:
                shown += 1
                evs = ", ".join(
                    f"{e.trigger.text}:{e.plover_type}/{e.acled_sub_event_type}"
                    f"@{e.confidence}:{e.modality}"
                    for e in d.events
                )
                print(f"\n[{s.id}] gold {s.label} pred {p}\n  {s.text[:300]}\n  events: {evs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
