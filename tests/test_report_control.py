"""Control changes in the report: who held a place before it changed hands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from sitrep.fuse.control import ControlEntry
from sitrep.fuse.persist import fuse_store
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import ActorRef, Document, Place
from sitrep.report import Scope
from sitrep.report.control import Withdrawal, control_changes, holder_before
from sitrep.report.model import Side
from sitrep.store import Store, open_store

D = dt.date
ALEPPO = Place("gn:170063", "Aleppo", "Aleppo", 0, 6, 36.2, 37.16, "SY", feature="PPLA")
ARMY = Side("Syrian Arab Army", "government")
SDF = Side("Syrian Democratic Forces", "kurdish-led")


def _taken(evidence: tuple[str, ...]) -> ControlEntry:
    return ControlEntry("gn:170063", ALEPPO, "held", "opposition",
                        ActorRef("SYR.hts", "Hayat Tahrir al-Sham", "HTS"), D(2024, 11, 30),
                        evidence)


def test_report_control_holder_before_ignores_later_withdrawals() -> None:
    # "ev-a" sorts first: the SDF pulling back two days after the rebels took the city
    losers = {"ev-a": Withdrawal(SDF, D(2024, 12, 2)), "ev-b": Withdrawal(ARMY, D(2024, 11, 30))}
    assert holder_before(_taken(("ev-a", "ev-b", "ev-c")), None, losers) == ARMY


@pytest.mark.parametrize(
    "losers,want",
    [
        ({"ev-a": Withdrawal(ARMY, D(2024, 11, 29))}, ARMY),  # reported a day early
        ({"ev-a": Withdrawal(SDF, D(2024, 12, 1))}, SDF),  # a day late: within the slack
        ({"ev-a": Withdrawal(SDF, D(2024, 11, 20)), "ev-b": Withdrawal(ARMY, D(2024, 11, 30))},
         ARMY),  # the withdrawal nearest the change
        ({"ev-a": Withdrawal(Side("HTS", "opposition"), D(2024, 11, 30))}, Side(None, None)),
        ({"ev-a": Withdrawal(SDF, D(2024, 12, 5))}, Side(None, None)),  # only later news
    ],
)
def test_report_control_holder_before_cases(losers: dict[str, Withdrawal], want: Side) -> None:
    assert holder_before(_taken(("ev-a", "ev-b")), None, losers) == want


def _article(text: str, day: dt.date, outlet: str, events: list[tuple[str, str, str, str]],
             ) -> Document:
    b = DocumentBuilder(text, published=day, outlet=outlet, url=f"https://{outlet}.example/1")
    for trigger, kind, mode, actor in events:
        ident, name, side = {"army": ("SYR.army", "Syrian Arab Army", "government"),
                             "rebels": ("SYR.rebels", "Rebels", "opposition"),
                             "sdf": ("SYR.sdf", "Syrian Democratic Forces", "kurdish-led")}[actor]
        ref = b.actor(ident, name, side=side, kind="armed group",
                      mention=text[text.index(trigger) - len(name) - 1 : text.index(trigger) - 1])
        aleppo = b.place("Aleppo", after=b.find(trigger))
        b.event(trigger, kind, mode=mode, actor1=ref, place=aleppo, date=day)
    return b.build()


@pytest.fixture()
def store(tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    s = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    s.add_documents([
        _article("Syrian Arab Army pulled out of Aleppo. Rebels seized Aleppo.", D(2024, 11, 30),
                 "one", [("pulled out", "RETREAT", "withdraw", "army"),
                         ("seized", "COERCE", "seize", "rebels")]),
        *(_article(f"Syrian Democratic Forces withdrew from Aleppo, report {i}.", D(2024, 12, 2),
                   f"later{i}", [("withdrew", "RETREAT", "withdraw", "sdf")]) for i in range(4)),
    ])
    fuse_store(s)
    yield s
    s.close()


def test_report_control_aleppo_was_held_by_the_army_not_the_sdf(store: Store) -> None:
    changes = [ch for ch in control_changes(store, Scope(D(2024, 11, 27), D(2024, 12, 10)))
               if ch.place == "Aleppo"]
    assert [(ch.date, ch.after.side) for ch in changes] == [(D(2024, 11, 30), "opposition")]
    assert changes[0].before == ARMY
