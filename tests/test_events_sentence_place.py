"""An event whose clause names no place (the parse hung the place outside it) takes a
resolved place its own sentence names, never a country that only says whose people they
are. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["SO", "US"]


def test_events_sentence_place_when_the_parse_hangs_the_place_outside(
    placed_events: Callable[[str], Document],
) -> None:
    # spaCy makes "forces" the root and "captured" a clause of "militias"
    doc = placed_events(
        "On 10 December 2023, Somali forces backed by clan militias captured Eel Dheer "
        "(Ceel Dheer, Galguduud) from Al Shabaab after heavy fighting."
    )
    (taken,) = [e for e in doc.events if e.trigger.text == "captured"]
    assert taken.place is not None and taken.place.country == "SO"


def test_events_sentence_place_not_an_affiliation(
    placed_events: Callable[[str], Document],
) -> None:
    doc = placed_events("The militia pulled its fighters out after talks through US officials.")
    (retreat,) = [e for e in doc.events if e.plover_type == "RETREAT"]
    assert retreat.place is None or retreat.place.country != "US"
