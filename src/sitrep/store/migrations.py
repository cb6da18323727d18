"""Versioned schema migrations. Each step upgrades a database by one version."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from ..errors import StoreError
from . import schema as t


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def _to_v1(conn: Connection) -> None:
    _refuse_foreign(conn)
    t.metadata.create_all(conn)


def _refuse_foreign(conn: Connection) -> None:
    """Stop before touching a file whose tables have our names but not our columns.

    Version-0 files (before ``meta``) have the version-1 columns in the tables they hold.
    """
    insp = inspect(conn)
    for name, table in t.metadata.tables.items():
        if not insp.has_table(name):
            continue
        missing = {c.name for c in table.columns} - {c["name"] for c in insp.get_columns(name)}
        if missing:
            raise StoreError(
                f"this is not a sitrep database: its table {name!r} lacks columns "
                f"{sorted(missing)}; give another --db or SITREP_DB"
            )


def _to_v2(conn: Connection) -> None:
    t.ix_events_filter_cover.create(conn, checkfirst=True)


STEPS: dict[int, Callable[[Connection], None]] = {1: _to_v1, 2: _to_v2}


def upgrade(conn: Connection) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; refuse a database newer than this code."""
    version = current_version(conn)
    if version > t.SCHEMA_VERSION:
        raise StoreError(
            f"database schema v{version} is newer than this sitrep (v{t.SCHEMA_VERSION}); "
            "upgrade sitrep"
        )
    for target in range(version + 1, t.SCHEMA_VERSION + 1):
        STEPS[target](conn)
        if version == 0 and target == 1:
            conn.execute(t.meta.insert().values(key="schema_version", value=str(target)))
        else:
            conn.execute(
                t.meta.update().where(t.meta.c.key == "schema_version").values(value=str(target))
            )
    return t.SCHEMA_VERSION
