"""Observations: what one event or statement says about one place on one day.

Territorial events (a side takes or leaves a place, wholly or in part), ground fighting
between two sides, and state statements (``statements.py``) become ``Observation`` rows that
``control.py`` replays per place. Only places a side can hold count (``sides.yaml``
``holds_in``), named in the event's own sentence, not on their outskirts, not background.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..ids import normalise_text
from ..models import ActorRef, Place
from .mentions import EventMention
from .places import control_place
from .resources import sides, territorial
from .statements import ControlStatement

TERRITORIAL_TYPES = frozenset({"RETREAT", "CONCEDE", "COERCE", "ASSAULT", "MOBILIZE"})
HISTORY_DAYS = 62


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
    other: str | None = None  # the opposing side, for a fight

    @property
    def from_event(self) -> bool:
        return self.kind in ("gain", "loss")

    @property
    def fight(self) -> bool:
        return self.kind == "fight"


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


def is_fighting(m: EventMention) -> bool:
    """A clash or ground attack between two different known sides."""
    e = m.event
    ground = (e.acled_sub_event_type or "") in territorial().fighting_acled or (
        e.plover_mode or "") in territorial().fighting_modes
    return (e.plover_type == "ASSAULT" and ground and m.actor1_side is not None
            and m.actor2_side is not None and m.actor1_side != m.actor2_side)


def _target(m: EventMention) -> Place | None:
    """The place an event changes: its own, or the city "the city" refers to."""
    return m.anaphor_place or m.event.place


def _extent(m: EventMention, kind: str, p: Place) -> str | None:
    """``"partial"``, ``"full"``, or None when the event is only near the place."""
    e, cues = m.event, territorial()
    if p.start >= e.trigger.end:
        between = normalise_text(m.sentence_slice(e.trigger.end, p.start))
    else:  # the place comes first: read the verb's object instead
        between = normalise_text(m.sentence_slice(e.trigger.end, e.trigger.end + 40))
    after = normalise_text(m.sentence_slice(p.end, p.end + 20))
    near = {x.group(0) for x in cues.near.finditer(between)}
    if kind == "loss" and re.search(r"\b(?:to|into)\b", between):
        near -= cues.loss_despite  # "repositioned to areas outside Homs": Homs was left
    if near or cues.near_after.search(after):
        return None
    possessive = re.match(r"^\s*['’]s\b", m.sentence_slice(p.end, p.end + 3)) is not None
    if cues.partial.search(between) or possessive or p.precision == 2:
        return "partial"
    return "full"


def _in_sentence(m: EventMention, p: Place) -> bool:
    """The place is named in the event's own sentence (not a dateline or focus fallback)."""
    if p.role == "dateline":
        return False
    return m.sentence_start <= p.start < m.sentence_start + len(m.sentence_text)


def _historical(m: EventMention) -> bool:
    """Background ("in 2018", "since 2016"): coarse dates well before publication."""
    day, pub = m.date, m.published
    if m.date_precision == "year":
        return True  # "in 2018": a year is never the day a place changed hands
    if day is None or pub is None:
        return False
    return (pub - day).days > (HISTORY_DAYS if m.date_precision == "month" else 366)


def _place_fits_side(side: str, p: Place) -> bool:
    """A side holds ground only in the countries of its conflict (``sides.yaml``): never
    Moscow, Beirut or Jerusalem, whatever the sentence says about a foreign capital."""
    return sides().may_hold(side, p.country)


def observations_from_mentions(mentions: Iterable[EventMention]) -> list[Observation]:
    out = []
    for m in mentions:
        e = m.event
        place = _target(m)
        if not (m.factual or e.modality == "denied") or place is None:
            continue
        kind = territorial_kind(m) or ("fight" if is_fighting(m) else None)
        side = m.actor1_side
        cp = control_place(place)
        if kind is None or side is None or cp is None or m.date is None:
            continue
        if not _in_sentence(m, place) or _historical(m) or not _place_fits_side(side, place):
            continue
        extent = _extent(m, kind, place)
        if extent is None or (kind == "fight" and not m.factual):
            continue
        out.append(
            Observation(
                place_key=cp[0], place=cp[1], date=m.date, published=m.published or m.date,
                kind=kind, side=side, actor=sides().controller(side, e.actor1),
                partial=extent == "partial",
                disputed=m.denied, evidence=m.id,
                other=m.actor2_side if kind == "fight" else None,
            )
        )
    return out


def observations_from_statements(statements: Iterable[ControlStatement]) -> list[Observation]:
    return [
        Observation(
            place_key=s.place_key, place=s.place, date=s.date, published=s.date,
            kind="held" if s.held else "not-held", side=s.side,
            actor=sides().controller(s.side, s.actor), partial=False, disputed=False,
            evidence=s.id,
        )
        for s in statements
        if s.date is not None and _place_fits_side(s.side, s.place)
    ]
