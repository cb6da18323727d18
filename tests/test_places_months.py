"""A month inside a date is no town: "On 6 March 2023, in Nanterre" once put the event at
March, a town in England, when spaCy did not call Nanterre a place. Sentences written for
sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["FR", "GB", "US"]


def test_places_months_date_month_is_no_town(places: Callable[[str], Document]) -> None:
    doc = places("On 6 March 2023, in Nanterre, rioters set fire to cars.")
    names = {p.text for p in doc.places}
    assert "March" not in names
    assert "Nanterre" in names


def test_places_months_other_months_too(places: Callable[[str], Document]) -> None:
    doc = places("On 2 May 2023, in Nanterre, youths threw stones at police.")
    assert [p.text for p in doc.places] == ["Nanterre"]


def test_places_months_town_outside_a_date_stays(places: Callable[[str], Document]) -> None:
    # the same name outside any date is still the English town
    doc = places("Farmers blocked a road near March, Cambridgeshire, on 6 March 2023.")
    found = [(p.text, p.country) for p in doc.places if p.text == "March"]
    assert found == [("March", "GB")]
