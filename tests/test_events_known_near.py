"""A village the gazetteer does not know is put at the nearest known place its sentence
names, else at the last its paragraph named (ACLED's geo_precision 2), instead of going
without coordinates. Documents built by hand."""

from __future__ import annotations

import dataclasses
import itertools

from sitrep.events.anchors import Anchors
from sitrep.models import Article, Document, Place, Sentence


def _doc(text: str, places: list[Place], breaks: list[int]) -> Document:
    bounds = [0, *breaks, len(text)]
    sentences = tuple(Sentence(i, a, b) for i, (a, b) in enumerate(itertools.pairwise(bounds)))
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


def test_events_known_near_coded_to_names_the_place() -> None:
    # ACLED's notes say where they put an event: the place before "coded to X" stands for X
    text = "Warplanes struck positions in Hama desert coded to Salamiyah."
    hama = _place("Hama", text, True)
    coded = dataclasses.replace(_place("Salamiyah", text, True), lat=35.01, lon=37.05)
    anchors = Anchors(_doc(text, [hama, coded], []))
    assert anchors.coded(hama) is coded
    assert anchors.coded_all is None


def test_events_known_near_coded_at_alone_names_every_place() -> None:
    text = "Israel resumed its offensive on Gaza. Coded at Tel Aviv."
    gaza = _place("Gaza", text, True)
    tel_aviv = _place("Tel Aviv", text, True)
    anchors = Anchors(_doc(text, [gaza, tel_aviv], [text.index("Coded")]))
    assert anchors.coded_all is tel_aviv
    assert anchors.coded(gaza) is tel_aviv


def test_events_known_near_town_not_its_bracketed_state() -> None:
    text = "In Sao Paulo (Sao Paulo), teachers rallied at Praca da Se."
    town = _place("Sao Paulo", text, True)
    start = text.index("(Sao Paulo") + 1
    state = dataclasses.replace(
        town, id="x:state", start=start, end=start + 9, feature="ADM1", lat=-22.0, lon=-49.0
    )
    square = _place("Praca da Se", text, False)
    anchors = Anchors(_doc(text, [town, state, square], []))
    near = anchors.known_near(square, 0, 2)
    # the state in brackets is the area the town lies in: the square is in the town
    assert near.id == town.id and near.precision == 2

