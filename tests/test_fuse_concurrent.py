"""Fusion runs one at a time, so concurrent ingests never fight over incident ids."""

import os
import threading
import uuid

import pytest
from sqlalchemy import text

from sitrep.fuse.persist import fuse_store
from sitrep.store import open_store
from sitrep.store.store import make_engine
from test_store_documents import make_doc


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'f.db'}")
        yield s
        s.close()
        return
    base = os.environ.get("SITREP_TEST_PG")
    if not base:
        pytest.skip("SITREP_TEST_PG unset")
    name = "fz_" + uuid.uuid4().hex[:10]
    admin = make_engine(base)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    s = open_store(base.rsplit("/", 1)[0] + "/" + name)
    yield s
    s.close()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()


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
