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
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..errors import SitrepError
from ..events.embed import (
    WEIGHTS,
    EmbeddingTyper,
    Encoder,
    load_encoder,
    opinions,
)
from ..events.typer import RESOURCE as SPARSE_RESOURCE
from ..events.typer import Retyper, trained_on
from ..ids import article_id
from ..models import Article, Document
from .case_label import CaseLabeller, embed_documents
from .case_sets import HALVES, WRITTEN, Snippet, half, load_snippets, split, written_sentences
from .corpora import DEFAULT_DATA


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
