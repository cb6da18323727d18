"""Scale-out: the same pipeline over a Dask cluster (``dask.distributed``).

The client streams records, skips article ids already stored (so a run can resume) and
sends shards to workers. Each worker process loads the models once and, when the store is
a database other processes can open (a PostgreSQL URL or an SQLite file), writes its
documents itself, one transaction per article, so the client only schedules and counts;
otherwise (an in-memory store) the workers send documents back for the client to write.
A record that fails on a worker is captured with its source and index; the rest of its
shard goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from .engine import IngestReport, Resources, build_pipeline, finish_ingest, store_document
from .errors import ConfigError
from .ingest import Record, RecordError
from .models import Article, Document
from .pipeline import Pipeline
from .serialize import document_from_dict, document_to_dict
from .settings import Settings
from .store import Store
from .store.store import make_engine

_PIPELINES: dict[Settings, Pipeline] = {}
_STORES: dict[str, Store] = {}


def worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this process, built on first use and kept."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = build_pipeline(Resources.load(settings))
    return _PIPELINES[settings]


def warm_up(settings: Settings) -> None:
    """Load this worker's models before any shard arrives."""
    worker_pipeline(settings)


def process_shard(
    articles: list[Article], settings: Settings
) -> list[dict[str, Any] | RecordError]:
    """Run the pipeline over one shard on a worker; one failure does not sink the shard."""
    return [
        d if isinstance(d, RecordError) else document_to_dict(d)
        for d in _run_shard(articles, settings)
    ]


def _run_shard(articles: list[Article], settings: Settings) -> list[Document | RecordError]:
    pipeline = worker_pipeline(settings)
    try:
        return list(pipeline.pipe(Document(article=a) for a in articles))
    except Exception:  # retry one by one to find and capture the bad record
        pass
    out: list[Document | RecordError] = []
    for a in articles:
        try:
            out.append(pipeline(Document(article=a)))
        except Exception as exc:  # a worker must report, not die, on one bad record
            out.append(RecordError(a.url or a.id, None, f"{type(exc).__name__}: {exc}"))
    return out


def worker_store(url: str) -> Store:
    """This process's connection to the shared store (the client created and upgraded it)."""
    if url not in _STORES:
        _STORES[url] = Store(make_engine(url))
    return _STORES[url]


def process_shard_into(articles: list[Article], settings: Settings, url: str) -> IngestReport:
    """Run the pipeline over one shard and write each document to the store at ``url``.

    Returns the shard's counts (an article stored already, by another writer, is skipped)
    and errors. A store failure (disk full, server gone) is raised: it ends the ingest.
    """
    store = worker_store(url)
    report = IngestReport()
    for doc in _run_shard(articles, settings):
        if isinstance(doc, RecordError):
            report.errors.append(doc)
        else:
            store_document(store, doc, report)
    return report


def process_shard_to_dir(
    articles: list[Article], settings: Settings, directory: str
) -> IngestReport:
    """Run the pipeline over one shard and write its documents to one Parquet file."""
    from .shards import write_shard

    results = _run_shard(articles, settings)
    docs = [d for d in results if not isinstance(d, RecordError)]
    write_shard(docs, directory)
    return IngestReport(
        added=len(docs),
        added_ids=[d.article.id for d in docs],
        errors=[d for d in results if isinstance(d, RecordError)],
    )


def shared_url(store: Store) -> str | None:
    """The store's URL if worker processes can open the same database, else None."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def _shards(records: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest_distributed(
    records: Iterable[Record],
    store: Store | None,
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    shard_size: int = 32,
    fuse: bool = True,
    progress: Callable[[int], None] | None = None,
    write_on_workers: bool = True,
    shards_dir: str | None = None,
) -> IngestReport:
    """Ingest over a Dask cluster: ``scheduler`` address, or a LocalCluster of ``workers``.

    With ``write_on_workers`` (the default) and a store other processes can open, each
    worker writes its own documents; a remote cluster's workers must then reach the
    database at the store's URL (use PostgreSQL, or an SQLite file on a shared disk).
    With ``shards_dir`` the workers write Parquet result shards there instead (see
    ``sitrep.shards``; ``store`` may then be None), to be loaded with ``load_shards``.
    """
    if store is None and shards_dir is None:
        raise ConfigError("distributed ingest needs a store or a directory for result shards")
    from dask.distributed import Client, LocalCluster, as_completed

    report = IngestReport()
    step = progress or (lambda n: None)

    done: set[str] = set()
    if shards_dir is not None:
        from .shards import shard_ids

        done = shard_ids(shards_dir)

    def new_articles() -> Iterator[Article]:
        for chunk in _shards(_articles(records, report), 500):
            known = store.known_ids(a.id for a in chunk) if store is not None else set()
            known |= done.intersection(a.id for a in chunk)
            seen: set[str] = set()
            for a in chunk:
                if a.id in known or a.id in seen:
                    report.skipped += 1
                    step(1)
                    continue
                seen.add(a.id)
                yield a

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(
                n_workers=workers or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from exc
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        in_flight = 2 * n_workers
        client.run(warm_up, settings)  # every worker loads its models now, in parallel
        settings_f = client.scatter(settings, broadcast=True)
        url = shared_url(store) if write_on_workers and store is not None else None
        queue = as_completed()
        shards = _shards(new_articles(), shard_size)

        def submit_next() -> bool:
            shard = next(shards, None)
            if shard is None:
                return False
            if shards_dir is not None:
                queue.add(
                    client.submit(process_shard_to_dir, shard, settings_f, shards_dir, pure=False)
                )
            elif url:
                queue.add(client.submit(process_shard_into, shard, settings_f, url, pure=False))
            else:
                queue.add(client.submit(process_shard, shard, settings_f, pure=False))
            return True

        for _ in range(in_flight):
            if not submit_next():
                break
        for future in queue:
            results = future.result()
            if isinstance(results, IngestReport):  # the worker stored or wrote the shard
                report.added += results.added
                report.added_ids.extend(results.added_ids)
                report.skipped += results.skipped
                report.errors.extend(results.errors)
                step(results.added + results.skipped + len(results.errors))
            else:
                for item in results:
                    if isinstance(item, RecordError):
                        report.errors.append(item)
                    elif store is not None:
                        store_document(store, document_from_dict(item), report)
                step(len(results))
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if store is None:
        return report
    return finish_ingest(store, report, fuse and shards_dir is None)


def _articles(records: Iterable[Record], report: IngestReport) -> Iterator[Article]:
    for rec in records:
        if isinstance(rec, RecordError):
            report.errors.append(rec)
        else:
            report.read += 1
            yield rec
