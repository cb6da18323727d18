"""A generic noun after a name belongs to it: "PIJ militants", "Israeli settler rioters"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage, Registry
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> ActorsStage:
    return ActorsStage(Registry.load())


@pytest.fixture()
def actors_of(parse_text, stage) -> Callable[[str], Document]:  # type: ignore[no-untyped-def]
    return lambda text: stage(parse_text(text))


def test_actors_compound_named_group_absorbs_its_noun(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Islamic Jihad militants fired mortar shells at an army post near Khan Younis.")
    ids = {a.id for a in doc.actors}
    assert not any(i.endswith("unidentified-armed-group") for i in ids)
    militants = next(a for a in doc.actors if any("militants" in m.text for m in a.mentions))
    assert militants.kind == "rebel-group"


def test_actors_compound_unknown_group_name_with_its_noun_is_armed(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Saraya al-Fajr al-Jadid militants ambushed a patrol near the border.")
    group = next(a for a in doc.actors if any("militants" in m.text for m in a.mentions))
    assert group.provisional
    assert group.kind == "political-militia"


def test_actors_compound_crowd_takes_the_nationality_before_it(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Israeli settler rioters threw stones at cars near Huwara in the West Bank.")
    assert "ISR.rioters" in {a.id for a in doc.actors}
    assert "PSE.rioters" not in {a.id for a in doc.actors}


def test_actors_unidentified_group_with_a_nationality(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("An unidentified Palestinian group opened fire at a checkpoint near Nablus.")
    assert "PSE.unidentified-armed-group" in {a.id for a in doc.actors}
