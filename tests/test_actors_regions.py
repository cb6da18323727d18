"""Actors outside the Middle East: the country of generic groups from ACLED-style place
strings ("Area - Place (Region)"), names many countries give their areas, homonymous
acronyms, and the kinds of armed groups whose names say "Army" or "Defence Forces"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import Registry
from sitrep.actors.aliasing import guess_kind
from sitrep.models import Document


def _ids(doc: Document) -> set[str]:
    return {a.id for a in doc.actors}


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # "Ouest" is an area of Haiti, Rwanda and Cameroon: the town before it decides
        (
            "On 4 May 2023, in Port-au-Prince - Delmas (Ouest), residents lynched a suspected "
            "thief.",
            "HTI.civilians",
            "RWA.civilians",
        ),
        # "Sector 28" is a village of India's; "of Amara city" says which sector this is
        (
            "On 30 November 2023, unknown militants detonated an IED in Sector 28 of Amara "
            "city.",
            "IRQ.unidentified-armed-group",
            "IND.unidentified-armed-group",
        ),
        # an unknown quarter after a known area: the area's country, not the soldiers'
        (
            "On 9 July 2023, in Kharkiv - Vesele (Kharkiv), Russian soldiers shot a civilian man.",
            "UKR.civilians",
            "RUS.civilians",
        ),
        # "North West" is a province of South Africa and a district of Singapore
        (
            "On 3 July 2023, in Rustenburg (Bojanala, North West), miners protested over unpaid "
            "wages.",
            "ZAF.protesters",
            "SGP.protesters",
        ),
        # a quarter named like a Nigerian state: the city before it decides
        (
            "On 12 January 2023, in Kinshasa - Gombe (Kinshasa), police dispersed protesters.",
            "COD.police",
            "NGA.police",
        ),
        # a capital's own name counts more than another town's old name
        (
            "On 11 May 2023, in Islamabad, supporters of the party protested against the arrest.",
            "PAK.protesters",
            "BGD.protesters",
        ),
    ],
)
def test_actors_regions_area_strings_give_the_country(
    actors_of: Callable[[str], Document], text: str, expected: str, wrong: str
) -> None:
    ids = _ids(actors_of(text))
    assert expected in ids
    assert wrong not in ids


def test_actors_regions_ambiguous_area_alone_gives_no_country(
    actors_of: Callable[[str], Document],
) -> None:
    # "Eastern" is a province or region of seven countries: it tells none of them
    ids = _ids(
        actors_of("On 2 June 2023, in Kabugu (Eastern), a farmer was killed by unknown men.")
    )
    assert "civilians" in ids
    assert not any(i.endswith(".civilians") for i in ids)
    ids = _ids(actors_of("On 2 May 2023, in Ouest, residents blocked the road to protest."))
    assert not any(i.startswith("RWA.") for i in ids)


def test_actors_regions_state_after_a_name_is_no_country(
    actors_of: Callable[[str], Document],
) -> None:
    ids = _ids(actors_of("Bandits abducted 15 villagers in Niger state on Sunday."))
    assert "NGA.civilians" in ids
    assert "NER.civilians" not in ids


def test_actors_regions_homonymous_acronym_takes_the_story_country(
    actors_of: Callable[[str], Document],
) -> None:
    somalia = actors_of("SNA forces repelled an al Shabaab attack on a base in Lower Shabelle.")
    assert "SOM.state-forces" in _ids(somalia)
    assert "SYR.sna" not in _ids(somalia)
    syria = actors_of("SNA factions shelled Kurdish positions near Afrin in Aleppo province.")
    assert "SYR.sna" in _ids(syria)


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("The KNLA attacked a junta outpost in Kayin State.", "MMR.knla", "MMR.kia"),
        (
            "Fighters of the Karen National Liberation Army overran a camp.",
            "MMR.knla",
            "MMR.kia",
        ),
        ("Fighters of the Chin National Army clashed with junta troops.", "MMR.cna", None),
        ("The White Army attacked a town in Upper Nile.", "SSD.white-army", None),
        ("The Zimbabwe National Army deployed troops.", "ZWE.state-forces", None),
        ("Kenya Defence Forces killed five militants.", "KEN.state-forces", "KEN"),
        (
            "Ethiopian National Defense Forces clashed with Fano.",
            "ETH.state-forces",
            "SYR.ndf",
        ),
    ],
)
def test_actors_regions_armed_organisations(
    actors_of: Callable[[str], Document], text: str, expected: str, wrong: str | None
) -> None:
    ids = _ids(actors_of(text))
    assert expected in ids
    if wrong:
        assert wrong not in ids


def test_actors_regions_chin_national_army_is_no_state_force(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Fighters of the Chin National Army clashed with junta troops.")
    cna = next(a for a in doc.actors if a.id == "MMR.cna")
    assert cna.kind == "rebel-group"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kuki National Army", "rebel-group"),  # an ethnic armed organisation, no state
        ("Zomi Revolutionary Army", "rebel-group"),
        ("Shan Nationalities Army", "rebel-group"),
        ("Revolutionary Armed Forces", "rebel-group"),
        ("Nigerian Army", "state-forces"),  # names its state
        ("National Guard", "state-forces"),
        ("Army", "state-forces"),  # the army of the story's state
        ("National Army", "state-forces"),
        ("Awami League", "organisation"),  # a party, not an international organisation
        ("All Assam Students Union", "organisation"),
    ],
)
def test_actors_regions_guess_kind_of_provisional_names(name: str, kind: str) -> None:
    assert guess_kind(Registry.load(), name) == kind


@pytest.mark.parametrize(
    ("text", "they", "not_they"),
    [
        # "they" who undergo an act are those who underwent one before, not the doers
        (
            "On 12 May 2023, in Milan, police detained three activists who had blocked a "
            "road. They were released the next day.",
            "ITA.civilians",  # the activists detained are civilians (actors.crowds)
            "ITA.police",
        ),
        (
            "Armed men kidnapped seven officials in Chilpancingo. They were freed two days later.",
            None,
            "MEX.unidentified-armed-group",
        ),
        (
            "Police arrested 20 protesters in Nairobi. They were taken to a police station.",
            "KEN.protesters",
            "KEN.police",
        ),
        # with no such noun, the doer it is
        ("Rebels attacked an army post near Goma. They were repelled.", "COD.rebels", None),
    ],
)
def test_actors_regions_passive_they_refers_to_the_patient(
    actors_of: Callable[[str], Document], text: str, they: str | None, not_they: str | None
) -> None:
    doc = actors_of(text)
    owner = {m.text: a.id for a in doc.actors for m in a.mentions}.get("They")
    assert owner == they
    if not_they:
        assert owner != not_they


@pytest.mark.parametrize(
    "text",
    [
        "On 8 June 2023, in Mbau (Beni, Nord-Kivu), ADF militants attacked the village.",
        "On 10 June 2023, Ukrainian forces recaptured Blahodatne (Donetsk) from Russian forces.",
        "On 19 April 2023, Russian forces shelled Nikopol (Nikopol, Dnipropetrovsk) at night.",
        "On 10 June 2023, in Buni Yadi (Gujba LGA, Yobe state), ISWAP fighters attacked a base.",
        "On 2 May 2023, in Sagaing - Kani (Yinmarbin, Sagaing), troops burned houses.",
    ],
)
def test_actors_regions_place_strings_are_no_actors(
    actors_of: Callable[[str], Document], text: str
) -> None:
    # the parser may tag a note's place names as people or organisations
    doc = actors_of(text)
    assert not [a.name for a in doc.actors if a.provisional]


@pytest.mark.parametrize(
    ("text", "crowd"),
    [
        # marching is protesting
        ("On 1 October 2023, in La Paz, miners marched to the square over pay.", "BOL.protesters"),
        # the civilians of "hundreds of villagers" are the ones who protest
        (
            "On 8 November 2023, hundreds of villagers held a peaceful protest in Tamale.",
            "GHA.protesters",
        ),
        # "the Ur neighbourhood of Baghdad" names where
        (
            "On 30 November 2023, residents protested in the Ur neighbourhood of Baghdad.",
            "IRQ.protesters",
        ),
        # "the centre of Lusaka" names where they marched
        (
            "On 9 June 2023, members of the party marched through the centre of Lusaka.",
            "ZMB.protesters",
        ),
    ],
)
def test_actors_regions_crowds_that_march_are_protesters(
    actors_of: Callable[[str], Document], text: str, crowd: str
) -> None:
    ids = _ids(actors_of(text))
    assert crowd in ids
    assert not any(i.endswith(".civilians") for i in ids)


def test_actors_regions_troops_that_march_stay_troops(
    actors_of: Callable[[str], Document],
) -> None:
    ids = _ids(actors_of("Troops marched into the town of Kidal on Sunday."))
    assert "MLI.state-forces" in ids
    assert not any(i.endswith("protesters") for i in ids)


@pytest.mark.parametrize(
    "text",
    [
        "On 15 September 2023, in Cali, unknown men threw a grenade at a police station.",
        "On 21 September 2023, in Santa Marta, hitmen killed a former mayoral candidate.",
        "On 2 February 2023, in Imphal, miscreants lobbed a grenade at a politician's house.",
        "On 30 November 2023, in Katsina, bandits kidnapped 20 farmers working on their farms.",
        "On 23 October 2023, in Bujumbura, unidentified people threw a grenade into a bar.",
    ],
)
def test_actors_regions_unnamed_attackers_are_an_unidentified_armed_group(
    actors_of: Callable[[str], Document], text: str
) -> None:
    doc = actors_of(text)
    assert any(a.kind == "unidentified" for a in doc.actors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian air defence shot down two drones over the city.", "RUS.state-forces"),
        (
            "On 16 June 2023, in Dakar, gendarmes arrested an opposition journalist.",
            "SEN.police",
        ),
        ("Russian occupation authorities arrested two residents in Skadovsk.", "RUS.government"),
    ],
)
def test_actors_regions_state_organs(
    actors_of: Callable[[str], Document], text: str, expected: str
) -> None:
    assert expected in _ids(actors_of(text))
