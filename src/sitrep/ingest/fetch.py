"""Fetching a URL a user asked for: http(s) only, never to a private address.

Every hop is checked: the host is resolved and each address must be public before a
connection is made, and redirects are followed by hand so each target is checked too.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

MAX_REDIRECTS = 5
MAX_BYTES = 10_000_000


def check_public(url: str) -> None:
    """Raise ``FetchError`` unless ``url`` is http(s) to a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or url!r}")
    host = parts.hostname
    if not host:
        raise FetchError(f"the URL {url!r} has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global or addr.is_multicast:
            raise FetchError(f"refusing to fetch {url}: {host} resolves to non-public {addr}")


def fetch_url(url: str, timeout: float = 10.0, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """The body and content type of ``url``, after checking every redirect hop."""
    import httpx

    current = url
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_public(current)
            try:
                with client.stream("GET", current, headers={"User-Agent": "sitrep/0.1"}) as resp:
                    if resp.is_redirect:
                        current = urljoin(current, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"{current} answered HTTP {resp.status_code}")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise FetchError(f"{current} is larger than {max_bytes:,} bytes")
                    return bytes(body), resp.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from exc
    raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times")
