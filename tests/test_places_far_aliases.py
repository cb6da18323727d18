"""A name spaCy did not call a place, matched only as another name of a place abroad far
from everything else the story names, is no place ("the Sol highway" in Guerrero is not
Seoul); and ACLED's "TOWN (STATE)" whose state the gazetteer also spells as a hamlet near
a namesake of the town, or a capital named with its own name in brackets ("Buenos Aires
(Buenos Aires)" is no canton and town of Costa Rica). A name matched only by its
consonants abroad needs a place named in that country, not an actor guessed there. A town
read in no area its bracket ends with is the namesake that lies in one ("El Callao (El
Callao, Bolivar)" is Venezuela's, not Peru's Callao). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document
from sitrep.places import Gazetteer
from sitrep.places.stage import PlacesStage

REGION = ["MX", "KR", "IN", "JP", "SD", "SY", "IQ", "TR", "FR", "AR", "CR", "NG", "SA", "PE", "VE"]


def _mentions(doc: Document) -> list[tuple[str, str | None]]:
    return [(p.text, p.country) for p in doc.places if p.role == "mention"]


@pytest.mark.parametrize(
    ("text", "town", "abroad"),
    [
        # a road named like Seoul (its other name "Sol")
        (
            "On 10 July 2023, in Chilpancingo de los Bravo (Guerrero), residents blocked the "
            "Sol highway and clashed with the National Guard.",
            ("Chilpancingo de los Bravo", "MX"),
            "KR",
        ),
        # a people named like Japan's Kukichuo (its other name "Kuki")
        (
            "On 28 May 2023, in Bishnupur (Bishnupur, Manipur), suspected Kuki militants fired "
            "at villagers near Phougakchao Ikhai.",
            ("Bishnupur", "IN"),
            "JP",
        ),
        # a quarter named like Syria's Tabqa (its other name "Al Thawra")
        (
            "On 21 June 2023, in Omdurman (Karari, Khartoum), the RSF shelled residential "
            "neighbourhoods in Al Thawra, killing five civilians.",
            ("Omdurman", "SD"),
            "SY",
        ),
    ],
)
def test_places_far_aliases_name_of_a_place_far_abroad_is_no_place(
    places: Callable[[str], Document], text: str, town: tuple[str, str], abroad: str
) -> None:
    found = _mentions(places(text))
    assert town in found
    assert all(country != abroad for _, country in found)


def test_places_far_aliases_kept_when_the_story_is_only_a_nationality(
    places: Callable[[str], Document],
) -> None:
    # the story's country is Turkey's by "Turkish" alone: Duhok still reads Dihok
    doc = places(
        "On 1 December 2023, Turkish warplanes conducted airstrikes targeting PKK in Gare "
        "region of Duhok."
    )
    assert ("Duhok", "IQ") in _mentions(doc)


def test_places_far_aliases_state_in_brackets_not_a_hamlet_near_a_namesake(
    places: Callable[[str], Document],
) -> None:
    # Nuevo Leon has a big Guadalupe and a hamlet called Zacatecas beside it
    doc = places("On 2 June 2023, in Guadalupe (Zacatecas), gunmen shot dead a police officer.")
    town, state = doc.places[0], doc.places[1]
    assert (town.text, town.admin1) == ("Guadalupe", "Zacatecas")
    assert town.feature == "PPL"
    assert (state.text, state.feature) == ("Zacatecas", "ADM1")


def test_places_far_aliases_capital_named_with_itself_stays_home(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 20 December 2023, in Buenos Aires (Buenos Aires), piquetero groups marched "
        "against the economic measures."
    )
    assert [p.country for p in doc.places if p.role == "mention"] == ["AR", "AR"]


def test_places_far_aliases_consonants_abroad_need_a_place_there(
    gazetteer: Gazetteer, parse_text: Callable[..., Document]
) -> None:
    # the actors stage may guess unnamed "soldiers" to be another country's; Kareto's
    # consonants are those of Saudi Arabia's Qurayyat
    doc = parse_text(
        "On 21 April 2023, ISWAP militants ambushed a military patrol in Borno state. Four "
        "soldiers were killed near Kareto."
    )
    stage = PlacesStage(gazetteer)
    spans = stage.recogniser(doc)
    resolved, _ = stage.resolver.resolve(spans, hints=("NG", "SA"))
    found = {s.text: resolved[i].entry for i, s in enumerate(spans)}
    assert found["Kareto"] is None


def test_places_far_aliases_town_inside_the_state_its_bracket_ends_with(
    places: Callable[[str], Document],
) -> None:
    # Peru has Callao and a Bolivar; Venezuela's Bolivar state holds El Callao
    doc = places(
        "On 5 May 2023, in El Callao (El Callao, Bolivar), illegal miners clashed with the "
        "army near a mine."
    )
    assert [p.country for p in doc.places if p.role == "mention"] == ["VE", "VE", "VE"]
