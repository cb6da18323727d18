"""A district's point is the middle of its towns, and a town its code puts far away does
not drag it off (Kramatorsk raion once listed a namesake 300 km west). Rows built by hand."""

from __future__ import annotations

from sitrep.geo import distance_km
from sitrep.places.build import _admin_points
from sitrep.places.sources import PlaceRow, Rows


def _rows(strays: int) -> Rows:
    rows = Rows()
    rows.places[1] = PlaceRow(1, "Test Raion", None, None, "UA", "05", "1412", "ADM2")
    for i in range(24):  # a cluster of towns around 48.7 N, 37.5 E
        lat, lon = 48.6 + (i % 5) * 0.05, 37.4 + (i // 5) * 0.05
        rows.places[100 + i] = PlaceRow(100 + i, f"Town {i}", lat, lon, "UA", "05", "1412", "PPL")
    for j in range(strays):
        rows.places[200 + j] = PlaceRow(200 + j, "Stray", 48.0, 33.1, "UA", "05", "1412", "PPL")
    return rows


def test_places_admin_points_stray_town_does_not_move_a_district() -> None:
    rows = _rows(strays=1)
    _admin_points(rows)
    raion = rows.places[1]
    assert raion.lat is not None and raion.lon is not None
    assert distance_km(raion.lat, raion.lon, 48.7, 37.5) < 15


def test_places_admin_points_small_district_keeps_its_box() -> None:
    rows = Rows()
    rows.places[1] = PlaceRow(1, "Small", None, None, "UA", "05", "0001", "ADM2")
    rows.places[2] = PlaceRow(2, "A", 48.0, 37.0, "UA", "05", "0001", "PPL")
    rows.places[3] = PlaceRow(3, "B", 49.0, 38.0, "UA", "05", "0001", "PPL")
    _admin_points(rows)
    assert (rows.places[1].lat, rows.places[1].lon) == (48.5, 37.5)
