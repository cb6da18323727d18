"""Events with no place of their own: the dateline city only when it is where they happened."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

import pytest

from sitrep.events import EventsStage
from sitrep.geo import alpha2
from sitrep.models import Actor, Document, Event, Focus, Mention, Place

# name -> (country, feature, lat, lon)
GAZ = {
    "BEIRUT": ("LB", "PPLC", 33.89, 35.50),
    "MOSCOW": ("RU", "PPLC", 55.75, 37.62),
    "IDLIB": ("SY", "PPLC", 35.93, 36.63),
    "Beirut": ("LB", "PPLC", 33.89, 35.50),
    "Idlib": ("SY", "PPLC", 35.93, 36.63),
    "Syria": ("SY", "PCLI", 35.0, 38.0),
    "Syrian": ("SY", "PCLI", 35.0, 38.0),
    "Russia": ("RU", "PCLI", 60.0, 100.0),
    "Lebanese": ("LB", "PCLI", 33.83, 35.83),
}
DEMONYMS = frozenset({"Syrian", "Lebanese"})


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage()


def build(
    parse_text: Callable[..., Document],
    text: str,
    actors: Iterable[tuple[str, str, str, str]] = (),
) -> Document:
    """Parse ``text`` (its dateline found at ingest) and fill places from ``GAZ`` and the
    given actors (id, kind, alpha-3 country, surface) by string search."""
    doc = parse_text(text, published="2024-12-08")
    line = doc.article.dateline
    places = []
    for name, (country, feature, lat, lon) in GAZ.items():
        for m in re.finditer(rf"\b{name}\b", text):
            dateline = line is not None and line.start <= m.start() < line.end
            role = "dateline" if dateline else ("demonym" if name in DEMONYMS else "mention")
            places.append(
                Place(
                    id=f"p.{name.lower()}",
                    name=name.title(),
                    text=name,
                    start=m.start(),
                    end=m.end(),
                    lat=lat,
                    lon=lon,
                    country=country,
                    feature=feature,
                    geonames_id=abs(hash(name)) % 10**6 + 1,
                    precision=3 if feature == "PCLI" else 1,
                    role=role,
                )
            )
    places.sort(key=lambda p: p.start)
    acts = tuple(
        Actor(
            id=aid,
            name=aid,
            kind=kind,
            country=country,
            mentions=tuple(
                Mention(surface, m.start(), m.end()) for m in re.finditer(surface, text)
            ),
        )
        for aid, kind, country, surface in actors
    )
    focus_place = next((p for p in places if p.role == "dateline"), None)
    focus = Focus(focus_place.country if focus_place else None, focus_place)
    return dataclasses.replace(
        doc,
        actors=acts,
        places=tuple(places),
        focus=focus,
        done=doc.done | {"actors", "places", "focus"},
    )


def event(stage: EventsStage, doc: Document, plover: str) -> Event:
    found = [e for e in stage(doc).events if e.plover_type == plover]
    assert found, f"no {plover} event in {[e.plover_type for e in stage(doc).events]}"
    return found[0]


REBELS = ("SYR.rebels", "rebel-group", "SYR", "rebels")
RU_REBELS = ("RUS.rebels", "rebel-group", "RUS", "Opposition fighters")


def test_events_foreign_dateline_fighting_falls_back_to_the_country(parse_text, stage):
    doc = build(
        parse_text,
        "BEIRUT (Reuters) - Syrian rebels overran an army checkpoint on Sunday, "
        "a war monitor said.",
        [REBELS],
    )
    ev = event(stage, doc, "COERCE")
    assert ev.place is not None
    assert ev.place.country == "SY" and ev.place.precision == 3
    assert ev.place.name != "Beirut"


def test_events_foreign_dateline_actor_country_decides(parse_text, stage):
    doc = build(
        parse_text,
        "MOSCOW (AP) - Warplanes pounded the outskirts of Syria's north on Friday.\n\n"
        "Opposition fighters took control of the area.",
        [RU_REBELS],
    )
    ev = event(stage, doc, "COERCE")
    # the unnamed opposition's Russian country only echoes the dateline: not Moscow
    assert ev.place is not None and ev.place.country == "SY"


def test_events_foreign_dateline_meeting_stays_in_the_city(parse_text, stage):
    doc = build(
        parse_text,
        "BEIRUT (Reuters) - The Syrian envoy met Lebanese officials on Sunday to discuss "
        "the border.",
    )
    ev = event(stage, doc, "CONSULT")
    assert ev.place is not None and ev.place.name == "Beirut" and ev.place.precision == 1


def test_events_home_dateline_keeps_the_city(parse_text, stage):
    doc = build(
        parse_text,
        "IDLIB (Reuters) - Syrian rebels overran an army checkpoint on Sunday, a war monitor said.",
        [REBELS],
    )
    ev = event(stage, doc, "COERCE")
    assert ev.place is not None and ev.place.name == "Idlib" and ev.place.role == "dateline"


def test_events_own_clause_place_beats_any_fallback(parse_text, stage):
    doc = build(
        parse_text,
        "MOSCOW (AP) - Russian warplanes bombed Idlib on Saturday.",
        [("RUS.state-forces", "state-forces", "RUS", "Russian warplanes")],
    )
    ev = event(stage, doc, "ASSAULT")
    assert ev.place is not None and ev.place.text == "Idlib"


def test_events_alpha2_from_actor_country():
    assert alpha2("SYR") == "SY"
    assert alpha2("lb") == "LB"
    assert alpha2("ZZZ") is None


def _unknown(doc: Document, text: str) -> Document:
    """Add an unresolved place mention (a village the gazetteer does not know)."""
    at = doc.article.text.index(text)
    village = Place(id="x:village", name=text, text=text, start=at, end=at + len(text))
    places = tuple(sorted((*doc.places, village), key=lambda p: p.start))
    return dataclasses.replace(doc, places=places)


def test_events_unknown_village_takes_the_district_named_with_it(parse_text, stage):
    doc = build(
        parse_text,
        "Gunmen killed two farmers in Tell Hamra (Idlib district) on Friday.",
    )
    doc = dataclasses.replace(
        _unknown(doc, "Tell Hamra"),
        places=tuple(
            dataclasses.replace(p, feature="ADM2", precision=2) if p.text == "Idlib" else p
            for p in _unknown(doc, "Tell Hamra").places
        ),
    )
    ev = event(stage, doc, "ASSAULT")
    assert ev.place is not None and ev.place.text == "Idlib"
    assert ev.place.lat is not None and ev.place.precision == 2


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a source's town is not the event place
        ("Warplanes bombed targets in Syria on Friday, the monitor in Idlib said.", "Syria"),
        # a country gives way to the town in its phrase
        ("Warplanes bombed Syria's north, near the city of Idlib, on Friday.", "Idlib"),
        # a town is kept over a country named later
        ("Warplanes bombed Idlib on Friday, a monitor in Syria said.", "Idlib"),
        # a country takes the town of its sentence
        ("Warplanes bombed targets across Syria on Friday, hitting a market in Idlib.", "Idlib"),
    ],
)
def test_events_place_among_the_places_of_the_sentence(parse_text, stage, text, place):
    ev = event(stage, build(parse_text, text), "ASSAULT")
    assert ev.place is not None and ev.place.text == place


def test_events_place_of_a_cause_is_not_the_event_place(parse_text, stage):
    doc = build(
        parse_text,
        "Hundreds of people protested in Beirut on Friday in solidarity with the people of Idlib.",
    )
    ev = event(stage, doc, "PROTEST")
    assert ev.place is not None and ev.place.text == "Beirut"


def test_events_cause_place_leaves_the_event_to_the_sentence_before(parse_text, stage):
    doc = build(
        parse_text,
        "Protesters took to the streets of Beirut on Friday. Demonstrations erupted across "
        "the country to denounce the bombing of Idlib.",
    )
    protests = [e for e in stage(doc).events if e.plover_type == "PROTEST"]
    assert protests and all(e.place is not None and e.place.text == "Beirut" for e in protests)


def test_events_attack_from_afar_is_placed_at_its_target_town(parse_text, stage):
    doc = build(
        parse_text,
        "Militants fired rockets from Idlib toward Syria, causing sirens to sound in Beirut.",
    )
    ev = event(stage, doc, "ASSAULT")
    assert ev.place is not None and ev.place.text != "Idlib"
