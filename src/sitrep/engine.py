"""Resources loaded once, the standard pipeline, and the two library entry points.

``extract`` turns records into documents; ``ingest`` also stores them and fuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError, InvalidDocumentError
from .ingest import Defaults, Record, RecordError, read_bytes
from .models import Article, Document
from .parse import ParseStage, load_model
from .pipeline import Pipeline
from .settings import Settings
from .store import Store


@dataclass
class Resources:
    """Heavy shared resources: the spaCy model, the gazetteer and the actor registry."""

    nlp: Any
    gazetteer: Any
    registry: Any
    settings: Settings

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        from .actors.registry import Registry
        from .places.gazetteer import ensure_gazetteer

        return cls(
            nlp=load_model(settings.spacy_model),
            gazetteer=ensure_gazetteer(settings.gazetteer_path),
            registry=Registry.load(),
            settings=settings,
        )


def build_pipeline(res: Resources) -> Pipeline:
    """parse -> actors -> places -> events -> dates -> claims."""
    from .actors.stage import ActorsStage
    from .claims.stage import ClaimsStage
    from .events.stage import DatesStage, EventsStage
    from .places.stage import PlacesStage

    return Pipeline(
        [
            ParseStage(res.nlp, batch_size=res.settings.batch_size),
            ActorsStage(res.registry, res.gazetteer),
            PlacesStage(res.gazetteer),
            EventsStage(registry=res.registry),
            DatesStage(),
            ClaimsStage(res.registry),
        ]
    )


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[RecordError] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)  # fusion fuses just these

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "errors": [
                {"source": e.source, "line": e.line, "message": e.message} for e in self.errors
            ],
        }


def extract(
    records: Iterable[Record], pipeline: Pipeline, errors: list[RecordError] | None = None
) -> Iterator[Document]:
    """Documents for the good records, in input order; bad ones go to ``errors``."""

    def articles() -> Iterator[Document]:
        for rec in records:
            if isinstance(rec, RecordError):
                if errors is None:
                    raise InputError(str(rec))
                errors.append(rec)
            else:
                yield Document(article=rec)

    yield from pipeline.pipe(articles())


def ingest(
    records: Iterable[Record],
    pipeline: Pipeline,
    store: Store,
    *,
    fuse: bool = True,
    progress: Any = None,
) -> IngestReport:
    """Parse and store every new record (already stored ids are skipped), then fuse."""
    report = IngestReport()

    def new_articles() -> Iterator[Record]:
        for rec in records:
            if isinstance(rec, Article):
                report.read += 1
                if store.has_article(rec.id):
                    report.skipped += 1
                    if progress is not None:
                        progress(1)
                    continue
            yield rec

    for doc in extract(new_articles(), pipeline, report.errors):
        store_document(store, doc, report)
        if progress is not None:
            progress(1)
    return finish_ingest(store, report, fuse)


def finish_ingest(store: Store, report: IngestReport, fuse: bool) -> IngestReport:
    """Keep the batch's record errors in the store and, if anything was added, fuse."""
    for err in report.errors:
        store.record_error(err.source, err.line, err.message)
    if fuse and report.added:
        fuse_all(store, report.added_ids)
    return report


def store_document(store: Store, doc: Document, report: IngestReport) -> None:
    """Store one document and count it; a document the store refuses is a record error."""
    try:
        stored = store.add_document(doc)
    except InvalidDocumentError as exc:  # one bad document must not sink the batch
        report.errors.append(RecordError(doc.article.url or doc.article.id, None, str(exc)))
        return
    if stored:
        report.added += 1
        report.added_ids.append(doc.article.id)
    else:
        report.skipped += 1


def fuse_all(store: Store, added_ids: list[str] | None = None) -> None:
    """Fuse the articles not fused yet (incrementally; in full when the store's fusion
    index is missing or stale). ``added_ids`` are the batch's; without them fusion looks."""
    from .fuse.incremental import fuse_new

    fuse_new(store, added_ids or None)


def ingest_payload(
    data: bytes,
    content_type: str,
    store: Store,
    pipeline: Pipeline,
    defaults: Defaults,
) -> IngestReport:
    """Ingest one request body (text, HTML, JSONL or a feed) for the API."""
    ct = content_type.split(";")[0].strip().lower()
    kind = {
        "text/plain": "text",
        "text/html": "html",
        "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
        "application/json": "jsonl",
        "application/rss+xml": "feed",
        "application/atom+xml": "feed",
        "application/xml": "feed",
        "text/xml": "feed",
    }.get(ct, "auto")
    return ingest(read_bytes(data, kind, "request", defaults), pipeline, store)
