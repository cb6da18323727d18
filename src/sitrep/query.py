"""The query layer: one set of read functions behind the JSON API, the web pages and reports.

Each function takes a ``Store`` and (where it filters) a frozen filter dataclass, queries
the tables with SQLAlchemy Core, and returns JSON-ready dicts or frozen dataclasses.
Evidence (source sentences, speakers, stances) is built in ``sitrep.evidence``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, func, or_, select

from .errors import InputError, NotFoundError
from .models import MODALITIES
from .serialize import document_to_dict
from .store import Store
from .store import schema as t

JSON = dict[str, Any]
MAX_LIMIT = 20_000
SORT_KEYS = ("date", "sources", "confidence", "id")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to select from events or incidents. ``bbox`` is (west, south, east, north)."""

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
        if self.bbox is not None:
            w, s, e, n = self.bbox
            if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
                raise InputError("bbox must be west,south,east,north in degrees, west<=east")
        if self.since and self.until and self.since > self.until:
            raise InputError("since must not be after until")


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
                "next_offset": nxt, **self.extra}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _ref(id_: str | None, name: str | None) -> JSON | None:
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
        cond += [c.lat.between(s, n), c.lon.between(w, e)]
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


def _ordered(stmt: Select[Any], table: Table, f: EventFilter) -> Select[Any]:
    key = f.sort.lstrip("-")
    c = table.c
    col = {
        "date": c.date,
        "sources": c.n_sources if table is t.events else c.sources_count,
        "confidence": c.confidence if table is t.events else c.corroboration,
        "id": c.id,
    }[key]
    desc = f.sort.startswith("-")
    first = col.desc() if desc else col.asc()
    return stmt.order_by(first, c.id.desc() if desc else c.id.asc())


def _page(store: Store, table: Table, f: EventFilter, to_dict: Any) -> Page:
    stmt = select(table).where(*_where(table, f))
    stmt = _ordered(stmt, table, f).limit(f.limit + 1).offset(f.offset)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return Page(tuple(to_dict(r) for r in rows[: f.limit]), f.limit, f.offset,
                has_more=len(rows) > f.limit)


def _place(r: Row[Any]) -> JSON | None:
    if r.place_id is None:
        return None
    return {"id": r.place_id, "name": r.place_name, "lat": r.lat, "lon": r.lon,
            "country": r.country, "admin1": r.admin1, "precision": r.geo_precision}


def event_row(r: Row[Any]) -> JSON:
    return {
        "id": r.id, "kind": "event", "article_id": r.article_id, "sentence": r.sentence,
        "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
        "plover": {"type": r.plover_type, "mode": r.plover_mode},
        "acled": None if r.acled_event_type is None
        else {"event_type": r.acled_event_type, "sub_event_type": r.acled_sub_event_type},
        "actor1": _ref(r.actor1_id, r.actor1_name), "actor2": _ref(r.actor2_id, r.actor2_name),
        "place": _place(r),
        "date": {"value": _iso(r.date), "precision": r.date_precision},
        "modality": r.modality, "fatalities": r.fatalities, "confidence": r.confidence,
        "sources_count": r.n_sources, "sources": json.loads(r.sources_json),
        "outlet": r.outlet, "published": _iso(r.published), "incident_id": r.incident_id,
    }


def incident_row(r: Row[Any]) -> JSON:
    return {
        "id": r.id, "kind": "incident",
        "plover": {"type": r.plover_type, "mode": r.plover_mode},
        "acled": None if r.acled_event_type is None
        else {"event_type": r.acled_event_type, "sub_event_type": r.acled_sub_event_type},
        "actor1": _ref(r.actor1_id, r.actor1_name), "actor2": _ref(r.actor2_id, r.actor2_name),
        "place": _place(r),
        "date": {"value": _iso(r.date), "min": _iso(r.date_min), "max": _iso(r.date_max),
                 "time_precision": r.time_precision},
        "modality": r.modality, "fatalities": r.fatalities, "fatalities_max": r.fatalities_max,
        "n_mentions": r.n_mentions, "sources_count": r.sources_count,
        "independent_sources": r.independent_sources, "cross_alignment": r.cross_alignment,
        "contradicted": r.contradicted, "corroboration": r.corroboration,
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


def timeline(store: Store, f: EventFilter, kind: str = "incidents") -> list[JSON]:
    """Counts per (date, PLOVER type) under the filter, for the histogram."""
    table = _table(kind)
    stmt = (
        select(table.c.date, table.c.plover_type, func.count().label("n"))
        .where(and_(table.c.date.is_not(None), *_where(table, f)))
        .group_by(table.c.date, table.c.plover_type)
        .order_by(table.c.date)
    )
    with store.engine.connect() as conn:
        return [{"date": _iso(r.date), "type": r.plover_type, "n": r.n} for r in conn.execute(stmt)]


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
            by_mod = conn.execute(
                select(table.c.modality, func.count()).group_by(table.c.modality)
            ).all()
            out[kind] = {"date_min": _iso(lo), "date_max": _iso(hi),
                         "by_type": {k: n for k, n in sorted(by_type)},
                         "by_modality": {k: n for k, n in sorted(by_mod)}}
        since = conn.execute(
            select(t.control.c.since).where(t.control.c.since.is_not(None)).distinct()
            .order_by(t.control.c.since)
        ).scalars().all()
    out["control_dates"] = [_iso(d) for d in since]
    return out


# --- articles, actors, places, claims ------------------------------------------------


def get_article(store: Store, article_id: str) -> JSON:
    """The stored contract document: article text, sentences and every annotation."""
    return document_to_dict(store.document(article_id))


def list_articles(store: Store, limit: int = 100, offset: int = 0) -> Page:
    a = t.articles.c
    stmt = (select(a.id, a.title, a.outlet, a.url, a.published, a.n_events, a.n_claims)
            .order_by(a.published.desc(), a.id).limit(limit + 1).offset(offset))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    items = tuple({"id": r.id, "title": r.title, "outlet": r.outlet, "url": r.url,
                   "published": _iso(r.published), "n_events": r.n_events,
                   "n_claims": r.n_claims} for r in rows[:limit])
    return Page(items, limit, offset, has_more=len(rows) > limit)


def list_actors(store: Store, q: str | None = None, limit: int = 100, offset: int = 0) -> Page:
    """Actors by how many articles mention them; ``q`` matches a substring of the name."""
    a, aa = t.actors.c, t.article_actors.c
    n_articles = func.count(aa.article_id).label("n_articles")
    n_mentions = func.coalesce(func.sum(aa.mentions), 0).label("n_mentions")
    stmt = (select(t.actors, n_articles, n_mentions)
            .select_from(t.actors.outerjoin(t.article_actors, aa.actor_id == a.id))
            .group_by(*t.actors.c).order_by(n_articles.desc(), a.id))
    if q:
        stmt = stmt.where(func.lower(a.name).contains(q.lower()))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.limit(limit + 1).offset(offset)).all()
    items = tuple(_actor(r) | {"n_articles": r.n_articles, "n_mentions": r.n_mentions}
                  for r in rows[:limit])
    return Page(items, limit, offset, has_more=len(rows) > limit)


def _actor(r: Row[Any]) -> JSON:
    return {"id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "side": r.side,
            "provisional": bool(r.provisional)}


def get_actor(store: Store, actor_id: str, limit: int = 100) -> JSON:
    """An actor with the articles naming it, its events and what it said."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.actors).where(t.actors.c.id == actor_id)).first()
        if row is None:
            raise NotFoundError(f"no actor with id {actor_id!r}; list actors at /api/actors")
        articles = _articles_for(conn, t.article_actors, t.article_actors.c.actor_id, actor_id,
                                 limit)
    out = _actor(row)
    out["articles"] = articles
    out["events"] = list(list_events(store, EventFilter(actor=actor_id, limit=limit)).items)
    out["claims"] = list(list_claims(store, ClaimFilter(speaker=actor_id, limit=limit)).items)
    return out


def _articles_for(conn: Any, link: Table, key: Any, value: str, limit: int) -> list[JSON]:
    a = t.articles.c
    rows = conn.execute(
        select(a.id, a.title, a.outlet, a.published, link.c.mentions)
        .select_from(link.join(t.articles, link.c.article_id == a.id))
        .where(key == value).order_by(a.published.desc(), a.id).limit(limit)
    ).all()
    return [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": _iso(r.published),
             "mentions": r.mentions} for r in rows]


def list_places(store: Store, q: str | None = None, limit: int = 100, offset: int = 0) -> Page:
    p, ap = t.places.c, t.article_places.c
    n_articles = func.count(ap.article_id).label("n_articles")
    stmt = (select(t.places, n_articles)
            .select_from(t.places.outerjoin(t.article_places, ap.place_id == p.id))
            .group_by(*t.places.c).order_by(n_articles.desc(), p.id))
    if q:
        stmt = stmt.where(func.lower(p.name).contains(q.lower()))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.limit(limit + 1).offset(offset)).all()
    items = tuple(_place_entry(r) | {"n_articles": r.n_articles} for r in rows[:limit])
    return Page(items, limit, offset, has_more=len(rows) > limit)


def _place_entry(r: Row[Any]) -> JSON:
    return {"id": r.id, "name": r.name, "lat": r.lat, "lon": r.lon, "country": r.country,
            "admin1": r.admin1, "feature": r.feature, "geonames_id": r.geonames_id}


def get_place(store: Store, place_id: str, limit: int = 100) -> JSON:
    """A place with the articles naming it, events and incidents there and its control history."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.places).where(t.places.c.id == place_id)).first()
        if row is None:
            raise NotFoundError(f"no place with id {place_id!r}; list places at /api/places")
        articles = _articles_for(conn, t.article_places, t.article_places.c.place_id, place_id,
                                 limit)
        history = conn.execute(
            select(t.control).where(t.control.c.place_id == place_id)
            .order_by(t.control.c.since)
        ).all()
    out = _place_entry(row)
    out["articles"] = articles
    by_place = EventFilter(place=place_id, limit=limit)
    out["events"] = list(list_events(store, by_place).items)
    out["incidents"] = list(list_incidents(store, by_place).items)
    out["control"] = [_control(r) for r in history]
    return out


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    speaker: str | None = None
    article: str | None = None
    stance: str | None = None
    event: str | None = None
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {self.limit}")


def list_claims(store: Store, f: ClaimFilter) -> Page:
    """Claims with the claimed text, article outlet and date."""
    c, a = t.claims.c, t.articles.c
    text = func.substr(a.text, c.start + 1, c.end - c.start).label("text")
    stmt = (select(t.claims, text, a.outlet, a.published, a.title)
            .select_from(t.claims.join(t.articles, c.article_id == a.id)))
    if f.speaker:
        stmt = stmt.where(c.speaker_id == f.speaker)
    if f.article:
        stmt = stmt.where(c.article_id == f.article)
    if f.stance:
        stmt = stmt.where(c.stance == f.stance)
    if f.event:
        stmt = stmt.where(c.events_json.contains(json.dumps(f.event)))
    stmt = stmt.order_by(a.published.desc(), c.article_id, c.start)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.limit(f.limit + 1).offset(f.offset)).all()
    items = tuple({
        "id": r.id, "article_id": r.article_id, "sentence": r.sentence,
        "speaker": _ref(r.speaker_id, r.speaker_name), "cue": r.cue, "start": r.start,
        "end": r.end, "quote": bool(r.quote), "stance": r.stance,
        "events": json.loads(r.events_json), "text": r.text, "outlet": r.outlet,
        "published": _iso(r.published), "title": r.title,
    } for r in rows[: f.limit])
    return Page(items, f.limit, f.offset, has_more=len(rows) > f.limit)


# --- control ----------------------------------------------------------------------------


def _control(r: Row[Any]) -> JSON:
    controller = None
    if r.controller_id is not None:
        controller = {"id": r.controller_id, "name": r.controller_name, "side": r.side}
    return {"place": json.loads(r.place_json), "controller": controller, "status": r.status,
            "since": _iso(r.since), "evidence": json.loads(r.evidence_json)}


def control_as_of(store: Store, as_of: dt.date) -> list[JSON]:
    """Per place, the latest control entry dated on or before ``as_of`` (contract shape)."""
    c = t.control.c
    stmt = (select(t.control).where(or_(c.since.is_(None), c.since <= as_of))
            .order_by(c.place_id, c.since.is_not(None), c.since, c.id))
    latest: dict[str, Row[Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            latest[row.place_id] = row
    return [_control(r) for r in sorted(latest.values(), key=lambda r: r.place_name)]


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise InputError("bbox must be four numbers: west,south,east,north") from None
    return (w, s, e, n)


def split_list(values: Sequence[str] | None) -> tuple[str, ...]:
    """Accept repeated parameters and comma-separated lists alike."""
    return tuple(v.strip() for x in values or () for v in x.split(",") if v.strip())
