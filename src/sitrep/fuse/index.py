"""The fusion index: what fusion read from each fused article, so a new batch can be fused
without reading every stored document again.

- ``fuse_mentions``: one row per event mention, with the clustering bucket, search cell,
  day and date window it is searched by, and the mention as JSON (``codec.py``);
- ``fuse_observations``: one row per control observation, by place key;
- ``fuse_articles``: the articles fused so far;
- ``fuse_state``: the fingerprint of the code and data the index was built with. A store
  whose fingerprint is missing or different is fused again in full.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Index, Integer, String, Table, Text, delete, select

from ..ids import digest
from ..models import Document
from ..store import schema as t
from .clustering import bucket_key, cell_key, date_span, sort_key, window_days
from .codec import mention_to_dict, observation_to_dict
from .mentions import EventMention, mentions_from_document
from .observations import Observation, observations_from_mentions, observations_from_statements
from .resources import read_text
from .statements import statements_from_document

# Bump when mentions, observations or clustering change meaning: stores re-fuse in full.
INDEX_VERSION = 1
DATA_FILES = ("sides.yaml", "wires.yaml", "territorial.yaml", "incident-families.yaml",
              "provincial-capitals.csv")
CHUNK = 500  # ids per IN (...) clause

fuse_mentions = Table(
    "fuse_mentions",
    t.metadata,
    Column("id", String(40), primary_key=True),  # the event id
    Column("article_id", String(40), nullable=False),
    Column("bucket", String(120), nullable=False),
    Column("cell", String(200), nullable=False),
    Column("day", Integer, nullable=False),
    Column("window_days", Integer, nullable=False),
    Column("lo", Integer, nullable=False),  # ``incidents.date_span``
    Column("hi", Integer, nullable=False),
    Column("mode", String(64)),  # the PLOVER mode, for mode-sensitive families
    Column("data_json", Text, nullable=False),
)
Index("ix_fuse_mentions_near", fuse_mentions.c.bucket, fuse_mentions.c.cell, fuse_mentions.c.day)
Index("ix_fuse_mentions_window", fuse_mentions.c.bucket, fuse_mentions.c.window_days)

fuse_observations = Table(
    "fuse_observations",
    t.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("place_key", String(120), nullable=False),
    Column("data_json", Text, nullable=False),
)
Index("ix_fuse_observations_place", fuse_observations.c.place_key)

fuse_articles = Table(
    "fuse_articles",
    t.metadata,
    Column("id", String(40), primary_key=True),
)

fuse_state = Table(
    "fuse_state",
    t.metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

TABLES = [fuse_mentions, fuse_observations, fuse_articles, fuse_state]


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """The index version and a digest of the data files fusion reads."""
    return f"v{INDEX_VERSION}-" + digest(*(read_text(name) for name in DATA_FILES))


@dataclass(frozen=True, slots=True)
class Batch:
    """What fusion reads from some documents."""

    article_ids: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    observations: tuple[Observation, ...]
    statements: int


def read_documents(docs: Iterable[Document]) -> Batch:
    ids: list[str] = []
    mentions: list[EventMention] = []
    observations: list[Observation] = []
    statements = 0
    for doc in docs:
        ids.append(doc.article.id)
        found = mentions_from_document(doc)
        said = statements_from_document(doc)
        mentions.extend(found)
        observations.extend(observations_from_mentions(found))
        observations.extend(observations_from_statements(said))
        statements += len(said)
    return Batch(tuple(ids), tuple(mentions), tuple(observations), statements)


def ensure_tables(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=TABLES)


def is_current(conn: Connection) -> bool:
    row = conn.execute(select(fuse_state.c.value).where(fuse_state.c.key == "version")).first()
    return row is not None and row[0] == fingerprint()


def reset(conn: Connection) -> None:
    """Drop and recreate the index tables (derived data: a full fusion refills them), so an
    index written by an older layout never lingers."""
    t.metadata.drop_all(conn, tables=TABLES)
    t.metadata.create_all(conn, tables=TABLES)


def mark_current(conn: Connection) -> None:
    conn.execute(delete(fuse_state).where(fuse_state.c.key == "version"))
    conn.execute(fuse_state.insert().values(key="version", value=fingerprint()))


def add(conn: Connection, batch: Batch) -> None:
    """Index a batch's articles, mentions and observations."""
    if batch.article_ids:
        conn.execute(fuse_articles.insert(), [{"id": i} for i in batch.article_ids])
    if batch.mentions:
        conn.execute(fuse_mentions.insert(), [_mention_row(m) for m in batch.mentions])
    if batch.observations:
        conn.execute(
            fuse_observations.insert(),
            [
                {"place_key": o.place_key,
                 "data_json": json.dumps(observation_to_dict(o), ensure_ascii=False)}
                for o in batch.observations
            ],
        )


def _mention_row(m: EventMention) -> dict[str, object]:
    lo, hi = date_span(m)
    return {
        "lo": lo, "hi": hi, "mode": m.event.plover_mode,
        "id": m.id, "article_id": m.article_id, "bucket": bucket_key(m), "cell": cell_key(m),
        "day": sort_key(m)[0], "window_days": window_days(m),
        "data_json": json.dumps(mention_to_dict(m), ensure_ascii=False),
    }


def chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
