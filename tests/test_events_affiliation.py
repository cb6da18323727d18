"""A country named only as a noun's modifier ("through US officials", "UK-made missiles")
says whose people or things they are, not where an event happened. Sentences written for
sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["SY", "US", "GB"]


def test_events_affiliation_country_modifier_is_no_scene(
    placed_events: Callable[[str], Document],
) -> None:
    doc = placed_events(
        "The SDF pulled its fighters out of the town after talks through US officials."
    )
    (retreat,) = [e for e in doc.events if e.plover_type == "RETREAT"]
    assert retreat.place is None or retreat.place.country != "US"


def test_events_affiliation_country_as_place_still_counts(
    placed_events: Callable[[str], Document],
) -> None:
    doc = placed_events("Protesters rallied in the United States against the war in Syria.")
    (rally,) = [e for e in doc.events if e.plover_type == "PROTEST"]
    assert rally.place is not None and rally.place.country == "US"
