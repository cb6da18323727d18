"""Parquet result shards: written by workers, loaded into a store later."""

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.readers import Defaults, make_article
from sitrep.models import Document
from sitrep.serialize import document_to_dict
from sitrep.shards import load_shards, read_shard, shard_files, shard_ids, write_shard
from sitrep.store import open_store

DAY = Defaults(published=dt.date(2024, 12, 8))
TEXTS = [
    "Rebels entered the town of Talbiseh on Saturday, residents said.",
    "Two drones struck a fuel depot near Qamishli on Friday, the SDF said.",
    "Protesters gathered in Sweida's main square on Sunday for a fourth week.",
]


def test_shards_roundtrip_keeps_every_document(parse_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = [parse_text(t, published="2024-12-08") for t in TEXTS]
    first = write_shard(docs[:2], tmp_path / "out")
    second = write_shard(docs[2:], tmp_path / "out")
    assert write_shard([], tmp_path / "out") is None  # an empty shard writes no file
    assert first is not None and second is not None
    assert set(shard_files(tmp_path / "out")) == {first, second}
    assert shard_ids(tmp_path / "out") == {d.article.id for d in docs}
    back = [d for p in shard_files(tmp_path / "out") for d in read_shard(p)]
    assert sorted(d.article.id for d in back if isinstance(d, Document)) == sorted(
        d.article.id for d in docs
    )
    by_id = {d.article.id: d for d in back if isinstance(d, Document)}
    for d in docs:  # the contract JSON, as the store keeps it, comes back unchanged
        assert document_to_dict(by_id[d.article.id]) == document_to_dict(d)
        assert by_id[d.article.id].article.text == d.article.text


def test_shards_load_skips_stored_and_reports_a_broken_file(tmp_path: Path) -> None:
    docs = [Document(article=make_article(t, DAY)) for t in TEXTS]
    write_shard(docs, tmp_path / "out")
    (tmp_path / "out" / "part-broken.parquet").write_bytes(b"PAR1 this is not parquet")
    (tmp_path / "out" / ".part-x.parquet.tmp").write_bytes(b"half written")  # ignored
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.add_document(docs[0])
    report = load_shards(store, tmp_path / "out", fuse=False)
    assert (report.read, report.added, report.skipped) == (3, 2, 1)
    assert len(report.errors) == 1 and "not a result shard" in report.errors[0].message
    assert store.counts()["articles"] == 3


def test_shards_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such directory"):
        shard_files(tmp_path / "nowhere")
    assert shard_ids(tmp_path / "nowhere") == set()


def test_shards_cli_needs_workers_and_a_real_directory(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys
) -> None:
    from sitrep.cli import main

    src = tmp_path / "a.txt"
    src.write_text(TEXTS[0])
    for argv, message in [
        (["ingest", str(src), "--shards", str(tmp_path / "sh")], "--shards needs --workers"),
        (["load", str(tmp_path / "none"), "--db", str(tmp_path / "x.db")], "no such directory"),
    ]:
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1


@pytest.mark.slow
def test_shards_cluster_writes_shards_then_load_stores_them(tmp_path: Path) -> None:
    from sitrep.scale import ingest_distributed
    from sitrep.settings import Settings

    out = str(tmp_path / "shards")
    recs = [make_article(t, DAY) for t in TEXTS]
    settings = Settings.from_env(db_url=f"sqlite:///{tmp_path / 'unused.db'}")
    report = ingest_distributed(recs, None, settings, workers=1, shard_size=2, shards_dir=out)
    assert (report.read, report.added) == (3, 3)
    assert len(shard_files(out)) == 2
    again = ingest_distributed(recs, None, settings, workers=1, shards_dir=out)
    assert (again.added, again.skipped) == (0, 3)  # resumed: the shards hold them already
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    loaded = load_shards(store, out)
    assert (loaded.added, loaded.errors) == (3, [])
    assert store.counts()["events"] >= 2
