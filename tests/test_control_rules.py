"""Control rules that guard against common extraction slips, on hand-built documents."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.fuse.control import as_of
from sitrep.fuse.fusion import fuse_documents
from sitrep.fuse.statements import statements_from_document
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Place

D = dt.date
SARAQIB = {"lat": 35.8645, "lon": 36.8059, "geonames_id": 164816}


def _entries(*docs, day: dt.date):
    return {e.place.name: e for e in as_of(fuse_documents(docs).timelines, day)}


def test_control_partial_withdrawal_with_rebels_in_control_is_rebel_held():
    text = ("Rebels controlled most of Aleppo on Saturday after government troops pulled out of "
            "large parts of the city.")
    b = DocumentBuilder(text, published=D(2024, 11, 30))
    b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition", mention="Rebels")
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                   kind="state-forces", country="SYR", mention="government troops")
    aleppo = b.place("Aleppo")
    b.event("pulled out", "RETREAT", mode="withdraw", actor1=army, place=aleppo)
    [statement] = statements_from_document(b.build())
    assert (statement.place.name, statement.side, statement.held) == ("Aleppo", "opposition", True)
    e = _entries(b.build(), day=D(2024, 11, 30))["Aleppo"]
    assert (e.status, e.side, e.since) == ("held", "opposition", D(2024, 11, 30))


def test_control_denied_withdrawal_then_entry_reported_later():
    denial = DocumentBuilder("The ministry denied that the army had withdrawn from Homs.",
                             published=D(2024, 12, 7), outlet="State TV")
    army = denial.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                        mention="the army")
    denial.event("withdrawn", "RETREAT", mode="withdraw", actor1=army,
                 place=denial.place("Homs"), modality="denied")
    entry = DocumentBuilder("Rebels entered Homs late on Saturday, a monitor said.",
                            published=D(2024, 12, 8), outlet="Wire Watch")
    rebels = entry.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                         mention="Rebels")
    entry.event("entered", "COERCE", mode="seize", actor1=rebels, place=entry.place("Homs"),
                date=D(2024, 12, 7), modality="reported")
    docs = (denial.build(), entry.build())
    assert _entries(*docs, day=D(2024, 12, 7))["Homs"].status == "contested"
    homs = _entries(*docs, day=D(2024, 12, 8))["Homs"]
    assert (homs.status, homs.side, homs.since) == ("held", "opposition", D(2024, 12, 8))


def test_control_ignores_datelines_and_reads_the_capital_as_the_actors_capital():
    """"the capital" resolved to the dateline's country (Beirut) is Syria's for Syrian rebels;
    a dateline is never the place an event changes."""
    text = "BEIRUT — Rebels took the capital on Sunday. Rebels also took over Beirut airport."
    b = DocumentBuilder(text, published=D(2024, 12, 8))
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    beirut = {"name": "Beirut", "lat": 33.89, "lon": 35.5, "country": "LB",
              "geonames_id": 276781}
    dateline = b.place("BEIRUT", **beirut)
    capital = b.place("the capital", **beirut)
    b.event("took", "COERCE", mode="seize", actor1=rebels,
            place=Place(**{**_fields(capital), "role": "capital"}))
    b.event("took over", "COERCE", mode="seize", actor1=rebels,
            place=Place(**{**_fields(dateline), "role": "dateline"}))
    entries = _entries(b.build(), day=D(2024, 12, 8))
    assert set(entries) == {"Damascus"}
    assert (entries["Damascus"].status, entries["Damascus"].side) == ("held", "opposition")


def test_control_the_city_is_the_city_the_article_is_about():
    text = ("Rebels entered Hama on Thursday after a week of fighting near Aleppo. "
            "Hama residents said the army had left. "
            "A monitor said government forces had abandoned the city overnight.")
    b = DocumentBuilder(text, published=D(2024, 12, 5))
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                   mention="government forces")
    b.place("Hama")
    b.place("Aleppo")
    b.place("Hama", after=b.find("residents") - 5)
    dateline_like = Place("gn:170654", "Damascus", "Damascus", 0, 0, 33.51, 36.29, "SY",
                          None, "PPLC", 170654, 1, "", "dateline")
    b.event("abandoned", "RETREAT", mode="withdraw", actor1=army, place=dateline_like)
    entries = _entries(b.build(), day=D(2024, 12, 5))
    assert set(entries) == {"Hama"}
    assert entries["Hama"].not_held_by == ("government",)


def _fields(p: Place) -> dict[str, object]:
    return {f: getattr(p, f) for f in Place.__slots__}


def test_control_background_years_do_not_make_history():
    text = "It was the first time the army had admitted losing ground in Saraqib since 2016."
    b = DocumentBuilder(text, published=D(2024, 11, 30))
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government", mention="army")
    b.event("losing", "RETREAT", mode="withdraw", actor1=army,
            place=b.place("Saraqib", **SARAQIB), date=D(2016, 1, 1), precision="year")
    assert fuse_documents([b.build()]).timelines == {}


def test_control_foreign_army_is_not_the_government():
    text = "Israeli troops took control of Quneitra on Sunday."
    b = DocumentBuilder(text, published=D(2024, 12, 9))
    idf = b.actor("ISR.military", "Military Forces of Israel", side="israeli-state",
                  mention="Israeli troops")
    b.event("took", "COERCE", mode="seize", actor1=idf, place=b.place("Quneitra"),
            date=D(2024, 12, 8))
    e = _entries(b.build(), day=D(2024, 12, 9))["Quneitra"]
    assert (e.status, e.side) == ("held", "israeli-state")


def test_control_statement_defers_to_fresh_events():
    """A summary line saying the government holds a city it lost yesterday contests it."""
    lost = DocumentBuilder("Rebels captured Hama on Thursday.", published=D(2024, 12, 5))
    rebels = lost.actor("SYR.rebels", "Rebels", side="opposition", mention="Rebels")
    lost.event("captured", "COERCE", mode="seize", actor1=rebels, place=lost.place("Hama"))
    stale = DocumentBuilder("Government forces still hold Hama.", published=D(2024, 12, 6))
    stale.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                mention="Government forces")
    stale.place("Hama")
    e = _entries(lost.build(), stale.build(), day=D(2024, 12, 6))["Hama"]
    assert e.status == "contested" and "government" in e.contested_by


def test_control_fell_to_sentence():
    text = "Hama fell to the rebels on Thursday, the army said, after days of fighting."
    b = DocumentBuilder(text, published=D(2024, 12, 5))
    b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition", mention="the rebels")
    b.actor("SYR.state-forces", "Syrian Arab Army", side="government", mention="the army")
    b.place("Hama")
    [s] = statements_from_document(b.build())
    assert (s.place.name, s.side, s.held, s.actor and s.actor.id) == (
        "Hama", "opposition", True, "SYR.rebels",
    )


def test_control_denied_or_hypothetical_control_sentences_are_not_statements():
    text = ("The ministry denied that rebels controlled Homs. "
            "If Homs falls to the rebels, the coast is cut off.")
    b = DocumentBuilder(text, published=D(2024, 12, 7))
    b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition", mention="rebels")
    b.actor("SYR.rebels", "Opposition Rebels (Syria)", mention="the rebels")
    b.place("Homs")
    b.place("Homs", after=b.find("If"))
    assert statements_from_document(b.build()) == ()


def test_control_provinces_have_their_own_timeline_under_the_governorate_id():
    text = "The army pulled out of most of Daraa province, and rebels entered Daraa city."
    b = DocumentBuilder(text, published=D(2024, 12, 7))
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government", mention="army")
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="rebels")
    b.event("pulled out", "RETREAT", mode="withdraw", actor1=army,
            place=b.place("Daraa province"))
    b.event("entered", "COERCE", mode="seize", actor1=rebels,
            place=b.place("Daraa", after=b.find("entered")))
    timelines = fuse_documents([b.build()]).timelines
    province, city = timelines["gn:170903"][-1], timelines["gn:170905"][-1]
    assert (province.place.feature, province.status, province.not_held_by) == (
        "ADM1", "unknown", ("government",),
    )
    assert (city.place.feature, city.status, city.side) == ("PPLA", "held", "opposition")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Russian jets struck rebel-held Idlib overnight.", "opposition"),
        ("Shells fell on the government-controlled city of Idlib.", "government"),
        ("Turkey-backed factions advanced on SDF-held Idlib.", "kurdish-led"),
    ],
)
def test_control_held_adjectives(text: str, side: str):
    b = DocumentBuilder(text, published=D(2024, 12, 2))
    b.place("Idlib")
    [s] = statements_from_document(b.build())
    assert (s.place.name, s.side, s.held) == ("Idlib", side, True)


def test_control_background_holding_is_not_a_statement():
    text = ("Government forces had held Aleppo since 2016. "
            "The rebels controlled Idlib for years before the offensive.")
    b = DocumentBuilder(text, published=D(2024, 11, 30))
    b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
            mention="Government forces")
    b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition", mention="The rebels")
    b.place("Aleppo")
    b.place("Idlib")
    assert statements_from_document(b.build()) == ()
