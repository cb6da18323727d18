"""ACLED-style notes from outside the Middle East: sentences we wrote, typed by the rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events import EventsStage
from sitrep.events.rank import main_event
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage(learned=False)


def subtype(parse_text: Callable[..., Document], stage: EventsStage, text: str) -> str | None:
    ev = main_event(stage(parse_text(text)))
    return ev.acled_sub_event_type if ev else None


# a month in a date is no protest word ("On 4 March 2023" names no march)
MONTHS = [
    (
        "On 4 March 2023, rebels attacked an army post near the river but were pushed back.",
        "Armed clash",
    ),
    ("On 19 March 2024, unknown gunmen shot dead two herders near the well.", "Attack"),
    (
        "In May 2022, bandits kidnapped a teacher on the road to the market.",
        ("Abduction/forced disappearance"),
    ),
    (
        "On 2 March 2023, hundreds of nurses held a march to the ministry over pay.",
        ("Peaceful protest"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MONTHS)
def test_events_regions_notes_are_typed(parse_text, stage, text, expected):
    assert subtype(parse_text, stage, text) == expected
