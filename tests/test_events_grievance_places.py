"""What a protest is against happened elsewhere: "a protest by NLC members against the killing
of workers in Zamfara" in Abuja is a protest in Abuja. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage
from sitrep.events import EventsStage
from sitrep.events.rank import main_event
from sitrep.models import Document
from sitrep.places import Gazetteer
from sitrep.places.stage import PlacesStage

REGION = ["NG"]


@pytest.fixture(scope="module")
def run(
    gazetteer: Gazetteer, parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> Callable[[str], Document]:
    places, events = PlacesStage(gazetteer), EventsStage(learned=False)
    return lambda text: events(places(actors_stage(parse_text(text))))


def test_events_grievance_places_what_is_protested_is_no_scene(
    run: Callable[[str], Document],
) -> None:
    doc = run(
        "In Abuja, the police dispersed a protest by NLC members against the killing of "
        "workers in Zamfara."
    )
    ev = main_event(doc)
    assert ev is not None and ev.place is not None
    assert ev.place.text == "Abuja"
