"""The ``sitrep gazetteer`` command group (registered on the CLI by ``sitrep.cli``)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..errors import SitrepError
from ..settings import Settings
from .build import build_gazetteer
from .gazetteer import Gazetteer


@click.group("gazetteer")
def gazetteer() -> None:
    """Build and inspect the offline place gazetteer."""


@gazetteer.command("build")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the gazetteer (default: the configured gazetteer path).",
)
@click.option(
    "--geonames-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Build from GeoNames dump files in DIR instead of the packages.",
)
@click.pass_obj
def build(obj: object, out: Path | None, geonames_dir: Path | None) -> None:
    """Build the gazetteer file.

    Example: sitrep gazetteer build --out ./gazetteer.sqlite
    """
    settings = obj if isinstance(obj, Settings) else Settings.from_env()
    target = out or settings.gazetteer_path
    started = time.perf_counter()
    try:
        path = build_gazetteer(
            target, source="geonames" if geonames_dir else "packages", geonames_dir=geonames_dir
        )
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path} in {time.perf_counter() - started:.1f}s")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--gazetteer", "path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_obj
def lookup(obj: object, name: str, path: Path | None) -> None:
    """Print the places a name can mean, most populous first.

    Example: sitrep gazetteer lookup "Deir Ezzor"
    """
    settings = obj if isinstance(obj, Settings) else Settings.from_env()
    try:
        gaz = Gazetteer.open(path or settings.gazetteer_path)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc
    for e in sorted(gaz.lookup(name), key=lambda e: -e.population):
        click.echo(
            f"gn:{e.id}\t{e.name}\t{e.feature}\t{e.country or ''}\t{e.admin1 or ''}\t"
            f"{e.population}\t{e.lat},{e.lon}\t{e.kind}"
        )
