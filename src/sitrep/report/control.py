"""Changes of control inside a period, read from the ``control`` table.

The query layer answers "who holds what on a date" (``query.control_as_of``); a report also
needs what changed between two dates, which this module reads from the same rows: per place,
the entries in date order, and every entry dated inside the period whose holder or status
differs from the entry before it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, select

from .. import query
from ..store import Store
from ..store import schema as t
from .model import ControlChange, ControlPoint, Scope, Side

CHUNK = 500
LOSS_TYPES = ("RETREAT", "CONCEDE")


def _inside(bbox: tuple[float, float, float, float] | None, lat: Any, lon: Any) -> bool:
    if bbox is None:
        return True
    if lat is None or lon is None:
        return False
    w, s, e, n = bbox
    return bool(s <= lat <= n and w <= lon <= e)


def _side(row: Row[Any] | None) -> Side:
    if row is None:
        return Side(None, None)
    return Side(row.controller_name, row.side)


def _key(row: Row[Any] | None) -> tuple[Any, ...]:
    if row is None:
        return (None, None, "unknown")
    return (row.controller_id, row.side, row.status)


def control_changes(store: Store, scope: Scope) -> tuple[ControlChange, ...]:
    """Every change of holder or status dated inside ``scope``, by date then place name."""
    c = t.control.c
    stmt = (
        select(t.control)
        .where(c.since.is_(None) | (c.since <= scope.until))
        .order_by(c.place_id, c.since.is_not(None), c.since, c.id)
    )
    found: list[tuple[Row[Any], Row[Any] | None]] = []
    with store.engine.connect() as conn:
        previous: Row[Any] | None = None
        for row in conn.execute(stmt):
            if previous is not None and previous.place_id != row.place_id:
                previous = None
            dated_inside = row.since is not None and scope.since <= row.since <= scope.until
            if dated_inside and _key(row) != _key(previous):
                place = json.loads(row.place_json)
                if _inside(scope.bbox, place.get("lat"), place.get("lon")):
                    found.append((row, previous))
            previous = row
    evidence = {r.id: tuple(json.loads(r.evidence_json)) for r, _ in found}
    incidents = incidents_for_evidence(store, [e for ids in evidence.values() for e in ids])
    losers = withdrawing_sides(store, [e for r, b in found if b is None for e in evidence[r.id]])
    changes = []
    for row, before in found:
        place = json.loads(row.place_json)
        ids = evidence[row.id]
        changes.append(
            ControlChange(
                place_id=row.place_id,
                place=row.place_name,
                date=row.since,
                before=_side(before) if before is not None else _first(ids, losers, row),
                after=_side(row),
                status=row.status,
                evidence=ids,
                incident_ids=tuple(sorted({i for e in ids for i in incidents.get(e, ())})),
                lat=place.get("lat"),
                lon=place.get("lon"),
            )
        )
    return tuple(sorted(changes, key=lambda ch: (ch.date, ch.place, ch.place_id)))


def _first(ids: Sequence[str], losers: dict[str, Side], row: Row[Any]) -> Side:
    """With no earlier entry, the holder before is whoever the evidence says withdrew."""
    for e in ids:
        side = losers.get(e)
        if side is not None and (side.side != row.side or row.side is None):
            return side
    return Side(None, None)


def withdrawing_sides(store: Store, ids: Sequence[str]) -> dict[str, Side]:
    """Evidence event id -> the actor that withdrew or conceded, with its side when known."""
    e, a = t.events.c, t.actors.c
    out: dict[str, Side] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(ids))):
            stmt = (
                select(e.id, e.actor1_name, a.side)
                .select_from(t.events.outerjoin(t.actors, a.id == e.actor1_id))
                .where(e.id.in_(chunk), e.plover_type.in_(LOSS_TYPES), e.actor1_id.is_not(None))
            )
            for eid, name, side in conn.execute(stmt):
                out[eid] = Side(name, side)
    return out


def incidents_for_evidence(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Evidence id (an event or a claim) -> the incident ids it belongs to."""
    wanted = sorted(set(ids))
    out: dict[str, set[str]] = {}
    claim_events: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(wanted):
            for eid, inc in conn.execute(
                select(t.events.c.id, t.events.c.incident_id).where(t.events.c.id.in_(chunk))
            ):
                if inc:
                    out.setdefault(eid, set()).add(inc)
            for cid, events_json in conn.execute(
                select(t.claims.c.id, t.claims.c.events_json).where(t.claims.c.id.in_(chunk))
            ):
                claim_events[cid] = json.loads(events_json)
        linked = sorted({e for evs in claim_events.values() for e in evs})
        by_event: dict[str, str] = {}
        for chunk in _chunks(linked):
            for eid, inc in conn.execute(
                select(t.events.c.id, t.events.c.incident_id).where(t.events.c.id.in_(chunk))
            ):
                if inc:
                    by_event[eid] = inc
    for cid, evs in claim_events.items():
        incs = {by_event[e] for e in evs if e in by_event}
        if incs:
            out.setdefault(cid, set()).update(incs)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def control_at_end(store: Store, scope: Scope) -> tuple[ControlPoint, ...]:
    """Control of every place in the area on the last day, as ``query.control_as_of`` gives it."""
    points = []
    for entry in query.control_as_of(store, scope.until):
        place = entry["place"]
        lat, lon = place.get("lat"), place.get("lon")
        if not _inside(scope.bbox, lat, lon):
            continue
        holder = entry["controller"] or {}
        since = entry["since"]
        points.append(
            ControlPoint(
                place_id=place["id"],
                place=place["name"],
                holder=Side(holder.get("name"), holder.get("side")),
                status=entry["status"],
                since=dt.date.fromisoformat(since) if since else None,
                evidence=tuple(entry["evidence"]),
                lat=lat,
                lon=lon,
            )
        )
    return tuple(points)
