"""ACLED's notes name the place an event is coded to with its areas in brackets after it
("Lodwar (Turkana Central, Turkana)"): when a sentence names one such town, an event placed
elsewhere is put there, unless the town is only the area of the place before it ("in El
Salto, Pueblo Nuevo (Durango)"). Documents built by hand."""

from __future__ import annotations

from sitrep.events.anchors import Anchors
from sitrep.events.scene import bracketed_scene
from sitrep.models import Article, Document, Place, Sentence

POINTS = {  # lat, lon, precision (the ACLED code) of the places used below
    "Lodwar": (3.12, 35.60, 1),
    "Turkana": (2.99, 35.00, 3),
    "Turkana Central": (3.10, 35.55, 2),
    "Cap-Haitien": (19.76, -72.20, 1),
    "Nord": (19.59, -72.32, 3),
    "Port-au-Prince": (18.54, -72.34, 1),
    "Synkivka": (49.72, 37.71, 1),
    "Kupiansk": (49.71, 37.62, 1),
    "Kharkiv": (49.98, 36.25, 3),
    "Gwoza": (11.08, 13.70, 1),
    "Maiduguri": (11.85, 13.16, 1),
    "Borno": (11.95, 13.04, 3),
    "El Salto": (23.78, -105.36, 1),
    "Pueblo Nuevo": (23.38, -105.37, 1),
    "Durango": (24.02, -104.66, 3),
}


def _doc(text: str, names: list[str], unknown: tuple[str, ...] = ()) -> Document:
    """Each name is placed at its first occurrence not yet taken."""
    places: list[Place] = []
    for name in names:
        start = text.index(name)
        while any(p.start == start for p in places):
            start = text.index(name, start + 1)
        point: dict[str, object] = {}
        if name not in unknown:
            lat, lon, precision = POINTS[name]
            point = {"lat": lat, "lon": lon, "precision": precision, "geonames_id": 1}
        places.append(
            Place(id=name, name=name, text=name, start=start, end=start + len(name), **point)  # type: ignore[arg-type]
        )
    places.sort(key=lambda p: p.start)
    return Document(
        Article(id="t", text=text), sentences=(Sentence(0, 0, len(text)),), places=tuple(places)
    )


def _scene(doc: Document, found: list[str]) -> list[str]:
    anchors = Anchors(doc)
    by_name = {p.name: p for p in doc.places}
    return [p.name for p in bracketed_scene(anchors, doc.sentences[0], [by_name[n] for n in found])]


def test_events_bracketed_town_wins_over_a_far_grievance_place() -> None:
    text = (
        "On 16 December 2023, residents of Cap-Haitien (Cap-Haitien, Nord) protested against "
        "the arrival of people fleeing Port-au-Prince."
    )
    doc = _doc(text, ["Cap-Haitien", "Nord", "Port-au-Prince"])
    assert _scene(doc, ["Port-au-Prince"]) == ["Cap-Haitien"]


def test_events_bracketed_town_wins_over_a_wider_area_and_gives_a_place_to_none() -> None:
    text = (
        "Residents of Lodwar (Turkana Central, Turkana) demonstrated after herders were attacked."
    )
    doc = _doc(text, ["Lodwar", "Turkana Central", "Turkana"])
    assert _scene(doc, ["Turkana"]) == ["Lodwar"]
    gwoza = "Residents of Gwoza who had fled to Maiduguri (Maiduguri, Borno) protested."
    assert _scene(_doc(gwoza, ["Gwoza", "Maiduguri", "Borno"]), []) == ["Maiduguri"]


def test_events_bracketed_keeps_a_near_village_and_listed_places() -> None:
    text = "Troops repelled an attack near Synkivka, east of Kupiansk (Kupianskyi raion, Kharkiv)."
    doc = _doc(text, ["Synkivka", "Kupiansk", "Kharkiv"])
    assert _scene(doc, ["Synkivka"]) == ["Synkivka"]  # 7 km away: the finer place stays
    assert _scene(doc, ["Synkivka", "Kharkiv"]) == ["Synkivka", "Kharkiv"]


def test_events_bracketed_needs_exactly_one_marked_town_with_a_place_inside() -> None:
    two = "Gunmen from Gwoza (Gwoza, Borno) attacked Maiduguri (Maiduguri, Borno)."
    names = ["Gwoza", "Gwoza", "Borno", "Maiduguri", "Maiduguri", "Borno"]
    assert _scene(_doc(two, names), ["Borno"]) == ["Borno"]  # two marked towns: no choice
    assert _scene(_doc(two, names[:3]), ["Borno"]) == ["Gwoza"]  # one marked town
    aside = "Police in Lodwar (a dusty town) said fighting hit Port-au-Prince."
    assert _scene(_doc(aside, ["Lodwar", "Port-au-Prince"]), ["Port-au-Prince"]) == [
        "Port-au-Prince"
    ]


def test_events_bracketed_town_after_a_comma_is_the_area_of_the_place_before() -> None:
    # a locality, its municipality (bearing a town's name 44 km off) and its state
    text = "On 4 April 2023, in El Salto, Pueblo Nuevo (Durango), gunmen ambushed police."
    doc = _doc(text, ["El Salto", "Pueblo Nuevo", "Durango"])
    assert _scene(doc, ["El Salto"]) == ["El Salto"]
