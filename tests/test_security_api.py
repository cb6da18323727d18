"""API safety: write token, security headers, JSON errors, limits, and inert hostile text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.models import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Document,
    Event,
    Mention,
    Place,
    Sentence,
)
from sitrep.parse import ParseStage
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.store import Store, open_store
from sitrep.web import api as web_api
from sitrep.web.app import create_app

TOKEN = "s3cret-Token-for-tests"
SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_TEXT = f"Rebels {SCRIPT} entered Hama {IMG} on Thursday, a monitor said."


def hostile_document() -> Document:
    text = HOSTILE_TEXT
    t0 = text.index("entered")
    place = Place(
        id="gn-hostile",
        name=f"Hama{SCRIPT}",
        text="Hama",
        start=text.index("Hama"),
        end=text.index("Hama") + 4,
        lat=35.13,
        lon=36.75,
        country="SY",
        admin1=IMG,
        feature="PPLA",
        precision=1,
    )
    actor = Actor(
        "XSS.actor",
        f"Group {IMG}",
        "rebel group",
        "SYR",
        (Mention("Rebels", 0, 6),),
        side=SCRIPT,
    )
    ref = ActorRef(actor.id, actor.name, f"Rebels{SCRIPT}")
    event = Event(
        id="e-hostile",
        sentence=0,
        trigger=Mention("entered", t0, t0 + 7),
        plover_type="COERCE",
        plover_mode="seize",
        actor1=ref,
        place=place,
        sources=(ref,),
        modality="reported",
    )
    claim = Claim(
        id="c-hostile",
        sentence=0,
        speaker=ref,
        cue="said",
        start=0,
        end=len(text),
        events=(event.id,),
    )
    article = Article(
        id="hostile-1",
        text=text,
        title=f"Title {SCRIPT}",
        outlet=f"Outlet {IMG}",
        url="javascript:alert(document.cookie)",
    )
    return Document(
        article=article,
        sentences=(Sentence(0, 0, len(text)),),
        actors=(actor,),
        places=(place,),
        events=(event,),
        claims=(claim,),
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("sec") / "sec.db"
    s = open_store(f"sqlite:///{path}")
    s.add_document(hostile_document())
    yield s
    s.close()


@pytest.fixture(scope="module")
def reader(store: Store) -> TestClient:
    """A read-only server: no token configured."""
    return TestClient(create_app(Settings(), store))


@pytest.fixture(scope="module")
def writer(store: Store, nlp: Any) -> TestClient:
    settings = Settings(api_token=TOKEN, max_html_bytes=20_000, max_request_articles=3)
    app = create_app(settings, store, resources_loader=lambda: Pipeline([ParseStage(nlp)]))
    return TestClient(app)


def auth(token: str = TOKEN, scheme: str = "Bearer") -> dict[str, str]:
    return {"Authorization": f"{scheme} {token}", "Content-Type": "text/plain"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/hostile-1",
        "/api/events",
        "/api/nope",
        "/openapi.json",
        "/nope",
        "/api/articles/missing",
    ],
)
def test_security_api_headers_on_every_response(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    csp = response.headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["script-src"] == ["'self'"]  # no inline script, no eval, no CDN
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_security_api_read_only_server_refuses_ingest(reader: TestClient, store: Store) -> None:
    before = store.counts()["articles"]
    response = reader.post("/api/ingest", content=b"Rebels entered Hama.", headers=auth())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert store.counts()["articles"] == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Bearer {TOKEN.lower()}"},
        {"Authorization": "Bearer \u00e9t\u00e9".encode("latin-1")},
    ],
)
def test_security_api_ingest_needs_the_token(
    writer: TestClient, store: Store, headers: dict[str, Any]
) -> None:
    before = store.counts()["articles"]
    response = writer.post("/api/ingest", content=b"Rebels entered Hama.", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert body["error"]["code"] == "unauthorized"
    assert TOKEN not in json.dumps(body)
    assert store.counts()["articles"] == before


def test_security_api_token_compared_in_constant_time(
    writer: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[bytes, bytes]] = []
    real = web_api.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(web_api.hmac, "compare_digest", spy)
    writer.post("/api/ingest", content=b"x", headers=auth("wrong-token"))
    assert seen and seen[-1] == (b"wrong-token", TOKEN.encode())


def test_security_api_ingest_with_token_is_idempotent(writer: TestClient, store: Store) -> None:
    body = b"Government troops left Homs on Saturday, a war monitor said."
    first = writer.post("/api/ingest", content=body, headers=auth())
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 1
    again = writer.post("/api/ingest", content=body, headers=auth())
    assert again.json() == {**first.json(), "added": 0, "skipped": 1}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/api/events/no-such-event", {}, 404),
        ("get", "/api/articles/no-such-article", {}, 404),
        ("get", "/api/boundaries/..%2F..%2Fetc%2Fpasswd", {}, 404),
        ("get", "/static/..%2F..%2F..%2Fetc%2Fpasswd", {}, 404),
        ("get", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", {}, 404),
        ("get", "/api/events?since=2024-13-40", {}, 422),
        ("get", "/api/events?limit=0", {}, 422),
        ("get", "/api/events?limit=100000000000000000000", {}, 422),
        ("get", "/api/events?offset=-1", {}, 422),
        ("get", "/api/events?bbox=1,2,3", {}, None),
        ("get", "/api/events?bbox=nan,nan,nan,nan", {}, None),
        ("get", "/api/control?as_of=yesterday", {}, 422),
        ("delete", "/api/events", {}, 405),
        ("put", "/api/ingest", {}, 405),
    ],
)
def test_security_api_errors_are_4xx_json(
    reader: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int | None
) -> None:
    response = getattr(reader, method)(path, **kwargs)
    assert 400 <= response.status_code < 500, response.text
    if status is not None:
        assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] and error["message"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("body", "ctype", "status"),
    [
        (b"\x00\x01\x02\x03binary", "text/plain", 422),
        ("caf\xe9".encode("latin-1"), "text/plain", 422),
        (b"", "text/plain", 422),
        (b"<html><body></body></html>", "text/html", 422),
        (b"<rss><channel><item>", "application/rss+xml", None),
        (b'{"title": "no text"}', "application/x-ndjson", None),
        (b"x" * 30_000, "text/plain", 413),
    ],
)
def test_security_api_bad_ingest_bodies(
    writer: TestClient, store: Store, body: bytes, ctype: str, status: int | None
) -> None:
    """Refused with a 4xx JSON error, or (a batch whose every record is bad, status None)
    answered 200 with each bad record listed; nothing is stored either way."""
    before = store.counts()["articles"]
    response = writer.post("/api/ingest", content=body, headers={**auth(), "Content-Type": ctype})
    if status is None:
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["added"] == 0 and report["errors"][0]["message"]
    else:
        assert response.status_code == status, response.text
        assert response.json()["error"]["message"]
    assert store.counts()["articles"] == before


def test_security_api_body_over_limit_without_content_length(writer: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"y" * 1000

    response = writer.post("/api/ingest", content=chunks(), headers=auth())
    assert response.status_code == 413


def test_security_api_too_many_articles_refused_whole(writer: TestClient, store: Store) -> None:
    lines = [json.dumps({"text": f"Report {i}: shelling near Idlib."}) for i in range(4)]
    before = store.counts()["articles"]
    response = writer.post(
        "/api/ingest",
        content="\n".join(lines).encode(),
        headers={**auth(), "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code in (413, 422)
    assert "limit" in response.json()["error"]["message"]
    assert store.counts()["articles"] == before


@pytest.mark.parametrize("param", ["offset", "min_sources"])
def test_security_api_huge_integers_are_4xx(reader: TestClient, param: str) -> None:
    """Integers beyond a database BIGINT are refused before they reach SQL (was a 500)."""
    response = reader.get(f"/api/events?{param}={2**63}")
    assert response.status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/articles/hostile-1",
        "/articles/hostile-1?focus=e-hostile",
        "/articles",
        "/actors/XSS.actor",
        "/actors",
        "/places/gn-hostile",
        "/places",
        "/",
        f"/articles/{SCRIPT}",
        f"/actors?q={SCRIPT}",
        f"/places?q={IMG}",
    ],
)
def test_security_api_hostile_text_is_escaped_in_pages(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in html.lower()
    if path.startswith("/articles/hostile-1"):
        assert "&lt;script&gt;alert(" in html  # shown as text, not dropped


def test_security_api_hostile_text_is_data_in_json(reader: TestClient) -> None:
    response = reader.get("/api/articles/hostile-1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["article"]["text"] == HOSTILE_TEXT


class ScriptAudit(HTMLParser):
    """Collects <script> tags and event-handler attributes as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


@pytest.mark.parametrize("path", ["/", "/articles", "/articles/hostile-1", "/actors", "/places"])
def test_security_api_pages_need_no_inline_script(reader: TestClient, path: str) -> None:
    """The CSP forbids inline script, so pages must not rely on any: every <script> has a
    same-origin src and no element carries an event-handler attribute."""
    audit = ScriptAudit()
    audit.feed(reader.get(path).text)
    for attrs in audit.scripts:
        src = attrs.get("src") or ""
        assert src.startswith("/") and not src.startswith("//"), f"script {attrs} in {path}"
    assert audit.handlers == []


def test_security_api_loopback_server_refuses_foreign_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sitrep serve`` on 127.0.0.1 answers only Host 127.0.0.1/localhost (DNS rebinding)."""
    import uvicorn

    from sitrep import cli

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    cli.main(["serve", "--db", str(tmp_path / "serve.db"), "--port", "8765"])
    assert served["host"] == "127.0.0.1"
    client = TestClient(served["app"], base_url="http://127.0.0.1:8765")
    assert client.get("/api/stats").status_code == 200
    assert client.get("/api/stats", headers={"Host": "localhost:8765"}).status_code == 200
    rebound = client.get("/api/stats", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
