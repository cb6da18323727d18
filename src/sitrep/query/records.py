"""Articles, actors, places and claims: lists and detail records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Table, func, select

from ..errors import InputError, NotFoundError
from ..serialize import document_to_dict
from ..store import Store
from ..store import schema as t
from .control import control_entry
from .events import (
    JSON,
    MAX_LIMIT,
    EventFilter,
    Page,
    iso_date,
    list_events,
    list_incidents,
    ref_dict,
)


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
                   "published": iso_date(r.published), "n_events": r.n_events,
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
        out = _actor(row) if row is not None else _actor_from_refs(conn, actor_id)
        articles = _articles_for(conn, t.article_actors, t.article_actors.c.actor_id, actor_id,
                                 limit)
    out["articles"] = articles
    out["events"] = list(list_events(store, EventFilter(actor=actor_id, limit=limit)).items)
    out["claims"] = list(list_claims(store, ClaimFilter(speaker=actor_id, limit=limit)).items)
    return out


def _actor_from_refs(conn: Any, actor_id: str) -> JSON:
    """An actor that events or claims name but the actors table does not hold."""
    e, c = t.events.c, t.claims.c
    for stmt in (select(e.actor1_name).where(e.actor1_id == actor_id),
                 select(e.actor2_name).where(e.actor2_id == actor_id),
                 select(c.speaker_name).where(c.speaker_id == actor_id)):
        name = conn.execute(stmt.limit(1)).scalar()
        if name is not None:
            return {"id": actor_id, "name": name, "kind": None, "country": None, "side": None,
                    "provisional": True}
    raise NotFoundError(f"no actor with id {actor_id!r}; list actors at /api/actors")


def _articles_for(conn: Any, link: Table, key: Any, value: str, limit: int) -> list[JSON]:
    a = t.articles.c
    rows = conn.execute(
        select(a.id, a.title, a.outlet, a.published, link.c.mentions)
        .select_from(link.join(t.articles, link.c.article_id == a.id))
        .where(key == value).order_by(a.published.desc(), a.id).limit(limit)
    ).all()
    return [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": iso_date(r.published),
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


def _place_from_refs(conn: Any, place_id: str) -> JSON:
    """A place that events or control name but the places table does not hold."""
    e, c = t.events.c, t.control.c
    ev = conn.execute(select(e.place_name, e.lat, e.lon, e.country, e.admin1)
                      .where(e.place_id == place_id).limit(1)).first()
    if ev is not None:
        return {"id": place_id, "name": ev.place_name, "lat": ev.lat, "lon": ev.lon,
                "country": ev.country, "admin1": ev.admin1, "feature": None, "geonames_id": None}
    ctl = conn.execute(select(c.place_json).where(c.place_id == place_id).limit(1)).scalar()
    if ctl is not None:
        p = json.loads(ctl)
        return {"id": place_id, **{k: p.get(k) for k in ("name", "lat", "lon", "country",
                                                           "admin1", "feature", "geonames_id")}}
    raise NotFoundError(f"no place with id {place_id!r}; list places at /api/places")


def get_place(store: Store, place_id: str, limit: int = 100) -> JSON:
    """A place with the articles naming it, events and incidents there and its control history."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.places).where(t.places.c.id == place_id)).first()
        out = _place_entry(row) if row is not None else _place_from_refs(conn, place_id)
        articles = _articles_for(conn, t.article_places, t.article_places.c.place_id, place_id,
                                 limit)
        history = conn.execute(
            select(t.control).where(t.control.c.place_id == place_id)
            .order_by(t.control.c.since)
        ).all()
    out["articles"] = articles
    by_place = EventFilter(place=place_id, limit=limit)
    out["events"] = list(list_events(store, by_place).items)
    out["incidents"] = list(list_incidents(store, by_place).items)
    out["control"] = [control_entry(r) for r in history]
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
        "speaker": ref_dict(r.speaker_id, r.speaker_name), "cue": r.cue, "start": r.start,
        "end": r.end, "quote": bool(r.quote), "stance": r.stance,
        "events": json.loads(r.events_json), "text": r.text, "outlet": r.outlet,
        "published": iso_date(r.published), "title": r.title,
    } for r in rows[: f.limit])
    return Page(items, f.limit, f.offset, has_more=len(rows) > f.limit)
