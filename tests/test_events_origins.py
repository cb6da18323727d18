"""Where an event's people came from is no scene: "protesters from Puno marched in Lima" is
a protest in Lima. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events.rank import main_event
from sitrep.models import Document

REGION = ["PE", "MX", "BR", "UA"]


@pytest.mark.parametrize(
    ("text", "scene"),
    [
        ("On 15 January 2023, in Lima, protesters from Puno and Cusco marched.", "Lima"),
        (
            "On 16 January 2023, in Arequipa (Arequipa), protesters from Puno blocked a road.",
            "Arequipa",
        ),
        ("Teachers from Oaxaca marched in Mexico City to demand pay rises.", "Mexico City"),
    ],
)
def test_events_origins_home_town_is_no_scene(
    placed_events: Callable[[str], Document], text: str, scene: str
) -> None:
    ev = main_event(placed_events(text))
    assert ev is not None and ev.place is not None
    assert ev.place.text == scene


def test_events_origins_retreat_from_is_still_the_place(
    placed_events: Callable[[str], Document],
) -> None:
    # a "from" phrase of the event word itself is where it happened
    ev = main_event(placed_events("Troops withdrew from Tumbes after a week of fighting."))
    assert ev is not None and ev.place is not None
    assert ev.place.text == "Tumbes"


def test_events_origins_launch_point_alone_is_no_scene(
    placed_events: Callable[[str], Document],
) -> None:
    # the second sentence names only where the missiles came from: they fell in Zaporizhzhia
    doc = placed_events(
        "Russian forces launched missiles at Zaporizhzhia, damaging houses. "
        "The missiles were fired from the Berdiansk area."
    )
    fired = [e for e in doc.events if e.trigger.text == "fired"]
    assert fired and fired[0].place is not None
    assert fired[0].place.text == "Zaporizhzhia"
