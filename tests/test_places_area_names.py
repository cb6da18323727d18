"""First-level areas under the English names that news and ACLED's notes give them, which
their GeoNames entries lack: "Caracas (Capital District)" is Venezuela's Distrito Capital,
not a district of Manila; "Abuja (Federal Capital Territory)", "Pohang (North
Gyeongsang)". Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document

REGION = ["VE", "PH", "NG", "KR"]


@pytest.mark.parametrize(
    ("text", "town", "area", "country"),
    [
        (
            "On 2 April 2023, in Caracas (Capital District), pensioners protested.",
            "Caracas",
            "Capital District",
            "VE",
        ),
        (
            "On 3 April 2023, in Abuja (Federal Capital Territory), workers marched.",
            "Abuja",
            "Federal Capital Territory",
            "NG",
        ),
        (
            "On 4 April 2023, in Pohang (North Gyeongsang), residents rallied.",
            "Pohang",
            "North Gyeongsang",
            "KR",
        ),
    ],
)
def test_places_area_names_english_first_level_names(
    places: Callable[[str], Document], text: str, town: str, area: str, country: str
) -> None:
    doc = places(text)
    found = {p.text: p for p in doc.places}
    assert found[area].country == country
    assert found[area].feature == "ADM1"
    assert found[town].country == country
    assert found[town].lat is not None
