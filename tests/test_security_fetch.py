"""The URL fetch guard: http(s) only, public addresses only, checked on every hop.

A small HTTP server on 127.0.0.1 plays the remote site. Loopback is refused by the real
guard, so tests that need to reach it allow exactly 127.0.0.1 and nothing else, and point
names at addresses with a patched ``socket.getaddrinfo``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import FetchError
from sitrep.ingest import fetch
from sitrep.ingest.readers import Defaults, read_paths
from sitrep.models import Article

ARTICLE = b"HAMA, Syria - Rebels entered Hama on Thursday, a war monitor said."


class Site(BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []
    redirects: ClassVar[dict[str, str]] = {}

    def log_message(self, *_args: Any) -> None:
        return

    def do_GET(self) -> None:
        Site.hits.append((self.path, self.headers.get("Host", "")))
        if self.path in Site.redirects:
            self.send_response(302)
            self.send_header("Location", Site.redirects[self.path])
            self.end_headers()
            return
        if self.path == "/big":
            self.send_response(200)
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 65536)
            return
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/missing":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)


class QuietServer(ThreadingHTTPServer):
    """Clients here hang up mid-body on purpose (size and time limits): no stderr noise."""

    block_on_close = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


@pytest.fixture()
def site() -> Iterator[str]:
    Site.hits = []
    Site.redirects = {}
    server = QuietServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fake_dns(table: dict[str, str | list[str]]) -> Callable[..., list[Any]]:
    """A getaddrinfo that answers from ``table``; a list gives successive answers."""
    real = socket.getaddrinfo

    def resolve(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in table:
            return real(host, port, *args, **kwargs)
        answer = table[host]
        if isinstance(answer, list):
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        family = socket.AF_INET6 if ":" in answer else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (answer, port or 80))]

    return resolve


@pytest.fixture()
def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 (only) as public so the local test site can be reached."""
    real = fetch._is_public
    local = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(fetch, "_is_public", lambda a: a == local or real(a))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "gopher://example.org/",
        "javascript:alert(1)",
        "http:///nohost",
        "http://example.org:99999/",
        "http://[::1/",
        "http://127.0.0.1/",
        "http://localhost/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::]/",
        "http://10.0.0.8/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
    ],
)
def test_security_fetch_refuses_non_public_targets(url: str) -> None:
    with pytest.raises(FetchError):
        fetch.fetch_url(url, timeout=1)


def test_security_fetch_refuses_loopback_before_connecting(site: str) -> None:
    with pytest.raises(FetchError, match="non-public"):
        fetch.fetch_url(f"http://{site}/article", timeout=1)
    assert Site.hits == []


def test_security_fetch_refuses_name_resolving_to_private(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        fake_dns({"intranet.example": "10.1.2.3", "meta.example": "169.254.169.254"}),
    )
    for name in ("intranet.example", "meta.example"):
        with pytest.raises(FetchError, match="non-public"):
            fetch.fetch_url(f"http://{name}/", timeout=1)


@pytest.mark.usefixtures("allow_loopback")
def test_security_fetch_reads_public_page(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    port = site.split(":")[1]
    monkeypatch.setattr(socket, "getaddrinfo", fake_dns({"news.example": "127.0.0.1"}))
    body, ctype = fetch.fetch_url(f"http://news.example:{port}/article?x=1#frag", timeout=2)
    assert body == ARTICLE
    assert ctype.startswith("text/plain")
    assert Site.hits == [("/article?x=1", f"news.example:{port}")]


@pytest.mark.usefixtures("allow_loopback")
@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://intranet.example/admin",
        "http://[::1]:22/",
        "file:///etc/passwd",
        "gopher://127.0.0.2:25/",
    ],
)
def test_security_fetch_checks_every_redirect(
    site: str, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", fake_dns({"intranet.example": "192.168.0.10"}))
    Site.redirects = {"/go": location}
    with pytest.raises(FetchError):
        fetch.fetch_url(f"http://{site}/go", timeout=1)
    assert [path for path, _ in Site.hits] == ["/go"]


@pytest.mark.usefixtures("allow_loopback")
def test_security_fetch_follows_public_redirects_and_stops_loops(site: str) -> None:
    Site.redirects = {"/old": "/article", "/loop": "/loop"}
    body, _ = fetch.fetch_url(f"http://{site}/old", timeout=2)
    assert body == ARTICLE
    with pytest.raises(FetchError, match="redirected more than"):
        fetch.fetch_url(f"http://{site}/loop", timeout=2)
    assert sum(1 for p, _ in Site.hits if p == "/loop") == fetch.MAX_REDIRECTS + 1


def test_security_fetch_dns_rebinding_cannot_reach_loopback(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First answer public (checked), second answer loopback: the connection uses the first."""
    port = site.split(":")[1]
    monkeypatch.setattr(
        socket, "getaddrinfo", fake_dns({"rebind.example": ["198.51.100.0", "127.0.0.1"]})
    )
    monkeypatch.setattr(fetch, "_is_public", lambda a: str(a) == "198.51.100.0")
    with pytest.raises(FetchError):
        fetch.fetch_url(f"http://rebind.example:{port}/article", timeout=0.5)
    assert Site.hits == []


@pytest.mark.usefixtures("allow_loopback")
def test_security_fetch_limits_size_time_and_status(site: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch.fetch_url(f"http://{site}/big", timeout=2, max_bytes=100_000)
    started = time.monotonic()
    with pytest.raises(FetchError):
        fetch.fetch_url(f"http://{site}/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5
    with pytest.raises(FetchError, match="404"):
        fetch.fetch_url(f"http://{site}/missing", timeout=2)


@pytest.mark.usefixtures("allow_loopback")
def test_security_fetch_through_readers(site: str) -> None:
    (art,) = list(read_paths([f"http://{site}/article"], Defaults()))
    assert isinstance(art, Article)
    assert art.text == ARTICLE.decode()
    assert art.url == f"http://{site}/article"


@settings(
    max_examples=10_000 if os.environ.get("SITREP_HYPOTHESIS_PROFILE") == "slow" else 200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text(max_size=60), st.sampled_from(["http://", "https://", "", "HTTP://", "ftp://"]))
def test_security_fetch_guard_fuzz_only_fetch_errors(tail: str, scheme: str) -> None:
    """Any URL string is either refused with ``FetchError`` or names a resolvable public host."""
    real = socket.getaddrinfo

    def offline(host: str, *args: Any, **kwargs: Any) -> list[Any]:
        if host in ("localhost", "127.0.0.1", "::1"):
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "offline test")

    socket.getaddrinfo = offline  # type: ignore[assignment]
    try:
        fetch.check_public(scheme + tail)
    except FetchError as exc:
        assert str(exc)
    else:
        raise AssertionError(f"{scheme + tail!r} passed the guard while offline")
    finally:
        socket.getaddrinfo = real  # type: ignore[assignment]
