"""An event a later sentence adds with "also" gives way to the one the report opened with
("Ukrainian forces repelled attacks near Vuhledar. Russian forces also shelled ...").
Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events import EventsStage
from sitrep.events.rank import main_event
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage(learned=False)


@pytest.mark.parametrize(
    ("text", "main"),
    [
        (
            "Ukrainian forces repelled Russian attacks near the village on Tuesday. "
            "Russian forces also shelled two hamlets to the east.",
            "repelled",
        ),
        (
            "Soldiers clashed with rebels outside the garrison town on Monday. "
            "Government jets also bombed rebel positions in the hills.",
            "clashed",
        ),
    ],
)
def test_events_additions_give_way_to_the_lead(
    parse_text: Callable[..., Document], stage: EventsStage, text: str, main: str
) -> None:
    doc = stage(parse_text(text))
    ev = main_event(doc)
    assert ev is not None and ev.sentence == 0 and ev.trigger.text == main


def test_events_additions_only_after_the_first_sentence(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    # "also" in the lead itself is no addition to anything told before
    doc = stage(parse_text("Russian forces also shelled two hamlets to the east."))
    shelling = [e for e in doc.events if e.trigger.text == "shelled"]
    assert shelling and shelling[0].confidence >= 0.8
