"""Which places can get control, and who is named as holder (hand-built documents)."""

from __future__ import annotations

import datetime as dt

from sitrep.fuse.control import ControlEntry, as_of
from sitrep.fuse.fusion import fuse_documents
from sitrep.fuse.resources import capitals
from sitrep.fuse.statements import statements_from_document
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Document, Place

D = dt.date


def _entries(*docs: Document, day: dt.date) -> dict[str, ControlEntry]:
    return {e.place.name: e for e in as_of(fuse_documents(docs).timelines, day)}


def _with_role(p: Place, role: str) -> Place:
    return Place(**{**{f: getattr(p, f) for f in Place.__slots__}, "role": role})


def test_control_foreign_capital_is_never_held_and_the_capital_is_syrias():
    """A Moscow-datelined story: the actors stage files "rebels" under Russia and the places
    stage reads "the capital" as Moscow. Rebels took Damascus, not Moscow."""
    text = ("MOSCOW — Assad and his family are in Moscow after the former leader fled "
            "as rebels took the capital on Sunday.")
    b = DocumentBuilder(text, published=D(2024, 12, 8))
    rebels = b.actor("RUS.rebels", "Opposition Rebels (Russia)", side="opposition",
                     mention="rebels", country="RUS")
    moscow = b.place("Moscow", lat=55.75, lon=37.62, country="RU", geonames_id=524901,
                     feature="PPLC")
    b.event("took", "COERCE", mode="seize", actor1=rebels, place=_with_role(moscow, "capital"),
            date=D(2024, 12, 8))
    entries = _entries(b.build(), day=D(2024, 12, 8))
    assert set(entries) == {"Damascus"}
    damascus = entries["Damascus"]
    assert (damascus.status, damascus.side) == ("held", "opposition")
    assert damascus.controller is not None and damascus.controller.id == "SYR.rebels"


def test_control_statements_about_beirut_or_jerusalem_give_no_control():
    text = ("Beirut remained under the control of the government on Sunday. "
            "The Israeli army still holds Jerusalem, officials said.")
    b = DocumentBuilder(text, published=D(2024, 12, 8))
    b.actor("ISR.state-forces", "Military Forces of Israel", side="israeli-state",
            mention="The Israeli army", country="ISR")
    b.place("Beirut", lat=33.89, lon=35.5, country="LB", geonames_id=276781, feature="PPLC")
    b.place("Jerusalem", lat=31.77, lon=35.22, country="IL", geonames_id=281184,
            feature="PPLC")
    assert {s.place.name for s in statements_from_document(b.build())} == {"Beirut",
                                                                          "Jerusalem"}
    assert _entries(b.build(), day=D(2024, 12, 9)) == {}


def test_control_israeli_troops_can_hold_syrian_ground():
    """Decision: a foreign state holds ground inside Syria (the Golan buffer zone), so an
    Israeli seizure of a Syrian town stands."""
    text = "Israeli troops seized Khan Arnabah in the buffer zone on Sunday."
    b = DocumentBuilder(text, published=D(2024, 12, 8))
    idf = b.actor("ISR.state-forces", "Military Forces of Israel", side="israeli-state",
                  mention="Israeli troops", country="ISR")
    b.event("seized", "COERCE", mode="seize", actor1=idf,
            place=b.place("Khan Arnabah", lat=33.18, lon=35.89))
    town = _entries(b.build(), day=D(2024, 12, 8))["Khan Arnabah"]
    assert (town.status, town.side) == ("held", "israeli-state")
    assert town.controller is not None and town.controller.id == "ISR.state-forces"


def test_control_pronoun_fighters_are_named_by_their_side():
    text = "Hayat Tahrir al-Sham said on Thursday that its fighters had entered Hama."
    b = DocumentBuilder(text, published=D(2024, 12, 5))
    its = b.actor("provisional.its-fighters", "its fighters", side="opposition",
                  mention="its fighters")
    b.event("entered", "COERCE", mode="seize", actor1=its, place=b.place("Hama"))
    hama = _entries(b.build(), day=D(2024, 12, 5))["Hama"]
    assert (hama.status, hama.side) == ("held", "opposition")
    assert hama.controller is not None
    assert (hama.controller.id, hama.controller.name) == ("SYR.rebels",
                                                          "Opposition Rebels (Syria)")


def test_control_dateline_city_is_neither_the_city_nor_a_held_place():
    text = ("DARAA — Rebels entered the city on Saturday. "
            "The area around the crossing is under rebel control, residents said.")
    b = DocumentBuilder(text, published=D(2024, 12, 7))
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    daraa = _with_role(b.place("DARAA", name="Daraa"), "dateline")
    b.places[-1] = daraa
    b.event("entered", "COERCE", mode="seize", actor1=rebels, place=daraa)
    doc = b.build()
    assert statements_from_document(doc) == ()
    assert _entries(doc, day=D(2024, 12, 7)) == {}


def _hama_province() -> str:
    cap = capitals().find("Hama")
    assert cap is not None
    return cap.province().id


def test_control_province_follows_its_capital_when_nothing_else_is_known():
    text = "Rebels seized Hama on Thursday."
    b = DocumentBuilder(text, published=D(2024, 12, 5))
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    b.event("seized", "COERCE", mode="seize", actor1=rebels, place=b.place("Hama"))
    timelines = fuse_documents([b.build()]).timelines
    city, province = timelines["gn:170017"], timelines[_hama_province()]
    assert province[-1].place.feature == "ADM1"
    assert [(e.status, e.side, e.since, e.evidence) for e in province] == [
        (e.status, e.side, e.since, e.evidence) for e in city
    ]


def _battle(text: str, day: dt.date, trigger: str, *, acled: str = "Armed clash",
            mode: str = "firearms") -> Document:
    b = DocumentBuilder(text, published=day, url=f"https://x.example/{day}/{len(text)}")
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                   mention="troops")
    b.event(trigger, "ASSAULT", mode=mode, actor1=rebels, actor2=army, place=b.place("Homs"),
            acled=("Battles", acled))
    return b.build()


def _held_by_government(day: dt.date) -> Document:
    b = DocumentBuilder("Government forces took control of Homs.", published=day,
                        url=f"https://x.example/held/{day}")
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                   mention="Government forces")
    b.event("took control", "COERCE", mode="seize", actor1=army, place=b.place("Homs"))
    return b.build()


def test_control_fighting_inside_a_held_city_contests_it_until_a_takeover():
    held = _held_by_government(D(2024, 11, 1))
    clash = _battle("Rebels clashed with troops in Homs on Friday.", D(2024, 12, 6), "clashed")
    taken = DocumentBuilder("Rebels took Homs on Sunday.", published=D(2024, 12, 8))
    rebels = taken.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                         mention="Rebels")
    taken.event("took", "COERCE", mode="seize", actor1=rebels, place=taken.place("Homs"))
    docs = (held, clash, taken.build())
    assert _entries(*docs, day=D(2024, 12, 5))["Homs"].status == "held"
    homs = _entries(*docs, day=D(2024, 12, 6))["Homs"]
    assert (homs.status, homs.side, homs.since) == ("contested", "government", D(2024, 12, 6))
    assert homs.contested_by == ("opposition",)
    after = _entries(*docs, day=D(2024, 12, 8))["Homs"]
    assert (after.status, after.side) == ("held", "opposition")


def test_control_air_strikes_and_outskirts_fighting_do_not_contest():
    held = _held_by_government(D(2024, 11, 1))
    strike = _battle("Rebels bombed troops in Homs with drones.", D(2024, 12, 6), "bombed",
                     acled="Air/drone strike", mode="aerial")
    outskirts = _battle("Rebels clashed with troops on the outskirts of Homs.",
                        D(2024, 12, 6), "clashed")
    homs = _entries(held, strike, outskirts, day=D(2024, 12, 7))["Homs"]
    assert (homs.status, homs.side) == ("held", "government")


def test_control_background_year_in_an_undated_article_gives_no_entry():
    """"Rebels took Daraa in 2018" in an article with no publication date: a year is
    background, not the day Daraa changed hands."""
    b = DocumentBuilder("Rebels took Daraa in 2018 before the army returned.")
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    b.event("took", "COERCE", mode="seize", actor1=rebels, place=b.place("Daraa"),
            date=D(2018, 1, 1), precision="year")
    assert fuse_documents([b.build()]).timelines == {}
