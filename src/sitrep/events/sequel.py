"""Note-level rules: what a later sentence of a short report says about an earlier event.

A peaceful protest followed, in the next sentence or the one after, by arrests or an
intervention ("Activists glued themselves to a road. Police removed them and detained
eight.") was a protest met with intervention: ACLED codes the protest so.
"""

from __future__ import annotations

import dataclasses

from ..models import Event

PEACEFUL = "Peaceful protest"
INTERVENED = "Protest with intervention"
MET_BY = frozenset({"Arrests", INTERVENED})
NOT_HAPPENED = frozenset({"negated", "denied", "future", "hypothetical"})
REACH = 2  # sentences after the protest
MIN_CONFIDENCE = 0.7  # told as news, not as background ("who was serving a sentence")


def protests_met(events: list[Event]) -> list[Event]:
    """Peaceful protests followed shortly by arrests or an intervention become protests
    with intervention."""
    later = [
        e.sentence
        for e in events
        if e.acled_sub_event_type in MET_BY
        and e.modality not in NOT_HAPPENED
        and e.confidence >= MIN_CONFIDENCE
    ]
    if not later:
        return events
    return [
        dataclasses.replace(e, acled_sub_event_type=INTERVENED)
        if e.acled_sub_event_type == PEACEFUL and any(0 < s - e.sentence <= REACH for s in later)
        else e
        for e in events
    ]
