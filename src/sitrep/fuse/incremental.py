"""Incremental fusion: fuse newly stored articles without reading every document again.

``fuse_new`` gives exactly what ``fuse_store`` (a full recompute) would give, but recomputes
only what the new articles can change:

- incidents: clustering only ever joins mentions along *links* (same bucket, neighbouring
  cells, and they fit: ``incidents.linked``), and a mention's choice among the clusters it
  fits depends on nothing else. So the mentions linked to a new one, transitively (found in
  the fusion index by bucket, cell and day), cluster alone as they do among everything;
  their old incidents are replaced by the new clustering of that set.
- control: a place's timeline depends only on its own observations, and a governorate with
  none of its own follows its capital's. The places the new observations name (with their
  capital or governorate) are replayed from all their indexed observations.

A store with no fusion index, an index built by other code or data (``index.fingerprint``),
or articles missing from the index beyond the new ones is fused in full instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, Table, exists, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..models import Document
from ..serialize import document_from_dict
from ..store import Store
from ..store import schema as t
from . import index
from .codec import observation_from_dict
from .control import control_timelines
from .observations import Observation
from .persist import (
    FuseSummary,
    ensure_tables,
    exclusive,
    fuse_all_locked,
    summarise,
    write_control,
    write_incidents,
)
from .recluster import recluster
from .resources import capitals

__all__ = ["fuse_new"]


def fuse_new(store: Store, article_ids: Iterable[str] | None = None) -> FuseSummary:
    """Fuse the stored articles not fused yet (``article_ids``, the batch just stored, is a
    hint that saves looking for them) into the store's incidents and control.

    The summary counts what was recomputed: the mentions re-clustered, the incidents and
    control timelines rewritten. Falls back to ``fuse_store`` when the fusion index is
    missing or stale.
    """
    with exclusive(store):
        try:
            with store.engine.begin() as conn:
                ensure_tables(conn)
            with store.engine.begin() as conn:
                # a write first: SQLite takes its write lock now, before anything is read
                conn.execute(update(index.fuse_state).values(value=index.fuse_state.c.value))
                if index.is_current(conn):
                    pending = _pending(conn, article_ids)
                    if pending is not None:
                        return _fuse_pending(conn, pending)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not fuse the new articles: {exc}") from exc
        return fuse_all_locked(store)


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _pending(conn: Connection, article_ids: Iterable[str] | None) -> list[str] | None:
    """The stored articles not fused yet; None when the index lists articles the store no
    longer has (then only a full recompute is right)."""
    stored, fused = _count(conn, t.articles), _count(conn, index.fuse_articles)
    if fused > stored:
        return None
    if article_ids is not None:
        ids = sorted(set(article_ids))
        known: set[str] = set()
        done: set[str] = set()
        for chunk in index.chunks(ids):
            known.update(r[0] for r in conn.execute(
                select(t.articles.c.id).where(t.articles.c.id.in_(chunk))))
            done.update(r[0] for r in conn.execute(
                select(index.fuse_articles.c.id).where(index.fuse_articles.c.id.in_(chunk))))
        new = sorted(known - done)
        if fused + len(new) == stored:
            return new
    unfused = select(t.articles.c.id).where(
        ~exists().where(index.fuse_articles.c.id == t.articles.c.id)
    ).order_by(t.articles.c.id)
    return [r[0] for r in conn.execute(unfused)]


def _documents(conn: Connection, ids: list[str]) -> list[Document]:
    docs: list[Document] = []
    for chunk in index.chunks(ids):
        rows = conn.execute(
            select(t.articles.c.doc_json).where(t.articles.c.id.in_(chunk))
        ).all()
        docs.extend(document_from_dict(json.loads(r[0])) for r in rows)
    return docs


def _fuse_pending(conn: Connection, ids: list[str]) -> FuseSummary:
    if not ids:
        return summarise(0, (), 0, {})
    batch = index.read_documents(_documents(conn, ids))
    index.add(conn, batch)
    change = recluster(conn, batch.mentions)
    mention_ids = sorted({m for i in change.incidents for m in i.mentions})
    write_incidents(conn, change.incidents, replacing=change.replaced, mention_ids=mention_ids)
    places = sorted(_with_capitals({o.place_key for o in batch.observations}))
    timelines = control_timelines(_observations(conn, places))
    write_control(conn, [e for tl in timelines.values() for e in tl], places=places)
    return summarise(change.replayed, change.incidents, batch.statements, timelines)


def _with_capitals(keys: set[str]) -> set[str]:
    """``keys`` with the governorate of each capital in them and the capital of each
    governorate (a governorate without evidence of its own follows its capital)."""
    out = set(keys)
    for cap in capitals().all:
        if cap.admin1_geonames_id is None:
            continue
        pair = {cap.place().id, cap.province().id}
        if pair & keys:
            out |= pair
    return out


def _observations(conn: Connection, places: list[str]) -> list[Observation]:
    fo = index.fuse_observations
    out: list[Observation] = []
    for chunk in index.chunks(places):
        rows = conn.execute(select(fo.c.data_json).where(fo.c.place_key.in_(chunk))).all()
        out.extend(observation_from_dict(json.loads(r[0])) for r in rows)
    return out
