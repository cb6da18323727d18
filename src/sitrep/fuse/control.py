"""The control timeline: who holds each place, since when, on what evidence.

Observations (``observations.py``) come from territorial events (a side takes or leaves a
place, wholly or in part), ground fighting, and state statements (``statements.py``). Per
place they are replayed day by day:

- a full, undisputed gain gives the taker the place; a partial one makes it contested;
- a full withdrawal leaves it not held by the side that left (status unknown), a partial one
  contested; a withdrawal and the other side's entry on the same day give the entrant control;
- a denied claim makes the place contested until a report published after the denial
  confirms it; the confirmed state starts on that report's date;
- a statement sets control when no event in the last few days says otherwise, and otherwise
  leaves the place contested; on one day, events outrank statements;
- fighting inside a held place (a clash or ground attack between the holder and another
  side, named in the sentence, not on its outskirts) makes it contested from that day,
  unless a change of hands the same day says more;
- a province (admin1) with no evidence of its own follows its provincial capital: the
  governorate's timeline is the capital's, entry for entry (``_with_provinces``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..ids import normalise_text
from ..models import ActorRef, Place
from .observations import Observation
from .resources import capitals

STATEMENT_DEFERS_DAYS = 3
DISPUTE_WINDOW_DAYS = 7


@dataclass(frozen=True, slots=True)
class ControlEntry:
    """Control of one place from ``since`` until the next entry for that place."""

    place_key: str
    place: Place
    status: str  # held | contested | unknown
    side: str | None
    controller: ActorRef | None
    since: dt.date | None
    evidence: tuple[str, ...]
    not_held_by: tuple[str, ...] = ()
    contested_by: tuple[str, ...] = ()


def _confirms(o: Observation, denied: Observation) -> bool:
    """Whether ``o`` says what ``denied`` said: the same change, or its other face (a side
    entering a place its enemy denied leaving)."""
    if (o.kind, o.side) == (denied.kind, denied.side):
        return True
    if denied.kind == "loss":
        return o.kind == "gain" and o.side != denied.side
    if denied.kind == "gain":
        return o.kind == "loss" and o.side != denied.side
    return False


def _settle_disputes(obs: Sequence[Observation]) -> list[Observation]:
    """Reports that confirm a denied claim count from their publication date when published
    after the denial; published up to it, they are disputed with it."""
    denials = [o for o in obs if o.disputed]
    out = []
    for o in obs:
        near = [d for d in denials
                if abs((d.date - o.date).days) <= DISPUTE_WINDOW_DAYS and _confirms(o, d)]
        if not near or o.disputed or not o.from_event:
            out.append(o)
        elif o.published <= max(d.published for d in near):
            out.append(replace(o, disputed=True))
        else:
            out.append(replace(o, date=max(o.date, o.published)))
    return out


@dataclass
class _State:
    status: str = "unknown"
    side: str | None = None
    actor: ActorRef | None = None
    since: dt.date | None = None
    evidence: tuple[str, ...] = ()
    not_held_by: tuple[str, ...] = ()
    contested_by: tuple[str, ...] = ()
    by_event_on: dt.date | None = None
    leaning: str | None = None  # the side the latest firm events favour, in a contest
    losers: tuple[str, ...] = ()  # the sides the latest firm events say withdrew

    def key(self) -> tuple[object, ...]:
        return (self.status, self.side, self.not_held_by, self.contested_by)


def _apply_day(state: _State, day: dt.date, obs: list[Observation]) -> _State:
    evidence = tuple(sorted({o.evidence for o in obs}))
    new = _State(**{**state.__dict__})
    statements = [o for o in obs if not o.from_event and not o.fight]
    events = [o for o in obs if o.from_event]
    if events:
        new = _apply_events(new, day, events)
    else:
        new = _apply_fighting(new, day, [o for o in obs if o.fight])
    for o in statements:
        new = _apply_statement(new, day, o)
    if new.key() != state.key():
        new.since = day
        new.evidence = evidence
    else:
        new.since = state.since
        new.actor = state.actor or new.actor
        new.evidence = tuple(sorted({*state.evidence, *evidence}))
    return new


def _apply_statement(state: _State, day: dt.date, o: Observation) -> _State:
    """A statement confirms, sets, or (against fresh events) contests control."""
    recent = (
        state.by_event_on is not None
        and (day - state.by_event_on).days <= STATEMENT_DEFERS_DAYS
    )
    if o.kind == "held":
        if state.status == "held" and state.side == o.side:
            return state
        if state.status == "contested" and (
            state.leaning == o.side or (state.leaning is None and state.losers
                                        and o.side not in state.losers)
        ):
            return _State("held", o.side, o.actor, day, by_event_on=state.by_event_on)
        if state.status == "unknown" and o.side not in state.not_held_by:
            return _State("held", o.side, o.actor, day, by_event_on=state.by_event_on)
        if recent:
            return _State(**{**state.__dict__, "status": "contested",
                             "contested_by": tuple(sorted({*state.contested_by, o.side}))})
        return _State("held", o.side, o.actor, day, by_event_on=state.by_event_on)
    if state.side != o.side:
        if state.status == "unknown":
            state.not_held_by = tuple(sorted({*state.not_held_by, o.side}))
        return state
    if recent:
        return _State(**{**state.__dict__, "status": "contested",
                         "contested_by": tuple(sorted({*state.contested_by, o.side}))})
    return _State("unknown", None, None, day, not_held_by=(o.side,), by_event_on=state.by_event_on)


def _apply_events(state: _State, day: dt.date, events: list[Observation]) -> _State:
    """One day's territorial events on top of the state (statements already applied)."""
    firm = [o for o in events if not o.disputed]
    full_gains = sorted({o.side for o in firm if o.kind == "gain" and not o.partial})
    part_gains = {o.side for o in firm if o.kind == "gain" and o.partial}
    full_losses = {o.side for o in firm if o.kind == "loss" and not o.partial}
    part_losses = {o.side for o in firm if o.kind == "loss" and o.partial}
    holder = state.side if state.status == "held" else None
    parties = {o.side for o in events} | ({state.side} if state.side else set())

    gainers = {o.side for o in firm if o.kind == "gain"}
    others = (parties | set(state.contested_by)) - full_losses - part_losses
    favoured = gainers or (others if full_losses | part_losses else set())
    leaning = next(iter(favoured)) if len(favoured) == 1 else None

    def contested(keeper: str | None) -> _State:
        return _State("contested", keeper, state.actor if keeper == state.side else None, day,
                      contested_by=tuple(sorted(parties - {keeper} if keeper else parties)),
                      by_event_on=day, leaning=leaning,
                      losers=tuple(sorted(full_losses | part_losses)))

    if len(events) > len(firm) or len(full_gains) > 1 or part_gains - set(full_gains):
        keeper = state.side if state.side not in full_losses | part_losses else None
        return contested(keeper)
    if full_gains:
        side = full_gains[0]
        actor = _main_actor([o for o in firm if o.kind == "gain" and o.side == side])
        return _State("held", side, actor, day, by_event_on=day)
    if holder is not None and holder not in full_losses | part_losses:
        return _State(**{**state.__dict__, "by_event_on": day})  # the other side left
    if part_losses:
        return contested(None if holder in part_losses | full_losses else state.side)
    if full_losses:
        left = tuple(sorted(full_losses))
        return _State("unknown", None, None, day, not_held_by=left, by_event_on=day)
    return _State(**{**state.__dict__, "by_event_on": day})


def _apply_fighting(state: _State, day: dt.date, fights: list[Observation]) -> _State:
    """Fighting that involves the holder of a held place contests it."""
    if state.status != "held" or state.side is None:
        return state
    against = {side for o in fights for side in (o.side, o.other)
               if state.side in (o.side, o.other) and side and side != state.side}
    if not against:
        return state
    return _State("contested", state.side, state.actor, day,
                  contested_by=tuple(sorted(against)), by_event_on=day)


def _main_actor(obs: Sequence[Observation]) -> ActorRef | None:
    """The actor most observations name (registry actors before provisional ones)."""
    refs = [o.actor for o in obs if o.actor is not None]
    if not refs:
        return None
    counts = Counter(r.id for r in refs)
    best = min(counts, key=lambda i: (i.startswith("provisional"), -counts[i], i))
    return next(r for r in refs if r.id == best)


def timeline(obs: Sequence[Observation]) -> list[ControlEntry]:
    """The control entries of one place, oldest first."""
    if not obs:
        return []
    settled = _settle_disputes(obs)
    place_key, place = settled[0].place_key, settled[0].place
    days: dict[dt.date, list[Observation]] = {}
    for o in settled:
        days.setdefault(o.date, []).append(o)
    state = _State()
    out: list[_State] = []
    for day in sorted(days):
        new = _apply_day(state, day, days[day])
        if new.key() != state.key() or not out:
            out.append(new)
        else:
            out[-1] = new
        state = new
    return [
        ControlEntry(place_key, place, s.status, s.side, s.actor, s.since, s.evidence,
                     s.not_held_by, s.contested_by)
        for s in out
    ]


def _order(o: Observation) -> tuple[object, ...]:
    """A total order, so a timeline never depends on the order observations were read."""
    return (o.date, o.evidence, o.kind, o.side, o.place.id, o.place.start, o.published,
            o.partial, o.disputed, o.other or "", o.actor.id if o.actor else "")


def control_timelines(observations: Iterable[Observation]) -> dict[str, list[ControlEntry]]:
    """Place key -> timeline, for every place with at least one observation."""
    by_place: dict[str, list[Observation]] = {}
    for o in observations:
        by_place.setdefault(o.place_key, []).append(o)
    timelines = {
        key: timeline(sorted(obs, key=_order))
        for key, obs in sorted(by_place.items())
    }
    return _with_provinces(timelines)


def _with_provinces(timelines: dict[str, list[ControlEntry]]) -> dict[str, list[ControlEntry]]:
    """Each of Syria's governorates with no evidence of its own takes its provincial
    capital's timeline (same status, holder, since-dates and evidence), so a map can colour
    provinces. Evidence about the province itself ("most of Daraa province") always wins."""
    out = dict(timelines)
    for cap in capitals().all:
        city = timelines.get(cap.place().id)
        if not city or cap.admin1_geonames_id is None:
            continue
        province = cap.province()
        if province.id not in timelines:
            out[province.id] = [replace(e, place_key=province.id, place=province) for e in city]
    return dict(sorted(out.items()))


def as_of(timelines: dict[str, list[ControlEntry]], date: dt.date) -> list[ControlEntry]:
    """The entry current on ``date`` for every place known by then."""
    out = []
    for entries in timelines.values():
        current = [e for e in entries if e.since is None or e.since <= date]
        if current:
            out.append(current[-1])
    return sorted(out, key=lambda e: (normalise_text(e.place.name),
                                      (e.place.feature or "").startswith("ADM1"), e.place_key))
