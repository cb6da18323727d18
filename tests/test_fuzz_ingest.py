"""Property tests: ingest never crashes on hostile input, and every offset stays in the text.

Any input gives either records (``Article`` or ``RecordError``) or one ``InputError``; no other
exception escapes. The quick profile runs in the normal suite; the slow one (10,000 examples per
target) runs with ``SITREP_HYPOTHESIS_PROFILE=slow pytest tests/test_fuzz_ingest.py``.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.layout import analyse
from sitrep.ingest.readers import Defaults, RecordError, read_bytes
from sitrep.models import Article

settings.register_profile(
    "sitrep-quick",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "sitrep-slow",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(
    "sitrep-slow" if os.environ.get("SITREP_HYPOTHESIS_PROFILE") == "slow" else "sitrep-quick"
)
fuzz = settings(PROFILE)

# Characters that break naive text handling: controls, bidi marks, zero-width, Arabic,
# line and paragraph separators, combining marks, surrogates are excluded (not UTF-8).
AWKWARD = (
    "\x00\x01\x07\x08\x0b\x0c\r\x1b\x1c\x1d\x1e\x1f\x7f\x85\xa0"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069"
    "\u2028\u2029\ufeff\ufffd\u0301"
    "حمص دمشق حلب «» ، ؛ ؟ ١٢٣"
    "—–-:,.()[]\"'’\n\t "
)
awkward_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(AWKWARD),
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij Reuters AFP BEIRUT"),
    ),
    max_size=400,
)
lines = st.lists(
    st.one_of(
        awkward_text,
        st.sampled_from(
            [
                "BEIRUT (Reuters) -",
                "DAMASCUS, Syria —",
                "HOMS:",
                "Analysts said: nothing",
                "Reporting by Jane Doe; Editing by John Roe",
                "(with AFP)",
                "© 2024 Test Wire. All rights reserved.",
                "Source: SANA",
                "Aftermath",
                "AP",
                "دمشق (رويترز) -",
                "\u202eBEIRUT\u202c — rebels",
            ]
        ),
    ),
    max_size=12,
)
layout_text = lines.map("\n".join)


def assert_article_offsets(art: Article) -> None:
    text = art.text
    assert text.strip()
    if art.dateline is not None:
        d = art.dateline
        assert 0 <= d.start <= d.end <= len(text)
        assert text[d.start : d.end] == d.text
    for span in (*art.headings, *art.boilerplate):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]


def consume(data: bytes, kind: str) -> list[Article | RecordError]:
    """All records from ``data``, or [] when the input is refused with ``InputError``."""
    try:
        records = list(read_bytes(data, kind, "fuzz", Defaults()))
    except InputError as exc:
        assert str(exc)
        return []
    for rec in records:
        assert isinstance(rec, Article | RecordError)
        if isinstance(rec, Article):
            assert_article_offsets(rec)
        else:
            assert rec.message
    return records


@fuzz
@given(st.binary(max_size=2000), st.sampled_from(["text", "html", "feed", "jsonl", "auto"]))
@example(b"", "auto")
@example(b"\xff\xfe\x00", "text")
@example(b"\xef\xbb\xbf", "text")
@example(b"{", "auto")
@example(b"<rss", "auto")
def test_fuzz_ingest_random_bytes(data: bytes, kind: str) -> None:
    consume(data, kind)


@fuzz
@given(layout_text)
@example("BEIRUT (Reuters) - Rebels entered Hama.")
@example("\u200bBEIRUT — x")
@example("A\n\u2028B\n\x85C")
def test_fuzz_ingest_layout_offsets_inside_text(text: str) -> None:
    layout = analyse(text)
    if layout.dateline is not None:
        d = layout.dateline
        assert 0 <= d.start <= d.end <= len(text)
        assert text[d.start : d.end] == d.text
    for span in (*layout.headings, *layout.boilerplate):
        assert 0 <= span.start < span.end <= len(text)
    assert all(c for c in layout.credits)


@fuzz
@given(layout_text)
def test_fuzz_ingest_text_kept_unchanged(text: str) -> None:
    for rec in consume(text.encode("utf-8"), "text"):
        assert isinstance(rec, Article)
        assert rec.text == text.removeprefix("\ufeff")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | awkward_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
good_record = st.fixed_dictionaries(
    {"text": layout_text.filter(lambda s: s.strip() != "")},
    optional={
        "title": awkward_text,
        "url": st.sampled_from(["https://example.org/a", "", "not a url"]),
        "outlet": awkward_text,
        "published": st.sampled_from(["2024-12-08", "8 December 2024", "", None]),
    },
)
bad_line = st.one_of(
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b.strip() != b""),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.just(b'{"text": 5}'),
    st.just(b'{"html": "<p>"}'),
    st.just(b'{"text": "x", "published": "the day after never"}'),
    st.just(b'{"text": "x", "published": 20241208}'),
)


@fuzz
@given(st.lists(st.tuples(st.booleans(), good_record, bad_line), min_size=1, max_size=8))
def test_fuzz_ingest_jsonl_good_lines_survive_bad_ones(
    rows: list[tuple[bool, dict, bytes]],
) -> None:
    raw = [json.dumps(rec).encode() if good else bad for good, rec, bad in rows]
    records = consume(b"\n".join(raw) + b"\n", "jsonl")
    assert len(records) == len(rows)  # one record per line, in input order
    for n, ((good, rec, _bad), out) in enumerate(zip(rows, records, strict=True), start=1):
        if isinstance(out, RecordError):
            assert out.line == n
            assert out.source == "fuzz"
        elif good:
            assert out.text == rec["text"]


def nested_html(depth: int, tag: str) -> str:
    return f"<html><body>{f'<{tag}>' * depth}Rebels entered Hama on Thursday.{f'</{tag}>' * depth}"


@fuzz
@given(
    st.integers(min_value=0, max_value=5000),
    st.sampled_from(["div", "b", "table", "p", "span", "ul", "li", "a"]),
    st.booleans(),
)
@example(100_000, "div", False)
def test_fuzz_ingest_deep_html_is_read_or_refused(depth: int, tag: str, close: bool) -> None:
    html = nested_html(depth, tag) if close else f"<html><body>{f'<{tag}>' * depth}text"
    started = time.perf_counter()
    consume(html.encode(), "html")
    assert time.perf_counter() - started < 60  # generous: the machine may be busy


tag_soup = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "<br/>",
                "<h1>",
                "<article>",
                "&amp;",
                "&#0;",
                "&#x110000;",
                "<svg onload=x>",
                "<img src=x onerror=alert(1)>",
                "<?xml ?>",
                "<!DOCTYPE html>",
                "<meta charset='utf-16'>",
                "<table><tr><td>",
            ]
        ),
        awkward_text,
    ),
    max_size=30,
).map("".join)


@fuzz
@given(tag_soup)
def test_fuzz_ingest_tag_soup_html(html: str) -> None:
    consume(html.encode("utf-8"), "html")
    consume(html.encode("utf-8"), "auto")


feed_item = st.builds(
    lambda title, body, date, link: (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{body}</description></item>"
    ),
    tag_soup,
    st.one_of(tag_soup, awkward_text.map(lambda s: f"<![CDATA[{s}]]>")),
    st.sampled_from(
        [
            "Sat, 07 Dec 2024 18:00:00 GMT",
            "yesterday",
            "",
            "Mon, 99 Foo 99999",
            "2024-12-07",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+14:00",
        ]
    ),
    st.sampled_from(["https://example.org/x", "javascript:alert(1)", "", "file:///etc/passwd"]),
)


@fuzz
@given(st.lists(feed_item, max_size=5), st.sampled_from(["rss", "atom", "broken"]))
def test_fuzz_ingest_malformed_feeds(items: list[str], flavour: str) -> None:
    if flavour == "rss":
        feed = (
            f"<?xml version='1.0'?><rss><channel><title>T</title>{''.join(items)}</channel></rss>"
        )
    elif flavour == "atom":
        entries = "".join(i.replace("item>", "entry>") for i in items)
        feed = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>{entries}</feed>"
    else:
        feed = "<rss><channel>" + "".join(items)[: len("".join(items)) // 2]
    for rec in consume(feed.encode("utf-8"), "feed"):
        if isinstance(rec, RecordError):
            assert rec.line is not None


def test_fuzz_ingest_huge_line_is_fast_or_refused() -> None:
    """Layout analysis copes with megabyte lines in bounded time; an article whose paragraph
    is over the parser's comfort (``max_line_chars``) is refused with a clear error."""
    limit = Defaults().max_line_chars
    for text in (
        "BEIRUT (Reuters) - " + "rebels advanced " * 100_000,
        "A" * 1_500_000,
        "Reporting by " + "x" * 1_500_000,
        "\u200b" * 500_000 + "x",
        ("Source: " + "Reuters " * 10 + "\n") * 20_000,
        "HOMS — " + "the army withdrew " * 5000,
    ):
        started = time.perf_counter()
        analyse(text)
        records = consume(text.encode(), "text")
        assert time.perf_counter() - started < 10, text[:40]
        if max(len(line) for line in text.split("\n")) > limit:
            assert records == []
        else:
            assert isinstance(records[0], Article)
    try:
        list(read_bytes(b"x" * (limit + 1), "text", "one-line.txt", Defaults()))
    except InputError as exc:
        assert "break it into paragraphs" in str(exc)
    else:
        raise AssertionError("a paragraph over max_line_chars was accepted")


def test_fuzz_ingest_size_limits_are_clear_errors() -> None:
    small = Defaults(max_chars=1000, max_bytes=5000)
    try:
        list(read_bytes(b"x" * 6000, "text", "big.txt", small))
    except InputError as exc:
        assert "over the limit" in str(exc)
    else:
        raise AssertionError("an input over max_bytes was accepted")
    (err,) = list(read_bytes(b'{"text": "' + b"y" * 2000 + b'"}\n', "jsonl", "b.jsonl", small))
    assert isinstance(err, RecordError) and err.line == 1
    assert "over the limit" in err.message


def test_fuzz_ingest_article_count_limit_refuses_whole_input() -> None:
    capped = Defaults(max_records=2)
    jsonl = b'{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n'
    feed = (
        "<rss><channel><title>T</title>"
        + "".join(f"<item><description>entry {i}</description></item>" for i in range(3))
        + "</channel></rss>"
    ).encode()
    for data, kind in ((jsonl, "jsonl"), (jsonl, "auto"), (feed, "feed")):
        stream = read_bytes(data, kind, "request", capped)
        try:
            next(stream)
        except InputError as exc:
            assert "3 articles, over the limit of 2" in str(exc)
        else:
            raise AssertionError(f"{kind}: an input over max_records yielded a record")
    assert len(list(read_bytes(jsonl, "jsonl", "request", Defaults(max_records=3)))) == 3


def test_fuzz_ingest_long_page_of_void_elements_is_not_too_deep() -> None:
    """<br>, <img> and self-closed tags do not nest: a long ordinary page is read."""
    paras = "".join(
        f"<p>Report {i}: shelling hit the outskirts of Hama, residents said.<br>"
        f"<img src='p{i}.jpg'><span/></p>"
        for i in range(900)
    )
    html = f"<html><head><meta charset='utf-8'></head><body><article>{paras}</article></body>"
    (art,) = consume(html.encode(), "html")
    assert isinstance(art, Article)
    assert "Report 899" in art.text
    deep = "<div>" * 1700 + "Rebels entered Hama." + "</div>" * 1700
    assert consume(deep.encode(), "html") == []  # refused: really nested


def test_fuzz_ingest_deeply_nested_json_line_is_a_record_error() -> None:
    lines = [
        b'{"text": "Rebels entered Hama."}',
        b"[" * 100_000,
        b'{"text": ' + b"[" * 100_000 + b"}",
        b'{"a":' * 100_000,
        b'{"text": "Troops left Homs."}',
    ]
    records = consume(b"\n".join(lines) + b"\n", "jsonl")
    assert [type(r).__name__ for r in records] == [
        "Article",
        "RecordError",
        "RecordError",
        "RecordError",
        "Article",
    ]
    assert [r.line for r in records if isinstance(r, RecordError)] == [2, 3, 4]


@pytest.mark.parametrize(
    "when", ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "0000-00-00", "2024-12-07"]
)
def test_fuzz_ingest_feed_dates_out_of_range_keep_the_entry(when: str) -> None:
    feed = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><entry><title>x</title>"
        f"<content>Rebels entered Hama.</content><updated>{when}</updated></entry></feed>"
    )
    (art,) = consume(feed.encode(), "feed")
    assert isinstance(art, Article) and art.text == "Rebels entered Hama."
    assert art.published is None or art.published.year == 2024


def test_fuzz_ingest_svg_rooted_tag_soup_keeps_text() -> None:
    """trafilatura's date finder asserts on a page rooted at <svg>; the text is still read."""
    html = (
        "<svg><p>Rebels entered Hama on Thursday after days of fighting, a war monitor said "
        "in a statement.<p>More fighting was reported in the countryside around the city."
    )
    (art,) = consume(html.encode(), "html")
    assert isinstance(art, Article)
    assert art.text.startswith("Rebels entered Hama on Thursday")
    assert consume(b"<svg><p><p>", "html") == []  # nothing to read: one clear error
