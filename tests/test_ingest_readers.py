import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.readers import Defaults, RecordError, read_bytes, read_paths, sniff
from sitrep.models import Article

TEXT = "BEIRUT: Rebels entered the city of Hama on Thursday, a war monitor said.\nMore follows."

HTML = """<!doctype html><html><head><title>Rebels enter Hama</title>
<meta property="og:site_name" content="Levant Test Wire">
<meta name="date" content="2024-12-05"></head>
<body><nav>Home | World | Sport</nav><article><h1>Rebels enter Hama</h1>
<p>HAMA, Syria — Rebel fighters entered the central city of Hama on Thursday after days of
fighting with government troops, a war monitor said.</p>
<p>The army said it had redeployed its units outside the city to spare civilians, and residents
reported that checkpoints on the main road had been abandoned overnight.</p></article>
<footer>Contact us</footer></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Desk</title>
<item><title>Army leaves Homs</title><link>https://example.org/homs</link>
<pubDate>Sat, 07 Dec 2024 18:00:00 GMT</pubDate>
<description>&lt;p&gt;Government troops left Homs on Saturday, a monitor said.&lt;/p&gt;
</description></item>
<item><title>Talks in Doha</title><link>https://example.org/doha</link>
<pubDate>Sat, 07 Dec 2024 20:00:00 GMT</pubDate>
<description>Ministers met in Doha.</description></item>
</channel></rss>"""


def _articles(records: list) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


def test_readers_text_kept_unchanged() -> None:
    (art,) = read_bytes(TEXT.encode(), "text", "t.txt", Defaults(published=dt.date(2024, 12, 6)))
    assert isinstance(art, Article)
    assert art.text == TEXT
    assert art.published == dt.date(2024, 12, 6)
    assert art.dateline is not None and art.dateline.place_text == "BEIRUT"


def test_readers_same_text_same_id() -> None:
    a = next(read_bytes(TEXT.encode(), "text", "a", Defaults()))
    b = next(read_bytes(TEXT.encode(), "text", "b", Defaults()))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id


def test_readers_html_metadata() -> None:
    (art,) = read_bytes(HTML.encode(), "html", "p.html", Defaults())
    assert isinstance(art, Article)
    assert "entered the central city of Hama" in art.text
    assert "Home | World" not in art.text
    assert art.title == "Rebels enter Hama"
    assert art.published == dt.date(2024, 12, 5)
    assert art.source_format == "html"


def test_readers_feed_entries() -> None:
    arts = _articles(list(read_bytes(FEED.encode(), "feed", "f.xml", Defaults())))
    assert [a.title for a in arts] == ["Army leaves Homs", "Talks in Doha"]
    assert arts[0].url == "https://example.org/homs"
    assert arts[0].published == dt.date(2024, 12, 7)
    assert arts[0].outlet == "Test Desk"
    assert arts[0].text.startswith("Government troops left Homs")


def test_readers_jsonl_bad_line_reported_good_kept() -> None:
    lines = [
        json.dumps({"text": "Rebels took Aleppo.", "published": "2024-11-30"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Talks in Doha.", "published": "not a date at all zz"}),
        json.dumps({"html": HTML, "outlet": "Given Outlet"}),
    ]
    recs = list(read_bytes("\n".join(lines).encode(), "jsonl", "in.jsonl", Defaults()))
    errors = [r for r in recs if isinstance(r, RecordError)]
    assert [e.line for e in errors] == [2, 3, 4]
    arts = _articles(recs)
    assert [a.published for a in arts] == [dt.date(2024, 11, 30), dt.date(2024, 12, 5)]
    assert arts[1].outlet == "Given Outlet"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"caf\xe9 au lait in Damascus", "not valid UTF-8"),
    ],
)
def test_readers_bad_bytes_raise_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(read_bytes(data, "text", "x.txt", Defaults()))


def test_readers_malformed_feed_raises() -> None:
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        list(read_bytes(b"<rss><channel><title>x</title>", "feed", "f.xml", Defaults()))


def test_readers_truncated_feed_entry_is_a_record_error() -> None:
    recs = list(read_bytes(b"<rss><channel><item><title>x", "feed", "f.xml", Defaults()))
    assert recs and all(isinstance(r, RecordError) for r in recs)
    assert "no text" in str(recs[0])


def test_readers_html_without_text_raises() -> None:
    with pytest.raises(InputError, match="no article text"):
        list(read_bytes(b"<html><body><div></div></body></html>", "html", "p.html", Defaults()))


def test_readers_size_limit() -> None:
    with pytest.raises(InputError, match="over the limit"):
        list(read_bytes(b"word " * 100, "text", "x.txt", Defaults(max_chars=50)))


def test_readers_directory_batch_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels entered Hama on Thursday.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.html").write_text(HTML)
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    recs = list(read_paths([str(tmp_path)], Defaults()))
    errors = [r for r in recs if isinstance(r, RecordError)]
    assert len(_articles(recs)) == 2
    assert len(errors) == 1 and errors[0].source.endswith("b.txt")


def test_readers_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_paths(["/nonexistent/x.txt"], Defaults()))


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b'{"text": "x"}', "jsonl"), (FEED.encode(), "feed"), (HTML.encode(), "html"), (b"x", "text")],
)
def test_readers_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_readers_directory_skips_the_folders_own_notes(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# My corpus\n\nReports on the fall of Aleppo and Hama.")
    (tmp_path / "LICENSE.txt").write_text("Licensed under the terms below.")
    (tmp_path / "hama.txt").write_text(TEXT)
    arts = _articles(list(read_paths([str(tmp_path)], Defaults())))
    assert [a.text for a in arts] == [TEXT]
    # a README named on the command line is the user's choice and is read
    named = _articles(list(read_paths([str(tmp_path / "README.md")], Defaults())))
    assert len(named) == 1 and named[0].text.startswith("# My corpus")


def test_readers_date_from_file_name_when_nothing_else_gives_one(tmp_path: Path) -> None:
    (tmp_path / "2024-12-06-rastan.txt").write_text(TEXT)
    (tmp_path / "wire_2024-13-40.txt").write_text(TEXT + " Second copy.")  # no such date
    arts = {a.text: a for a in _articles(list(read_paths([str(tmp_path)], Defaults())))}
    assert arts[TEXT].published == dt.date(2024, 12, 6)
    assert arts[TEXT + " Second copy."].published is None
    # the command line's date wins over the name's
    given = Defaults(published=dt.date(2024, 12, 7))
    (art,) = _articles(list(read_paths([str(tmp_path / "2024-12-06-rastan.txt")], given)))
    assert art.published == dt.date(2024, 12, 7)


def test_readers_html_date_wins_over_file_name(tmp_path: Path) -> None:
    page = tmp_path / "2024-12-01-hama.html"
    page.write_text(HTML)
    (art,) = _articles(list(read_paths([str(page)], Defaults())))
    assert art.published == dt.date(2024, 12, 5)  # the page's own date meta
