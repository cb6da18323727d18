"""Security of ingest: request bodies never make sitrep read local files or private URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.readers import Defaults, read_bytes
from sitrep.models import Article

SECRET_FEED = """<rss><channel><title>Local</title><item><title>t</title>
<description>secret server-side content</description></item></channel></rss>"""


@pytest.mark.parametrize("kind", ["feed", "auto", "html", "text", "jsonl"])
def test_security_body_naming_a_local_file_is_not_read(tmp_path: Path, kind: str) -> None:
    """A body that is a path (``/srv/x.xml``) is data, never a file name to open."""
    secret = tmp_path / "secret.xml"
    secret.write_text(SECRET_FEED, encoding="utf-8")
    try:
        records = list(read_bytes(str(secret).encode(), kind, "request", Defaults()))
    except InputError:
        return
    texts = [r.text for r in records if isinstance(r, Article)]
    assert all("secret server-side content" not in t for t in texts)


def test_security_feed_entities_are_not_expanded_from_files(tmp_path: Path) -> None:
    """An external entity in a feed (XXE) does not pull a local file into an article."""
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:secret-line", encoding="utf-8")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss><channel><title>T</title><item><title>x</title>
<description>Rebels entered Hama. &xxe;</description></item></channel></rss>"""
    try:
        records = list(read_bytes(feed.encode(), "feed", "request", Defaults()))
    except InputError:
        return
    for rec in records:
        if isinstance(rec, Article):
            assert "secret-line" not in rec.text


def test_security_long_date_string_is_refused_quickly() -> None:
    """A 50,000-character 'published' value cannot tie up dateparser for seconds per line."""
    import json
    import time

    from sitrep.ingest.readers import RecordError

    line = json.dumps({"text": "Rebels entered Hama.", "published": "on the 3rd of " * 3600})
    started = time.perf_counter()
    records = list(read_bytes(((line + "\n") * 20).encode(), "jsonl", "request", Defaults()))
    assert time.perf_counter() - started < 2
    assert all(isinstance(r, RecordError) and "characters long" in r.message for r in records)
