"""The ``sitrep`` command line: a thin shell over the library.

Each command parses its options, calls one library function and renders the result.
Expected errors print one line on stderr and exit with code 2.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from .errors import SitrepError
from .ingest import Defaults, Record, RecordError, read_paths
from .settings import Settings

if TYPE_CHECKING:
    from .engine import IngestReport

EXIT_INPUT = 2


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-12-08") from None


db_option = click.option(
    "--db",
    "db",
    default=None,
    help="Database URL or SQLite path (default: $SITREP_DB or sitrep.db).",
)


def _settings(db: str | None = None) -> Settings:
    return Settings.from_env(db_url=db)


@contextmanager
def _progress(label: str, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; nothing when stderr is piped."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda n: None
        return
    with click.progressbar(length=0, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def _checked(records: Iterator[Record]) -> Iterator[Record]:
    """Read the first record now, so a bad single input fails before the models load."""
    first = next(records, None)
    return records if first is None else itertools.chain([first], records)


def _report_errors(errors: list[RecordError]) -> None:
    for err in errors:
        click.echo(f"sitrep: {err}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def cli() -> None:
    """sitrep: conflict reporting in, sourced and geolocated events out."""


def _input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--url", default=None, help="URL of the article (text input).")(f)
    f = click.option("--outlet", default=None, help="Outlet that published the input.")(f)
    f = click.option(
        "--published", callback=_date, default=None, help="Publication date, YYYY-MM-DD."
    )(f)
    return click.argument("paths", nargs=-1, required=True)(f)


def _defaults(settings: Settings, published: Any, outlet: Any, url: Any) -> Defaults:
    return Defaults(
        published=published, outlet=outlet, url=url, max_chars=settings.max_article_chars
    )


@cli.command()
@_input_options
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json")
def extract(paths: tuple[str, ...], published: Any, outlet: Any, url: Any, fmt: str) -> None:
    """Extract events, claims, actors and places from articles and print them.

    PATHS are .txt, .html, .xml/.rss/.atom or .jsonl files, directories, URLs or - for stdin.

    Example: sitrep extract article.txt --published 2024-12-08 --format json
    """
    from .engine import Resources, build_pipeline
    from .engine import extract as run
    from .serialize import document_to_dict

    settings = _settings()
    records = _checked(read_paths(paths, _defaults(settings, published, outlet, url)))
    pipeline = build_pipeline(Resources.load(settings))
    errors: list[RecordError] = []
    out = sys.stdout
    docs = run(records, pipeline, errors)
    if fmt == "jsonl":
        for doc in docs:
            out.write(json.dumps(document_to_dict(doc), ensure_ascii=False) + "\n")
    else:
        items = [document_to_dict(d) for d in docs]
        body: Any = items[0] if len(items) == 1 and not errors else items
        json.dump(body, out, ensure_ascii=False, indent=2)
        out.write("\n")
    _report_errors(errors)
    if errors:
        sys.exit(EXIT_INPUT)


@cli.command()
@_input_options
@db_option
@click.option("--no-fuse", is_flag=True, help="Store only; do not rebuild incidents and control.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Run N worker processes (a local Dask cluster).",
)
@click.option("--scheduler", default=None, help="Dask scheduler address, tcp://HOST:PORT.")
@click.option(
    "--shards",
    "shards_dir",
    default=None,
    help="With --workers/--scheduler: write Parquet result shards to this directory "
    "instead of the store; load them later with `sitrep load DIR`.",
)
def ingest(
    paths: tuple[str, ...],
    published: Any,
    outlet: Any,
    url: Any,
    db: str | None,
    no_fuse: bool,
    workers: int | None,
    scheduler: str | None,
    shards_dir: str | None,
) -> None:
    """Extract articles and store them; already stored articles are skipped.

    Example: sitrep ingest src/sitrep/samples/syria-2024-12 --db sitrep.db --workers 2
    """
    from .store import open_store

    if shards_dir and not (workers or scheduler):
        raise click.UsageError("--shards needs --workers N or --scheduler ADDRESS")
    settings = _settings(db)
    records = _checked(read_paths(paths, _defaults(settings, published, outlet, url)))
    with _progress("ingesting", True) as step:
        if workers or scheduler:
            from .scale import ingest_distributed

            report = ingest_distributed(
                records,
                None if shards_dir else open_store(settings.db_url),
                settings,
                workers=workers,
                scheduler=scheduler,
                fuse=not no_fuse,
                progress=step,
                shards_dir=shards_dir,
            )
        else:
            from .engine import Resources, build_pipeline
            from .engine import ingest as run

            store = open_store(settings.db_url)
            pipeline = build_pipeline(Resources.load(settings))
            report = run(records, pipeline, store, fuse=not no_fuse, progress=step)
    _finish(report, "written to shards" if shards_dir else "added")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@db_option
@click.option("--no-fuse", is_flag=True, help="Store only; do not rebuild incidents and control.")
def load(directory: str, db: str | None, no_fuse: bool) -> None:
    """Load the Parquet result shards of `sitrep ingest --shards DIR` into the store.

    Example: sitrep load shards/ --db postgresql+psycopg://user:pass@host/sitrep
    """
    from .shards import load_shards
    from .store import open_store

    store = open_store(_settings(db).db_url)
    with _progress("loading", True) as step:
        report = load_shards(store, directory, fuse=not no_fuse, progress=step)
    _finish(report, "added")


def _finish(report: IngestReport, added: str) -> None:
    _report_errors(report.errors)
    click.echo(
        f"read {report.read}, {added} {report.added}, already stored {report.skipped}, "
        f"errors {len(report.errors)}",
        err=True,
    )
    if report.errors:
        sys.exit(EXIT_INPUT)


@cli.command()
@db_option
@click.option("--as-of", "as_of", callback=_date, required=True, help="Date, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
def control(db: str | None, as_of: dt.date, fmt: str) -> None:
    """Who controls which place on a date.

    Example: sitrep control --as-of 2024-12-08 --format table
    """
    from .fuse.persist import control_as_of, control_table, control_to_contract
    from .store import open_store

    store = open_store(_settings(db).db_url)
    entries = control_as_of(store, as_of)
    if fmt == "table":
        click.echo(control_table(entries))
    else:
        click.echo(
            json.dumps([control_to_contract(e) for e in entries], ensure_ascii=False, indent=2)
        )


@cli.command()
@db_option
@click.option("--since", callback=_date, default=None, help="First date, YYYY-MM-DD.")
@click.option("--until", callback=_date, default=None, help="Last date, YYYY-MM-DD.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "geojson", "plover", "parquet"]),
    default="json",
)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file.")
def events(
    db: str | None, since: dt.date | None, until: dt.date | None, fmt: str, out: str | None
) -> None:
    """Export stored events (JSON, ACLED-style CSV, GeoJSON, PLOVER JSON or Parquet).

    Example: sitrep events --since 2024-12-01 --format csv > events.csv
    """
    from .export import export_events
    from .store import open_store

    store = open_store(_settings(db).db_url)
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    if out is None:
        export_events(store, fmt, since, until, sys.stdout)
    elif fmt == "parquet":
        with open(out, "wb") as bfh:
            export_events(store, fmt, since, until, bfh)
    else:
        with open(out, "w", encoding="utf-8") as tfh:
            export_events(store, fmt, since, until, tfh)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the map, pages and JSON API.

    Example: sitrep serve --db sitrep.db --port 8000
    """
    import uvicorn

    from .store import open_store
    from .web.app import create_app

    settings = _settings(db)
    # on loopback, answer only requests addressed to loopback names: a web page whose
    # domain is re-pointed at 127.0.0.1 (DNS rebinding) cannot read the local API
    local = ["127.0.0.1", "localhost"] if host in ("127.0.0.1", "localhost") else None
    app = create_app(settings, open_store(settings.db_url), allowed_hosts=local)
    uvicorn.run(app, host=host, port=port, log_level="info")


def _register_groups() -> None:
    """Commands that live beside their library code."""
    from .actors.commands import actors
    from .fuse.commands import fuse
    from .places.commands import gazetteer
    from .report.commands import report

    cli.add_command(actors)
    cli.add_command(fuse)
    cli.add_command(gazetteer)
    cli.add_command(report)


_register_groups()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="sitrep", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("sitrep: aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:  # one line, not click's usage block
        where = exc.ctx.command_path if exc.ctx is not None else "sitrep"
        click.echo(f"sitrep: {exc.format_message()} (see {where} --help)", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        click.echo(f"sitrep: {exc.format_message()}", err=True)
        sys.exit(EXIT_INPUT)
    except SitrepError as exc:
        click.echo(f"sitrep: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("SITREP_DEBUG"):
            raise
        click.echo(f"sitrep: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
