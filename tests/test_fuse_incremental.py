"""Incremental fusion gives what a full recompute gives, batch after batch."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from sqlalchemy import select, text, update

from sitrep.bench.fuse import make_documents
from sitrep.fuse import index
from sitrep.fuse.codec import (
    mention_from_dict,
    mention_to_dict,
    observation_from_dict,
    observation_to_dict,
)
from sitrep.fuse.control import ControlEntry
from sitrep.fuse.incidents import Incident
from sitrep.fuse.incremental import fuse_new
from sitrep.fuse.persist import control_detail, control_timeline, fuse_store, load_incidents
from sitrep.fuse.synthetic import DocumentBuilder, withdrawal_example
from sitrep.models import Document
from sitrep.serialize import document_from_dict, document_to_dict
from sitrep.store import Store
from sitrep.store import schema as t


@pytest.fixture()
def store(store_any_backend: Store) -> Store:
    return store_any_backend


def _statement_doc(day: int) -> Document:
    text = (f"Assad's forces now hold just four of the country's 14 provincial capitals: "
            f"Damascus, Homs, Latakia, and Tartus, a monitor said on day {day}.")
    b = DocumentBuilder(text, published=dt.date(2024, 12, day), outlet=f"Monitor {day}")
    b.actor("SYR.gov", "Syrian government forces", side="government", mention="Assad's forces")
    statement = b.find("Assad's forces")
    for city in ("Damascus", "Homs", "Latakia", "Tartus"):
        b.place(city, after=statement)
    return b.build()


def _odd_documents(n: int, rng: random.Random) -> list[Document]:
    """Reports the synthetic stream lacks: places with no coordinates, no dates at all,
    coarse dates, and hypothetical or denied events."""
    docs = []
    for i in range(n):
        town = rng.choice(("Kafr Nubl", "Maarat Misrin", "Aleppo", "Hama"))
        published = None if i % 4 == 0 else dt.date(2024, 12, 1 + rng.randrange(6))
        text = (f"Gunmen attacked {town} overnight, report {i}. "
                f"Officials warned that jets could strike {town} soon.")
        b = DocumentBuilder(text, published=published, outlet=f"Odd {i % 5}",
                            url=f"https://odd.example/{i}")
        gunmen = b.actor("provisional:gunmen", "gunmen", mention="Gunmen") if i % 3 else None
        b.event("attacked", "ASSAULT", mode="firearms", actor1=gunmen, place=b.place(town),
                precision=rng.choice(("day", "week", "month")),
                modality=rng.choice(("asserted", "asserted", "denied")))
        b.event("strike", "ASSAULT", mode="aerial", place=b.place(town, after=b.find("strike")),
                modality="hypothetical")
        docs.append(b.build())
    return docs


def _corpus() -> list[Document]:
    rng = random.Random(11)
    docs, _truth = make_documents(360, rng)
    return [withdrawal_example(), _statement_doc(8), *docs, *_odd_documents(30, rng),
            _statement_doc(9)]


Snapshot = tuple[list[Incident], dict[str, list[ControlEntry]], list[tuple[str, str | None]],
                 list[tuple[object, ...]], list[tuple[object, ...]]]


def _snapshot(store: Store) -> Snapshot:
    with store.engine.connect() as conn:
        links = [tuple(r) for r in conn.execute(
            select(t.events.c.id, t.events.c.incident_id).order_by(t.events.c.id))]
        control = [tuple(r) for r in conn.execute(select(t.control).order_by(t.control.c.id))]
        detail = [tuple(r) for r in conn.execute(
            select(control_detail).order_by(control_detail.c.id))]
    return load_incidents(store), control_timeline(store), links, control, detail  # type: ignore[return-value]


def test_fuse_incremental_batches_equal_full_recompute(store: Store) -> None:
    docs = _corpus()
    rng = random.Random(5)
    rng.shuffle(docs)
    batches = [docs[:1], docs[1:40], docs[40:41], docs[41:42], docs[42:70], docs[70:]]
    recomputed = []
    for batch in batches:
        store.add_documents(batch)
        recomputed.append(fuse_new(store, [d.article.id for d in batch]).mentions)
    incremental = _snapshot(store)
    total = fuse_store(store)
    full = _snapshot(store)
    assert incremental[0] == full[0]  # incidents, field by field
    assert incremental[1] == full[1]  # control timelines
    assert incremental == full  # and the rows behind them, events' incident links included
    assert any(len(i.mentions) > 1 for i in full[0])
    assert any(e.status == "held" for tl in full[1].values() for e in tl)
    # single-article batches re-cluster a neighbourhood, not the store
    assert 0 < recomputed[2] < total.mentions and 0 < recomputed[3] < total.mentions


def test_fuse_incremental_finds_unfused_articles_without_a_hint(store: Store) -> None:
    docs = _corpus()[:60]
    store.add_documents(docs[:30])
    fuse_store(store)
    store.add_documents(docs[30:])  # stored without fusing, e.g. ``ingest --no-fuse``
    assert fuse_new(store).mentions > 0
    incremental = _snapshot(store)
    fuse_store(store)
    assert _snapshot(store) == incremental
    assert fuse_new(store).mentions == 0  # nothing left to fuse


def test_fuse_incremental_stale_index_falls_back_to_full(store: Store) -> None:
    docs = _corpus()[:40]
    store.add_documents(docs[:20])
    fuse_store(store)
    with store.engine.begin() as conn:
        conn.execute(update(index.fuse_state).values(value="v0-other-code"))
    store.add_documents(docs[20:])
    summary = fuse_new(store, [d.article.id for d in docs[20:]])
    with store.engine.connect() as conn:
        assert index.is_current(conn)
        fused = conn.execute(select(index.fuse_articles.c.id)).all()
    assert len(fused) == 40
    assert summary.mentions == sum(len(d.events) for d in docs)  # everything, in full


def test_fuse_incremental_codec_round_trip_is_exact() -> None:
    stored = [document_from_dict(document_to_dict(d)) for d in _corpus()[:50]]  # as read back
    batch = index.read_documents(stored)
    assert batch.mentions and batch.observations
    for m in batch.mentions:
        assert mention_from_dict(json.loads(json.dumps(mention_to_dict(m)))) == m
    for o in batch.observations:
        assert observation_from_dict(json.loads(json.dumps(observation_to_dict(o)))) == o


def test_fuse_incremental_old_index_layout_is_rebuilt(store: Store) -> None:
    docs = _corpus()[:30]
    store.add_documents(docs[:15])
    fuse_store(store)
    with store.engine.begin() as conn:  # an index written by an older sitrep
        conn.execute(text("DROP TABLE fuse_mentions"))
        conn.execute(text("CREATE TABLE fuse_mentions (id VARCHAR(40) PRIMARY KEY)"))
        conn.execute(update(index.fuse_state).values(value="v0-older"))
    store.add_documents(docs[15:])
    fuse_new(store, [d.article.id for d in docs[15:]])
    incremental = _snapshot(store)
    fuse_store(store)
    assert _snapshot(store) == incremental
    with store.engine.connect() as conn:
        assert conn.execute(select(index.fuse_mentions.c.lo)).first() is not None
