"""Who reports an incident, and how many of them are independent.

A *report* is one article's mention. Its *voices* are the sources it attributes the event to
(the Observatory, Sham FM), else the outlet itself. Reports that copy one wire story (same wire
credit) or repost one text (near-identical sentences) share an *origin*; a voice heard only
through one origin counts once, however many outlets repeat it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..ids import normalise_text
from .mentions import EventMention

NEAR_DUPLICATE = 0.7
OPPOSED_SIDES = (frozenset({"government"}), frozenset({"opposition", "kurdish-led"}))


@dataclass(frozen=True, slots=True)
class SourceSummary:
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    sources_count: int
    independent_sources: int
    cross_alignment: bool


def _shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", normalise_text(text))
    if len(words) < n:
        return frozenset({tuple(words)})
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _similar(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE


class _Union:
    def __init__(self, keys: Sequence[str]):
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def origins(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Mention id -> origin key: the wire it copies, else its article, merged across
    near-identical sentences from different articles."""
    base = {m.id: (f"wire:{m.wire}" if m.wire else f"article:{m.article_id}") for m in mentions}
    keys = sorted(set(base.values()))
    uf = _Union(keys)
    shingles = [(m, _shingles(m.sentence_text)) for m in mentions]
    for i, (a, sa) in enumerate(shingles):
        for b, sb in shingles[i + 1 :]:
            if a.article_id != b.article_id and _similar(sa, sb):
                uf.union(base[a.id], base[b.id])
    return {mid: uf.find(key) for mid, key in base.items()}


def summarise_sources(mentions: Sequence[EventMention]) -> SourceSummary:
    """Source count, independent-source count and cross-alignment for one incident.

    sources_count counts distinct (outlet, voice) reports; independent_sources counts
    distinct voices after collapsing every report of one origin without its own attributed
    source into that origin.
    """
    origin = origins(mentions)
    reports: set[tuple[str, str]] = set()
    independent: set[str] = set()
    named: set[str] = set()
    sides: set[str] = set()
    for m in mentions:
        if m.event.sources:
            for (sid, side) in m.source_sides:
                reports.add((m.outlet_key, f"source:{sid}"))
                independent.add(f"source:{sid}")
                named.add(sid)
                if side:
                    sides.add(side)
        else:
            reports.add((m.outlet_key, m.outlet_key))
            independent.add(origin[m.id])
    outlets = sorted({m.outlet or m.article_id for m in mentions})
    cross = all(sides & group for group in OPPOSED_SIDES)
    return SourceSummary(
        sources=tuple(sorted(named)) or tuple(outlets),
        outlets=tuple(outlets),
        sources_count=len(reports),
        independent_sources=len(independent),
        cross_alignment=cross,
    )


def corroboration_score(independent: int, cross_alignment: bool, contradicted: bool) -> float:
    """0..1: more independent sources and agreement across sides raise it, a denial lowers it."""
    score = 1.0 - 0.5 ** max(independent, 0)
    if cross_alignment:
        score = min(1.0, score + 0.25)
    if contradicted:
        score *= 0.5
    return round(score, 3)
