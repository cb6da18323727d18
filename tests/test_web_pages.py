"""Server-rendered pages and the article highlighter, without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.web.app import create_app
from sitrep.web.highlight import segments
from sitrep.web.synthetic import HOSTILE, sample_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = sample_store(tmp_path_factory.mktemp("pages") / "pages.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(), store))


def article_id(client: TestClient, title_start: str) -> str:
    items = client.get("/api/articles").json()["items"]
    return next(a["id"] for a in items if a["title"].startswith(title_start))


def test_web_article_page_escapes_markup(client: TestClient) -> None:
    html = client.get(f"/articles/{article_id(client, 'Statement on Hama')}").text
    assert HOSTILE not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.pwned=2&#34;&gt;" in html
    assert "<script>window" not in html and "<img" not in html


def test_web_pages_have_no_inline_script(client: TestClient) -> None:
    for path in ("/", "/articles", "/actors", "/places", "/places/gn-homs",
                 "/actors/SYR.rebels", f"/articles/{article_id(client, 'Army leaves')}"):
        response = client.get(path)
        assert response.status_code == 200, path
        for tag in response.text.split("<script")[1:]:
            head, _, rest = tag.partition(">")
            assert 'src="/static/' in head, f"inline or outside script on {path}"
            assert rest.startswith("</script>"), f"inline script body on {path}"


def test_web_article_focus_marks_event(client: TestClient) -> None:
    aid = article_id(client, "Army leaves")
    html = client.get(f"/articles/{aid}", params={"focus": "e-homs-enter"}).text
    assert 'class="ann-event focus"' in html
    assert html.count(" focus") == 1


def test_web_missing_page_is_html_404(client: TestClient) -> None:
    response = client.get("/actors/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no actor with id" in response.text


def test_web_static_assets_served_with_nosniff(client: TestClient) -> None:
    for name in ("dashboard.js", "common.js", "detail.js", "points.js"):
        js = client.get(f"/static/{name}")
        assert js.status_code == 200
        assert "javascript" in js.headers["content-type"]
        assert js.headers["x-content-type-options"] == "nosniff"
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in js.text, f"{name} uses {sink}"


def doc(text: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"article": {"text": text, "headings": []}, "sentences": [],
                            "actors": [], "places": [], "events": [], "claims": []}
    return base | fields


def test_web_segments_cover_text_once() -> None:
    text = "Rebels seized Hama. The army denied it."
    d = doc(
        text,
        sentences=[{"i": 0, "start": 0, "end": 19}, {"i": 1, "start": 20, "end": 39}],
        actors=[{"id": "r", "name": "Rebels", "kind": "armed_group",
                 "mentions": [{"start": 0, "end": 6}]}],
        places=[{"id": "h", "name": "Hama", "start": 14, "end": 18}],
        events=[{"id": "e1", "plover": {"type": "COERCE", "mode": "seize"},
                 "trigger": {"start": 7, "end": 13}, "modality": "asserted"}],
        claims=[{"id": "c1", "speaker": {"name": "army"}, "cue": "denied", "stance": "denies",
                 "start": 20, "end": 39}],
    )
    segs = segments(d, focus="e1")
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["Rebels"].kinds == ("actor",) and by_text["Rebels"].anchor == "s-0"
    assert by_text["seized"].focus and by_text["seized"].kinds == ("event",)
    assert by_text["Hama"].labels == ("place: Hama",)
    claim = by_text["The army denied it."]
    assert claim.kinds == ("claim",) and claim.anchor == "s-1"


def test_web_segments_overlapping_annotations() -> None:
    text = "Turkey-backed forces shelled Manbij."
    d = doc(
        text,
        actors=[{"id": "sna", "name": "Syrian National Army", "kind": "armed_group",
                 "mentions": [{"start": 0, "end": 20}]}],
        places=[{"id": "tr", "name": "Turkey", "start": 0, "end": 6},
                {"id": "bad", "name": "Out of range", "start": 30, "end": 99}],
    )
    segs = segments(d)
    assert "".join(s.text for s in segs) == text
    assert segs[0].text == "Turkey" and segs[0].kinds == ("actor", "place")
    assert segs[1].text == "-backed forces" and segs[1].kinds == ("actor",)
    assert all("Out of range" not in label for s in segs for label in s.labels)


def test_web_incident_page_shows_sources(client: TestClient) -> None:
    html = client.get("/incidents/i-homs-withdraw").text
    assert "<mark>withdrew</mark>" in html
    assert "Syrian Observatory for Human Rights" in html and "Levant Wire" in html
    assert "2 (2 independent)" in html and "a source denies it" in html
    event_html = client.get("/events/e-hama-shell").text
    assert "<mark>shelled</mark>" in event_html and "&lt;script&gt;" in event_html


def test_web_modality_parameter_matches_the_model() -> None:
    from sitrep.models import MODALITIES
    from sitrep.web.params import MODALITY_VALUES

    assert MODALITY_VALUES == MODALITIES


# HEAD answers like GET, without a body, on the pages and the API


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
