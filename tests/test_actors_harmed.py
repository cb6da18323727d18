"""Ordinary people harmed are civilians, as ACLED codes the victims of violence: of the
nationality that qualifies them, else of the country where their sentence happens."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document


def _ids(doc: Document) -> set[str]:
    return {a.id for a in doc.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen shot dead a trader in Maiduguri on Monday.", "NGA.civilians"),
        ("Bandits abducted a pastor and two students in Kaduna state.", "NGA.civilians"),
        ("A Palestinian was killed by Israeli forces in Jenin.", "PSE.civilians"),
        ("Taliban fighters beat two Afghan men in Kabul.", "AFG.civilians"),
        ("Police shot a motorcyclist in Nairobi on Friday.", "KEN.civilians"),
        ("Israeli forces raided Jenin, killing two Palestinians.", "PSE.civilians"),
        ("In Medellin, Colombia, the Clan del Golfo killed a social leader.", "COL.civilians"),
        ("In Bishkek, Kyrgyzstan, police detained an activist on Friday.", "KGZ.civilians"),
        # the struck town votes for its country though the parser tags it as no place
        ("Russian forces shelled Kherson, wounding a woman.", "UKR.civilians"),
        (
            "Russian forces shelled residential areas of Kherson, injuring two civilians.",
            "UKR.civilians",
        ),
    ],
)
def test_actors_harmed_people_are_civilians(
    actors_of: Callable[..., Document], text: str, expected: str
) -> None:
    assert expected in _ids(actors_of(text))


def test_actors_harmed_soldiers_are_no_civilians(actors_of: Callable[..., Document]) -> None:
    ids = _ids(actors_of("Militants killed three soldiers near Maiduguri on Monday."))
    assert not any(i.endswith("civilians") for i in ids)


def test_actors_harmed_people_who_act_are_not_victims(
    actors_of: Callable[..., Document],
) -> None:
    # the traders here protest; nobody harms them
    ids = _ids(actors_of("Traders in Kano closed their shops to protest new taxes."))
    assert "NGA.civilians" not in ids


def test_actors_harmed_junta_is_the_state_forces(actors_of: Callable[..., Document]) -> None:
    doc = actors_of("In Ouagadougou, Burkina Faso, the junta arrested a journalist on Friday.")
    assert {"BFA.state-forces", "BFA.civilians"} <= _ids(doc)
