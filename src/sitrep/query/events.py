"""Events and incidents: filtering, sorting, paging, the timeline, map points and stats."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Row,
    Select,
    String,
    Table,
    and_,
    func,
    or_,
    select,
    type_coerce,
)

from ..errors import InputError, NotFoundError
from ..models import MODALITIES
from ..store import Store
from ..store import schema as t

JSON = dict[str, Any]
MAX_LIMIT = 20_000
SORT_KEYS = ("date", "sources", "confidence", "id")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to select from events or incidents.

    ``bbox`` is (west, south, east, north) in degrees; west > east crosses the antimeridian.
    A window that holds nothing (``since`` after ``until``, south above north) selects nothing.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    place: str | None = None
    actor: str | None = None
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    min_sources: int = 0
    article: str | None = None
    incident: str | None = None
    sort: str = "-date"
    limit: int = 100
    offset: int = 0
    after: str | None = None  # id of the previous page's last row; offset is then ignored

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {self.limit}")
        if self.offset < 0:
            raise InputError(f"offset must be 0 or more, got {self.offset}")
        if self.sort.lstrip("-") not in SORT_KEYS:
            keys = ", ".join(SORT_KEYS)
            raise InputError(f"sort must be one of {keys} (prefix - for descending)")
        bad = [m for m in self.modalities if m not in MODALITIES]
        if bad:
            raise InputError(f"unknown modality {bad[0]!r}; use one of {', '.join(MODALITIES)}")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results. ``has_more`` tells whether ``offset + limit`` has more rows."""

    items: tuple[JSON, ...]
    limit: int
    offset: int
    has_more: bool = False
    extra: JSON = field(default_factory=dict)

    def to_dict(self) -> JSON:
        nxt = self.offset + self.limit if self.has_more else None
        return {"items": list(self.items), "limit": self.limit, "offset": self.offset,
                "next_offset": nxt, "next_after": None, **self.extra}


def iso_date(value: dt.date | str | None) -> str | None:
    """ISO text of a date; SQLite hands back the stored text when the column is read as text."""
    if value is None or isinstance(value, str):
        return value or None
    return value.isoformat()


def _as_stored(table: Table) -> list[Any]:
    """The table's columns, dates read as stored text: parsing thousands of dates only to
    print them again is most of the cost of a page (PostgreSQL still returns dates)."""
    return [type_coerce(c, String).label(c.name) if isinstance(c.type, Date) else c
            for c in table.c]


def ref_dict(id_: str | None, name: str | None) -> JSON | None:
    return None if id_ is None else {"id": id_, "name": name}


def _where(table: Table, f: EventFilter) -> list[ColumnElement[bool]]:
    c = table.c
    sources = c.n_sources if table is t.events else c.sources_count
    cond: list[ColumnElement[bool]] = []
    if f.since:
        cond.append(c.date >= f.since)
    if f.until:
        cond.append(c.date <= f.until)
    if f.bbox:
        w, s, e, n = f.bbox
        cond.append(c.lat.between(s, n))
        cond.append(c.lon.between(w, e) if w <= e else or_(c.lon >= w, c.lon <= e))
    if f.place:
        cond.append(c.place_id == f.place)
    if f.actor:
        cond.append(or_(c.actor1_id == f.actor, c.actor2_id == f.actor))
    if len(f.types) == 1:
        cond.append(c.plover_type == f.types[0])
    elif f.types:
        cond.append(c.plover_type.in_(f.types))
    if f.modalities:
        cond.append(c.modality.in_(f.modalities))
    if f.min_sources > 0:
        cond.append(sources >= f.min_sources)
    if f.article:
        if table is not t.events:
            raise InputError("the article filter applies to events only")
        cond.append(c.article_id == f.article)
    if f.incident:
        if table is not t.events:
            raise InputError("the incident filter applies to events only")
        cond.append(c.incident_id == f.incident)
    return cond


def _sort_column(table: Table, f: EventFilter) -> Any:
    c = table.c
    return {
        "date": c.date,
        "sources": c.n_sources if table is t.events else c.sources_count,
        "confidence": c.confidence if table is t.events else c.corroboration,
        "id": c.id,
    }[f.sort.lstrip("-")]


def _ordered(stmt: Select[Any], table: Table, f: EventFilter) -> Select[Any]:
    """Sort by the key, then id; rows without a value come last in both directions."""
    col = _sort_column(table, f)
    desc = f.sort.startswith("-")
    first = (col.desc() if desc else col.asc()).nulls_last()
    return stmt.order_by(first, table.c.id.desc() if desc else table.c.id.asc())


def _after(conn: Any, table: Table, f: EventFilter, row_id: str) -> ColumnElement[bool]:
    """Rows after row ``row_id`` in the page order (keyset pagination)."""
    col, ids = _sort_column(table, f), table.c.id
    value = conn.execute(select(col).where(ids == row_id)).first()
    if value is None:
        raise NotFoundError(f"no row with id {row_id!r} to page after; pass the last id of "
                            "the previous page (its next_after)")
    desc = f.sort.startswith("-")
    id_after = ids < row_id if desc else ids > row_id
    if value[0] is None:
        return and_(col.is_(None), id_after)
    beyond = col < value[0] if desc else col > value[0]
    return or_(beyond, and_(col == value[0], id_after), col.is_(None))


def _page(store: Store, table: Table, f: EventFilter, to_dict: Any) -> Page:
    offset = 0 if f.after else f.offset
    with store.engine.connect() as conn:
        stmt = select(*_as_stored(table)).where(*_where(table, f))
        if f.after:
            stmt = stmt.where(_after(conn, table, f, f.after))
        stmt = _ordered(stmt, table, f).limit(f.limit + 1).offset(offset)
        rows = conn.execute(stmt).all()
    more = len(rows) > f.limit
    extra: JSON = {"next_after": rows[f.limit - 1].id} if more else {}
    return Page(tuple(to_dict(r) for r in rows[: f.limit]), f.limit, offset, has_more=more,
                extra=extra)


def _place(r: JSON) -> JSON | None:
    if r["place_id"] is None:
        return None
    return {"id": r["place_id"], "name": r["place_name"], "lat": r["lat"], "lon": r["lon"],
            "country": r["country"], "admin1": r["admin1"], "precision": r["geo_precision"]}


def event_row(row: Row[Any]) -> JSON:
    r = row._asdict()
    return {
        "id": r["id"], "kind": "event", "article_id": r["article_id"],
        "sentence": r["sentence"],
        "trigger": {"text": r["trigger_text"], "start": r["trigger_start"],
                    "end": r["trigger_end"]},
        "plover": {"type": r["plover_type"], "mode": r["plover_mode"]},
        "acled": None if r["acled_event_type"] is None
        else {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]},
        "actor1": ref_dict(r["actor1_id"], r["actor1_name"]),
        "actor2": ref_dict(r["actor2_id"], r["actor2_name"]),
        "place": _place(r),
        "date": {"value": iso_date(r["date"]), "precision": r["date_precision"]},
        "modality": r["modality"], "fatalities": r["fatalities"], "confidence": r["confidence"],
        "sources_count": r["n_sources"],
        "sources": json.loads(r["sources_json"]) if r["n_sources"] else [],
        "outlet": r["outlet"], "published": iso_date(r["published"]),
        "incident_id": r["incident_id"],
    }


def incident_row(row: Row[Any]) -> JSON:
    r = row._asdict()
    return {
        "id": r["id"], "kind": "incident",
        "plover": {"type": r["plover_type"], "mode": r["plover_mode"]},
        "acled": None if r["acled_event_type"] is None
        else {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]},
        "actor1": ref_dict(r["actor1_id"], r["actor1_name"]),
        "actor2": ref_dict(r["actor2_id"], r["actor2_name"]),
        "place": _place(r),
        "date": {"value": iso_date(r["date"]), "min": iso_date(r["date_min"]),
                 "max": iso_date(r["date_max"]), "time_precision": r["time_precision"]},
        "modality": r["modality"], "fatalities": r["fatalities"],
        "fatalities_max": r["fatalities_max"],
        "n_mentions": r["n_mentions"], "sources_count": r["sources_count"],
        "independent_sources": r["independent_sources"], "cross_alignment": r["cross_alignment"],
        "contradicted": r["contradicted"], "corroboration": r["corroboration"],
    }


def list_events(store: Store, f: EventFilter) -> Page:
    return _page(store, t.events, f, event_row)


def list_incidents(store: Store, f: EventFilter) -> Page:
    return _page(store, t.incidents, f, incident_row)


def get_event(store: Store, event_id: str) -> JSON:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.events).where(t.events.c.id == event_id)).first()
    if row is None:
        raise NotFoundError(f"no event with id {event_id!r}; list events at /api/events")
    return event_row(row)


def get_incident(store: Store, incident_id: str) -> JSON:
    """An incident with its fused data and its mentions (the events merged into it)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.incidents).where(t.incidents.c.id == incident_id)).first()
    if row is None:
        raise NotFoundError(f"no incident with id {incident_id!r}; list them at /api/incidents")
    out = incident_row(row)
    out["data"] = json.loads(row.data_json)
    mentions = list_events(store, EventFilter(incident=incident_id, sort="date", limit=MAX_LIMIT))
    out["mentions"] = list(mentions.items)
    return out


@dataclass(frozen=True, slots=True)
class MapPoints:
    """Events or incidents with coordinates, as parallel columns (compact for 10,000+ points)."""

    kind: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool

    def to_dict(self) -> JSON:
        return {"kind": self.kind, "columns": list(self.columns),
                "values": [list(col) for col in zip(*self.rows, strict=True)]
                if self.rows else [[] for _ in self.columns],
                "count": len(self.rows), "truncated": self.truncated}


MAP_COLUMNS = ("id", "lat", "lon", "type", "modality", "sources", "date", "place",
               "actor1", "actor2")


def map_points(store: Store, f: EventFilter, kind: str = "incidents") -> MapPoints:
    """The located rows under the filter, newest first, up to ``f.limit``."""
    table = _table(kind)
    c = table.c
    sources = c.n_sources if table is t.events else c.sources_count
    # the date as stored (ISO text in SQLite) skips parsing 10,000 dates only to print them
    stmt = (select(c.id, c.lat, c.lon, c.plover_type, c.modality, sources,
                   type_coerce(c.date, String), c.place_name, c.actor1_name, c.actor2_name)
            .where(c.lat.is_not(None), *_where(table, f)))
    stmt = _ordered(stmt, table, f).limit(f.limit + 1).offset(f.offset)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    out = tuple((r[0], r[1], r[2], r[3], r[4], r[5],
                 r[6] if r[6] is None or isinstance(r[6], str) else r[6].isoformat(),
                 r[7], r[8], r[9]) for r in rows[: f.limit])
    return MapPoints(kind, MAP_COLUMNS, out, truncated=len(rows) > f.limit)


def timeline(store: Store, f: EventFilter, kind: str = "incidents") -> list[JSON]:
    """Counts per (date, PLOVER type) under the filter, for the histogram."""
    table = _table(kind)
    stmt = (
        select(table.c.date, table.c.plover_type, func.count().label("n"))
        .where(table.c.date.is_not(None), *_where(table, f))
        .group_by(table.c.date, table.c.plover_type)
        .order_by(table.c.date)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [{"date": iso_date(r.date), "type": r.plover_type, "n": r.n} for r in rows]


def _table(kind: str) -> Table:
    if kind not in ("events", "incidents"):
        raise InputError(f"kind must be 'events' or 'incidents', got {kind!r}")
    return t.events if kind == "events" else t.incidents


def stats(store: Store) -> JSON:
    """Row counts, date spans and counts by type and modality."""
    out: JSON = {"counts": store.counts()}
    with store.engine.connect() as conn:
        for kind in ("events", "incidents"):
            table = _table(kind)
            lo, hi = conn.execute(select(func.min(table.c.date), func.max(table.c.date))).one()
            by_type = conn.execute(
                select(table.c.plover_type, func.count()).group_by(table.c.plover_type)
            ).all()
            out[kind] = {"date_min": iso_date(lo), "date_max": iso_date(hi),
                         "by_type": {k: n for k, n in sorted(by_type)}}
        since = conn.execute(
            select(t.control.c.since).where(t.control.c.since.is_not(None)).distinct()
            .order_by(t.control.c.since)
        ).scalars().all()
    out["control_dates"] = [iso_date(d) for d in since]
    return out


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise InputError("bbox must be four numbers: west,south,east,north") from None
    return (w, s, e, n)
