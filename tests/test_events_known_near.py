"""A village the gazetteer does not know is put at the nearest known place its sentence
names, else at the last its paragraph named (ACLED's geo_precision 2), instead of going
without coordinates. Documents built by hand."""

from __future__ import annotations

from sitrep.events.anchors import Anchors
from sitrep.models import Article, Document, Place, Sentence


def _doc(text: str, places: list[Place], breaks: list[int]) -> Document:
    bounds = [0, *breaks, len(text)]
    sentences = tuple(Sentence(i, a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:])))
    return Document(Article(id="t", text=text), sentences=sentences, places=tuple(places))


def _place(text: str, whole: str, known: bool) -> Place:
    start = whole.index(text)
    point = {"lat": 13.63, "lon": 25.35, "geonames_id": 1, "precision": 1} if known else {}
    return Place(id=f"x:{text}", name=text, text=text, start=start, end=start + len(text), **point)


def test_events_known_near_same_sentence() -> None:
    text = "Fighters looted Um Kadada village and then moved on toward El Fasher."
    village, town = _place("Um Kadada", text, False), _place("El Fasher", text, True)
    anchors = Anchors(_doc(text, [village, town], []))
    near = anchors.known_near(village, 0, 2)
    assert near.lat == 13.63 and near.precision == 2
    assert near.method.endswith(":near-unknown")


def test_events_known_near_earlier_sentence() -> None:
    text = "Clashes broke out in El Fasher. Fighters then looted Um Kadada village."
    town, village = _place("El Fasher", text, True), _place("Um Kadada", text, False)
    anchors = Anchors(_doc(text, [town, village], [text.index("Fighters")]))
    assert anchors.known_near(village, 1, 2).lat == 13.63


def test_events_known_near_nothing_known_keeps_the_name() -> None:
    text = "Fighters looted Um Kadada village."
    village = _place("Um Kadada", text, False)
    anchors = Anchors(_doc(text, [village], []))
    assert anchors.known_near(village, 0, 2) is village
