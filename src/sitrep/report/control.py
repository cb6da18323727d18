"""Changes of control inside a period, and control at its end.

Fusion's ``control_timeline`` gives every place's entries in date order; a change is an
entry dated inside the period whose holder, side or status differs from the entry before
it. Control at the end comes from ``query.control_as_of``, the function behind the API.
*Headline* changes are the ones an analyst leads with (see ``is_headline``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select

from .. import query
from ..fuse.control import ControlEntry
from ..fuse.persist import control_timeline
from ..store import Store
from ..store import schema as t
from .model import ControlChange, ControlPoint, Scope, Side

CHUNK = 500
LOSS_TYPES = ("RETREAT", "CONCEDE")
MAJOR_FEATURES = frozenset({"PPLC", "PPLA", "PPLA2", "ADM1", "ADM2"})


def _inside(bbox: tuple[float, float, float, float] | None, lat: float | None,
            lon: float | None) -> bool:
    if bbox is None:
        return True
    if lat is None or lon is None:
        return False
    w, s, e, n = bbox
    return s <= lat <= n and w <= lon <= e


def _side(entry: ControlEntry | None) -> Side:
    if entry is None:
        return Side(None, None)
    return Side(entry.controller.name if entry.controller else None, entry.side)


def _key(entry: ControlEntry | None) -> tuple[object, ...]:
    if entry is None:
        return (None, None, "unknown")
    return (entry.controller.id if entry.controller else None, entry.side, entry.status)


Timelines = dict[str, list[ControlEntry]]


def control_changes(store: Store, scope: Scope,
                    timelines: Timelines | None = None) -> tuple[ControlChange, ...]:
    """Every change of holder or status dated inside ``scope``, by date then place name.
    ``timelines`` is fusion's ``control_timeline(store)`` when the caller has it."""
    found: list[tuple[ControlEntry, ControlEntry | None]] = []
    for entries in (timelines if timelines is not None else control_timeline(store)).values():
        previous: ControlEntry | None = None
        for entry in entries:
            inside = entry.since is not None and scope.since <= entry.since <= scope.until
            if inside and _key(entry) != _key(previous) and _inside(
                    scope.bbox, entry.place.lat, entry.place.lon):
                found.append((entry, previous))
            previous = entry
    ids = [e for entry, before in found if before is None or not _side(before).known
           for e in entry.evidence]
    losers = withdrawals(store, ids)
    incidents = incidents_for_evidence(store, [e for entry, _ in found for e in entry.evidence])
    changes = []
    for entry, before in found:
        p = entry.place
        held_before = _side(before)
        changes.append(ControlChange(
            place_id=p.id, place=p.name + (" province" if _is_province(entry) else ""),
            date=entry.since,  # type: ignore[arg-type]
            before=held_before if held_before.known else holder_before(entry, before, losers),
            after=_side(entry), status=entry.status, evidence=entry.evidence,
            incident_ids=tuple(sorted({i for e in entry.evidence for i in incidents.get(e, ())})),
            article_ids=tuple(sorted({e.split("#", 1)[0] for e in entry.evidence if "#" in e})),
            lat=p.lat, lon=p.lon, before_status=before.status if before else "unknown",
            not_held_by=entry.not_held_by, contested_by=entry.contested_by,
            country=p.country, feature=p.feature,
        ))
    return tuple(sorted(changes, key=lambda ch: (ch.date, ch.place, ch.place_id)))


def _is_province(entry: ControlEntry) -> bool:
    return entry.place_key.startswith("admin1:") or entry.place.feature in ("ADM1", "ADM1H")


def is_headline(ch: ControlChange, focus_country: str | None) -> bool:
    """In the report's main country: a place taken by another side, or a place of rank
    (a capital, an administrative seat) lost with no new holder confirmed. Provinces stay
    in the table of every change: their control follows their capital's, which already
    makes the headline."""
    if focus_country is not None and ch.country != focus_country:
        return False
    if (ch.feature or "") in ("ADM1", "ADM1H"):
        return False
    if ch.status == "held":
        return ch.after.side is not None and ch.after.side != ch.before.side
    lost = ch.before_status == "held" or bool(ch.not_held_by)
    return ch.status == "unknown" and lost and (ch.feature or "") in MAJOR_FEATURES


def mark_headlines(changes: Iterable[ControlChange],
                   focus_country: str | None) -> tuple[ControlChange, ...]:
    return tuple(replace(ch, headline=is_headline(ch, focus_country)) for ch in changes)


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """An evidence event in which an actor withdrew or conceded, on ``date``."""

    side: Side
    date: dt.date | None


def holder_before(entry: ControlEntry, before: ControlEntry | None,
                  losers: dict[str, Withdrawal]) -> Side:
    """With no holder on record before, the holder before is whoever the evidence says
    withdrew when the change happened (and is not the new holder's side), else the side
    recorded as not holding it.

    An entry's evidence also gathers later reports that left the holder unchanged ("the SDF
    pulled back" days after the rebels took Aleppo): a withdrawal dated after the change
    (a day's slack for reports a day off) tells nothing about who held the place before, and
    of the others the one nearest the change counts.
    """
    since = entry.since
    found = []
    for e in entry.evidence:
        w = losers.get(e)
        if w is None or (entry.side is not None and w.side.side == entry.side):
            continue
        if since is not None and w.date is not None and w.date > since + dt.timedelta(days=1):
            continue
        gap = abs((w.date - since).days) if since is not None and w.date is not None else 10**6
        found.append((gap, e, w.side))
    if found:
        return min(found, key=lambda x: (x[0], x[1]))[2]
    for gone in (*entry.not_held_by, *(before.not_held_by if before else ())):
        if gone != entry.side:
            return Side(None, gone)
    return Side(None, None)


def withdrawals(store: Store, ids: Sequence[str]) -> dict[str, Withdrawal]:
    """Evidence event id -> the actor that withdrew or conceded (with its side when known)
    and the event's date."""
    e, a = t.events.c, t.actors.c
    out: dict[str, Withdrawal] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(ids))):
            stmt = (
                select(e.id, e.actor1_name, a.side, e.date, e.published)
                .select_from(t.events.outerjoin(t.actors, a.id == e.actor1_id))
                .where(e.id.in_(chunk), e.plover_type.in_(LOSS_TYPES), e.actor1_id.is_not(None))
            )
            for eid, name, side, date, published in conn.execute(stmt):
                out[eid] = Withdrawal(Side(name, side), date or published)
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


def control_at_end(store: Store, scope: Scope,
                   timelines: Timelines | None = None) -> tuple[ControlPoint, ...]:
    """Control of every place in the area on the last day, as ``query.control_as_of`` gives
    it, with the sides contesting each contested place."""
    timelines = timelines if timelines is not None else control_timeline(store)
    detail = {(e.place.id, e.since): e for tl in timelines.values() for e in tl}
    points = []
    for entry in query.control_as_of(store, scope.until):
        place = entry["place"]
        lat, lon = place.get("lat"), place.get("lon")
        if not _inside(scope.bbox, lat, lon):
            continue
        holder = entry["controller"] or {}
        since = dt.date.fromisoformat(entry["since"]) if entry["since"] else None
        same = detail.get((place["id"], since))
        points.append(ControlPoint(
            place_id=place["id"], place=place["name"],
            holder=Side(holder.get("name"), holder.get("side")), status=entry["status"],
            since=since, evidence=tuple(entry["evidence"]), lat=lat, lon=lon,
            contested_by=same.contested_by if same else (), country=place.get("country"),
        ))
    return tuple(points)
