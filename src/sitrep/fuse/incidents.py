"""Incidents: the mentions of one event across articles, merged.

``clustering.py`` groups the mentions; ``build_incident`` summarises each group (type,
actors, place, date, modality, fatalities, sources) and ``fuse_incidents`` does both.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..ids import digest
from ..models import ActorRef, Place
from .clustering import cluster_mentions, fusion_place, has_point, sort_key
from .mentions import EventMention
from .resources import families
from .sources import summarise_sources

FACTUAL_ORDER = ("asserted", "reported", "alleged")


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event as all its mentions report it."""

    id: str
    family: str
    plover_type: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor1: ActorRef | None
    actor2: ActorRef | None
    place: Place | None
    date: dt.date | None
    date_min: dt.date | None
    date_max: dt.date | None
    date_precision: str | None
    modality: str
    contradicted: bool
    fatalities: int | None
    fatalities_max: int | None
    mentions: tuple[str, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    sources: tuple[str, ...]
    sources_count: int
    independent_sources: int
    cross_alignment: bool
    corroboration: float
    contradictions: tuple[str, ...]
    note: str = ""

    @property
    def time_precision(self) -> int | None:
        return {"day": 1, "week": 2, "month": 3, "year": 3}.get(self.date_precision or "")


def _most_common(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _best_ref(refs: Sequence[ActorRef | None]) -> ActorRef | None:
    known = [r for r in refs if r and not r.id.startswith("provisional")]
    top = _most_common([r.id for r in known or refs if r])
    return next((r for r in refs if r and r.id == top), None)


def _best_place(mentions: Sequence[EventMention]) -> Place | None:
    places = [p for p in map(fusion_place, mentions) if p is not None]
    if not places:
        return None
    counts = Counter(p.id for p in places)
    return min(
        places,
        key=lambda p: (not has_point(p), p.precision or 9, -counts[p.id], p.id),
    )


def _modality(mentions: Sequence[EventMention]) -> tuple[str, bool]:
    found = {m.event.modality for m in mentions}
    factual = [x for x in FACTUAL_ORDER if x in found]
    denied = "denied" in found or any(m.denied_by for m in mentions)
    if factual:
        return factual[0], denied
    for x in ("denied", "negated", "future", "hypothetical"):
        if x in found:
            return x, False
    return sorted(found)[0], False


def build_incident(mentions: Sequence[EventMention]) -> Incident:
    """Summarise one group of mentions (as ``cluster_mentions`` returns) as an incident."""
    ms = sorted(mentions, key=sort_key)
    events = [m.event for m in ms]
    modality, contradicted = _modality(ms)
    dated = [m for m in ms if m.date is not None]
    precise = [m for m in dated if m.date_precision == "day"] or dated
    date_counts = Counter(m.date for m in precise)
    date = min(date_counts, key=lambda d: (-date_counts[d], d)) if date_counts else None
    fatal = [e.fatalities for m, e in zip(ms, events, strict=True)
             if e.fatalities is not None and not m.denied]
    summary = summarise_sources(ms)
    contradictions = sorted(
        {m.id for m in ms if m.event.modality == "denied"} | {c for m in ms for c in m.denied_by}
    )
    rep = min(ms, key=lambda m: (not m.factual, -(m.event.confidence), m.id))
    return Incident(
        id="inc-" + digest(min(e.id for e in events)),
        family=families().family(rep.event.plover_type, rep.event.plover_mode),
        plover_type=_most_common([e.plover_type for e in events]) or rep.event.plover_type,
        plover_mode=_most_common([e.plover_mode for e in events]),
        acled_event_type=_most_common([e.acled_event_type for e in events]),
        acled_sub_event_type=_most_common([e.acled_sub_event_type for e in events]),
        actor1=_best_ref([e.actor1 for e in events]),
        actor2=_best_ref([e.actor2 for e in events]),
        place=_best_place(ms),
        date=date,
        date_min=min((m.date for m in dated), default=None),  # type: ignore[type-var]
        date_max=max((m.date for m in dated), default=None),  # type: ignore[type-var]
        date_precision=_most_common([m.date_precision for m in precise]),
        modality=modality,
        contradicted=contradicted or summary.contradicted,
        fatalities=min(fatal) if fatal else None,
        fatalities_max=max(fatal) if fatal else None,
        mentions=tuple(m.id for m in ms),
        articles=tuple(sorted({m.article_id for m in ms})),
        outlets=summary.outlets,
        sources=summary.sources,
        sources_count=summary.sources_count,
        independent_sources=summary.independent_sources,
        cross_alignment=summary.cross_alignment,
        corroboration=summary.corroboration,
        contradictions=tuple(contradictions),
        note=rep.sentence_text.strip(),
    )


def fuse_incidents(mentions: Iterable[EventMention]) -> tuple[Incident, ...]:
    """All incidents over ``mentions``, sorted by date then id."""
    incidents = [build_incident(g) for g in cluster_mentions(mentions)]
    return tuple(sorted(incidents, key=lambda i: (i.date or dt.date.min, i.id)))
