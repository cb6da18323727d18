"""A foreign capital gives way to a city of the same name in the country the rest of the
story is about ("Tripoli" beside the Lebanese army). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors.registry import Registry
from sitrep.actors.stage import ActorsStage
from sitrep.models import Document
from sitrep.places import Gazetteer
from sitrep.places.stage import PlacesStage

REGION = ["LB", "LY", "SY"]


@pytest.fixture(scope="module")
def story(gazetteer: Gazetteer, parse_text: Callable[..., Document]) -> Callable[[str], Document]:
    """Parse, actors (whose "gunmen" the actors stage may place by its own reading of the
    places) and places."""
    actors, places = ActorsStage(Registry.load(), gazetteer), PlacesStage(gazetteer)
    return lambda text: places(actors(parse_text(text)))


def _tripoli(doc: Document) -> str | None:
    found = [p.country for p in doc.places if p.text == "Tripoli" and p.role == "mention"]
    assert found
    return found[0]


def test_places_home_namesakes_lebanese_story_keeps_its_tripoli(
    story: Callable[[str], Document],
) -> None:
    doc = story("In Tripoli (North), Lebanese army soldiers clashed with gunmen on Monday.")
    assert _tripoli(doc) == "LB"


def test_places_home_namesakes_capital_stays_without_other_evidence(
    story: Callable[[str], Document],
) -> None:
    doc = story("Rival militias clashed near the airport in Tripoli on Thursday.")
    assert _tripoli(doc) == "LY"


def test_places_home_namesakes_libyan_story_keeps_the_capital(
    story: Callable[[str], Document],
) -> None:
    doc = story("Libyan officials met in Tripoli after clashes near Misrata.")
    assert _tripoli(doc) == "LY"
