"""Fusion runs one at a time, so concurrent ingests never fight over incident ids."""

import threading

import pytest
from sqlalchemy import text

from sitrep.fuse.persist import fuse_store
from test_store_documents import make_doc


@pytest.fixture()
def store(store_any_backend):  # type: ignore[no-untyped-def]
    return store_any_backend


def test_fuse_concurrent_runs_all_succeed_and_agree(store) -> None:  # type: ignore[no-untyped-def]
    store.add_documents([make_doc(f"a-{i}", f"Rebels seized Aleppo. Copy {i}.") for i in range(6)])
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fuse_store(store)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    alone = fuse_store(store)
    with store.engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM incidents")).scalar_one()
    assert n == alone.incidents >= 1


def test_fuse_concurrent_incremental_ingests_agree_with_a_full_fuse(store) -> None:  # type: ignore[no-untyped-def]
    from sitrep.fuse.incremental import fuse_new
    from test_fuse_incremental import _snapshot

    fuse_new(store)  # an empty store: builds the fusion index
    errors: list[BaseException] = []

    def ingest(n: int) -> None:
        docs = [make_doc(f"t{n}-{i}", f"Rebels seized Aleppo. Report {n}.{i}.") for i in range(3)]
        try:
            store.add_documents(docs)
            fuse_new(store, [d.article.id for d in docs])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    incremental = _snapshot(store)
    fuse_store(store)
    assert _snapshot(store) == incremental
    assert len(incremental[2]) == 12 and all(iid for _eid, iid in incremental[2])
