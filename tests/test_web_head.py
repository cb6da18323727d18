"""HEAD answers like GET, without a body, on the pages and the API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.web.app import create_app
from sitrep.web.synthetic import sample_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = sample_store(tmp_path_factory.mktemp("head") / "head.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(), store))


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/places", "/api/events", "/api/stats", "/api/incidents",
             "/api/control?as_of=2024-12-08", "/openapi.json"],
)
def test_web_head_answers_like_get_without_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert got.status_code == 200 and got.content
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["x-frame-options"] == "DENY"  # security headers too


def test_web_head_keeps_get_errors(client: TestClient) -> None:
    missing = client.head("/api/events/no-such-event")
    assert missing.status_code == 404 and missing.content == b""
    assert client.head("/api/ingest").status_code == 405  # POST only, as for GET
    assert client.post("/api/events").status_code == 405  # other methods unchanged
