"""A town named with a first-level area of the same name, "Merida (Merida)": the town of
the country whose state bears that name. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["VE", "MX", "ES", "NG", "PE"]


def _mentions(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(p.text, p.country, p.feature) for p in doc.places if p.role == "mention"]


def test_places_twins_town_of_the_state_that_bears_its_name(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 9 March 2023, in Merida (Merida), university students protested over the budget."
    )
    found = _mentions(doc)
    assert [c for _, c, _ in found] == ["VE", "VE"]
    assert found[1][2] == "ADM1"


def test_places_twins_town_already_in_its_state_stays(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 19 July 2023, in Arequipa (Arequipa), protesters blocked the road to the airport."
    )
    assert [c for _, c, _ in _mentions(doc)] == ["PE", "PE"]
