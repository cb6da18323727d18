import datetime as dt

import pytest
from sqlalchemy import text

from sitrep.errors import NotFoundError, StoreError
from sitrep.models import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Sentence,
)
from sitrep.serialize import document_from_dict, document_to_dict
from sitrep.store import open_store

TEXT = "Rebels seized Aleppo on Saturday, a monitor said."


def make_doc(article_id: str = "a-1", text: str = TEXT) -> Document:
    aleppo = Place(
        id="gn:170063", name="Aleppo", text="Aleppo", start=14, end=20, lat=36.2, lon=37.16,
        country="SY", admin1="Aleppo", feature="PPLA", geonames_id=170063, precision=1,
    )
    rebels = ActorRef("SYR.rebels", "Syrian rebels", "Rebels")
    monitor = ActorRef("SYR.sohr", "Syrian Observatory for Human Rights", "a monitor")
    event = Event(
        id=f"e-{article_id}", sentence=0, trigger=Mention("seized", 7, 13), plover_type="COERCE",
        plover_mode="seize", acled_event_type="Strategic developments",
        acled_sub_event_type="Non-violent transfer of territory", actor1=rebels, place=aleppo,
        date=EventDate(dt.date(2024, 11, 30), "day", "on Saturday", 21, 32),
        modality="reported", sources=(monitor,), confidence=0.8,
    )
    claim = Claim(
        id=f"c-{article_id}", sentence=0, speaker=monitor, cue="said", start=0, end=32,
        stance="reports", events=(event.id,),
    )
    return Document(
        article=Article(id=article_id, text=text, outlet="Test Wire",
                        published=dt.date(2024, 12, 1)),
        sentences=(Sentence(0, 0, len(text)),),
        actors=(
            Actor("SYR.rebels", "Syrian rebels", "rebel group", "SYR",
                  (Mention("Rebels", 0, 6),), side="opposition"),
        ),
        places=(aleppo,),
        events=(event,),
        claims=(claim,),
    )


@pytest.fixture()
def store(store_any_backend):  # type: ignore[no-untyped-def]
    return store_any_backend


def test_store_roundtrip_document(store) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc()
    assert store.add_document(doc) is True
    back = store.document("a-1")
    assert back.article.text == TEXT
    assert back.events[0].place is not None and back.events[0].place.name == "Aleppo"
    assert back.events[0].date.value == dt.date(2024, 11, 30)
    assert back.claims[0].events == ("e-a-1",)
    assert store.counts()["events"] == 1


def test_store_ingest_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    store.add_document(make_doc())
    before = store.counts()
    assert store.add_document(make_doc()) is False
    assert store.counts() == before


def test_store_shared_actor_and_place_across_articles(store) -> None:  # type: ignore[no-untyped-def]
    store.add_documents([make_doc("a-1"), make_doc("a-2", TEXT + " ")])
    counts = store.counts()
    assert counts["articles"] == 2
    assert counts["actors"] == 1 and counts["places"] == 1
    assert [d.article.id for d in store.iter_documents(batch=1)] == ["a-1", "a-2"]


def test_store_missing_article(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        store.document("nope")


def test_store_refuses_newer_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'n.db'}"
    s = open_store(url)
    with s.engine.begin() as c:
        c.execute(text("UPDATE meta SET value='99' WHERE key='schema_version'"))
    s.close()
    with pytest.raises(StoreError, match="newer than this sitrep"):
        open_store(url)


def test_serialize_contract_roundtrip() -> None:
    doc = make_doc()
    d = document_to_dict(doc)
    assert set(d) >= {"article", "sentences", "actors", "places", "events", "claims"}
    ev = d["events"][0]
    assert ev["plover"] == {"type": "COERCE", "mode": "seize"}
    assert ev["date"]["value"] == "2024-11-30"
    assert set(d["places"][0]) >= {"id", "name", "text", "start", "end", "lat", "lon",
                                   "country", "admin1", "feature", "geonames_id", "precision"}
    assert document_to_dict(document_from_dict(d)) == d


def test_store_upgrades_v1_database_with_the_filter_index(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    url = f"sqlite:///{tmp_path / 'v1.db'}"
    s = open_store(url)
    s.add_document(make_doc())
    with s.engine.begin() as c:  # make it look like a version-1 file
        c.execute(text("DROP INDEX ix_events_filter_cover"))
        c.execute(text("UPDATE meta SET value='1' WHERE key='schema_version'"))
    s.close()
    s = open_store(url)
    with s.engine.connect() as c:
        names = {ix["name"] for ix in inspect(c).get_indexes("events")}
        version = c.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar()
    assert "ix_events_filter_cover" in names and version == "2"
    assert s.counts()["events"] == 1
