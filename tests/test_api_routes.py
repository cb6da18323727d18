"""The JSON API over a store filled with hand-built documents (no NLP stages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.ids import article_id
from sitrep.models import ActorRef, Article, Document, Event, Mention, Sentence
from sitrep.settings import Settings
from sitrep.store import Store, open_store
from sitrep.web.app import create_app
from sitrep.web.synthetic import sample_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = sample_store(tmp_path_factory.mktemp("api") / "api.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(), store))


def ids(body: dict[str, Any]) -> list[str]:
    return [x["id"] for x in body["items"]]


def test_api_events_sorted_newest_first(client: TestClient) -> None:
    body = client.get("/api/events").json()
    dates = [x["date"]["value"] for x in body["items"] if x["date"]["value"]]
    assert dates == sorted(dates, reverse=True)
    assert body["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ASSAULT"}, {"e-saraqib-strike", "e-hama-attack", "e-hama-shell"}),
        ({"type": ["RETREAT", "COERCE"]}, {"e-homs-withdraw", "e-homs-enter"}),
        ({"modality": "hypothetical"}, {"e-hama-attack"}),
        ({"since": "2024-12-06", "until": "2024-12-06"}, {"e-hama-shell"}),
        ({"bbox": "36.5,34.5,37.0,35.0"}, {"e-homs-withdraw", "e-homs-enter"}),
        ({"place": "gn-hama"}, {"e-hama-attack", "e-hama-shell"}),
        ({"actor": "SYR.gov-forces"}, {"e-homs-withdraw"}),
        ({"min_sources": 1}, {"e-homs-withdraw"}),
    ],
)
def test_api_events_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200
    assert set(ids(response.json())) == expected


@pytest.mark.parametrize(
    "params",
    [{"since": "2024-12-09", "until": "2024-12-01"}, {"bbox": "36,35,37,34"},
     {"bbox": "170,-10,-170,10"}],
)
def test_api_empty_windows_select_nothing(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_api_bbox_across_the_antimeridian(client: TestClient) -> None:
    body = client.get("/api/events", params={"bbox": "36.75,34,-179,36"}).json()
    assert set(ids(body)) == {"e-saraqib-strike", "e-hama-attack", "e-hama-shell"}


def test_api_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2, "sort": "id"}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "id"}).json()
    everything = client.get("/api/events", params={"sort": "id"}).json()
    assert first["next_offset"] == 2
    assert ids(first) + ids(second) == ids(everything)[:4]


@pytest.mark.parametrize(
    "params",
    [{"sort": "colour"}, {"modality": "certain"}, {"bbox": "1,2,3"}, {"limit": 0},
     {"type": "false"}, {"type": "RETREAT,COERCE"},
     {"since": "yesterday"}, {"until": "0"}, {"since": "2024-02-30"},
     {"min_sources": 10**30}, {"offset": 2**63}],
)
def test_api_bad_parameters_give_one_error_shape(
    client: TestClient, params: dict[str, Any]
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "bad_input" and error["message"]


def test_api_incident_detail_has_source_sentences(client: TestClient) -> None:
    body = client.get("/api/incidents/i-homs-withdraw").json()
    assert body["sources_count"] == 2 and body["contradicted"] is True
    [evidence] = body["evidence"]
    text = evidence["sentence"]["text"]
    start, end = evidence["mark"]
    assert text[start:end] == "withdrew"
    assert evidence["article"]["outlet"] == "Levant Wire"
    assert evidence["speaker"] == "Syrian Observatory for Human Rights"
    assert {c["stance"] for c in evidence["claims"]} == {"asserts", "denies"}


def test_api_incidents_filter_by_sources_and_type(client: TestClient) -> None:
    body = client.get("/api/incidents", params={"min_sources": 2, "sort": "-sources"}).json()
    assert ids(body) == ["i-saraqib", "i-homs-withdraw"]
    assert ids(client.get("/api/incidents", params={"type": "COERCE"}).json()) == ["i-homs-enter"]


def test_api_article_has_sentences_and_annotations(client: TestClient) -> None:
    event = client.get("/api/events/e-homs-withdraw").json()
    doc = client.get(f"/api/articles/{event['article_id']}").json()
    assert doc["article"]["outlet"] == "Levant Wire"
    assert len(doc["sentences"]) == 3
    assert {e["id"] for e in doc["events"]} == {"e-homs-withdraw", "e-homs-enter"}
    assert {c["stance"] for c in doc["claims"]} == {"asserts", "denies"}


@pytest.mark.parametrize(
    "path", ["/api/articles/a-missing", "/api/events/nope", "/api/incidents/nope",
             "/api/actors/nobody", "/api/places/nowhere"],
)
def test_api_missing_records_are_404_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_api_control_changes_with_date(client: TestClient) -> None:
    def homs(as_of: str) -> dict[str, Any]:
        entries = client.get("/api/control", params={"as_of": as_of}).json()
        return next(e for e in entries if e["place"]["name"] == "Homs")

    before, after = homs("2024-12-01"), homs("2024-12-08")
    assert before["controller"]["side"] == "government" and before["since"] == "2024-11-01"
    assert after["controller"]["side"] == "opposition" and after["since"] == "2024-12-07"
    assert {"place", "controller", "status", "since", "evidence"} <= set(after)
    early = client.get("/api/control", params={"as_of": "2024-10-01"}).json()
    assert early == []


def test_api_actors_places_claims(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["items"]
    assert actors[0]["id"] == "SYR.rebels" and actors[0]["n_articles"] == 2
    actor = client.get("/api/actors/SYR.mod").json()
    assert [c["stance"] for c in actor["claims"]] == ["denies"]
    place = client.get("/api/places/gn-homs").json()
    assert [c["since"] for c in place["control"]] == ["2024-11-01", "2024-12-07"]
    assert {e["id"] for e in place["events"]} == {"e-homs-withdraw", "e-homs-enter"}
    claims = client.get("/api/claims", params={"stance": "denies"}).json()["items"]
    assert [c["text"] for c in claims] == ["troops had left Homs"]


def test_api_stats_and_timeline(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["counts"]["incidents"] == 5
    assert stats["events"]["by_type"] == {"ASSAULT": 3, "COERCE": 1, "RETREAT": 1}
    assert stats["control_dates"][0] == "2024-11-01"
    timeline = client.get("/api/timeline", params={"kind": "events", "type": "ASSAULT"}).json()
    assert {(r["date"], r["n"]) for r in timeline} == {("2024-12-05", 1), ("2024-12-06", 1)}


def test_api_openapi_documents_the_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    responses = schema["paths"]["/api/events/{event_id}"]["get"]["responses"]
    assert {"200", "404", "422"} <= set(responses)
    ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ErrorBody")
    ingest = schema["paths"]["/api/ingest"]["post"]["responses"]
    assert {"401", "403", "413"} <= set(ingest)
    modality = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"]
                    if p["name"] == "modality")
    assert "denied" in str(modality["schema"])


def test_api_openapi_lists_routes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/incidents", "/api/control", "/api/ingest"):
        assert path in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "bbox", "type", "modality", "min_sources", "limit"} <= params


def test_api_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/api/events/nope", "/static/dashboard.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_boundaries_are_small_geojson(client: TestClient) -> None:
    assert client.get("/api/boundaries/mars").json()["error"]["code"] == "bad_input"
    response = client.get("/api/boundaries/syria-admin1")
    body = response.json()
    assert len(body["features"]) == 14
    assert len(response.content) < 200_000
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Aleppo", "Homs", "Damascus"} <= names


def test_api_map_points_are_compact_columns(client: TestClient) -> None:
    body = client.get("/api/map", params={"kind": "incidents", "type": "ASSAULT"}).json()
    assert body["count"] == 3 and body["truncated"] is False
    columns = body["columns"]
    rows = [dict(zip(columns, v, strict=True)) for v in zip(*body["values"], strict=True)]
    assert {r["type"] for r in rows} == {"ASSAULT"}
    saraqib = next(r for r in rows if r["id"] == "i-saraqib")
    assert (saraqib["lat"], saraqib["lon"], saraqib["sources"]) == (35.8647, 36.8006, 3)
    assert saraqib["date"] == "2024-12-05" and saraqib["place"] == "Saraqib"


def test_api_allowed_hosts_refuse_other_hosts(store: Store) -> None:
    app = create_app(Settings(), store, allowed_hosts=["127.0.0.1", "localhost"])
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/stats").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example")
    response = rebound.get("/api/stats")
    assert response.status_code == 400
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_records_named_only_by_events_or_control(client: TestClient, tmp_path: Path) -> None:
    damascus = client.get("/api/places/gn-damascus").json()  # only in the control table
    assert damascus["name"] == "Damascus" and damascus["control"][0]["status"] == "held"
    text = "Unknown gunmen attacked a checkpoint near Daraa."
    event = Event("e-gunmen", 0, Mention("attacked", *span(text, "attacked")), "ASSAULT",
                  actor1=ActorRef("provisional.unknown-gunmen", "unknown gunmen", "Unknown gunmen"))
    doc = Document(Article(article_id(text), text, title="Checkpoint attack"),
                   sentences=(Sentence(0, 0, len(text)),), events=(event,))
    other = open_store(f"sqlite:///{tmp_path / 'refs.db'}")
    other.add_document(doc)
    actor = TestClient(create_app(Settings(), other)).get("/api/actors/provisional.unknown-gunmen")
    assert actor.status_code == 200
    body = actor.json()
    assert body["name"] == "unknown gunmen" and body["provisional"] is True
    assert [e["id"] for e in body["events"]] == ["e-gunmen"]


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize("sort", ["-date", "date", "-sources", "id", "-confidence"])
def test_api_keyset_pages_cover_everything_once(client: TestClient, sort: str) -> None:
    everything = ids(client.get("/api/events", params={"sort": sort}).json())
    seen: list[str] = []
    params: dict[str, Any] = {"sort": sort, "limit": 2}
    while True:
        body = client.get("/api/events", params=params).json()
        seen += ids(body)
        if body["next_after"] is None:
            break
        params["after"] = body["next_after"]
    assert seen == everything and len(seen) == 5


def test_api_undated_rows_come_last(client: TestClient) -> None:
    for sort in ("date", "-date"):
        items = client.get("/api/events", params={"sort": sort}).json()["items"]
        assert items[-1]["id"] == "e-hama-attack" and items[-1]["date"]["value"] is None


def test_api_paging_after_an_unknown_row_is_404(client: TestClient) -> None:
    response = client.get("/api/events", params={"after": "e-nowhere"})
    assert response.status_code == 404
    assert "next_after" in response.json()["error"]["message"]
