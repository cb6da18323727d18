"""Words and phrase keys: the one normalisation shared by the registry and the matcher.

A text is cut into words (letters and digits), ``'s`` and single punctuation marks.
Hyphens, dashes and dots inside acronyms are dropped, apostrophes inside a word are
removed ("Hay'at" = "Hayat"), accents are stripped, so "al-Nusra", "al Nusra" and
"Al-Nusra" give the same key and "U.S." gives "US".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
_DROP = frozenset({"-", "–", "—", "‐", "‑", "'", "’", "`", '"', "“", "”"})


@dataclass(frozen=True, slots=True)
class Word:
    """One word of an article: its text as written, its match key and its offsets."""

    text: str
    key: str
    start: int
    end: int
    capitalised: bool = False  # the first letter is upper case (set by ``split_words``)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Strip accents (and the ʿ ʾ marks of transliterated Arabic) and case-fold."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "ʿʾ‘")
    return text.casefold()


def _pieces(text: str, offset: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text):
        raw, start = m.group(), offset + m.start()
        if raw in _DROP:
            continue
        if "." in raw and len(raw) > 1:
            raw = raw.replace(".", "")
        elif len(raw) > 2 and raw[-2:] in ("'s", "’s"):
            out.append((raw[:-2].replace("'", "").replace("’", ""), start, start + len(raw) - 2))
            out.append(("'s", start + len(raw) - 2, start + len(raw)))
            continue
        out.append((raw.replace("'", "").replace("’", ""), start, start + m.end() - m.start()))
    return out


def split_words(text: str, offset: int = 0) -> list[Word]:
    """The words of ``text``; offsets are shifted by ``offset``."""
    return [Word(raw, fold(raw), s, e, raw[:1].isupper()) for raw, s, e in _pieces(text, offset)]


@lru_cache(maxsize=16384)
def phrase_key(text: str) -> tuple[str, ...]:
    """The case-insensitive key of a phrase (cached: names recur across articles)."""
    return tuple(w.key for w in split_words(text))


def caps_mask(text: str) -> tuple[bool, ...]:
    """Which words of a phrase are capitalised: a match must capitalise them too."""
    return tuple(w.capitalised for w in split_words(text))


def raw_key(text: str) -> tuple[str, ...]:
    """The case-sensitive key of a phrase (for acronyms)."""
    return tuple(w.text for w in split_words(text))
