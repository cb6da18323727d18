"""Readers for the shared evaluation corpora (``../shared/data``), used by benchmarks only.

Nothing from these corpora is stored in the repository; benchmarks read them at run time
and say so clearly when they are absent.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

DEFAULT_DATA = Path("../shared/data")


def require(data: Path, *parts: str) -> Path:
    """The path under ``data``, or a clear message and exit 0 when it is absent."""
    path = data.joinpath(*parts)
    if not path.exists():
        print(f"benchmark data {path} is not present; nothing to measure", file=sys.stderr)
        raise SystemExit(0)
    return path


def news_texts(data: Path = DEFAULT_DATA) -> list[str]:
    """About 900 real news texts: GeoWebNews, LGL and TR-News, in that order."""
    texts = [
        json.loads(line)["text"]
        for line in require(data, "geowebnews", "gwn_input.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    for rel in (("lgl", "lgl.xml"), ("tr-news", "TR-News.xml")):
        texts.extend(_xml_texts(require(data, *rel)))
    return [t for t in texts if t.strip()]


def _xml_texts(path: Path) -> Iterator[str]:
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        node = art.find("text")
        if node is not None and node.text:
            yield node.text
