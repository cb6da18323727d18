"""The store: idempotent writes by deterministic id, one transaction per article."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select
from sqlalchemy.exc import DatabaseError, IntegrityError, SQLAlchemyError

from ..errors import ConfigError, InvalidDocumentError, NotFoundError, StoreError
from ..models import Document
from ..serialize import document_from_dict, document_to_dict, ref_to_dict
from . import schema as t


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise ConfigError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_store(url: str) -> Store:
    """Open (and create or upgrade) the database at ``url``."""
    store = Store(make_engine(url))
    store.initialise()
    return store


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def initialise(self) -> None:
        from .migrations import upgrade

        try:
            with self.engine.begin() as conn:
                upgrade(conn)
        except DatabaseError as exc:  # unreachable, locked, or not a database file at all
            raise StoreError(f"cannot open database {self.engine.url!r}: {exc.orig}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # --- writes -------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first()
                is not None
            )

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found.update(
                    r[0]
                    for r in conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(chunk)))
                )
        return found

    def add_document(self, doc: Document) -> bool:
        """Write one document in one transaction. Returns False if it was already stored."""
        return self.add_documents([doc]) == 1

    def add_documents(self, docs: Iterable[Document]) -> int:
        """Write documents, each in its own transaction; already stored ones are skipped."""
        return sum(self._add_one(doc) for doc in docs)

    def _add_one(self, doc: Document, attempts: int = 5) -> bool:
        for _ in range(attempts):
            try:
                with self.engine.begin() as conn:
                    if conn.execute(
                        select(t.articles.c.id).where(t.articles.c.id == doc.article.id)
                    ).first():
                        return False
                    _write(conn, doc)
                return True
            except IntegrityError:
                # another writer stored this article, or an actor or place it names, first:
                # look again, so the article is skipped if it is there now, else written
                continue
            except SQLAlchemyError as exc:
                raise StoreError(f"could not store article {doc.article.id}: {exc}") from exc
        raise StoreError(
            f"could not store article {doc.article.id}: concurrent writers kept conflicting; "
            "ingest it again"
        )

    def record_error(self, source: str, record: int | None, message: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(t.ingest_errors).values(
                    source=source, record=record, message=message, at=_now()
                )
            )

    # --- reads --------------------------------------------------------------------

    def document(self, article_id: str) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.articles.c.doc_json).where(t.articles.c.id == article_id)
            ).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return document_from_dict(json.loads(row[0]))

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        """Every stored document, in id order, without loading all at once."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(t.articles.c.id, t.articles.c.doc_json)
                    .where(t.articles.c.id > last)
                    .order_by(t.articles.c.id)
                    .limit(batch)
                ).all()
            if not rows:
                return
            for row in rows:
                yield document_from_dict(json.loads(row[1]))
            last = rows[-1][0]

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for name in ("articles", "events", "claims", "actors", "places", "incidents"):
                table = t.metadata.tables[name]
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_unique_ids(doc: Document) -> None:
    for kind, items in (("event", doc.events), ("claim", doc.claims)):
        ids = [x.id for x in items]
        if len(ids) != len(set(ids)):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise InvalidDocumentError(
                f"article {doc.article.id} has two {kind}s with id {dup}; this is a bug in the "
                f"{kind}s stage, please report it"
            )


def _write(conn: Connection, doc: Document) -> None:
    _check_unique_ids(doc)
    a = doc.article
    conn.execute(
        insert(t.articles).values(
            id=a.id,
            url=a.url,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            language=a.language,
            source_format=a.source_format,
            credits=json.dumps(list(a.credits)),
            text=a.text,
            doc_json=json.dumps(document_to_dict(doc), ensure_ascii=False),
            n_events=len(doc.events),
            n_claims=len(doc.claims),
            ingested_at=_now(),
        )
    )
    if doc.events:
        conn.execute(insert(t.events), [_event_row(doc, e) for e in doc.events])
    if doc.claims:
        conn.execute(
            insert(t.claims),
            [
                {
                    "id": c.id,
                    "article_id": a.id,
                    "sentence": c.sentence,
                    "speaker_id": c.speaker.id if c.speaker else None,
                    "speaker_name": c.speaker.name if c.speaker else None,
                    "cue": c.cue,
                    "start": c.start,
                    "end": c.end,
                    "quote": c.quote,
                    "stance": c.stance,
                    "events_json": json.dumps(list(c.events)),
                }
                for c in doc.claims
            ],
        )
    _upsert_actors(conn, doc)
    _upsert_places(conn, doc)


def _event_row(doc: Document, e: Any) -> dict[str, Any]:
    p = e.place
    return {
        "id": e.id,
        "article_id": doc.article.id,
        "sentence": e.sentence,
        "trigger_text": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "plover_type": e.plover_type,
        "plover_mode": e.plover_mode,
        "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "actor1_id": e.actor1.id if e.actor1 else None,
        "actor1_name": e.actor1.name if e.actor1 else None,
        "actor2_id": e.actor2.id if e.actor2 else None,
        "actor2_name": e.actor2.name if e.actor2 else None,
        "place_id": p.id if p else None,
        "place_name": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "geo_precision": p.precision if p else None,
        "date": e.date.value,
        "date_precision": e.date.precision,
        "modality": e.modality,
        "fatalities": e.fatalities,
        "confidence": e.confidence,
        "n_sources": len(e.sources),
        "sources_json": json.dumps([ref_to_dict(s) for s in e.sources], ensure_ascii=False),
        "outlet": doc.article.outlet,
        "published": doc.article.published,
    }


def _upsert_actors(conn: Connection, doc: Document) -> None:
    if not doc.actors:
        return
    ids = [x.id for x in doc.actors]
    known = {r[0] for r in conn.execute(select(t.actors.c.id).where(t.actors.c.id.in_(ids)))}
    new = {x.id: x for x in doc.actors if x.id not in known}
    if new:
        conn.execute(
            insert(t.actors),
            [
                {
                    "id": x.id,
                    "name": x.name,
                    "kind": x.kind,
                    "country": x.country,
                    "side": x.side,
                    "provisional": x.provisional,
                }
                for x in new.values()
            ],
        )
    counts = Counter({x.id: len(x.mentions) for x in doc.actors})
    conn.execute(
        insert(t.article_actors),
        [{"article_id": doc.article.id, "actor_id": k, "mentions": v} for k, v in counts.items()],
    )


def _upsert_places(conn: Connection, doc: Document) -> None:
    resolved = {p.id: p for p in doc.places if p.lat is not None}
    if not resolved:
        return
    known = {
        r[0] for r in conn.execute(select(t.places.c.id).where(t.places.c.id.in_(list(resolved))))
    }
    new = [p for pid, p in resolved.items() if pid not in known]
    if new:
        conn.execute(
            insert(t.places),
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "lat": p.lat,
                    "lon": p.lon,
                    "country": p.country,
                    "admin1": p.admin1,
                    "feature": p.feature,
                    "geonames_id": p.geonames_id,
                }
                for p in new
            ],
        )
    counts = Counter(p.id for p in doc.places if p.id in resolved)
    conn.execute(
        insert(t.article_places),
        [{"article_id": doc.article.id, "place_id": k, "mentions": v} for k, v in counts.items()],
    )
