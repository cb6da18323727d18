"""The ``sitrep fuse`` command group (to be registered on the CLI by ``sitrep.cli``).

    sitrep fuse run --db sitrep.db
    sitrep fuse incidents --since 2024-12-01 --format csv --out incidents.csv
    sitrep fuse timeline Homs
    sitrep fuse control-geojson --as-of 2024-12-08 > control.geojson
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from ..errors import SitrepError
from ..ids import normalise_text
from ..settings import Settings
from ..store import Store, open_store
from .contract import control_to_contract, render_control_table

FORMATS = ("json", "csv", "geojson", "plover", "parquet")


DAY = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _store(db: str | None) -> Store:
    try:
        return open_store(Settings.from_env(db_url=db).db_url)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc


db_option = click.option("--db", default=None, help="Database URL or SQLite path.")


@click.group("fuse")
def fuse() -> None:
    """Incidents and control: rebuild them, export incidents, show a place's timeline."""


@fuse.command("run")
@db_option
def run(db: str | None) -> None:
    """Rebuild incidents and the control timeline from every stored article.

    Example: sitrep fuse run --db sitrep.db
    """
    from .persist import fuse_store

    click.echo(json.dumps(fuse_store(_store(db)).as_dict()))


@fuse.command("incidents")
@db_option
@click.option("--since", type=DAY, default=None, help="First date, YYYY-MM-DD.")
@click.option("--until", type=DAY, default=None, help="Last date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file.")
def incidents(
    db: str | None, since: dt.datetime | None, until: dt.datetime | None, fmt: str,
    out: str | None,
) -> None:
    """Export incidents, one row per real-world event (ACLED-style CSV and the rest).

    Example: sitrep fuse incidents --since 2024-12-01 --format csv > incidents.csv
    """
    from ..export import export_incidents

    store = _store(db)
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    try:
        if out is None:
            export_incidents(store, fmt, _day(since), _day(until), sys.stdout)
            return
        if fmt == "parquet":
            with open(out, "wb") as raw:
                export_incidents(store, fmt, _day(since), _day(until), raw)
        else:
            with open(out, "w", encoding="utf-8") as text:
                export_incidents(store, fmt, _day(since), _day(until), text)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc


@fuse.command("timeline")
@db_option
@click.argument("place")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def timeline(db: str | None, place: str, fmt: str) -> None:
    """Every control entry of one place (its name or id), oldest first.

    Example: sitrep fuse timeline Homs
    """
    from .persist import control_timeline

    wanted = normalise_text(place)
    entries = [
        e for key, tl in control_timeline(_store(db)).items()
        for e in tl if key == place or normalise_text(e.place.name) == wanted
    ]
    if not entries:
        raise click.ClickException(f"no control entries for {place!r}; run `sitrep fuse run`")
    if fmt == "json":
        click.echo(json.dumps([control_to_contract(e) for e in entries], ensure_ascii=False,
                              indent=2))
    else:
        click.echo(render_control_table(entries), nl=False)


@fuse.command("control-geojson")
@db_option
@click.option("--as-of", "as_of", type=DAY, required=True, help="Date, YYYY-MM-DD.")
def control_geojson(db: str | None, as_of: dt.datetime) -> None:
    """Control on a date as a GeoJSON FeatureCollection (one point per place).

    Example: sitrep fuse control-geojson --as-of 2024-12-08 > control.geojson
    """
    from ..export import export_control_geojson

    export_control_geojson(_store(db), as_of.date(), sys.stdout)
