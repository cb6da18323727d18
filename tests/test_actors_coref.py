"""Coreference in one article: definite descriptions and pronouns become mentions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage, Registry
from sitrep.events import EventsStage
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> ActorsStage:
    return ActorsStage(Registry.load())


@pytest.fixture()
def actors_of(parse_text, stage) -> Callable[[str], Document]:  # type: ignore[no-untyped-def]
    return lambda text: stage(parse_text(text))


def _mentions(doc: Document, actor_id: str) -> list[str]:
    return [m.text for a in doc.actors if a.id == actor_id for m in a.mentions]


def test_actors_coref_descriptions_chain_back_to_the_name(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "Hayat Tahrir al-Sham fighters entered Hama on Thursday. The group said it had "
        "captured the airport. A day later the militia reached the outskirts of Homs."
    )
    said = _mentions(doc, "SYR.hts")
    assert "The group" in said and "the militia" in said and "it" in said


def test_actors_coref_he_is_the_subject_before_him(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Geir Pedersen met Sergey Lavrov in Moscow. He said the talks were useful.")
    assert "He" in _mentions(doc, "person.geir-pedersen")
    assert "He" not in _mentions(doc, "person.sergey-lavrov")


def test_actors_coref_empty_it_is_no_actor(actors_of: Callable[[str], Document]) -> None:
    doc = actors_of(
        "The Houthis fired a missile at a cargo ship. It is unclear whether the ship was hit."
    )
    assert all(m.text != "It" for a in doc.actors for m in a.mentions)


def test_actors_coref_they_act_in_events(actors_of: Callable[[str], Document]) -> None:
    doc = EventsStage()(
        actors_of("Israeli forces raided the Jenin camp on Monday; they arrested five men.")
    )
    arrests = [e for e in doc.events if e.trigger.text == "arrested"]
    assert arrests and arrests[0].actor1 is not None
    assert arrests[0].actor1.id == "ISR.state-forces"
    assert arrests[0].actor1.text == "they"
