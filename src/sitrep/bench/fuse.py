"""Fusion benchmark: fuse synthetic event mentions into incidents and control timelines.

    python -m sitrep.bench.fuse [--events 10000] [--seed 7] [--store] [--samples]

Generates stories (real-world events: who did what where and when) and reports of them by
several outlets, some copying one wire story, as hand-built documents (no parsing); one
report in ten dates the event a day off and one in ten misses its actor. Times
mention extraction, incident clustering and the control timeline, and scores the incidents
against the stories (B-cubed precision/recall: is every incident one story, and every story
one incident?). ``--store`` also times ``fuse_store`` over a temporary SQLite store.
Target: 10,000 events fused in under 30 s.

``--incremental`` fills a store (temporary SQLite, or ``--db URL``) with ``--events`` fused
events, then times fusing one new batch of ``--batch`` articles (and then one article alone)
with ``fuse_new`` against ``fuse_store`` (a full recompute) over the same store, and checks
that both give the same incidents and control.

``--samples`` also runs the full pipeline over the packaged sample corpus (a dev set written
for sitrep) and checks control as of 2024-12-10 against data/control/control-dev-gold.yaml:
the right side, and a since-date within a day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..fuse.fusion import fuse_documents
from ..fuse.resources import capitals
from ..fuse.synthetic import DocumentBuilder
from ..models import Document
from ..store import Store

TARGET_SECONDS = 30.0
START = dt.date(2024, 9, 1)
ACTORS = (  # id, name, side, kind
    ("SYR.army", "Syrian troops", "government", "state forces"),
    ("HTS", "Hayat Tahrir al-Sham", "opposition", "rebel group"),
    ("SNA", "Syrian National Army", "opposition", "rebel group"),
    ("SDF", "Syrian Democratic Forces", "kurdish-led", "rebel group"),
    ("ISIS", "Islamic State", "islamic-state", "rebel group"),
    ("RUS.air", "Russian jets", "foreign", "foreign state forces"),
)
KINDS = (  # plover type, mode, verb, acled sub-event, weight
    ("ASSAULT", "aerial", "bombed", "Air/drone strike", 5),
    ("ASSAULT", "heavy-weapons", "shelled", "Shelling/artillery/missile attack", 4),
    ("ASSAULT", "firearms", "clashed with", "Armed clash", 4),
    ("COERCE", "seize", "seized", "Non-state actor overtakes territory", 2),
    ("RETREAT", "withdraw", "withdrew from", "", 2),
    ("COERCE", "arrest", "arrested people in", "Arrests", 1),
)
OUTLETS = tuple(f"Outlet {i:02d}" for i in range(40))
WIRES = ("AP", "Reuters", "AFP")
OPENERS = ("", "Local sources said ", "Witnesses reported that ", "A monitor said ")


@dataclass(frozen=True)
class Story:
    n: int
    kind: tuple[str, str, str, str, int]
    actor: tuple[str, str, str, str]
    place: tuple[str, float, float]
    date: dt.date


def _places(rng: random.Random) -> list[tuple[str, float, float]]:
    out = [(c.name, c.lat, c.lon) for c in capitals().all]
    for i in range(60):
        c = rng.choice(capitals().all)
        out.append((f"Town{i:02d}", c.lat + rng.uniform(-0.6, 0.6), c.lon + rng.uniform(-0.6, 0.6)))
    return out


def make_stories(n: int, rng: random.Random, days: int = 90) -> list[Story]:
    places = _places(rng)
    weights = [k[4] for k in KINDS]
    return [
        Story(
            i,
            rng.choices(KINDS, weights)[0],
            rng.choice(ACTORS),
            rng.choice(places),
            START + dt.timedelta(days=rng.randrange(days)),
        )
        for i in range(n)
    ]


def make_documents(
    events: int, rng: random.Random, days: int = 90
) -> tuple[list[Document], dict[str, int]]:
    """Articles of about four reports each, of stories over ``days`` days; returns them and
    event id -> story number."""
    stories = make_stories(max(1, events * 2 // 5), rng, days)
    by_article: dict[tuple[str, dt.date], list[Story]] = {}
    for _ in range(events):
        s = rng.choice(stories)
        pub = s.date + dt.timedelta(days=rng.randrange(3))
        by_article.setdefault((rng.choice(OUTLETS), pub), []).append(s)
    docs, truth = [], {}
    for (outlet, pub), items in sorted(by_article.items()):
        wire = rng.choice(WIRES) if rng.random() < 0.3 else None
        sentences = []
        for s in items:
            opener = "" if wire else rng.choice(OPENERS)
            sentences.append(
                f"{opener}{s.actor[1]} {s.kind[2]} {s.place[0]} on {s.date:%d %B} (story {s.n})."
            )
        b = DocumentBuilder(
            " ".join(sentences),
            published=pub,
            outlet=outlet,
            credits=(wire,) if wire else (),
            url=f"https://{outlet.replace(' ', '')}.example/{pub}",
        )
        at = 0
        for s, sentence in zip(items, sentences, strict=True):
            start = b.find(sentence, at)
            ref = b.actor(s.actor[0], s.actor[1], side=s.actor[2], kind=s.actor[3], after=start)
            noise = rng.random()  # some reports miss the actor or date the event a day off
            day = s.date + dt.timedelta(days=rng.choice((-1, 1))) if noise < 0.1 else s.date
            place = b.place(s.place[0], lat=s.place[1], lon=s.place[2], after=start)
            acled = ("Battles", s.kind[3]) if s.kind[3] else None
            e = b.event(
                s.kind[2],
                s.kind[0],
                mode=s.kind[1],
                actor1=None if 0.1 <= noise < 0.2 else ref,
                place=place,
                date=day,
                after=start,
                acled=acled,
            )
            truth[e.id] = s.n
            at = start + len(sentence)
        docs.append(b.build())
    return docs, truth


def b_cubed(clusters: list[tuple[str, ...]], truth: dict[str, int]) -> tuple[float, float]:
    """B-cubed precision and recall of ``clusters`` against story numbers."""
    story_size = Counter(truth.values())
    precision = recall = 0.0
    for members in clusters:
        labels = Counter(truth[m] for m in members)
        for m in members:
            same = labels[truth[m]]
            precision += same / len(members)
            recall += same / story_size[truth[m]]
    n = len(truth)
    return precision / n, recall / n


def control_check() -> tuple[int, int]:
    """Run the pipeline over the packaged samples; count places whose control is right."""
    import yaml

    from ..engine import Resources, build_pipeline, extract
    from ..fuse.control import as_of
    from ..fuse.resources import read_text
    from ..ingest import Defaults
    from ..ingest.readers import read_paths
    from ..settings import Settings

    gold = yaml.safe_load(read_text("control-dev-gold.yaml"))
    samples = Path(__file__).resolve().parent.parent / "samples" / "syria-2024-12"
    pipeline = build_pipeline(Resources.load(Settings.from_env()))
    docs = list(extract(read_paths([str(samples)], Defaults()), pipeline, []))
    entries = {e.place_key: e for e in as_of(fuse_documents(docs).timelines, gold["as_of"])}
    right = 0
    for g in gold["places"]:
        e = entries.get(f"gn:{g['geonames_id']}")
        got = (e.status, e.side, e.since) if e else None
        ok = (
            e is not None
            and e.status == "held"
            and e.side == g["side"]
            and e.since is not None
            and abs((e.since - g["since"]).days) <= gold["tolerance_days"]
        )
        right += ok
        print(
            f"  {g['name']:<12} want {g['side']} since {g['since']}, got {got}"
            f"{'' if ok else '  <- wrong'}"
        )
    return right, len(gold["places"])


def _fused_tables(store: Store) -> tuple[list[Any], ...]:
    from sqlalchemy import select

    from ..fuse.persist import control_detail
    from ..store import schema as t

    with store.engine.connect() as conn:
        return tuple(
            [tuple(r) for r in conn.execute(select(*cols).order_by(*cols))]
            for cols in (
                t.incidents.c,
                t.control.c,
                control_detail.c,
                (t.events.c.id, t.events.c.incident_id),
            )
        )


def incremental_check(events: int, seed: int, batch: int, url: str | None) -> bool:
    """Time ``fuse_new`` on new articles against a full ``fuse_store`` over the same store.

    The stream keeps the default run's density (10,000 events per 90 days), so a bigger
    store is a longer stream. New batches: the latest articles (a feed's next batch, then
    one article as the API takes it), and older ones arriving late.
    """
    from ..fuse.persist import fuse_store
    from ..store import open_store

    rng = random.Random(seed)
    docs, _truth = make_documents(events, rng, days=max(90, events * 90 // 10_000))
    docs.sort(key=lambda d: (d.article.published or START, d.article.id))
    latest, single, older = docs[-batch - 1 : -1], docs[-1:], docs[: -batch - 1]
    late = rng.sample(older, batch)
    old = [d for d in older if d not in late]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(url or "sqlite:///" + str(Path(tmp) / "bench.db"))
        if store.counts()["articles"]:
            print(f"{url} already holds articles: give an empty database")
            return False
        store.add_documents(old)
        t0 = time.perf_counter()
        fuse_store(store)
        t1 = time.perf_counter()
        print(f"store: {len(old)} articles, {sum(len(d.events) for d in old)} events fused "
              f"in {t1 - t0:.2f} s ({store.dialect})")
        ok = True
        for label, part in ((f"{batch} late articles", late), (f"{batch} latest articles", latest),
                            ("1 latest article", single)):
            ok = _time_batch(store, label, part) and ok
        store.close()
    return ok


def _time_batch(store: Store, label: str, part: list[Document]) -> bool:
    from ..fuse.incremental import fuse_new
    from ..fuse.persist import fuse_store

    store.add_documents(part)
    t0 = time.perf_counter()
    summary = fuse_new(store, [d.article.id for d in part])
    t1 = time.perf_counter()
    incremental = _fused_tables(store)
    t2 = time.perf_counter()
    fuse_store(store)
    t3 = time.perf_counter()
    same = _fused_tables(store) == incremental
    print(f"{label} ({sum(len(d.events) for d in part)} events): incremental {t1 - t0:.2f} s "
          f"({summary.mentions} choices replayed, {summary.incidents} incidents and "
          f"{summary.places} places rewritten), full recompute {t3 - t2:.2f} s "
          f"({(t3 - t2) / max(t1 - t0, 1e-9):.0f}x); same result: {same}")
    return same


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store", action="store_true", help="also time fuse_store on SQLite")
    ap.add_argument(
        "--incremental",
        action="store_true",
        help="time fusing a new batch into a fused store, against a full recompute",
    )
    ap.add_argument("--batch", type=int, default=100, help="new articles per batch")
    ap.add_argument(
        "--db",
        default=None,
        help="an empty database URL for --incremental (default: a temporary SQLite file)",
    )
    ap.add_argument(
        "--samples",
        action="store_true",
        help="also check control over the packaged sample corpus (runs the pipeline)",
    )
    args = ap.parse_args(argv)
    if args.incremental:
        return 0 if incremental_check(args.events, args.seed, args.batch, args.db) else 1
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    docs, truth = make_documents(args.events, rng)
    t1 = time.perf_counter()
    fusion = fuse_documents(docs)
    t2 = time.perf_counter()
    p, r = b_cubed([i.mentions for i in fusion.incidents], truth)
    stories = len(set(truth.values()))
    print(
        f"generated {len(truth)} events in {len(docs)} articles ({stories} stories) "
        f"in {t1 - t0:.1f} s"
    )
    print(
        f"fused into {len(fusion.incidents)} incidents and "
        f"{sum(len(v) for v in fusion.timelines.values())} control entries for "
        f"{len(fusion.timelines)} places in {t2 - t1:.2f} s "
        f"({len(truth) / max(t2 - t1, 1e-9):,.0f} events/s)"
    )
    print(f"incidents vs stories: B-cubed precision {p:.3f}, recall {r:.3f}")
    ok = t2 - t1 < TARGET_SECONDS
    if args.store:
        from ..fuse.persist import fuse_store
        from ..store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            store = open_store("sqlite:///" + str(Path(tmp) / "bench.db"))
            store.add_documents(docs)
            t3 = time.perf_counter()
            summary = fuse_store(store)
            t4 = time.perf_counter()
            store.close()
        print(f"fuse_store over SQLite: {summary.incidents} incidents in {t4 - t3:.2f} s")
        ok = ok and t4 - t3 < TARGET_SECONDS
    print(f"target < {TARGET_SECONDS:.0f} s: {'met' if ok else 'MISSED'}")
    if args.samples:
        right, total = control_check()
        print(
            f"sample corpus control as of 2024-12-10: {right}/{total} places right "
            "(side and since within a day)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
