"""A village said to lie in an area written with its kind word ("Ywathit village, Kani
township, ...") is no namesake elsewhere; among the namesakes inside the area named, the
one known by that very name ("Pauktaw town in Rakhine state": the township's town, not a
village also called Pauk Taw); a camp named for the displaced lies in the town named after
it ("the Hasahisa displacement camp in Zalingei"); towns and camps GeoNames' cities lists
lack, compiled by hand (Ukhia, the Balukhali camp, Dekai). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["MM", "SD", "BD", "ID"]


def test_places_worded_areas_village_in_a_township_after_a_comma(
    places: Callable[[str], Document],
) -> None:
    # the gazetteer knows Ywathit only as other names of villages in Yangon and Rakhine
    doc = places(
        "On 14 May 2023, the military burned houses in Ywathit village, Kani township, "
        "Monywa district, Sagaing region, after clashes with PDF fighters."
    )
    village = next(p for p in doc.places if p.text == "Ywathit")
    assert village.lat is None
    assert next(p for p in doc.places if p.text == "Kani").admin1 == "Sagaing"


def test_places_worded_areas_town_by_its_own_name_inside_the_state(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 2 December 2023, the Arakan Army clashed with the military near Pauktaw town in "
        "Rakhine state and seized a police station."
    )
    town = doc.places[0]
    assert (town.text, town.name, town.admin1) == ("Pauktaw", "Pauktaw", "Rakhine")
    assert town.lat is not None and town.lat > 20.0


def test_places_worded_areas_displacement_camp_in_its_town(
    places: Callable[[str], Document],
) -> None:
    # Al Hasaheisa is a town of Gezira, 1,000 km east of Zalingei
    doc = places(
        "On 1 September 2023, RSF fighters looted the Hasahisa displacement camp in "
        "Zalingei, Central Darfur."
    )
    assert all(p.admin1 in (None, "Central Darfur") for p in doc.places)


def test_places_worded_areas_hand_compiled_towns_and_camps(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 7 July 2023, in the Balukhali camp, Ukhia (Cox's Bazar, Chittagong), militants "
        "shot dead two volunteers. On 14 April 2023, in Dekai (Yahukimo, Papua Pegunungan), "
        "militants attacked construction workers."
    )
    found = {p.text: p.country for p in doc.places}
    assert (found["Balukhali"], found["Ukhia"], found["Dekai"]) == ("BD", "BD", "ID")
