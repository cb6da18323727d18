"""Fetching a URL a user asked for: http(s) only, never to a private address.

Every hop is checked: the host is resolved and each address must be public before a
connection is made, and redirects are followed by hand so each target is checked too.
The connection then goes to the address that was checked (the Host header and the TLS
server name keep the original host), so a second DNS answer cannot point it elsewhere.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from ..errors import FetchError

MAX_REDIRECTS = 5
MAX_BYTES = 10_000_000
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(addr: IPAddress) -> bool:
    """Globally routable unicast, including the IPv4 address inside mapped/6to4/NAT64 forms."""
    if isinstance(addr, ipaddress.IPv6Address):
        inner = addr.ipv4_mapped or addr.sixtofour
        if inner is None and addr in _NAT64:
            inner = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
        if inner is not None and not _is_public(inner):
            return False
    return addr.is_global and not addr.is_multicast


def _split(url: str) -> tuple[SplitResult, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url!r} is not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or url!r}")
    host = parts.hostname
    if not host:
        raise FetchError(f"the URL {url!r} has no host")
    return parts, host, port or (443 if parts.scheme == "https" else 80)


def resolve_public(url: str) -> str:
    """The address to connect to for ``url``; ``FetchError`` unless every address is public."""
    _parts, host, port = _split(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    addrs = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addrs:
        raise FetchError(f"cannot resolve {host}: no addresses")
    for addr in addrs:
        if not _is_public(addr):
            raise FetchError(f"refusing to fetch {url}: {host} resolves to non-public {addr}")
    return str(addrs[0])


def check_public(url: str) -> None:
    """Raise ``FetchError`` unless ``url`` is http(s) to a host with only public addresses."""
    resolve_public(url)


def _pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """``url`` rewritten to connect to ``address``, with the original Host and TLS name."""
    parts, host, port = _split(url)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise FetchError(f"the host in {url!r} is not a valid name: {exc}") from exc
    default_port = 443 if parts.scheme == "https" else 80
    suffix = "" if port == default_port else f":{port}"
    literal = f"[{address}]" if ":" in address else address
    host_header = (f"[{ascii_host}]" if ":" in ascii_host else ascii_host) + suffix
    target = urlunsplit((parts.scheme, literal + suffix, parts.path or "/", parts.query, ""))
    extensions: dict[str, Any] = {"sni_hostname": ascii_host} if parts.scheme == "https" else {}
    return target, {"Host": host_header, "User-Agent": "sitrep/0.1"}, extensions


def fetch_url(url: str, timeout: float = 10.0, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """The body and content type of ``url``, after checking every redirect hop.

    ``timeout`` bounds each network operation and, three times over, the whole fetch.
    """
    import httpx

    current = url
    deadline = time.monotonic() + 3 * timeout
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target, headers, extensions = _pinned(current, resolve_public(current))
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
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
                        if time.monotonic() > deadline:
                            raise FetchError(f"{current} took longer than {3 * timeout:.0f} s")
                    return bytes(body), resp.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from exc
    raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times")
