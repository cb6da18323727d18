"""Control timelines from hand-built documents (no parsing)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.fuse.control import as_of, control_timelines
from sitrep.fuse.mentions import mentions_from_document
from sitrep.fuse.observations import observations_from_mentions
from sitrep.fuse.observations import observations_from_statements as from_statements
from sitrep.fuse.statements import statements_from_document
from sitrep.fuse.synthetic import DocumentBuilder, withdrawal_example
from sitrep.models import Document

D = dt.date


def _timelines(*docs: Document):
    obs = []
    for doc in docs:
        obs += observations_from_mentions(mentions_from_document(doc))
        obs += from_statements(statements_from_document(doc))
    return control_timelines(obs)


def _state(docs: list[Document], day: dt.date) -> dict[str, tuple[str, str | None]]:
    return {e.place.name: (e.status, e.side) for e in as_of(_timelines(*docs), day)}


def test_control_founding_article_as_of_fall_of_homs():
    state = _state([withdrawal_example()], D(2024, 12, 8))
    for city in ("Damascus", "Latakia", "Tartus"):
        assert state[city] == ("held", "government"), city
    for city in ("Aleppo", "Hama"):
        assert state[city][1] != "government", city
        assert state[city] == ("held", "opposition"), city
    assert state["Homs"][0] == "contested" or state["Homs"][1] not in (None, "government")
    for city in ("Idlib", "Daraa", "Raqqa", "Deir ez-Zor", "Suwayda", "Quneitra"):
        assert state[city][1] != "government", city


def test_control_founding_article_since_dates_and_evidence():
    timelines = _timelines(withdrawal_example())
    aleppo = timelines["gn:170063"]
    assert aleppo[-1].since == D(2024, 12, 1)
    assert any(ev.startswith("ev-") for ev in aleppo[-1].evidence)
    homs = timelines["gn:169577"][-1]
    assert homs.status == "contested"
    assert {"government", "opposition"} <= set(homs.contested_by)
    # nothing known about Aleppo before its seizure
    assert "Aleppo" not in {e.place.name for e in as_of(timelines, D(2024, 11, 20))}


def test_control_hypothetical_capture_changes_nothing():
    text = "The capture of Hama would be a turning point for the rebels."
    b = DocumentBuilder(text, published=D(2024, 12, 1))
    rebels = b.actor("rebels", "Rebels", side="opposition", mention="the rebels")
    b.event("capture", "COERCE", mode="seize", actor1=rebels, place=b.place("Hama"),
            modality="hypothetical")
    assert _timelines(b.build()) == {}


def _report(text: str, day: dt.date, *, modality: str = "asserted", date: dt.date | None = None,
            gain: bool = True, outlet: str = "Wire Watch") -> Document:
    """One sentence about Saraqib: a side (first word) takes or leaves the town."""
    b = DocumentBuilder(text, published=day, outlet=outlet)
    first = text.split()[0]
    side = "opposition" if first == "Rebels" else "government"
    who = b.actor(f"actor-{side}", first, side=side, mention=first)
    saraqib = b.place("Saraqib", lat=35.8645, lon=36.8059, geonames_id=164816)
    trigger = next(w for w in ("captured", "entered", "retook", "withdrew", "stormed",
                               "fighting", "denied") if w in text)
    if gain:
        b.event(trigger, "COERCE", mode="seize", actor1=who, place=saraqib, date=date or day,
                modality=modality)
    else:
        b.event(trigger, "RETREAT", mode="withdraw", actor1=who, place=saraqib,
                date=date or day, modality=modality)
    return b.build()


def test_control_town_taken_retaken_and_contested():
    docs = [
        _report("Rebels captured Saraqib after a night of fighting.", D(2024, 2, 1)),
        _report("Troops retook Saraqib from the rebels.", D(2024, 3, 10)),
        _report("Rebels stormed parts of Saraqib again.", D(2024, 4, 2)),
    ]
    tl = _timelines(*docs)["gn:164816"]
    assert [(e.status, e.side, e.since) for e in tl] == [
        ("held", "opposition", D(2024, 2, 1)),
        ("held", "government", D(2024, 3, 10)),
        ("contested", "government", D(2024, 4, 2)),
    ]


def test_control_withdrawal_then_entry_gives_entrant_control():
    docs = [
        _report("Troops withdrew from Saraqib overnight.", D(2024, 5, 1), gain=False),
        _report("Rebels entered Saraqib without a fight.", D(2024, 5, 2)),
    ]
    tl = _timelines(*docs)["gn:164816"]
    assert (tl[0].status, tl[0].side, tl[0].not_held_by) == ("unknown", None, ("government",))
    assert (tl[-1].status, tl[-1].side, tl[-1].since) == ("held", "opposition", D(2024, 5, 2))


@pytest.mark.parametrize("order", [1, -1])
def test_control_denial_keeps_contested_until_confirmed(order: int):
    claim = _report("Rebels entered Saraqib, a rebel spokesman said.", D(2024, 6, 1),
                    modality="reported")
    denial = _report("Rebels entered Saraqib: the army denied it.", D(2024, 6, 1),
                     modality="denied", outlet="State TV")
    confirmation = _report("Rebels entered Saraqib on Saturday, residents said.",
                           D(2024, 6, 3), date=D(2024, 6, 1), modality="reported",
                           outlet="Other Paper")
    timelines = _timelines(*[claim, denial, confirmation][::order])
    state = {d: as_of(timelines, d)[0] for d in (D(2024, 6, 1), D(2024, 6, 2), D(2024, 6, 3))}
    assert state[D(2024, 6, 1)].status == "contested"
    assert state[D(2024, 6, 2)].status == "contested"
    assert (state[D(2024, 6, 3)].status, state[D(2024, 6, 3)].side) == ("held", "opposition")


def test_control_statement_not_held_other_capitals():
    text = "The government now holds only two of the 14 provincial capitals: Damascus and Tartus."
    b = DocumentBuilder(text, published=D(2024, 12, 8))
    b.actor("SYR.government", "Government of Syria", side="government",
            mention="The government")
    for city in ("Damascus", "Tartus"):
        b.place(city)
    stmts = statements_from_document(b.build())
    held = {s.place.name for s in stmts if s.held}
    not_held = {s.place.name for s in stmts if not s.held}
    assert held == {"Damascus", "Tartus"}
    assert len(not_held) == 12 and "Aleppo" in not_held and "Damascus" not in not_held


def test_control_under_the_control_of_sentence():
    text = "By Sunday the town of Saraqib was under the control of Hayat Tahrir al-Sham."
    b = DocumentBuilder(text, published=D(2024, 11, 30))
    b.actor("HTS", "Hayat Tahrir al-Sham", side="opposition", mention="Hayat Tahrir al-Sham")
    b.place("Saraqib", lat=35.8645, lon=36.8059, geonames_id=164816)
    [s] = statements_from_document(b.build())
    assert (s.place.name, s.side, s.held, s.actor and s.actor.id) == (
        "Saraqib", "opposition", True, "HTS",
    )


def test_control_suburbs_do_not_change_control():
    text = "Rebels captured the suburbs of Damascus."
    b = DocumentBuilder(text, published=D(2024, 12, 7))
    rebels = b.actor("rebels", "Rebels", side="opposition", mention="Rebels")
    b.event("captured", "COERCE", mode="seize", actor1=rebels, place=b.place("Damascus"))
    assert _timelines(b.build()) == {}
