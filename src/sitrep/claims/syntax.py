"""Dependency-tree helpers over the frozen tokens of one document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..models import Document, Token

PUNCT_EDGE = frozenset({",", ".", ";", ":", "—", "–", "-", "“", "”", '"', "'", "‘", "’"})
QUOTES_OPEN = frozenset({"“", '"', "‘"})
QUOTES_CLOSE = frozenset({"”", '"', "’"})


class Tree:
    """Children, subtrees and edges of a parsed document's tokens (absolute indices)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.tokens = doc.tokens
        kids: dict[int, list[int]] = defaultdict(list)
        for t in doc.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        self._kids = kids

    def children(self, i: int, *deps: str) -> list[Token]:
        out = [self.tokens[k] for k in self._kids.get(i, ())]
        return [t for t in out if t.dep in deps] if deps else out

    def subtree(self, i: int, skip: Iterable[str] = ()) -> list[int]:
        """Token indices under ``i`` (itself included), leaving out children with a ``skip`` dep."""
        skip = frozenset(skip)
        out = [i]
        stack = [k for k in self._kids.get(i, ()) if self.tokens[k].dep not in skip]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self._kids.get(k, ()))
        return sorted(out)

    def ancestors(self, i: int) -> list[Token]:
        out: list[Token] = []
        t = self.tokens[i]
        while t.head != t.i and len(out) < 64:
            t = self.tokens[t.head]
            out.append(t)
        return out

    def char_span(self, indices: Iterable[int], trim: bool = True) -> tuple[int, int] | None:
        """The character span of the contiguous range covering ``indices``, edge punctuation
        trimmed (quotes kept when they are balanced inside)."""
        idx = sorted(indices)
        if not idx:
            return None
        lo, hi = idx[0], idx[-1]
        if trim:
            while lo < hi and self.tokens[lo].text in PUNCT_EDGE - QUOTES_OPEN:
                lo += 1
            while hi > lo and self.tokens[hi].text in PUNCT_EDGE - QUOTES_CLOSE:
                hi -= 1
        return self.tokens[lo].start, self.tokens[hi].end

    def text(self, start: int, end: int) -> str:
        return self.doc.article.text[start:end]


def quote_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """Quoted stretches of a sentence as absolute char spans, an unclosed quote running to
    the end of the sentence."""
    spans = []
    open_at: int | None = None
    straight_open = False
    for k, ch in enumerate(text):
        if ch == "“" or (ch == '"' and not straight_open):
            if open_at is None:
                open_at = k
                straight_open = ch == '"'
        elif ch == "”" or (ch == '"' and straight_open):
            if open_at is not None:
                spans.append((offset + open_at, offset + k + 1))
                open_at = None
                straight_open = False
            else:
                spans.append((offset, offset + k + 1))
    if open_at is not None:
        spans.append((offset + open_at, offset + len(text)))
    return spans
