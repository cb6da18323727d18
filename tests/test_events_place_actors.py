"""Actors of the place's country that ACLED names when a note does not: the state whose
forces intercepted (the firer is actor2; a named interceptor speaks for itself), and the
crowd of a riot or demonstration no crowd actor names."""

from __future__ import annotations

import pytest

from sitrep.events import EventsStage
from sitrep.models import Event

REGION = ("IL", "UA")


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage(learned=False)


def _disrupted(events: tuple[Event, ...]) -> list[Event]:
    return [e for e in events if e.acled_sub_event_type == "Disrupted weapons use"]


def test_events_place_actors_firer_is_actor2(places, stage, actors_stage):  # type: ignore[no-untyped-def]
    doc = stage(
        actors_stage(
            places(
                "Russian forces launched Shahed drones at Kyiv; Ukrainian air defence shot "
                "down 12 of them."
            )
        )
    )
    launched = [e for e in _disrupted(doc.events) if e.trigger.text == "launched"]
    assert launched
    assert launched[0].actor1 is not None and launched[0].actor1.id == "UKR.state-forces"
    assert launched[0].actor2 is not None and launched[0].actor2.id == "RUS.state-forces"


def test_events_place_actors_unnamed_interceptor_is_the_places_state(  # type: ignore[no-untyped-def]
    places, stage, actors_stage
):
    doc = stage(
        actors_stage(
            places(
                "Hamas militants fired rockets toward southern Israel, causing sirens to sound "
                "in Sderot. At least six rockets were intercepted over Sderot."
            )
        )
    )
    caught = _disrupted(doc.events)
    assert caught and all(e.actor1 is not None for e in caught)
    assert {e.actor1.id for e in caught if e.actor1} == {"ISR.state-forces"}


def test_events_place_actors_named_interceptor_stays(places, stage, actors_stage):  # type: ignore[no-untyped-def]
    doc = stage(
        actors_stage(places("Ukrainian air defence intercepted 12 Russian drones over Kyiv."))
    )
    caught = _disrupted(doc.events)
    assert caught and caught[0].actor1 is not None
    assert caught[0].actor1.id == "UKR.state-forces"
    assert caught[0].actor2 is not None and caught[0].actor2.id == "RUS.state-forces"


def test_events_place_actors_unnamed_crowd_is_the_places(places, stage, actors_stage):  # type: ignore[no-untyped-def]
    # no crowd actor is named: ACLED's actor1 of a riot is still its crowd, of the
    # place's country, and the police the other side
    doc = stage(
        actors_stage(
            places(
                "In Lviv, Svoboda activists clashed with police during a picket outside the "
                "city council."
            )
        )
    )
    riots = [e for e in doc.events if e.acled_event_type == "Riots"]
    assert riots and riots[0].actor1 is not None
    assert riots[0].actor1.id == "UKR.rioters"
    assert riots[0].actor2 is not None and riots[0].actor2.id == "UKR.police"
