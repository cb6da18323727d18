"""Readers: files, directories, standard input and URLs in, ``Article`` records out.

A bad file or line becomes a ``RecordError`` in the stream (with its line number), so a
batch goes on with the good records; a bad single input raises ``InputError``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, SitrepError
from ..ids import article_id
from ..models import Article
from .layout import analyse

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
FEED_EXT = {".xml", ".rss", ".atom"}
JSONL_EXT = {".jsonl", ".ndjson"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | FEED_EXT | JSONL_EXT
# a folder's notes about itself, not articles: skipped when a directory is read (a file
# named on the command line is still read)
FOLDER_NOTES = frozenset({"readme", "license", "licence", "notice", "changelog", "copying"})
# "2024-12-06-rastan.txt", "reuters_2024-12-06.html": the date a file's name gives
_NAMED_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
MAX_DATE_CHARS = 100


@dataclass(frozen=True, slots=True)
class Defaults:
    """Values from the command line that fill what a record does not say."""

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    max_chars: int = 2_000_000
    max_bytes: int = 50_000_000
    max_records: int | None = None  # articles per input (API requests); None: no limit
    max_line_chars: int = 100_000  # one paragraph; spaCy refuses a text over 1,000,000


@dataclass(frozen=True, slots=True)
class RecordError:
    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


Record = Article | RecordError


def parse_date(value: Any, what: str = "published date") -> dt.date | None:
    """A date from ISO text (or any format dateparser knows); ``InputError`` when unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{what} must be a string like 2024-12-08, not {type(value).__name__}")
    text = value.strip()
    if len(text) > MAX_DATE_CHARS:  # dateparser takes seconds on long strings
        raise InputError(f"{what} is {len(text):,} characters long; use YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        raise InputError(f"cannot read {what} {value!r}; use YYYY-MM-DD")
    return parsed.date()


def decode(data: bytes, source: str) -> str:
    """UTF-8 text from bytes, refusing empty, binary and wrongly encoded input."""
    if not data.strip():
        raise InputError(f"{source} is empty")
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{source} looks binary (NUL bytes); give a text, HTML, feed or JSONL file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source} is not valid UTF-8 (byte {exc.start}); convert it, e.g. with iconv -t UTF-8"
        ) from exc


def make_article(
    text: str,
    defaults: Defaults,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    source_format: str = "text",
) -> Article:
    if not text.strip():
        raise InputError("the article has no text")
    if len(text) > defaults.max_chars:
        raise InputError(
            f"the article has {len(text):,} characters, over the limit of {defaults.max_chars:,}"
        )
    longest = max(len(line) for line in text.split("\n"))
    if longest > defaults.max_line_chars:
        raise InputError(
            f"the article has a paragraph of {longest:,} characters, over the limit of "
            f"{defaults.max_line_chars:,}; break it into paragraphs"
        )
    layout = analyse(text)
    url = url or defaults.url
    return Article(
        id=article_id(text, url),
        text=text,
        title=title or layout.title,
        outlet=outlet or defaults.outlet,
        url=url,
        published=published or defaults.published,
        dateline=layout.dateline,
        credits=layout.credits,
        headings=layout.headings,
        boilerplate=layout.boilerplate,
        source_format=source_format,
    )


def sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "html"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "html"
    return "text"


def kind_of(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in FEED_EXT:
        return "feed"
    if ext in JSONL_EXT:
        return "jsonl"
    return "text"


def read_bytes(data: bytes, kind: str, source: str, defaults: Defaults) -> Iterator[Record]:
    """Records from one input's bytes; ``kind`` is text, html, feed, jsonl or auto."""
    if len(data) > defaults.max_bytes:
        raise InputError(
            f"{source} is {len(data):,} bytes, over the limit of {defaults.max_bytes:,}"
        )
    if kind == "auto":
        kind = sniff(data)
    if kind == "jsonl":
        count_limit(sum(1 for ln in data.split(b"\n") if ln.strip()), source, defaults)
        yield from read_jsonl(io.BytesIO(data), source, defaults)
        return
    if kind == "feed":
        from .feeds import read_feed

        yield from read_feed(data, source, defaults)
        return
    text = decode(data, source)
    if kind == "html":
        from .html import article_from_html

        yield article_from_html(text, defaults)
    else:
        yield make_article(text, defaults)


def count_limit(n: int, source: str, defaults: Defaults) -> None:
    """Refuse a whole input with more than ``defaults.max_records`` articles, before any is read."""
    if defaults.max_records is not None and n > defaults.max_records:
        raise InputError(
            f"{source} has {n:,} articles, over the limit of {defaults.max_records:,}; split it"
        )


def read_jsonl(stream: BinaryIO, source: str, defaults: Defaults) -> Iterator[Record]:
    """One article per line, streamed; a bad line is a ``RecordError`` with its number."""
    seen_any = False
    for n, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield article_from_json(_json_line(raw), defaults)
        except SitrepError as exc:
            yield RecordError(source, n, str(exc))
    if not seen_any:
        raise InputError(f"{source} is empty")


def _json_line(raw: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # "[[[[..." nests too deep
        raise InputError(f"not a JSON object: {exc}") from exc
    if not isinstance(obj, dict):
        raise InputError("each line must be a JSON object with 'text' or 'html'")
    return obj


def article_from_json(obj: dict[str, Any], defaults: Defaults) -> Article:
    for key in ("title", "url", "outlet", "text", "html"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"field {key!r} must be a string")
    published = parse_date(obj.get("published"))
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        return make_article(
            obj["text"],
            defaults,
            title=obj.get("title"),
            outlet=obj.get("outlet"),
            url=obj.get("url"),
            published=published,
            source_format="jsonl",
        )
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        from .html import article_from_html

        art = article_from_html(obj["html"], defaults, url=obj.get("url"))
        return replace(
            art,
            title=obj.get("title") or art.title,
            outlet=obj.get("outlet") or art.outlet,
            published=published or art.published,
        )
    raise InputError("the record has neither 'text' nor 'html'")


def expand(paths: Sequence[str]) -> list[str]:
    """Files named or inside named directories (recursively, sorted); '-' and URLs kept."""
    out: list[str] = []
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")):
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in KNOWN_EXT
                and not f.name.startswith(".")
                and f.stem.lower() not in FOLDER_NOTES
            )
            out.extend(str(f) for f in files)
        elif path.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def read_paths(
    paths: Sequence[str], defaults: Defaults, *, fetcher: Any = None
) -> Iterator[Record]:
    """Stream records from every path; a single unreadable input raises, a batch goes on."""
    files = expand(paths)
    if not files:
        raise InputError("no input files found (give .txt, .html, .xml/.rss/.atom or .jsonl)")
    batch = len(files) > 1
    for name in files:
        try:
            yield from _read_one(name, defaults, fetcher)
        except SitrepError as exc:
            if not batch:
                raise
            yield RecordError(name, None, str(exc).removeprefix(f"{name}: "))


def _read_one(name: str, defaults: Defaults, fetcher: Any) -> Iterator[Record]:
    if name == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "auto", "<stdin>", defaults)
        return
    if name.startswith(("http://", "https://")):
        if fetcher is None:
            from .fetch import fetch_url

            fetcher = fetch_url
        data, content_type = fetcher(name)
        kind = "feed" if "xml" in content_type or "rss" in content_type else "auto"
        yield from read_bytes(data, kind, name, replace(defaults, url=defaults.url or name))
        return
    path = Path(name)
    kind = kind_of(path)
    if kind == "jsonl":
        try:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, name, defaults)
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror}") from exc
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from exc
    if kind in ("text", "html") and defaults.published is None:
        defaults = replace(defaults, published=date_in_name(path))
    yield from read_bytes(data, kind, name, defaults)


def date_in_name(path: Path) -> dt.date | None:
    """The publication date a single article's file name gives ("2024-12-06-rastan.txt"),
    used when neither the article nor the command line gives one; None for no valid date."""
    m = _NAMED_DATE.search(path.name)
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
