"""Helpers other stages use to pick places: by span, by name, for the dateline."""

from __future__ import annotations

from ..models import Document, Place
from .gazetteer import Gazetteer
from .recognise import PlaceSpan
from .resolve import Context, Resolution, score
from .stage import to_place

EVENT_ROLES = frozenset({"mention", "capital"})


def place_for_span(doc: Document, start: int, end: int) -> Place | None:
    """The most precise place mention inside ``[start, end)`` that can be an event location.

    Demonyms and the dateline are never returned. Among the rest, resolved places beat
    unresolved ones, town-level (precision 1) beats district (2) beats region (3), and the
    earliest wins a tie.
    """
    inside = [p for p in doc.places if p.role in EVENT_ROLES and start <= p.start and p.end <= end]
    if not inside:
        return None
    return min(inside, key=lambda p: (p.geonames_id is None, p.precision or 9, p.start))


def dateline_place(doc: Document) -> Place | None:
    """The resolved place of the article's dateline, as the places stage found it."""
    return next((p for p in doc.places if p.role == "dateline"), None)


def resolve_name(
    gazetteer: Gazetteer,
    name: str,
    country: str | None = None,
    start: int = 0,
    end: int | None = None,
) -> Place | None:
    """Resolve a bare place name ("HOMS", "Deir Ezzor"), preferring ``country`` (ISO alpha-2).

    Returns None when the gazetteer does not know the name.
    """
    pool = gazetteer.lookup(name)
    if not pool:
        return None
    span = PlaceSpan(
        name, start, start + len(name) if end is None else end, name, role="dateline", method="name"
    )
    ctx = Context(dateline=country.upper() if country else None).view()
    best = max(pool, key=lambda c: (score(c, span, pool, ctx), c.population))
    return to_place(span, Resolution(best))
