"""``sitrep report``: the click command the CLI registers (``cli.add_command(report)``)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import InputError


def _date(_ctx: Any, _param: Any, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-12-08") from None


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise InputError("--bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise InputError("--bbox must be west,south,east,north in degrees, west <= east")
    return (w, s, e, n)


@click.command()
@click.option("--db", "db", default=None,
              help="Database URL or SQLite path (default: $SITREP_DB or sitrep.db).")
@click.option("--from", "since", callback=_date, required=True, help="First day, YYYY-MM-DD.")
@click.option("--to", "until", callback=_date, required=True, help="Last day, YYYY-MM-DD.")
@click.option("--region", default=None, help="Named region (north-east, ...) or governorate.")
@click.option("--bbox", default=None, help="Area as west,south,east,north in degrees.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (required for pdf); standard output otherwise.")
@click.option("--link-base", default="http://127.0.0.1:8000", show_default=True,
              help="Web app address the incident links open.")
def report(db: str | None, since: dt.date, until: dt.date, region: str | None,
           bbox: str | None, fmt: str, out: Path | None, link_base: str) -> None:
    """Write the situation report for a period and area.

    Example: sitrep report --from 2024-11-27 --to 2024-12-10 --format html --out sitrep.html
    """
    from ..settings import Settings
    from ..store import open_store
    from . import Scope, build_report, resolve_region, write_report

    if region and bbox:
        raise InputError("give --region or --bbox, not both")
    if since > until:
        raise InputError("--from must not be after --to")
    area: tuple[float, float, float, float] | None = parse_bbox(bbox) if bbox else None
    name = None
    if region:
        name, area = resolve_region(region)
    store = open_store(Settings.from_env(db_url=db).db_url)
    built = build_report(store, Scope(since, until, area, name), link_base=link_base,
                         generated=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    body = write_report(built, fmt, out)
    if body is not None:
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
    else:
        click.echo(f"report written to {out}", err=True)
