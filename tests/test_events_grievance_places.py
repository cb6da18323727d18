"""What a protest is against happened elsewhere: "a protest by NLC members against the killing
of workers in Zamfara" in Abuja is a protest in Abuja. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events.rank import main_event
from sitrep.models import Document

REGION = ["NG"]


def test_events_grievance_places_what_is_protested_is_no_scene(
    placed_events: Callable[[str], Document],
) -> None:
    doc = placed_events(
        "In Abuja, the police dispersed a protest by NLC members against the killing of "
        "workers in Zamfara."
    )
    ev = main_event(doc)
    assert ev is not None and ev.place is not None
    assert ev.place.text == "Abuja"
