"""Fusion against a real SQLite store: idempotent rewrites and control as of a date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from sitrep.fuse.contract import control_to_contract, render_control_table
from sitrep.fuse.persist import control_as_of, fuse_store
from sitrep.fuse.synthetic import DocumentBuilder, withdrawal_example
from sitrep.models import Document
from sitrep.store import Store, open_store
from sitrep.store import schema as t


def _wire_copy(outlet: str) -> Document:
    text = "Rebels entered the town of Saraqib on Friday, the Associated Press reported."
    b = DocumentBuilder(text, published=dt.date(2024, 11, 30), outlet=outlet,
                        credits=("AP",), url=f"https://{outlet}.example/saraqib")
    rebels = b.actor("rebels", "Rebels", side="opposition", mention="Rebels")
    saraqib = b.place("Saraqib", lat=35.8645, lon=36.8059, geonames_id=164816)
    b.event("entered", "COERCE", mode="seize", actor1=rebels, place=saraqib,
            date=dt.date(2024, 11, 29))
    return b.build()


@pytest.fixture
def store(tmp_path) -> Store:
    s = open_store("sqlite:///" + str(tmp_path / "fuse.db"))
    s.add_documents([withdrawal_example(), *(_wire_copy(o) for o in ("one", "two", "three"))])
    yield s
    s.close()


def _dump(store: Store) -> tuple[list, list, list]:
    with store.engine.connect() as conn:
        return (
            conn.execute(select(t.incidents).order_by(t.incidents.c.id)).all(),
            conn.execute(select(t.events.c.id, t.events.c.incident_id)
                         .order_by(t.events.c.id)).all(),
            conn.execute(select(t.control).order_by(t.control.c.id)).all(),
        )


def test_fuse_store_is_idempotent_and_links_events(store: Store):
    first = fuse_store(store)
    before = _dump(store)
    second = fuse_store(store)
    assert first == second
    assert _dump(store) == before
    incidents, events, _control = before
    assert all(iid is not None for _eid, iid in events)
    saraqib = [r for r in incidents if r.place_name == "Saraqib"]
    assert len(saraqib) == 1
    assert (saraqib[0].n_mentions, saraqib[0].sources_count,
            saraqib[0].independent_sources) == (3, 3, 1)
    assert json.loads(saraqib[0].data_json)["outlets"] == ["one", "three", "two"]


def test_fuse_store_control_as_of_founding_day(store: Store):
    fuse_store(store)
    entries = {e.place.name: e for e in control_as_of(store, dt.date(2024, 12, 8))}
    for city in ("Damascus", "Latakia", "Tartus"):
        assert (entries[city].status, entries[city].side) == ("held", "government")
    assert entries["Homs"].status == "contested"
    assert entries["Saraqib"].side == "opposition"
    assert entries["Aleppo"].side == "opposition"
    before = {e.place.name for e in control_as_of(store, dt.date(2024, 11, 28))}
    assert "Saraqib" not in before and "Damascus" not in before


def test_fuse_store_control_contract_and_table(store: Store):
    fuse_store(store)
    entries = control_as_of(store, dt.date(2024, 12, 8))
    docs = [control_to_contract(e) for e in entries]
    damascus = next(d for d in docs
                    if d["place"]["name"] == "Damascus" and d["place"]["feature"] != "ADM1")
    assert set(damascus) >= {"place", "controller", "status", "since", "evidence"}
    assert damascus["controller"]["side"] == "government"
    assert damascus["since"] == "2024-12-08" and damascus["evidence"]
    assert damascus["place"]["geonames_id"] == 170654
    idlib = next(d for d in docs
                 if d["place"]["name"] == "Idlib" and d["place"]["feature"] != "ADM1")
    assert idlib["controller"] is None and idlib["not_held_by"] == ["government"]
    json.dumps(docs)
    table = render_control_table(entries)
    assert table.splitlines()[0].split()[:3] == ["place", "province", "status"]
    assert any(line.startswith("Homs ") and "contested" in line for line in table.splitlines())
    # the governorate follows its capital, and the table tells them apart
    assert any(line.startswith("Homs province") and "contested" in line
               for line in table.splitlines())


def test_fuse_store_empty_and_sparse_documents(tmp_path):
    store = open_store("sqlite:///" + str(tmp_path / "sparse.db"))
    assert fuse_store(store).as_dict() == {
        "mentions": 0, "incidents": 0, "multi_mention_incidents": 0, "statements": 0,
        "places": 0, "control_rows": 0,
    }
    b = DocumentBuilder("Shots were fired somewhere. Nobody said where or when.", outlet="X")
    b.event("fired", "ASSAULT")  # no actor, no place, no date, no publication date
    store.add_documents([b.build(), DocumentBuilder("No events here.").build()])
    summary = fuse_store(store)
    assert (summary.mentions, summary.incidents, summary.control_rows) == (1, 1, 0)
    assert control_as_of(store, dt.date(2024, 1, 1)) == []
    store.close()
