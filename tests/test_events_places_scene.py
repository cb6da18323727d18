"""Which of the places named in an event's clause is its scene: the place, not the area
the text says it lies in. Documents built by hand."""

from __future__ import annotations

import dataclasses

from sitrep.events.anchors import Anchors
from sitrep.models import Article, Document, Place, Sentence


def _place(text: str, doc_text: str, lat: float, lon: float, feature: str) -> Place:
    start = doc_text.index(text)
    return Place(
        id=f"t:{text}",
        name=text,
        text=text,
        start=start,
        end=start + len(text),
        lat=lat,
        lon=lon,
        country="YE",
        feature=feature,
        precision=1 if feature.startswith("PPL") else 2,
    )


def _anchors(text: str, *places: Place) -> Anchors:
    return Anchors(Document(Article(id="t", text=text), places=places))


def test_events_places_scene_skips_the_area_a_district_lies_in() -> None:
    text = "Border guards fired on farmers in the district of Wadiya (Sarha) on Monday."
    district = _place("Wadiya", text, 17.2, 43.3, "ADM2")
    town = _place("Sarha", text, 16.9, 43.8, "PPLA")  # the province's seat, 60 km off
    anchors = _anchors(text, district, town)
    assert anchors.contains(town, district)
    assert anchors.scene([town, district], 0, len(text), [], False) is district


def test_events_places_scene_keeps_a_city_for_its_own_district() -> None:
    # a district whose point lies a few km from its city is no finer than the city
    text = "Lawyers marched in front of the court (Kalaba, Sarha) on Monday."
    district = _place("Kalaba", text, 16.95, 43.85, "ADM2")
    city = _place("Sarha", text, 16.9, 43.8, "PPLA")
    anchors = _anchors(text, district, city)
    assert not anchors.contains(city, district)
    assert anchors.scene([city, district], 0, len(text), [], False) is city


def test_events_places_scene_lists_are_not_containers() -> None:
    text = "Jets struck Harib - Jubah and Marib."
    a = _place("Harib", text, 15.0, 45.4, "PPL")
    b = _place("Jubah", text, 15.2, 45.3, "PPL")
    assert not _anchors(text, a, b).contains(b, a)


def test_events_places_scene_puts_an_unknown_village_in_its_area() -> None:
    text = "Party workers clashed in Gopalpur (Purba Bardhaman, West Bengal) on Monday."
    start = text.index("Gopalpur")
    village = Place(id="x:gopalpur", name="Gopalpur", text="Gopalpur", start=start, end=start + 8)
    district = _place("Purba Bardhaman", text, 23.2, 87.9, "ADM2")
    anchors = _anchors(text, village, district)
    scene = anchors.scene([village], 0, len(text), [], False)
    assert scene.name == "Purba Bardhaman" and scene.precision == 2
    assert scene.method.endswith(":near-unknown")


def test_events_places_scene_looks_past_an_unknown_area() -> None:
    text = "Farmers protested at the Sangam Sugar Mill in Walwa taluka (Sangli district)."
    spans = []
    for name in ("Sangam Sugar Mill", "Walwa"):
        start = text.index(name)
        spans.append(
            Place(id=f"x:{name}", name=name, text=name, start=start, end=start + len(name))
        )
    district = _place("Sangli", text, 16.85, 74.58, "ADM2")
    scene = _anchors(text, *spans, district).scene([spans[0]], 0, len(text), [], False)
    assert scene.name == "Sangli" and scene.precision == 2


def test_events_places_scene_earlier_sentence_gives_the_place_not_its_areas() -> None:
    text = "Soldiers raided Sokolo (Niono, Segou). One civilian was killed."
    town, cercle, region = (
        dataclasses.replace(_place(name, text, lat, -6.0, feature), geonames_id=k)
        for k, (name, lat, feature) in enumerate(
            (("Sokolo", 14.73, "PPL"), ("Niono", 14.25, "PPL"), ("Segou", 13.43, "PPLA"))
        )
    )
    split = text.index("One")
    sentences = (Sentence(0, 0, split - 1), Sentence(1, split, len(text)))
    doc = Document(Article(id="t", text=text), sentences=sentences, places=(town, cercle, region))
    assert Anchors(doc).place_before(1, 2) is town


def test_events_places_scene_an_officials_office_is_no_town() -> None:
    text = "Farmers protested outside the DC office in Bathinda on Monday."
    title = _place("DC", text, 38.9, -77.0, "PPLC")
    town = _place("Bathinda", text, 30.2, 74.9, "PPL")
    anchors = _anchors(text, title, town)
    assert anchors.scene([title, town], 0, len(text), [], False) is town
