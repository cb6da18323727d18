"""Control statements cite resolvable evidence: a claim, an event, or the sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitrep.fuse.evidence import locate
from sitrep.fuse.statements import statements_from_document
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Document
from sitrep.store import open_store

D = dt.date
TEXT = ("The army said Latakia remains under government control. "
        "Rebels seized Hama and now hold Hama. "
        "Idlib has been under rebel control for years.")


def _doc() -> Document:
    b = DocumentBuilder(TEXT, published=D(2024, 12, 5), outlet="Coast News",
                        url="https://coast.example/control")
    army = b.actor("SYR.state-forces", "Syrian Arab Army", side="government",
                   mention="The army")
    rebels = b.actor("SYR.rebels", "Opposition Rebels (Syria)", side="opposition",
                     mention="Rebels")
    b.place("Latakia")
    hama = b.place("Hama")
    b.place("Hama", after=b.find("now hold"))
    b.place("Idlib")
    b.event("seized", "COERCE", mode="seize", actor1=rebels, place=hama)
    b.claim("said", army, [])
    return b.build()


def test_control_statement_evidence_is_claim_then_event_then_sentence():
    doc = _doc()
    cited = {s.place.name: s.id for s in statements_from_document(doc)}
    [claim] = doc.claims
    [event] = doc.events
    assert cited == {"Latakia": claim.id, "Hama": event.id, "Idlib": f"{doc.article.id}#s2"}


def test_control_evidence_ids_resolve_to_their_sentence(tmp_path: Path):
    doc = _doc()
    store = open_store("sqlite:///" + str(tmp_path / "ev.db"))
    store.add_documents([doc])
    ids = [s.id for s in statements_from_document(doc)]
    found = locate(store, [*ids, "ev-unknown", "a-missing#s0"])
    assert found == {doc.claims[0].id: (doc.article.id, 0),
                     doc.events[0].id: (doc.article.id, 1),
                     f"{doc.article.id}#s2": (doc.article.id, 2)}
