"""Web benchmarks: API latency over a large event table and dashboard first paint.

    python -m sitrep.bench.web [--events 1000000] [--incidents 10000] [--queries 300]
                               [--out bench-out/web] [--skip-api] [--skip-browser]

API: builds (once; reused when the row count matches) an SQLite database with ``--events``
synthetic events by bulk insert, serves it with uvicorn, and times filtered event queries
(type + 30-day window + bounding box + minimum sources, 100 rows, newest first) over HTTP.
Browser: builds a database with ``--incidents`` incidents, loads the dashboard in Debian's
chromium and reports first contentful paint and the time until every marker, boundary and
the control layer are drawn. Targets: API p99 < 100 ms, dashboard ready < 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ..settings import Settings
from ..store import open_store
from ..web.app import create_app
from ..web.assets import leaflet_installed

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TYPES = ("ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST",
         "ACCUSE", "CONSULT", "THREATEN", "AID", "AGREE", "REJECT", "SUPPORT", "SANCTION")
MODALITIES = ("asserted",) * 6 + ("reported",) * 3 + ("alleged", "hypothetical", "denied")
START = dt.date(2023, 1, 1)
DAYS = 730
SYRIA = (35.7, 32.3, 42.4, 37.3)  # west, south, east, north


def _point(rng: random.Random) -> tuple[float, float]:
    w, s, e, n = SYRIA
    return round(rng.uniform(s, n), 4), round(rng.uniform(w, e), 4)


def _row_count(path: Path, table: str) -> int:
    if not path.exists():
        return -1
    with sqlite3.connect(path) as conn:
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.OperationalError:
            return -1


def build_events_db(path: Path, n: int, seed: int = 7) -> float:
    """Create ``path`` with ``n`` events (and one article per 20 events); return seconds."""
    t0 = time.perf_counter()
    path.unlink(missing_ok=True)
    open_store(f"sqlite:///{path}").close()
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).isoformat()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    n_articles = max(1, n // 20)
    conn.executemany(
        "INSERT INTO articles (id, title, outlet, published, language, source_format, credits,"
        " text, doc_json, n_events, n_claims, ingested_at)"
        " VALUES (?, ?, ?, ?, 'en', 'text', '[]', ?, '{}', 20, 0, ?)",
        ((f"a-{i:08d}", f"Synthetic report {i}", f"Outlet {i % 50}",
          (START + dt.timedelta(days=i % DAYS)).isoformat(), "synthetic text", now)
         for i in range(n_articles)),
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            lat, lon = _point(rng)
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            yield (f"e-{i:09d}", f"a-{i % n_articles:08d}", 0, "struck", 0, 6,
                   rng.choice(TYPES), None, f"SYR.actor-{rng.randrange(200)}", "Actor",
                   f"gn-{rng.randrange(2000)}", "Town", lat, lon, "SY", "Province", 1,
                   day.isoformat(), "day", rng.choice(MODALITIES), round(rng.random(), 2),
                   rng.randrange(4), "[]", "Outlet", day.isoformat())

    conn.executemany(
        "INSERT INTO events (id, article_id, sentence, trigger_text, trigger_start, trigger_end,"
        " plover_type, plover_mode, actor1_id, actor1_name, place_id, place_name, lat, lon,"
        " country, admin1, geo_precision, date, date_precision, modality, confidence,"
        " n_sources, sources_json, outlet, published)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - t0


def build_incidents_db(path: Path, n: int, seed: int = 11) -> None:
    path.unlink(missing_ok=True)
    open_store(f"sqlite:///{path}").close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)

    def rows() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            lat, lon = _point(rng)
            day = START + dt.timedelta(days=rng.randrange(120))
            sources = rng.randrange(1, 9)
            yield (f"i-{i:07d}", rng.choice(TYPES), f"gn-{rng.randrange(2000)}",
                   f"Town {rng.randrange(2000)}", lat, lon, "SY", 1, day.isoformat(),
                   day.isoformat(), day.isoformat(), 1, rng.choice(MODALITIES), sources,
                   sources, max(1, sources - 1), False, False, 0.5, "{}")

    conn.executemany(
        "INSERT INTO incidents (id, plover_type, place_id, place_name, lat, lon, country,"
        " geo_precision, date, date_min, date_max, time_precision, modality, n_mentions,"
        " sources_count, independent_sources, cross_alignment, contradicted, corroboration,"
        " data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    conn.commit()
    conn.close()


def bench_app() -> Any:
    """The app over ``SITREP_DB``, for ``uvicorn --factory`` in a separate process."""
    settings = Settings.from_env()
    return create_app(settings, open_store(settings.db_url))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), 0.0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    base: str
    pid: int


@contextmanager
def serving(db: Path) -> Iterator[Server]:
    """Serve ``db`` with uvicorn in its own process, so the client does not share its GIL."""
    port = _free_port()
    env = {**os.environ, "SITREP_DB": f"sqlite:///{db.resolve()}",
           "PYTHONPATH": os.pathsep.join(filter(None, [_src_dir(), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "sitrep.bench.web:bench_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/stats", timeout=30).raise_for_status()
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the benchmark server did not start") from None
                time.sleep(0.2)
        yield Server(base, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _src_dir() -> str:
    return str(Path(__file__).resolve().parents[2])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def api_latency(db: Path, queries: int, seed: int = 3) -> dict[str, Any]:
    rng = random.Random(seed)
    times: list[float] = []
    returned = 0
    with serving(db) as server, httpx.Client(base_url=server.base, timeout=30) as client:
        client.get("/api/stats")
        cpu0 = cpu_seconds(server.pid)
        for _ in range(queries):
            since = START + dt.timedelta(days=rng.randrange(DAYS - 30))
            w, s = rng.uniform(35.7, 40.0), rng.uniform(32.3, 35.0)
            params: dict[str, Any] = {
                "type": rng.choice(TYPES), "since": since.isoformat(),
                "until": (since + dt.timedelta(days=30)).isoformat(),
                "bbox": f"{w:.3f},{s:.3f},{w + 2:.3f},{s + 2:.3f}",
                "min_sources": rng.choice((0, 1, 2)), "limit": 100,
            }
            t0 = time.perf_counter()
            response = client.get("/api/events", params=params)
            times.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
            returned += len(response.json()["items"])
        cpu = cpu_seconds(server.pid) - cpu0
    return {"queries": queries, "mean_rows": returned / queries,
            "server_cpu_ms_per_query": round(cpu * 1000 / queries, 1),
            "p50_ms": _percentile(times, 0.5), "p95_ms": _percentile(times, 0.95),
            "p99_ms": _percentile(times, 0.99), "max_ms": max(times),
            "mean_ms": statistics.fmean(times)}


def first_paint(db: Path, runs: int = 3) -> dict[str, Any]:
    if not CHROMIUM.exists():
        return {"skipped": "no /usr/bin/chromium (apt-get install chromium)"}
    if not leaflet_installed():
        return {"skipped": "Leaflet not installed (scripts/install-web-assets.sh)"}
    from playwright.sync_api import sync_playwright

    fcp, ready, main_thread, server_cpu = [], [], [], []
    with serving(db) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            cpu0 = cpu_seconds(server.pid)
            page.goto(server.base + "/")
            page.wait_for_selector("#dash[data-ready='true']", timeout=60_000)
            server_cpu.append((cpu_seconds(server.pid) - cpu0) * 1000)
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            main_thread.append(metrics.get("TaskDuration", -1) * 1000)
            fcp.append(page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"))
            ready.append(float(page.locator("#dash").get_attribute("data-ready-ms") or -1))
            markers = page.locator("#status").inner_text()
            context.close()
        browser.close()
    return {"runs": runs, "status": markers, "fcp_ms": statistics.median(fcp),
            "ready_ms_median": statistics.median(ready), "ready_ms_max": max(ready),
            "browser_main_thread_ms": round(statistics.median(main_thread)),
            "server_cpu_ms": round(statistics.median(server_cpu))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sitrep.bench.web", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--out", type=Path, default=Path("bench-out/web"))
    ap.add_argument("--skip-api", action="store_true")
    ap.add_argument("--skip-browser", action="store_true")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {}
    if not args.skip_api:
        db = args.out / f"events-{args.events}.db"
        if _row_count(db, "events") != args.events:
            result["build_seconds"] = round(build_events_db(db, args.events), 1)
        result["api"] = {"events": args.events, **api_latency(db, args.queries)}
    if not args.skip_browser:
        db = args.out / f"incidents-{args.incidents}.db"
        if _row_count(db, "incidents") != args.incidents:
            build_incidents_db(db, args.incidents)
        result["browser"] = {"incidents": args.incidents, **first_paint(db)}
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    result["cpus"] = os.cpu_count()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
