"""Places the words around them call a quarter, a village or an area, and what that says
about a namesake: an unknown quarter sits at the town its sentence names ("in Nairobi
... in the Kibera and Mathare areas"), a quarter or village known only abroad is no
namesake there, an area written with its kind word is a place ("Bokkos LGA", "Polohy
raion"). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage
from sitrep.models import Document, Place
from sitrep.places import Gazetteer
from sitrep.places.stage import PlacesStage

REGION = ["KE", "US", "SD", "IE", "NG", "TR", "CN", "BD", "KG", "UA"]


def _place(doc: Document, text: str) -> Place:
    return next(p for p in doc.places if p.text == text and p.role == "mention")


@pytest.fixture(scope="module")
def with_actors(
    gazetteer: Gazetteer, parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> Callable[[str], Document]:
    stage = PlacesStage(gazetteer)
    return lambda text: stage(actors_stage(parse_text(text)))


def test_places_quarters_unknown_quarter_sits_in_its_town(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 30 June 2023, in Nairobi, police dispersed protesters in the Kibera and Mathare areas."
    )
    kibera = _place(doc, "Kibera")
    assert kibera.name == "Nairobi" and kibera.country == "KE"
    assert kibera.precision == 2


def test_places_quarters_quarter_known_only_abroad_sits_in_its_town(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 12 July 2023, in Mombasa (Mvita, Mombasa), police teargassed protesters in "
        "the Old Town area."
    )
    assert _place(doc, "Old Town").country == "KE"


def test_places_quarters_unknown_village_has_no_town_to_sit_in(
    places: Callable[[str], Document],
) -> None:
    # a village in a county is not a quarter of a town: it stays unknown
    doc = places("On 20 April 2023, in Baringo county, bandits killed two herders in Kapedo.")
    assert _place(doc, "Kapedo").lat is None


def test_places_quarters_neighbourhood_is_no_province_abroad(
    with_actors: Callable[[str], Document],
) -> None:
    doc = with_actors(
        "On 20 August 2023, SAF airstrikes hit the Mayo neighbourhood in southern Khartoum, "
        "killing 20 civilians."
    )
    # spaCy calls "Mayo" an organisation here; read as Ireland's county Mayo it was kept
    assert all(p.country != "IE" for p in doc.places)
    assert _place(doc, "Khartoum").country == "SD"


def test_places_quarters_village_is_no_namesake_in_an_unnamed_country(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 14 April 2023, in Bokkos LGA (Plateau), gunmen killed 12 people in Mushu village."
    )
    assert _place(doc, "Bokkos").country == "NG"
    assert _place(doc, "Mushu").country in (None, "NG")


def test_places_quarters_area_with_its_kind_word_after_a_comma(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 25 October 2023, Russian forces dropped guided aerial bombs on Orikhiv, Polohy "
        "raion, Zaporizhzhia oblast. No casualties were reported."
    )
    assert _place(doc, "Orikhiv").country == "UA"


def test_places_quarters_guessed_organisation_is_a_known_place(
    with_actors: Callable[[str], Document],
) -> None:
    doc = with_actors(
        "On 12 June 2023, in Cox's Bazar (Ukhia, Chittagong), ARSA members shot dead a "
        "Rohingya leader in Balukhali camp."
    )
    assert _place(doc, "Cox's Bazar").country == "BD"


def test_places_quarters_namesake_far_from_its_town_is_no_quarter(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 24 May 2023, in Bauchi (Bauchi), police dispersed protesters in the Yelwa area."
    )
    yelwa = _place(doc, "Yelwa")
    assert yelwa.name == "Bauchi" and yelwa.precision == 2
