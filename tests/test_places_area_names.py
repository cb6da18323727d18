"""First-level areas under the English names that news and ACLED's notes give them, which
their GeoNames entries lack: "Caracas (Capital District)" is Venezuela's Distrito Capital,
not a district of Manila; "Abuja (Federal Capital Territory)", "Pohang (North
Gyeongsang)". Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document
from sitrep.places.area_names import bare_admin_names, raion_adjectives

REGION = ["VE", "PH", "NG", "KR", "ID", "CN", "UA", "BO", "KY", "CR", "PS"]


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


def test_places_area_names_regency_without_its_kind_word(
    places: Callable[[str], Document],
) -> None:
    # Kabupaten Intan Jaya ("Intan Jaya Regency"); "Intan" alone once read Yingtan, China
    doc = places("On 5 April 2023, in Sugapa (Intan Jaya, Papua Tengah), gunmen shot two men.")
    found = {p.text: p for p in doc.places}
    assert found["Intan Jaya"].country == "ID"
    assert found["Intan Jaya"].feature == "ADM2"
    assert "Intan" not in found


def test_places_area_names_bare_only_when_missing() -> None:
    assert bare_admin_names("ID", ("Kabupaten Nduga", "Nduga Regency")) == ["Nduga"]
    assert bare_admin_names("ID", ("Kota Jayapura",)) == ["Jayapura"]
    assert bare_admin_names("ID", ("Kabupaten Karo", "Karo")) == []
    assert bare_admin_names("PH", ("Kabupaten Nduga",)) == []


def test_places_area_names_raion_adjectives() -> None:
    assert raion_adjectives(("Bakhmut Raion", "Бахмутский район", "Бахмутський район")) == [
        "Bakhmutskyi"
    ]
    assert raion_adjectives(("Kupiansk Raion", "Куп’янська Міськрада")) == ["Kupianskyi"]
    assert raion_adjectives(("Kerch Raion", "Городской округ Керчь")) == []


def test_places_area_names_raion_as_acled_writes_it(places: Callable[[str], Document]) -> None:
    doc = places("On 9 March 2023, Russian forces shelled Zelenopillia, Pokrovskyi raion, Donetsk.")
    raion = next(p for p in doc.places if p.text == "Pokrovskyi")
    assert raion.country == "UA"
    assert raion.feature == "ADM2"


def test_places_area_names_unknown_bracketed_area_hides_no_first_word(
    places: Callable[[str], Document],
) -> None:
    # the province the gazetteer does not know is no "Pedro" (Cayman Islands), and the
    # town it brackets keeps its own reading
    doc = places("On 31 March 2023, in La Paz (Pedro Domingo Murillo, La Paz), teachers marched.")
    names = [p.text for p in doc.places]
    assert "Pedro" not in names
    town = doc.places[0]
    assert town.country == "BO"
    assert town.lat is not None


def test_places_area_names_bracketed_run_of_two_places_stays(
    places: Callable[[str], Document],
) -> None:
    doc = places("Troops raided Maythalun (Jenin West Bank) and arrested two men.")
    assert "Jenin" in [p.text for p in doc.places]
