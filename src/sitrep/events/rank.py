"""Which event a document is about: its most confident factual event."""

from __future__ import annotations

from ..models import Document, Event

# The lead sentence carries a news item's main event: later sentences pay a small penalty.
LEAD_PRIOR = 0.03
NOT_HAPPENED = frozenset({"negated", "denied"})
# ACLED's violent event types; a strategic development told after one of them (an arrest
# after a shooting, the interception after a launch) is its sequel, not the report's event
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
SEQUEL_TYPES = frozenset({"Strategic developments"})


def event_score(event: Event) -> float:
    return event.confidence - LEAD_PRIOR * min(event.sentence, 3)


def _key(e: Event) -> tuple[float, int]:
    return (event_score(e), -e.trigger.start)


def main_event(doc: Document, *, acled_only: bool = True) -> Event | None:
    """The highest-scoring event that is not negated or denied (with an ACLED type); a
    strategic development in a later sentence than a violent event gives way to it."""
    pool = [
        e
        for e in doc.events
        if e.modality not in NOT_HAPPENED and (e.acled_sub_event_type is not None or not acled_only)
    ]
    best = max(pool, key=_key, default=None)
    if best is None or best.acled_event_type not in SEQUEL_TYPES:
        return best
    earlier = [
        e for e in pool if e.acled_event_type in VIOLENT_TYPES and e.sentence < best.sentence
    ]
    return max(earlier, key=_key, default=best)
