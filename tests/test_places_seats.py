"""ACLED's "TOWN (DISTRICT, STATE)": the district bearing the town's name or filing a
namesake, a bracket's hamlet known only by an alternate name, a capital beside a far
namesake of its ward; a village named as a community of the municipality before it; names
spaCy cut at a hyphen or before a person-like last word. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.geo import distance_km
from sitrep.models import Document

REGION = ["MA", "NG", "MM", "UA", "ET", "MK", "HU", "CA", "GB", "MX", "BO", "AR", "KR"]


def _mentions(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(p.text, p.country, p.feature) for p in doc.places if p.role == "mention"]


def test_places_seats_town_named_with_its_district_is_the_town(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 27 September 2023, in Sidi Slimane (Sidi Slimane, Rabat-Sale-Kenitra), farmers "
        "protested against the price of water."
    )
    found = _mentions(doc)
    assert found[0][:2] == ("Sidi Slimane", "MA")
    assert found[0][2] is not None and found[0][2].startswith("PPL")
    assert found[1][2] == "ADM2"


def test_places_seats_town_lies_in_its_district_not_elsewhere_in_the_region(
    places: Callable[[str], Document],
) -> None:
    # Magway region has a hamlet Pauk 200 km south of Pauk township's town
    doc = places("On 22 June 2023, in Pauk (Pauk, Magway), the military burned houses.")
    town = doc.places[0]
    assert town.text == "Pauk" and town.lat is not None and town.lat > 21.0


def test_places_seats_town_of_the_district_spelt_by_its_own_name(
    places: Callable[[str], Document],
) -> None:
    # "Sofo-Birnin-Gwari" also answers to the name, as an alternate spelling
    doc = places("On 15 June 2023, in Birnin Gwari (Birnin Gwari, Kaduna), bandits killed eight.")
    town = doc.places[0]
    assert town.name == "Birnin Gwari" and town.feature == "PPL"


def test_places_seats_hyphened_name_is_one_place(places: Callable[[str], Document]) -> None:
    doc = places(
        "On 14 October 2023, Russian forces shelled Niu-York (Bakhmutskyi raion, Donetsk "
        "oblast), and fired mortars at Seredyna-Buda (Shostkynskyi raion, Sumy oblast)."
    )
    found = _mentions(doc)
    assert ("Niu-York", "UA") in [(t, c) for t, c, _ in found]
    assert ("Seredyna-Buda", "UA") in [(t, c) for t, c, _ in found]
    assert all(t not in ("York", "Buda") for t, _, _ in found)


def test_places_seats_first_word_of_a_name_spacy_cut(places: Callable[[str], Document]) -> None:
    # spaCy tags "Markos" alone as a person; "Debre" alone is read as Debar
    doc = places(
        "On 26 April 2023, in Debre Markos (East Gojjam, Amhara), militias clashed with the army."
    )
    town = doc.places[0]
    assert town.text == "Debre Markos" and town.country == "ET"


def test_places_seats_namesake_filed_under_the_named_district(
    places: Callable[[str], Document],
) -> None:
    # GeoNames files an "Andriivka" 40 km north under Kramatorsk raion; the village south
    # of Bakhmut is the one in Bakhmut raion
    doc = places(
        "On 15 September 2023, soldiers clashed near Andriivka (Bakhmutskyi raion, Donetsk oblast)."
    )
    village = doc.places[0]
    assert village.text == "Andriivka" and village.lat is not None and village.lon is not None
    assert distance_km(village.lat, village.lon, 48.53, 37.97) < 25


def test_places_seats_community_of_the_municipality_named_before(
    places: Callable[[str], Document],
) -> None:
    # the gazetteer knows El Aguaje only in other states, 200 km and more away
    doc = places(
        "On 8 April 2023, in Apatzingan, Michoacan, armed men dropped explosives from drones "
        "on the community of El Aguaje."
    )
    village = next(p for p in doc.places if p.text == "El Aguaje")
    assert village.lat is not None and village.lon is not None
    assert distance_km(village.lat, village.lon, 19.09, -102.35) < 25
    assert village.precision == 2


def test_places_seats_hamlet_known_by_an_alternate_name_holds_nothing(
    placed_events: Callable[[str], Document],
) -> None:
    # "Velasco" is only an alternate name of a Bolivian hamlet; the province is unknown,
    # so Santa Cruz department says where San Ignacio lies (San Ignacio de Velasco)
    doc = placed_events(
        "On 6 February 2023, in San Ignacio (Velasco, Santa Cruz), residents blocked roads."
    )
    town = doc.places[0]
    assert town.text == "San Ignacio" and town.country == "BO"
    assert town.lat is not None and town.lon is not None
    assert distance_km(town.lat, town.lon, -16.37, -60.96) < 25


def test_places_seats_capital_is_not_dropped_for_a_far_namesake_of_its_ward(
    places: Callable[[str], Document],
) -> None:
    # the gazetteer knows Seoul's Yongsan ward only as a village 160 km away
    doc = places("On 22 May 2023, in Seoul (Yongsan, Seoul), civic groups rallied.")
    city = doc.places[0]
    assert city.text == "Seoul" and city.country == "KR" and city.feature == "PPLC"


def test_places_seats_one_of_several_namesakes_in_the_district(
    places: Callable[[str], Document],
) -> None:
    # Donetsk oblast has several villages called Vodiane; the raion names the one
    doc = places(
        "On 21 October 2023, soldiers attacked positions near Vodiane (Pokrovskyi raion, "
        "Donetsk oblast)."
    )
    village = doc.places[0]
    assert village.text == "Vodiane" and village.precision == 2
    assert village.lat is not None and village.lon is not None
    assert distance_km(village.lat, village.lon, 48.10, 37.66) < 25
