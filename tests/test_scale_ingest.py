"""Scale-out ingest on a real dask.distributed LocalCluster."""

import datetime as dt

import pytest

from sitrep.ingest.readers import Defaults, RecordError, make_article
from sitrep.scale import ingest_distributed, process_shard
from sitrep.settings import Settings
from sitrep.store import open_store

TEXTS = [
    "ALEPPO, Syria — Rebels seized the town of Saraqeb on Sunday, a war monitor said.",
    "Government forces pulled out of Hama on Thursday, the army said.",
    "Israeli jets struck a weapons depot near Latakia on Monday, killing 4 people.",
    "Foreign ministers from Iran, Russia and Turkey met in Doha on Saturday.",
    "The SDF took control of Deir ez-Zor city on Friday after the army withdrew.",
]


def _records() -> list:
    day = Defaults(published=dt.date(2024, 12, 8))
    recs: list = [make_article(t, day) for t in TEXTS]
    recs.insert(2, RecordError("in.jsonl", 3, "not a JSON object"))
    return recs


@pytest.mark.slow
def test_scale_local_cluster_ingests_resumes_and_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'scale.db'}")
    settings = Settings.from_env(db_url=f"sqlite:///{tmp_path / 'scale.db'}")
    report = ingest_distributed(_records(), store, settings, workers=1, shard_size=2)
    assert report.read == 5 and report.added == 5
    assert [e.line for e in report.errors] == [3]
    assert store.counts()["articles"] == 5
    assert store.counts()["events"] >= 4
    again = ingest_distributed(_records(), store, settings, workers=1, shard_size=2, fuse=False)
    assert again.added == 0 and again.skipped == 5


def test_scale_process_shard_captures_a_failing_record(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sitrep import scale
    from sitrep.models import Document

    class Flaky:
        def pipe(self, docs):  # type: ignore[no-untyped-def]
            docs = list(docs)
            raise RuntimeError("batch failed")

        def __call__(self, doc: Document) -> Document:
            if "Hama" in doc.article.text:
                raise RuntimeError("stage broke")
            return doc

    monkeypatch.setattr(scale, "worker_pipeline", lambda settings: Flaky())
    arts = [make_article(t, Defaults()) for t in TEXTS[:3]]
    out = process_shard(arts, Settings())
    assert [type(x).__name__ for x in out] == ["dict", "RecordError", "dict"]
    assert "stage broke" in str(out[1])


@pytest.mark.slow
def test_scale_two_workers_write_the_store_themselves(store_any_backend) -> None:  # type: ignore[no-untyped-def]
    from sitrep.scale import shared_url

    store = store_any_backend
    url = shared_url(store)
    assert url is not None  # a file or a server: the workers can open it
    settings = Settings.from_env(db_url=url)
    report = ingest_distributed(_records(), store, settings, workers=2, shard_size=1, fuse=False)
    assert (report.read, report.added, report.skipped) == (5, 5, 0)
    assert sorted(report.added_ids) == sorted(
        r.id for r in _records() if not isinstance(r, RecordError)
    )
    assert [e.line for e in report.errors] == [3]
    # the same documents as the pipeline gives in this process
    from sitrep.engine import Resources, build_pipeline
    from sitrep.models import Document

    pipeline = build_pipeline(Resources.load(settings))
    for rec in _records():
        if isinstance(rec, RecordError):
            continue
        stored = store.document(rec.id)
        here = pipeline(Document(article=rec))
        assert [e.id for e in stored.events] == [e.id for e in here.events]
        assert stored.article.text == rec.text


def test_scale_in_memory_store_is_written_by_the_client() -> None:
    from sitrep.scale import shared_url

    assert shared_url(open_store("sqlite://")) is None
    assert shared_url(open_store("sqlite:///:memory:")) is None


def test_scale_process_shard_into_counts_added_skipped_and_errors(  # type: ignore[no-untyped-def]
    monkeypatch, tmp_path
) -> None:
    from sitrep import scale
    from sitrep.models import Document

    class Tidy:
        def pipe(self, docs):  # type: ignore[no-untyped-def]
            return [self(d) for d in docs]

        def __call__(self, doc: Document) -> Document:
            if "Hama" in doc.article.text:
                raise RuntimeError("stage broke")
            return doc

    monkeypatch.setattr(scale, "worker_pipeline", lambda settings: Tidy())
    url = f"sqlite:///{tmp_path / 'w.db'}"
    open_store(url).close()
    arts = [make_article(t, Defaults()) for t in TEXTS[:3]]
    first = scale.process_shard_into(arts, Settings(), url)
    assert first.added_ids == [arts[0].id, arts[2].id] and first.added == 2
    assert len(first.errors) == 1 and "stage broke" in first.errors[0].message
    again = scale.process_shard_into(arts[:1], Settings(), url)
    assert (again.added, again.skipped, again.errors) == (0, 1, [])
    assert open_store(url).counts()["articles"] == 2
