"""The control timeline: who holds each place, since when, on what evidence.

Observations come from territorial events (a side takes or leaves a place, wholly or in
part) and from state statements (``statements.py``). Per place they are replayed day by day:

- a full, undisputed gain gives the taker the place; a partial one makes it contested;
- a full withdrawal leaves it not held by the side that left (status unknown), a partial one
  contested; a withdrawal and the other side's entry on the same day give the entrant control;
- a denied claim makes the place contested until a report published after the denial
  confirms it; the confirmed state starts on that report's date;
- a statement sets control when no event in the last few days says otherwise, and otherwise
  leaves the place contested; on one day, events outrank statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..ids import normalise_text
from ..models import ActorRef, Place
from .mentions import EventMention
from .places import control_place
from .resources import territorial
from .statements import ControlStatement

TERRITORIAL_TYPES = frozenset({"RETREAT", "CONCEDE", "COERCE", "ASSAULT", "MOBILIZE"})
STATEMENT_DEFERS_DAYS = 3
DISPUTE_WINDOW_DAYS = 7
LOSS_NEAR_VETO = frozenset({"outskirts", "suburbs", "suburb", "countryside"})


@dataclass(frozen=True, slots=True)
class Observation:
    """One piece of evidence about one place on one day."""

    place_key: str
    place: Place
    date: dt.date
    published: dt.date
    kind: str  # gain | loss | held | not-held
    side: str
    actor: ActorRef | None
    partial: bool
    disputed: bool
    evidence: str

    @property
    def from_event(self) -> bool:
        return self.kind in ("gain", "loss")


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


def territorial_kind(m: EventMention) -> str | None:
    """``"gain"`` or ``"loss"`` when the event changes who holds its place."""
    e, cues = m.event, territorial()
    key = f"{e.plover_type}/{e.plover_mode}" if e.plover_mode else e.plover_type
    if key in cues.loss_plover or e.plover_type in cues.loss_plover:
        return "loss"
    if key in cues.gain_plover or (e.acled_sub_event_type or "") in cues.gain_acled:
        return "gain"
    if e.plover_type in TERRITORIAL_TYPES:
        trigger = normalise_text(e.trigger.text)
        if cues.loss_triggers.search(trigger):
            return "loss"
        if cues.gain_triggers.search(trigger):
            return "gain"
    return None


def _extent(m: EventMention, kind: str) -> str | None:
    """``"partial"``, ``"full"``, or None when the event is only near the place."""
    e, cues = m.event, territorial()
    p = e.place
    assert p is not None
    lo, hi = min(e.trigger.start, p.start), max(e.trigger.end, p.end)
    window = normalise_text(m.sentence_slice(lo, hi + 24))
    near = {x.group(0) for x in cues.near.finditer(window)}
    if kind == "loss":
        near &= LOSS_NEAR_VETO
    if near:
        return None
    if cues.partial.search(window) or p.precision == 2:
        return "partial"
    return "full"


def observations_from_mentions(mentions: Iterable[EventMention]) -> list[Observation]:
    out = []
    for m in mentions:
        e = m.event
        if not (m.factual or e.modality == "denied") or e.place is None:
            continue
        kind = territorial_kind(m)
        side = m.actor1_side
        cp = control_place(e.place)
        if kind is None or side is None or cp is None or m.date is None:
            continue
        extent = _extent(m, kind)
        if extent is None:
            continue
        out.append(
            Observation(
                place_key=cp[0], place=cp[1], date=m.date, published=m.published or m.date,
                kind=kind, side=side, actor=e.actor1, partial=extent == "partial",
                disputed=m.denied, evidence=m.id,
            )
        )
    return out


def observations_from_statements(statements: Iterable[ControlStatement]) -> list[Observation]:
    return [
        Observation(
            place_key=s.place_key, place=s.place, date=s.date, published=s.date,
            kind="held" if s.held else "not-held", side=s.side, actor=s.actor, partial=False,
            disputed=False, evidence=s.id,
        )
        for s in statements
        if s.date is not None
    ]


def _claim(o: Observation) -> tuple[str, str]:
    return (o.kind, o.side)


def _settle_disputes(obs: Sequence[Observation]) -> list[Observation]:
    """Reports of a denied claim published up to the denial are disputed too; reports
    published after it confirm the claim from their publication date."""
    denials: dict[tuple[str, str], list[Observation]] = {}
    for o in obs:
        if o.disputed:
            denials.setdefault(_claim(o), []).append(o)
    out = []
    for o in obs:
        near = [d for d in denials.get(_claim(o), ())
                if abs((d.date - o.date).days) <= DISPUTE_WINDOW_DAYS]
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

    def key(self) -> tuple[object, ...]:
        return (self.status, self.side, self.not_held_by, self.contested_by)


def _apply_day(state: _State, day: dt.date, obs: list[Observation]) -> _State:
    evidence = tuple(sorted({o.evidence for o in obs}))
    new = _State(**{**state.__dict__})
    statements = [o for o in obs if not o.from_event]
    events = [o for o in obs if o.from_event]
    for o in statements:
        agrees = (o.kind == "held" and new.status == "held" and new.side == o.side) or (
            o.kind == "not-held" and new.side != o.side
        )
        recent = (
            new.by_event_on is not None
            and (day - new.by_event_on).days <= STATEMENT_DEFERS_DAYS
        )
        if agrees:
            if o.kind == "not-held" and new.status == "unknown":
                new.not_held_by = tuple(sorted({*new.not_held_by, o.side}))
            continue
        if recent:
            new.status, new.contested_by = "contested", tuple(sorted({*new.contested_by, o.side}))
        elif o.kind == "held":
            new = _State("held", o.side, o.actor, day, by_event_on=new.by_event_on)
        else:
            new = _State("unknown", None, None, day, not_held_by=(o.side,),
                         by_event_on=new.by_event_on)
    if events:
        new = _apply_events(new, day, events)
    if new.key() != state.key():
        new.since = day
        new.evidence = evidence
    else:
        new.evidence = tuple(sorted({*state.evidence, *evidence}))
    return new


def _apply_events(state: _State, day: dt.date, events: list[Observation]) -> _State:
    gains = [o for o in events if o.kind == "gain"]
    losses = [o for o in events if o.kind == "loss"]
    disputed = [o for o in events if o.disputed]
    firm_full_gains = sorted(
        {o.side for o in gains if not o.partial and not o.disputed}
    )
    lost_sides = {o.side for o in losses if not o.disputed}
    parties = sorted({o.side for o in events} | ({state.side} if state.side else set()))
    actor = next((o.actor for o in sorted(gains, key=lambda o: o.evidence) if o.actor), None)
    if disputed or any(o.partial for o in events if not o.disputed) or len(firm_full_gains) > 1:
        holder = state.side if state.side not in lost_sides else None
        return _State("contested", holder, state.actor if holder else None, day,
                      contested_by=tuple(s for s in parties if s != holder), by_event_on=day)
    if firm_full_gains:
        side = firm_full_gains[0]
        actor = next((o.actor for o in gains if o.side == side and o.actor), None)
        return _State("held", side, actor, day, by_event_on=day)
    if lost_sides:
        left = tuple(sorted(lost_sides | ({state.side} if state.side in lost_sides else set())))
        return _State("unknown", None, None, day, not_held_by=left, by_event_on=day)
    return _State(**{**state.__dict__, "by_event_on": day, "actor": state.actor or actor})


def timeline(obs: Sequence[Observation]) -> list[ControlEntry]:
    """The control entries of one place, oldest first."""
    if not obs:
        return []
    settled = _settle_disputes(obs)
    place_key, place = settled[0].place_key, settled[0].place
    days: dict[dt.date, list[Observation]] = {}
    for o in settled:
        days.setdefault(o.date, []).append(o)
    state, out = _State(), []
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


def control_timelines(observations: Iterable[Observation]) -> dict[str, list[ControlEntry]]:
    """Place key -> timeline, for every place with at least one observation."""
    by_place: dict[str, list[Observation]] = {}
    for o in observations:
        by_place.setdefault(o.place_key, []).append(o)
    return {
        key: timeline(sorted(obs, key=lambda o: (o.date, o.evidence, o.kind, o.side)))
        for key, obs in sorted(by_place.items())
    }


def as_of(timelines: dict[str, list[ControlEntry]], date: dt.date) -> list[ControlEntry]:
    """The entry current on ``date`` for every place known by then."""
    out = []
    for entries in timelines.values():
        current = [e for e in entries if e.since is None or e.since <= date]
        if current:
            out.append(current[-1])
    return sorted(out, key=lambda e: (normalise_text(e.place.name), e.place_key))
