"""POST /api/ingest: bearer token, read-only mode, body limits, one error shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.store import Store, open_store
from sitrep.web.app import create_app

TEXT = "Shelling hit the village of Kafr Nabl on Monday, local activists said."


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'ingest.db'}")


def make_client(store: Store, token: str | None, loads: list[int] | None = None) -> TestClient:
    def loader() -> Pipeline:
        if loads is not None:
            loads.append(1)
        return Pipeline([])  # the route's mechanics, not the NLP stages

    settings = Settings(api_token=token, max_html_bytes=10_000)
    return TestClient(create_app(settings, store, resources_loader=loader))


def test_api_ingest_is_read_only_without_a_token(store: Store) -> None:
    response = make_client(store, None).post("/api/ingest", content=TEXT)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "read-only" in response.json()["error"]["message"]
    assert store.counts()["articles"] == 0


@pytest.mark.parametrize(
    "header", [None, "Bearer wrong", "Basic c2VjcmV0", "Bearer", "bearer secret-token-x"]
)
def test_api_ingest_refuses_a_wrong_token(store: Store, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = make_client(store, "secret-token").post("/api/ingest", content=TEXT,
                                                       headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert store.counts()["articles"] == 0


def test_api_ingest_stores_text_and_jsonl(store: Store) -> None:
    loads: list[int] = []
    client = make_client(store, "secret-token", loads)
    auth = {"Authorization": "Bearer secret-token"}
    response = client.post("/api/ingest", content=TEXT, params={"outlet": "Idlib Monitor"},
                           headers={**auth, "Content-Type": "text/plain"})
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1
    lines = "\n".join(json.dumps({"text": f"Report {i}: {TEXT}", "published": "2024-12-02"})
                      for i in range(2))
    response = client.post("/api/ingest", content=lines,
                           headers={**auth, "Content-Type": "application/x-ndjson"})
    assert response.json() == {"read": 2, "added": 2, "skipped": 0, "errors": []}
    again = client.post("/api/ingest", content=TEXT, headers={**auth})
    assert again.json()["skipped"] == 1
    assert store.counts()["articles"] == 3
    assert loads == [1], "the pipeline is loaded once, on the first ingest"
    outlets = {a["outlet"] for a in client.get("/api/articles").json()["items"]}
    assert "Idlib Monitor" in outlets


def test_api_ingest_rejects_oversized_and_empty_bodies(store: Store) -> None:
    client = make_client(store, "secret-token")
    auth = {"Authorization": "Bearer secret-token"}
    big = client.post("/api/ingest", content="x" * 20_000, headers=auth)
    assert big.status_code == 413
    assert big.json()["error"]["code"] == "too_large"
    empty = client.post("/api/ingest", content=b"", headers=auth)
    assert empty.status_code in (400, 422)
    assert set(empty.json()["error"]) == {"code", "message"}
    assert store.counts()["articles"] == 0
