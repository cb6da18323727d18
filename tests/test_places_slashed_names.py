"""Names GeoNames writes with "/" or "&" ("Elgeyo/Marakwet", "Taita/Taveta") are indexed,
read as the words they join, so "Elgeyo Marakwet" finds Kenya's county. Names written
for sitrep."""

from __future__ import annotations

from sitrep.places.gazetteer import Gazetteer
from sitrep.places.normalise import is_indexable, normalise_name

REGION = ["KE"]


def test_places_slashed_names_are_indexable() -> None:
    assert is_indexable("Elgeyo/Marakwet")
    assert is_indexable("Trinidad & Tobago")
    assert normalise_name("Taita/Taveta") == "taita taveta"
    assert not is_indexable("\u0425\u0435\u0440\u0441\u043e\u043d")  # Cyrillic stays out


def test_places_slashed_names_county_found_by_its_words(gazetteer: Gazetteer) -> None:
    found = [e for e in gazetteer.lookup("Elgeyo Marakwet") if e.feature == "ADM1"]
    assert found and found[0].country == "KE"
    assert any(e.feature == "ADM1" for e in gazetteer.lookup("Taita Taveta"))
