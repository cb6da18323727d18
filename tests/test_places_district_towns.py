"""A village named before its district town and state ("X (Churachandpur, Manipur)")
that the gazetteer knows only in another state is left unresolved, so the event falls
back to the district town, as ACLED does at geo_precision 2. Sentences written for
sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["IN"]


def test_places_district_towns_namesake_in_another_state(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On Sunday, in Kangvai (Churachandpur, Manipur), armed militants exchanged fire "
        "with security forces."
    )
    found = {p.text: p for p in doc.places if p.role == "mention"}
    assert found["Kangvai"].lat is None  # the only Kangvai on record lies in Gujarat
    assert found["Churachandpur"].admin1 == "Manipur"


def test_places_district_towns_village_in_the_named_state_kept(
    places: Callable[[str], Document],
) -> None:
    doc = places("On Sunday, in Moreh (Tengnoupal, Manipur), militants fired at a police post.")
    found = {p.text: p for p in doc.places if p.role == "mention"}
    assert found["Moreh"].admin1 == "Manipur"
