"""Deterministic identifiers: the same input always gives the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise_text(text: str) -> str:
    """Case-fold, strip accents and collapse whitespace, for hashing and matching."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def digest(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:length]


def article_id(text: str, url: str | None = None) -> str:
    """An article is identified by its URL when it has one, else by its normalised text."""
    if url:
        return "a-" + digest("url", url.strip())
    return "a-" + digest("text", normalise_text(text))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_text(name)).strip("-") or "x"
