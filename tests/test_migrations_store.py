"""Schema migrations: an older database is upgraded in place, a newer or foreign one refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.models import Article, Document
from sitrep.serialize import document_to_dict
from sitrep.store import open_store
from sitrep.store import schema as t

# The first layout sitrep wrote, before the ``meta`` table (and its version stamp),
# ``ingest_errors``, ``incidents`` and ``control`` existed. Written by hand, as a user's
# old file would be.
V0_SCHEMA = """
CREATE TABLE articles (
    id VARCHAR(40) PRIMARY KEY, url TEXT, title TEXT, outlet VARCHAR(200), published DATE,
    language VARCHAR(16), source_format VARCHAR(16), credits TEXT, text TEXT NOT NULL,
    doc_json TEXT NOT NULL, n_events INTEGER NOT NULL, n_claims INTEGER NOT NULL,
    ingested_at DATETIME NOT NULL);
CREATE TABLE events (
    id VARCHAR(40) PRIMARY KEY, article_id VARCHAR(40) NOT NULL REFERENCES articles (id),
    sentence INTEGER NOT NULL, trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL, plover_type VARCHAR(32) NOT NULL, plover_mode VARCHAR(64),
    acled_event_type VARCHAR(64), acled_sub_event_type VARCHAR(64), actor1_id VARCHAR(120),
    actor1_name TEXT, actor2_id VARCHAR(120), actor2_name TEXT, place_id VARCHAR(120),
    place_name TEXT, lat FLOAT, lon FLOAT, country VARCHAR(2), admin1 TEXT,
    geo_precision INTEGER, date DATE, date_precision VARCHAR(8), modality VARCHAR(16) NOT NULL,
    fatalities INTEGER, confidence FLOAT NOT NULL, n_sources INTEGER NOT NULL,
    sources_json TEXT NOT NULL, outlet VARCHAR(200), published DATE, incident_id VARCHAR(40));
CREATE TABLE claims (
    id VARCHAR(40) PRIMARY KEY, article_id VARCHAR(40) NOT NULL REFERENCES articles (id),
    sentence INTEGER NOT NULL, speaker_id VARCHAR(120), speaker_name TEXT, cue TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote BOOLEAN NOT NULL,
    stance VARCHAR(16) NOT NULL, events_json TEXT NOT NULL);
"""
OLD_TEXT = "HOMS, Syria — Government forces withdrew from Homs on Saturday, a monitor said."


def write_v0(path: Path) -> str:
    doc = Document(article=Article(id="old-article-1", text=OLD_TEXT, outlet="Old Wire"))
    with sqlite3.connect(path) as conn:
        conn.executescript(V0_SCHEMA)
        conn.execute(
            "INSERT INTO articles VALUES (?, NULL, NULL, 'Old Wire', '2024-12-07', 'en', 'text',"
            " '[]', ?, ?, 0, 0, '2024-12-07 20:00:00')",
            (doc.article.id, OLD_TEXT, json.dumps(document_to_dict(doc))),
        )
    return doc.article.id


def schema_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0])


def test_migrations_upgrade_v0_file_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_id = write_v0(path)
    store = open_store(f"sqlite:///{path}")
    assert schema_version(path) == t.SCHEMA_VERSION
    assert store.document(old_id).article.text == OLD_TEXT  # old rows readable
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(t.metadata.tables) <= tables  # tables added since v0 now exist
    new = Document(article=Article(id="new-article-2", text="Rebels entered Hama."))
    assert store.add_document(new)
    store.record_error("batch.jsonl", 3, "not a JSON object")  # a v1-only table works
    assert store.counts()["articles"] == 2
    store.close()


def test_migrations_upgrade_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "twice.db"
    write_v0(path)
    for _ in range(3):
        open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        stamps = conn.execute("SELECT count(*) FROM meta WHERE key = 'schema_version'").fetchone()
    assert stamps == (1,)
    assert schema_version(path) == t.SCHEMA_VERSION


def test_migrations_refuse_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer than this sitrep"):
        open_store(f"sqlite:///{path}")


def test_migrations_refuse_foreign_database(tmp_path: Path) -> None:
    """An SQLite file from another program with an ``articles`` table is not taken over."""
    path = tmp_path / "other-app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO articles (body) VALUES ('someone else''s data')")
    with pytest.raises(StoreError, match="not a sitrep database"):
        open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT body FROM articles").fetchall() == [("someone else's data",)]


def test_migrations_fresh_database_is_current(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    open_store(f"sqlite:///{path}").close()
    assert schema_version(path) == t.SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
