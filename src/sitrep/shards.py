"""Result shards: documents written as Parquet files by workers, loaded into a store later.

For a cluster whose workers cannot reach the database, each worker writes the documents of
a shard to one Parquet file (columns ``article_id`` and ``document``, the contract JSON) in
a directory they share; ``sitrep load DIR`` then writes them into the store, one transaction
per article, skipping articles already stored. A file is written under a temporary name and
renamed when complete, so a crashed worker never leaves a half shard that looks whole.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .engine import IngestReport, finish_ingest, store_document
from .errors import InputError
from .ingest import RecordError
from .models import Document
from .serialize import document_from_dict, document_to_dict
from .store import Store

SUFFIX = ".parquet"
COLUMNS = ("article_id", "document")


def write_shard(docs: Iterable[Document], directory: Path | str) -> Path | None:
    """Write ``docs`` to a new Parquet file in ``directory``; None when there are none."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {
            "article_id": d.article.id,
            "document": json.dumps(document_to_dict(d), ensure_ascii=False),
        }
        for d in docs
    ]
    if not rows:
        return None
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{uuid.uuid4().hex}{SUFFIX}"
    tmp = folder / f".{name}.tmp"
    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    final = folder / name
    os.replace(tmp, final)
    return final


def shard_files(directory: Path | str) -> list[Path]:
    """The complete shards of ``directory``, in a stable order."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory of result shards")
    return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file())


def shard_ids(directory: Path | str) -> set[str]:
    """Article ids already written to the shards of ``directory`` (for resuming)."""
    import pyarrow.parquet as pq

    folder = Path(directory)
    if not folder.is_dir():
        return set()
    ids: set[str] = set()
    for path in shard_files(folder):
        ids.update(pq.read_table(path, columns=["article_id"]).column(0).to_pylist())
    return ids


def read_shard(path: Path) -> Iterator[Document | RecordError]:
    """The documents of one shard; a file or row that cannot be read is a record error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=list(COLUMNS))
    except (OSError, ValueError, pa.ArrowException) as exc:
        yield RecordError(str(path), None, f"not a result shard: {exc}")
        return
    for i, text in enumerate(table.column("document").to_pylist(), start=1):
        try:
            yield document_from_dict(json.loads(text))
        except (TypeError, ValueError, KeyError) as exc:
            yield RecordError(str(path), i, f"bad document: {exc}")


def load_shards(
    store: Store,
    directory: Path | str,
    *,
    fuse: bool = True,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Write every document of the shards in ``directory`` to ``store``."""
    report = IngestReport()
    step = progress or (lambda n: None)
    for path in shard_files(directory):
        for item in read_shard(path):
            if isinstance(item, RecordError):
                report.errors.append(item)
            else:
                report.read += 1
                store_document(store, item, report)
            step(1)
    return finish_ingest(store, report, fuse)
