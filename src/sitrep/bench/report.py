"""Report benchmark: build and render a situation report over many synthetic incidents.

    python -m sitrep.bench.report [--incidents 10000] [--days 14] [--db PATH] [--keep]

Writes an SQLite store with ``--incidents`` invented incidents (spread over Syria and the
period, 1-3 event mentions each from ~2,000 articles, a control timeline for 60 places with
changes in the period, denials and single-source claims mixed in) straight into the tables
fusion fills, then times ``build_report`` and the Markdown and HTML renderings (the HTML
includes drawing the map and the chart). Target: build plus HTML under 10 s; the command
exits 1 when it is slower.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from ..report import Scope, build_report
from ..report.html import render_html
from ..report.markdown import render_markdown
from ..store import Store, open_store
from ..store import schema as t

TARGET_S = 10.0
START = dt.date(2024, 11, 27)
SYRIA = (35.8, 32.4, 42.2, 37.2)
TYPES = ("ASSAULT",) * 5 + ("COERCE", "COERCE", "RETREAT", "MOBILIZE", "PROTEST", "CONSULT")
SIDES = (("SYR.state-forces", "Syrian Armed Forces", "government"),
         ("HTS", "Hayat Tahrir al-Sham", "opposition"),
         ("SDF", "Syrian Democratic Forces", "kurdish-led"),
         ("SNA", "Syrian National Army", "opposition"))
OUTLETS = tuple(f"Outlet {i:02d}" for i in range(40))
N_PLACES = 300
N_ARTICLES = 2000
N_CONTROL_PLACES = 60


def _places(rng: random.Random) -> list[tuple[str, str, float, float]]:
    w, s, e, n = SYRIA
    return [(f"bench:{i}", f"Place {i}", round(rng.uniform(s, n), 4), round(rng.uniform(w, e), 4))
            for i in range(N_PLACES)]


def fill(store: Store, incidents: int, days: int, seed: int = 7) -> None:
    """Write the synthetic articles, events, incidents and control rows."""
    rng = random.Random(seed)
    places = _places(rng)
    now = dt.datetime.now(dt.UTC)
    articles = [
        {"id": f"art-{i:05d}", "title": f"Report {i}", "outlet": OUTLETS[i % len(OUTLETS)],
         "published": START + dt.timedelta(days=i % days), "language": "en",
         "source_format": "text", "credits": "[]", "text": f"Invented report number {i}.",
         "doc_json": "{}", "n_events": 0, "n_claims": 0, "ingested_at": now}
        for i in range(N_ARTICLES)
    ]
    events: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for i in range(incidents):
        pid, pname, lat, lon = rng.choice(places)
        day = START + dt.timedelta(days=rng.randrange(days))
        kind = rng.choice(TYPES)
        a1, a2 = rng.sample(SIDES, 2)
        modality = rng.choices(("asserted", "reported", "alleged", "denied"), (6, 3, 1, 1))[0]
        fatal = rng.choice((None, None, None, 1, 3, 8, 25, 120)) if kind == "ASSAULT" else None
        n = rng.choice((1, 1, 2, 3))
        independent = rng.randint(1, n)
        iid = f"inc-{i:06d}"
        rows.append({
            "id": iid, "plover_type": kind, "plover_mode": None, "acled_event_type": None,
            "acled_sub_event_type": None, "actor1_id": a1[0], "actor1_name": a1[1],
            "actor2_id": a2[0], "actor2_name": a2[1], "place_id": pid, "place_name": pname,
            "lat": lat, "lon": lon, "country": "SY", "admin1": None, "geo_precision": 1,
            "date": day, "date_min": day, "date_max": day, "time_precision": 1,
            "modality": modality, "fatalities": fatal,
            "fatalities_max": fatal * 2 if fatal and rng.random() < 0.3 else fatal,
            "n_mentions": n, "sources_count": n, "independent_sources": independent,
            "cross_alignment": False, "contradicted": modality == "denied",
            "corroboration": round(1 - 0.5 ** independent, 3), "data_json": "{}",
        })
        for j in range(n):
            art = articles[rng.randrange(N_ARTICLES)]
            events.append({
                "id": f"ev-{i:06d}-{j}", "article_id": art["id"], "sentence": 0,
                "trigger_text": "x", "trigger_start": 0, "trigger_end": 1, "plover_type": kind,
                "actor1_id": a1[0], "actor1_name": a1[1], "place_id": pid, "place_name": pname,
                "lat": lat, "lon": lon, "date": day, "modality": modality, "fatalities": fatal,
                "confidence": 0.7, "n_sources": 1,
                "sources_json": json.dumps([{"id": "sohr", "name": "SOHR", "text": "SOHR"}]),
                "outlet": art["outlet"], "published": art["published"], "incident_id": iid,
            })
    control = []
    for k, (pid, pname, lat, lon) in enumerate(places[:N_CONTROL_PLACES]):
        place = {"id": pid, "name": pname, "lat": lat, "lon": lon}
        holders = [SIDES[0], SIDES[1 + k % 3]]
        for step, (aid, aname, side) in enumerate(holders):
            since = None if step == 0 else START + dt.timedelta(days=rng.randrange(days))
            status = "contested" if step and k % 7 == 0 else "held"
            control.append({
                "id": f"ctl-{k}-{step}", "place_id": pid, "since": since, "place_name": pname,
                "place_json": json.dumps(place), "controller_id": aid, "controller_name": aname,
                "side": side, "status": status,
                "evidence_json": json.dumps([f"ev-{rng.randrange(incidents):06d}-0"]),
            })
    with store.engine.begin() as conn:
        conn.execute(insert(t.articles), articles)
        conn.execute(insert(t.events), events)
        conn.execute(insert(t.incidents), rows)
        conn.execute(insert(t.control), control)


def run(incidents: int, days: int, db: Path) -> dict[str, float]:
    store = open_store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    fill(store, incidents, days)
    filled = time.perf_counter() - t0
    scope = Scope(START, START + dt.timedelta(days=days - 1))
    t1 = time.perf_counter()
    report = build_report(store, scope)
    t2 = time.perf_counter()
    markdown = render_markdown(report)
    t3 = time.perf_counter()
    html = render_html(report)
    t4 = time.perf_counter()
    store.close()
    return {"fill_s": filled, "build_s": t2 - t1, "markdown_s": t3 - t2, "html_s": t4 - t3,
            "total_s": t4 - t1, "incidents": report.totals.incidents,
            "changes": len(report.changes), "html_kb": len(html) / 1024,
            "markdown_lines": markdown.count("\n")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.bench.report",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to write (new).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-report-") as tmp:
        db = args.db or Path(tmp) / "report.db"
        if db.exists():
            sys.stderr.write(f"error: {db} exists; give a new path\n")
            return 2
        r = run(args.incidents, args.days, db)
    sys.stdout.write(
        f"incidents {r['incidents']:.0f} over {args.days} days, {r['changes']:.0f} control "
        f"changes (store filled in {r['fill_s']:.1f} s)\n"
        f"build_report {r['build_s']:.2f} s, markdown {r['markdown_s']:.2f} s, html with map "
        f"and chart {r['html_s']:.2f} s; total {r['total_s']:.2f} s (target < {TARGET_S:.0f} s)\n"
        f"html {r['html_kb']:.0f} KiB, markdown {r['markdown_lines']:.0f} lines\n"
    )
    return 0 if r["total_s"] < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
