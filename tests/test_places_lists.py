"""Names that the words around them call places although spaCy did not: a name after
"on" followed by its area ("on Beryslav, Kherson"), and the other members of a list
whose one member is a place ("shelled Bilozerka, Antonivka and Sadove"). Sentences
written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document
from sitrep.places.context import cues

REGION = ["UA", "RU"]


def _found(doc: Document) -> dict[str, str | None]:
    return {p.text: p.country for p in doc.places if p.role == "mention"}


def test_places_lists_on_is_a_place_preposition() -> None:
    # a bare "on" in YAML reads as the boolean true, so the word must stay quoted
    assert "on" in cues().place_before
    assert "true" not in cues().place_before


def test_places_lists_name_on_before_its_area(places: Callable[[str], Document]) -> None:
    doc = places(
        "Russian forces dropped explosives from a drone on Beryslav, Kherson. "
        "One civilian was injured."
    )
    assert _found(doc).get("Beryslav") == "UA"


def test_places_lists_every_member_of_a_shelled_list(places: Callable[[str], Document]) -> None:
    doc = places(
        "Russian forces shelled Bilozerka, Antonivka and Sadove in Khersonskyi raion, "
        "Kherson oblast."
    )
    found = _found(doc)
    assert found.get("Bilozerka") == "UA"
    assert found.get("Antonivka") == "UA"
    assert found.get("Sadove") == "UA"


def test_places_lists_last_member_before_its_area(places: Callable[[str], Document]) -> None:
    # neither town is an entity: "Orikhiv, Zaporizhzhia" after "at ... and" names Orikhiv,
    # and Huliaipole is the list's other member
    doc = places("Russian forces fired artillery at Huliaipole and Orikhiv, Zaporizhzhia oblast.")
    found = _found(doc)
    assert found.get("Orikhiv") == "UA"
    assert found.get("Huliaipole") == "UA"


def test_places_lists_part_of_a_longer_name_stands_not_alone(
    places: Callable[[str], Document],
) -> None:
    # "Tyotkino" is a place; "Petro" of the person's name coordinated with it is not
    doc = places("Drones struck Tyotkino and Petro Ivanenko's farm near the border.")
    assert "Petro" not in _found(doc)
