"""Turn character spans into actor references, for the events and claims stages."""

from __future__ import annotations

from ..models import Actor, ActorRef, Document, Mention
from .registry import Registry


def actor_ref(actor: Actor, mention: Mention) -> ActorRef:
    return ActorRef(id=actor.id, name=actor.name, text=mention.text)


def actors_in_span(doc: Document, start: int, end: int) -> list[tuple[Actor, Mention]]:
    """Every (actor, mention) whose mention overlaps ``[start, end)``, in text order;
    a mention nested inside a longer one ("Turkey" in "Turkey-backed rebels") is left out."""
    found = [(a, m) for a in doc.actors for m in a.mentions if m.start < end and start < m.end]
    outer = [
        (a, m)
        for a, m in found
        if not any(
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for _, o in found
        )
    ]
    return sorted(outer, key=lambda am: am[1].start)


def actor_at(doc: Document, start: int, end: int) -> ActorRef | None:
    """The actor whose mention overlaps ``[start, end)``: one containing the span first,
    then the longest overlapping mention; None when no actor is mentioned there."""
    best: tuple[tuple[bool, int, int], Actor, Mention] | None = None
    for a in doc.actors:
        for m in a.mentions:
            if not (m.start < end and start < m.end):
                continue
            contains = m.start <= start and end <= m.end
            overlap = min(end, m.end) - max(start, m.start)
            score = (contains, m.end - m.start, overlap)
            if best is None or score > best[0]:
                best = (score, a, m)
    return actor_ref(best[1], best[2]) if best else None


def mention_at(doc: Document, start: int, end: int) -> tuple[Actor, Mention] | None:
    """Like :func:`actor_at` but returns the actor and its mention."""
    ref = actor_at(doc, start, end)
    if ref is None:
        return None
    for a in doc.actors:
        if a.id == ref.id:
            for m in a.mentions:
                if m.text == ref.text and m.start < end and start < m.end:
                    return a, m
    return None


def actor_by_id(doc: Document, actor_id: str) -> Actor | None:
    return next((a for a in doc.actors if a.id == actor_id), None)


def generic_actor(registry: Registry, group: str, country: str | None, text: str) -> ActorRef:
    """A generic group of a country as an ActorRef ("protesters" in "JOR" -> ``JOR.protesters``),
    e.g. for coding a demonstration's actor the way ACLED does. ``group`` is a template
    suffix from templates.yaml: state-forces, government, police, rebels, proxies,
    civilians, protesters, rioters, unidentified-armed-group, tribal-militia."""
    actor_id = registry.in_country("*." + group, country)
    entry = registry.get(actor_id)
    return ActorRef(id=actor_id, name=entry.name if entry else group, text=text)
