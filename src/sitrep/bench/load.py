"""A bounded load test on loopback: many clients mixing reads and ingests, then a count.

It starts ``sitrep serve`` on 127.0.0.1 over a fresh SQLite file seeded with the sample
documents, sends a FIXED plan of requests (spread over ``--duration`` seconds by
``--clients`` concurrent clients; it stops by itself when the plan is done or at
``--max-wall``), then checks every acknowledged ingest is stored exactly once.

    PYTHONPATH=src python -m sitrep.bench.load                     # 50 clients, 60 s
    PYTHONPATH=src python -m sitrep.bench.load --clients 10 --duration 10 --requests 300
    PYTHONPATH=src python -m sitrep.bench.load --pg postgresql://user@127.0.0.1:5432/postgres

Exit code 1 when any request failed, any acknowledged ingest is missing or duplicated, or
the database fails its integrity check.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..ids import article_id
from ..settings import normalise_db_url
from ..store import open_store
from ..web.synthetic import fill_sample

READS = (
    "/api/events?limit=50",
    "/api/events?type=ASSAULT&since=2024-12-01",
    "/api/incidents",
    "/api/map",
    "/api/timeline",
    "/api/stats",
    "/api/articles",
    "/api/claims",
    "/api/control?as_of=2024-12-08",
    "/api/actors",
    "/",
    "/articles",
)
TOWNS = ("Hama", "Homs", "Aleppo", "Idlib", "Daraa", "Raqqa", "Deir ez-Zor", "Latakia")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)  # article ids the server added
    unsent: int = 0
    retries: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ingest_text(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return (
        f"{town.upper()}, Syria — Load report {n}: artillery shelled the outskirts of {town} "
        f"on Saturday, a war monitor said.\nResidents said {n % 9 + 2} houses were damaged."
    )


def plan(requests: int, ingest_every: int) -> list[tuple[str, str]]:
    """The fixed request plan: ("read", path) or ("ingest", n), interleaved."""
    out: list[tuple[str, str]] = []
    for i in range(requests):
        if ingest_every and i % ingest_every == ingest_every - 1:
            out.append(("ingest", str(i)))
        else:
            out.append(("read", READS[i % len(READS)]))
    return out


async def client_loop(
    http: httpx.AsyncClient,
    jobs: list[tuple[str, str]],
    start: float,
    spacing: float,
    stop_at: float,
    token: str,
    tally: Tally,
) -> None:
    for k, (kind, arg) in enumerate(jobs):
        due = start + k * spacing
        now = time.monotonic()
        if now >= stop_at:
            tally.unsent += len(jobs) - k
            return
        if due > now:
            await asyncio.sleep(due - now)
        t0 = time.perf_counter()
        try:
            if kind == "read":
                try:
                    resp = await http.get(arg)
                except (httpx.ReadError, httpx.RemoteProtocolError):
                    # a kept-alive connection the server closed as we reused it: a GET is
                    # safe to resend, as browsers do; counted, not hidden
                    tally.retries += 1
                    resp = await http.get(arg)
            else:
                url = f"https://load.example/{arg}"
                resp = await http.post(
                    "/api/ingest",
                    content=ingest_text(int(arg)).encode(),
                    params={"url": url, "published": "2024-12-07", "outlet": "Load Wire"},
                    headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
                )
            elapsed = time.perf_counter() - t0
            if resp.status_code != 200:
                tally.errors.append(f"{kind} {arg}: HTTP {resp.status_code} {resp.text[:200]}")
                continue
            tally.latencies[kind].append(elapsed)
            if kind == "ingest":
                body = resp.json()
                if body.get("added") != 1 or body.get("errors"):
                    tally.errors.append(f"ingest {arg}: unexpected report {body}")
                else:
                    tally.acknowledged.append(article_id("", f"https://load.example/{arg}"))
        except httpx.HTTPError as exc:
            tally.errors.append(f"{kind} {arg}: {type(exc).__name__}: {exc}")


async def run_clients(
    base: str,
    token: str,
    jobs: list[tuple[str, str]],
    clients: int,
    duration: float,
    max_wall: float,
) -> tuple[Tally, float]:
    tally = Tally()
    per_client = [jobs[i::clients] for i in range(clients)]
    longest = max(len(j) for j in per_client)
    spacing = duration / max(longest, 1)
    # idle connections are dropped well before uvicorn's 5 s keep-alive timeout closes them
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0
    )
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        start = time.monotonic()
        await asyncio.gather(
            *(
                client_loop(
                    http,
                    part,
                    start + i * spacing / clients,
                    spacing,
                    start + max_wall,
                    token,
                    tally,
                )
                for i, part in enumerate(per_client)
            )
        )
        wall = time.monotonic() - start
    return tally, wall


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def wait_until_up(base: str, proc: subprocess.Popen[bytes], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited early with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not answer within 120 s")


def check_store(url: str, acknowledged: list[str], seeded: int) -> dict[str, Any]:
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            if store.dialect == "sqlite":
                integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
                fk = len(conn.exec_driver_sql("PRAGMA foreign_key_check").all())
            else:  # PostgreSQL checks foreign keys on every write
                integrity, fk = "ok", 0
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles")]
    finally:
        store.close()
    stored = set(ids)
    return {
        "integrity": integrity,
        "foreign_key_violations": fk,
        "lost_ingests": sum(1 for a in acknowledged if a not in stored),
        "duplicate_ids": len(ids) - len(stored),
        "articles": len(ids),
        "expected_articles": seeded + len(set(acknowledged)),
    }


@contextmanager
def fresh_database(pg_url: str | None) -> Iterator[str]:
    """A new empty database: an SQLite file, or a PostgreSQL database dropped afterwards."""
    if pg_url is None:
        with tempfile.TemporaryDirectory(prefix="sitrep-load-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'load.db'}"
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(normalise_db_url(pg_url), isolation_level="AUTOCOMMIT")
    name = "sitrep_load_" + secrets.token_hex(4)
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds the plan is spread over")
    ap.add_argument("--requests", type=int, default=3000, help="total requests in the plan")
    ap.add_argument("--ingest-every", type=int, default=20, help="one request in N is an ingest")
    ap.add_argument("--max-wall", type=float, default=300.0, help="hard stop, seconds")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--pg", default=None, help="PostgreSQL server URL: run on a new database there")
    args = ap.parse_args(argv)

    with fresh_database(args.pg) as db:
        store = open_store(db)
        seeded = len(fill_sample(store))
        store.close()
        token = secrets.token_urlsafe(24)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "SITREP_TOKEN": token}
        cmd = [sys.executable, "-m", "sitrep", "serve", "--db", db, "--port", str(port)]
        server = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_until_up(base, server)
            t0 = time.perf_counter()  # the first ingest loads the pipeline: not timed below
            warm = httpx.post(
                base + "/api/ingest",
                content=ingest_text(-1).encode(),
                params={"url": "https://load.example/warm-up"},
                headers={"Authorization": f"Bearer {token}"},
                timeout=300,
            )
            warm.raise_for_status()
            warmup = time.perf_counter() - t0
            jobs = plan(args.requests, args.ingest_every)
            tally, wall = asyncio.run(
                run_clients(base, token, jobs, args.clients, args.duration, args.max_wall)
            )
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)
        stored = check_store(db, tally.acknowledged, seeded + 1)

    all_lat = [x for v in tally.latencies.values() for x in v]
    report: dict[str, Any] = {
        "clients": args.clients,
        "planned_requests": len(jobs),
        "completed": len(all_lat),
        "errors": len(tally.errors),
        "unsent": tally.unsent,
        "get_retries": tally.retries,
        "wall_s": round(wall, 1),
        "throughput_rps": round(len(all_lat) / wall, 1) if wall else 0.0,
        "warmup_first_ingest_s": round(warmup, 1),
        "ingests_acknowledged": len(tally.acknowledged),
        **stored,
    }
    for kind in ("read", "ingest", "all"):
        values = all_lat if kind == "all" else tally.latencies.get(kind, [])
        for p in (50, 95, 99):
            report[f"{kind}_p{p}_ms"] = round(percentile(values, p) * 1000, 1)
    if args.json:
        kinds = Counter(re.sub(r"^\S+ \S+: ", "", e)[:120] for e in tally.errors)
        print(
            json.dumps(
                {**report, "error_kinds": kinds, "error_samples": tally.errors[:10]}, indent=2
            )
        )
    else:
        for key, value in report.items():
            print(f"{key:24} {value}")
        for err in tally.errors[:10]:
            print("error:", err)
    ok = (
        not tally.errors
        and not tally.unsent
        and stored["lost_ingests"] == 0
        and stored["duplicate_ids"] == 0
        and stored["integrity"] == "ok"
        and stored["foreign_key_violations"] == 0
        and stored["articles"] == stored["expected_articles"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
