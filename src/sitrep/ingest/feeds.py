"""RSS and Atom feeds: each entry becomes an article (linked pages are not fetched)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

from ..errors import InputError, SitrepError
from .readers import Defaults, Record, RecordError, count_limit, make_article

# control characters XML cannot hold; lxml refuses them when text is set on an element
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _entry_text(entry: dict) -> str:
    import lxml.html

    chunks = [c.get("value", "") for c in entry.get("content") or []]
    html = max(chunks, key=len) if chunks else entry.get("summary", "") or ""
    if not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    html = _XML_ILLEGAL.sub(" ", html)
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "h1", "h2", "h3", "li"):
        p.tail = "\n" + (p.tail or "")
    lines = [ln.strip() for ln in root.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _entry_date(entry: dict) -> dt.date | None:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if not when:
        return None
    try:
        return dt.date(when[0], when[1], when[2])
    except (ValueError, OverflowError):  # year 0 or 10000 after time-zone shifts
        return None


def read_feed(data: bytes, source: str, defaults: Defaults) -> Iterator[Record]:
    import feedparser

    # a stream, never bytes: feedparser opens bytes that name a local file and reads that file
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except (ValueError, OverflowError) as exc:  # e.g. "&#x110000;" makes feedparser call chr()
        raise InputError(f"{source} is not a readable RSS/Atom feed ({exc})") from exc
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        raise InputError(f"{source} is not a readable RSS/Atom feed" + (f" ({why})" if why else ""))
    count_limit(len(entries), source, defaults)
    outlet = (parsed.get("feed") or {}).get("title") or defaults.outlet
    for n, entry in enumerate(entries, start=1):
        try:
            text = _entry_text(entry)
            if not text:
                raise InputError("the feed entry has no text")
            published = _entry_date(entry)
            yield make_article(
                text,
                defaults,
                title=entry.get("title"),
                outlet=outlet,
                url=entry.get("link"),
                published=published,
                source_format="feed",
            )
        except SitrepError as exc:
            yield RecordError(source, n, f"entry {n}: {exc}")
