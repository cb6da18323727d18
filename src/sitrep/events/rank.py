"""Which event a document is about: its most confident factual event."""

from __future__ import annotations

from ..models import Document, Event

# The lead sentence carries a news item's main event: later sentences pay a small penalty.
LEAD_PRIOR = 0.03
NOT_HAPPENED = frozenset({"negated", "denied"})


def event_score(event: Event) -> float:
    return event.confidence - LEAD_PRIOR * min(event.sentence, 3)


def main_event(doc: Document, *, acled_only: bool = True) -> Event | None:
    """The highest-scoring event that is not negated or denied (with an ACLED type)."""
    pool = [
        e
        for e in doc.events
        if e.modality not in NOT_HAPPENED and (e.acled_sub_event_type is not None or not acled_only)
    ]
    return max(pool, key=lambda e: (event_score(e), -e.trigger.start), default=None)
