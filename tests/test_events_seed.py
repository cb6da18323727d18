"""End to end on the founding article: the events it must yield, and the ones it must not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.engine import Resources, build_pipeline
from sitrep.ingest.readers import Defaults, make_article
from sitrep.models import FACTUAL_MODALITIES, Document, Event
from sitrep.settings import Settings

pytestmark = pytest.mark.slow  # loads the gazetteer (and builds it on a fresh machine)

HYPOTHETICAL = ("would represent", "see the capture", "could mark", "would mark", "could “destroy")


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    text = seed_path.read_text(encoding="utf-8")
    pipeline = build_pipeline(Resources.load(Settings.from_env()))
    article = make_article(text, Defaults(published=dt.date(2024, 12, 8)))
    return pipeline(Document(article=article))


def _events(doc: Document, plover: str, words: str) -> list[Event]:
    return [
        e for e in doc.events if e.plover_type == plover and words in doc.sentence_text(e.sentence)
    ]


def test_events_seed_homs_withdrawal(seed_doc):
    (ev,) = _events(seed_doc, "RETREAT", "pulled out of")
    assert ev.plover_mode == "withdraw" and ev.modality == "reported"
    assert ev.acled_sub_event_type == "Non-violent transfer of territory"
    assert ev.actor1 is not None and ev.actor1.id.startswith("SYR")
    assert ev.place is not None and ev.place.name == "Homs"


def test_events_seed_rebels_move_into_homs(seed_doc):
    (ev,) = _events(seed_doc, "COERCE", "moved into")
    assert ev.actor1 is not None and "rebel" in ev.actor1.name.lower()
    assert ev.place is not None and ev.place.name == "Homs"
    assert ev.modality in FACTUAL_MODALITIES


def test_events_seed_seizures_of_aleppo_and_hama(seed_doc):
    seized = _events(seed_doc, "COERCE", "seizure of key cities")
    names = {e.place.name for e in seized if e.place is not None}
    assert "Aleppo" in names and any(n.startswith(("Hama", "Ḩam")) for n in names)
    assert all(e.modality == "asserted" for e in seized)


def test_events_seed_rebels_reach_damascus_suburbs_on_saturday(seed_doc):
    (ev,) = [e for e in seed_doc.events if e.trigger.text == "reached"]
    assert ev.date.value == dt.date(2024, 12, 7) and ev.date.precision == "day"
    assert ev.place is not None and ev.place.name == "Damascus"
    assert ev.actor1 is not None and "rebel" in ev.actor1.name.lower()


def test_events_seed_army_retreat_from_south(seed_doc):
    (ev,) = _events(seed_doc, "RETREAT", "retreat from southern regions")
    assert ev.actor1 is not None and ev.actor1.id.startswith("SYR")


def test_events_seed_diplomacy(seed_doc):
    (call,) = _events(seed_doc, "REQUEST", "Pedersen, has called")
    assert call.actor1 is not None
    (meet,) = _events(seed_doc, "CONSULT", "met in Qatar")
    ids = {a.id for a in (meet.actor1, *meet.actor1_more) if a is not None}
    assert {"IRN", "RUS", "TUR"} <= ids
    assert meet.place is not None and meet.place.name == "Qatar"
    assert _events(seed_doc, "REQUEST", "calling for an end to hostilities")
    (accuse,) = _events(seed_doc, "ACCUSE", "criticized Assad")
    assert accuse.actor2 is not None and "Assad" in accuse.actor2.name


def test_events_seed_israeli_airstrikes(seed_doc):
    (ev,) = _events(seed_doc, "ASSAULT", "Israeli airstrikes")
    assert ev.plover_mode == "aerial" and ev.acled_sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.id.startswith("ISR")


def test_events_seed_hypotheticals_stay_hypothetical(seed_doc):
    # the relative clause "who have made rapid territorial gains" is asserted on its own
    for e in seed_doc.events:
        if e.trigger.text == "territorial gains":
            continue
        if any(h in seed_doc.sentence_text(e.sentence) for h in HYPOTHETICAL):
            assert e.modality not in FACTUAL_MODALITIES, e


def test_events_seed_relative_clause_gains_are_asserted(seed_doc):
    (ev,) = [e for e in seed_doc.events if e.trigger.text == "territorial gains"]
    assert ev.modality == "asserted"
    assert ev.actor1 is not None and "rebel" in ev.actor1.name.lower()
    assert ev.date.text == "in recent weeks" and ev.date.precision == "month"
