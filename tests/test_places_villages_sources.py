"""Villages from optional packages beyond India's post offices: Myanmar's townships and
villages (MIMU, ``mm-geo-coder``) and Nigeria's OpenStreetMap settlements
(``safesignal-geo``). The notes are written for these tests (invented events)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.geo import distance_km
from sitrep.models import Document, Place
from sitrep.places import Gazetteer
from sitrep.places.mimu import MIMU_IDS, township_names, village_name
from sitrep.places.nigeria_osm import OSM_NIGERIA_IDS, _folded
from sitrep.places.villages import plain_village

REGION = ["MM", "NG"]


def _named(doc: Document, text: str) -> Place | None:
    return next((p for p in doc.places if p.text == text), None)


def _km(place: Place | None, lat: float, lon: float) -> float:
    assert place is not None and place.lat is not None and place.lon is not None
    return distance_km(place.lat, place.lon, lat, lon)


def test_places_villages_mimu_names_lose_their_brackets() -> None:
    assert village_name("Hle Seik (East)") == "Hle Seik"
    assert village_name("Yae Kyaw Gyi (Yae Kyaw Gyi (East))") == "Yae Kyaw Gyi"
    assert village_name("12 Taung Yoe") is None  # numbered: no name a report uses


def test_places_villages_township_keeps_its_other_spelling() -> None:
    assert township_names("Ho Tawng (Ho Tao)") == ["Ho Tawng", "Ho Tao"]
    assert township_names("Laukkaing (Kokang SAZ)") == ["Laukkaing"]
    assert township_names("Chinshwehaw Sub-township (Kokang SAZ)") == ["Chinshwehaw"]


def test_places_villages_plain_names_only() -> None:
    assert plain_village("  Kupti   Sumari ") == "Kupti Sumari"
    assert plain_village("Mill Road") is None
    assert plain_village("Jauro Gaya 2") is None
    assert _folded("\u1ecc\u0300y\u1ecd\u0301") == "Oyo"  # tone marks and dots below


def test_places_villages_township_sits_at_its_seat(gazetteer: Gazetteer) -> None:
    pytest.importorskip("mm_geo_coder")
    pale = [e for e in gazetteer.lookup("Pale") if e.feature == "ADM3"]
    assert len(pale) == 1 and pale[0].admin1 == "Sagaing" and pale[0].id >= MIMU_IDS
    assert pale[0].lat is not None and pale[0].lon is not None
    assert distance_km(pale[0].lat, pale[0].lon, 21.93, 94.88) < 5


def test_places_villages_run_together_name_finds_the_village(gazetteer: Gazetteer) -> None:
    pytest.importorskip("mm_geo_coder")
    spaced = {e.id for e in gazetteer.lookup("Kyun Hteik")}
    joined = gazetteer.lookup("Kyunhteik")
    assert joined and all(e.kind == "alt" and e.id in spaced for e in joined)


def test_places_villages_myanmar_village_inside_its_township(
    places: Callable[[str], Document],
) -> None:
    pytest.importorskip("mm_geo_coder")
    doc = places(
        "On 12 March 2023, military troops raided Hnaw Kan village (Pale township, "
        "Yinmarbin district, Sagaing region) and burnt down several houses."
    )
    village = _named(doc, "Hnaw Kan")
    assert village is not None and village.country == "MM"
    assert _km(village, 21.94, 94.76) < 25  # the Hnaw Kan of Pale township, not another


def test_places_villages_nigerian_village_in_its_state(
    places: Callable[[str], Document],
) -> None:
    pytest.importorskip("safesignal_geo")
    doc = places(
        "On 15 February 2023, bandits abducted ten residents of Maje village "
        "(Giwa LGA, Kaduna state) and demanded a ransom."
    )
    village = _named(doc, "Maje")
    assert village is not None and village.country == "NG" and village.feature == "PPL"
    assert _km(village, 11.29, 7.55) < 25


def test_places_villages_known_town_is_not_doubled(gazetteer: Gazetteer) -> None:
    pytest.importorskip("safesignal_geo")
    # GeoNames' Oyo (state and city) stands; OpenStreetMap's Oyo adds nothing beside it
    assert gazetteer.lookup("Oyo")
    assert all(e.id < OSM_NIGERIA_IDS for e in gazetteer.lookup("Oyo"))
    # a village only OpenStreetMap knows
    assert any(e.id >= OSM_NIGERIA_IDS for e in gazetteer.lookup("Kupti Sumari"))


def test_places_villages_namesake_nearest_its_township_wins(
    places: Callable[[str], Document],
) -> None:
    """Two villages of one region share a name and neither has people counted: the one
    beside the township the note names is the scene, not the one listed first."""
    pytest.importorskip("mm_geo_coder")
    doc = places(
        "On 9 June 2023, junta troops torched houses in Me Thei village (Tabayin township, "
        "Sagaing region) after clashes with a local defence force."
    )
    village = _named(doc, "Me Thei")
    assert village is not None and village.country == "MM"
    assert _km(village, 22.67, 95.30) < 10  # the Me Thei beside Tabayin, not the one 47 km off


def test_places_villages_area_word_makes_the_region_a_place(
    places: Callable[[str], Document],
) -> None:
    """News prose without brackets: the area words ("township", "region") call their
    names places even when the parser takes "Sagaing" for a verb, so the country is
    Myanmar and Pale is the township, not the Bosnian town."""
    pytest.importorskip("mm_geo_coder")
    doc = places(
        "On 2 June 2023, junta troops raided Ywar Htin village in Pale township, "
        "Sagaing region, and burnt houses."
    )
    region = _named(doc, "Sagaing")
    township = _named(doc, "Pale")
    village = _named(doc, "Ywar Htin")
    assert region is not None and region.country == "MM" and region.feature == "ADM1"
    assert township is not None and township.country == "MM" and township.feature == "ADM3"
    assert village is not None and _km(village, 21.93, 94.88) < 25  # beside Pale township
