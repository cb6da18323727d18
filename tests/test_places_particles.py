"""A name particle alone ("Beni" of "Beni Suef") names no place, unless a sizeable town
bears that very name ("Beni", North Kivu). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document
from sitrep.places import Gazetteer
from sitrep.places.recognise import Recogniser

REGION = ["CD", "EG", "MA", "SY"]


def _found(doc: Document) -> list[tuple[str, str | None]]:
    return [(p.text, p.country) for p in doc.places if p.role == "mention"]


def test_places_particles_town_named_like_a_particle(
    places: Callable[[str], Document],
) -> None:
    doc = places("Suspected ADF fighters killed nine farmers outside Beni on Tuesday.")
    assert _found(doc) == [("Beni", "CD")]
    assert doc.focus.country == "CD"


def test_places_particles_recogniser_offers_the_town_itself(
    gazetteer: Gazetteer, parse_text: Callable[..., Document]
) -> None:
    doc = parse_text("Suspected ADF fighters killed nine farmers outside Beni on Tuesday.")
    spans = [s for s in Recogniser(gazetteer)(doc) if s.text == "Beni"]
    assert spans and spans[0].weak  # kept only if it resolves convincingly


def test_places_particles_longer_names_stay_whole(places: Callable[[str], Document]) -> None:
    egypt = places("Hundreds of farmers protested in Beni Suef on Monday.")
    assert ("Beni Suef", "EG") in _found(egypt)
    assert all(text != "Beni" for text, _ in _found(egypt))


def test_places_particles_other_particles_stay_silent(
    places: Callable[[str], Document],
) -> None:
    doc = places("Shelling hit Kafr Nabl and Deir on Sunday, residents said.")
    assert all(text not in ("Kafr", "Deir") for text, _ in _found(doc))
