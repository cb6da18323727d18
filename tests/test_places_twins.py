"""Admin areas named in brackets after a place: "Merida (Merida)" is the town of the country
whose state bears that name; a district named before another district is no district of that
name elsewhere. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document
from sitrep.places.links import link_between

REGION = ["VE", "MX", "ES", "NG", "PE", "BD", "IN"]


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


def test_places_twins_district_lies_in_no_other_district(
    places: Callable[[str], Document],
) -> None:
    # Kishoreganj is also a district of Dhaka division; the upazila is Nilphamari's
    doc = places(
        "On 5 March 2023, in Kishoreganj upazila (Nilphamari, Rangpur), Awami League "
        "activists attacked BNP supporters."
    )
    kishoreganj = next(p for p in doc.places if p.text == "Kishoreganj")
    assert kishoreganj.lat is None
    assert any(p.text == "Nilphamari" and p.country == "BD" for p in doc.places)


def test_places_twins_town_far_from_the_district_town_in_brackets(
    places: Callable[[str], Document],
) -> None:
    # West Bengal's Kandi is no village of Rajouri district, 1,700 km away
    doc = places(
        "On 5 May 2023, militants killed five soldiers in an encounter in Kandi forest area "
        "(Rajouri, Jammu and Kashmir)."
    )
    kandi = next(p for p in doc.places if p.text == "Kandi")
    # unknown, or the Kandi India Post places in Rajouri's PIN code area
    assert kandi.lat is None or (kandi.lon is not None and kandi.lon < 80)
    assert any(p.text == "Rajouri" and p.country == "IN" for p in doc.places)


def test_places_twins_military_base_near_a_town_is_no_container() -> None:
    text = "the US military base near Shadadah town in Al Hasakeh countryside"
    assert link_between(text, text.index(" military"), text.index("Shadadah")) is None
    text = "in Kandi forest area (Rajouri, Jammu and Kashmir)"
    assert link_between(text, text.index(" forest"), text.index("Rajouri")) == "("


def test_places_twins_state_named_with_and_is_one_place(
    places: Callable[[str], Document],
) -> None:
    # spaCy tags "Jammu" and "Kashmir" apart; the town Jammu is not in this note
    doc = places(
        "On 11 October 2023, a grenade attack injured two CRPF personnel in Pulwama "
        "(Pulwama, Jammu and Kashmir)."
    )
    found = {p.text: p for p in doc.places if p.role == "mention"}
    assert "Jammu" not in found
    assert found["Jammu and Kashmir"].feature == "ADM1"
