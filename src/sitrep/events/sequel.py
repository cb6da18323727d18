"""Note-level rules: what a later sentence of a short report says about an earlier protest.

A peaceful protest followed, in the next sentence or the one after, by rioting ("Residents
held a demonstration ... Demonstrators burned tyres on the road.") was a violent
demonstration; one followed by arrests or an intervention ("Activists glued themselves to
a road. Police removed them and detained eight.") was a protest met with intervention.
ACLED codes the protest so, and demonstrators' violence decides before the response.
"""

from __future__ import annotations

import dataclasses

from ..models import Event

PEACEFUL = "Peaceful protest"
INTERVENED = "Protest with intervention"
RIOTED = "Violent demonstration"
RIOTS = frozenset({RIOTED, "Mob violence"})
MET_BY = frozenset({"Arrests", INTERVENED})
NOT_HAPPENED = frozenset({"negated", "denied", "future", "hypothetical"})
NOT_ASSERTED = NOT_HAPPENED | {"reported", "alleged"}
REACH = 2  # sentences after the protest
# told as news, not as background ("who was serving a sentence", "the captured man")
MIN_CONFIDENCE = {"riot": 0.6, "met": 0.7}


def _sentences(
    events: list[Event], types: frozenset[str], least: float, unreal: frozenset[str]
) -> list[int]:
    return [
        e.sentence
        for e in events
        if e.acled_sub_event_type in types and e.modality not in unreal and e.confidence >= least
    ]


def protests_met(events: list[Event]) -> list[Event]:
    """Peaceful protests followed shortly by rioting become violent demonstrations, else
    followed by arrests or an intervention become protests with intervention."""
    # rioting as the report's own words, not a speaker's ("nor must we allow them to be
    # mobbed", the bishop told the rally)
    rioting = _sentences(events, RIOTS, MIN_CONFIDENCE["riot"], NOT_ASSERTED)
    met = _sentences(events, MET_BY, MIN_CONFIDENCE["met"], NOT_HAPPENED)
    if not rioting and not met:
        return events
    out = []
    for e in events:
        if e.acled_sub_event_type == PEACEFUL:
            if any(0 < s - e.sentence <= REACH for s in rioting):
                e = dataclasses.replace(e, acled_event_type="Riots", acled_sub_event_type=RIOTED)
            elif any(0 < s - e.sentence <= REACH for s in met):
                e = dataclasses.replace(e, acled_sub_event_type=INTERVENED)
        out.append(e)
    return out
