"""Who reports an incident, and how many of them are independent.

A *report* is one article's mention. Its *voices* are the sources it attributes the event to
(the Observatory, Sham FM), else its origin. Reports that copy one wire story (same wire
credit) or repost one text (near-identical sentences) share an *origin*, which counts once,
however many outlets repeat it. Independence between named sources (one state's media) and
cross-alignment come from the claims engineer's ``corroboration``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..claims.corroboration import corroboration
from ..claims.profiles import SourceProfiles, default_profiles
from ..ids import normalise_text, slug
from ..models import ActorRef
from .mentions import EventMention
from .resources import wires

NEAR_DUPLICATE = 0.7


@dataclass(frozen=True, slots=True)
class SourceSummary:
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    sources_count: int
    independent_sources: int
    cross_alignment: bool
    contradicted: bool
    corroboration: float


@functools.lru_cache(maxsize=65536)
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


STANCE_OF_MODALITY = {
    "asserted": "asserts", "reported": "reports", "alleged": "alleges", "denied": "denies",
}


@functools.lru_cache(maxsize=4096)
def _outlet_ref(name: str, profiles: SourceProfiles) -> ActorRef:
    profile = profiles.find(name)
    return profile.ref(name) if profile else ActorRef(f"outlet:{slug(name)}", name, name)


def _origin_ref(key: str, mention: EventMention, profiles: SourceProfiles) -> ActorRef:
    kind, _, value = key.partition(":")
    if kind == "wire":
        return _outlet_ref(value.upper() if len(value) <= 4 else value, profiles)
    return _outlet_ref(mention.outlet or mention.article_id, profiles)


def _speakers(m: EventMention, profiles: SourceProfiles) -> list[ActorRef]:
    """The event's attributed sources without the publisher's own voice; none when no claim
    attributes the event. The claims stage lists the outlet and its wire credits as the
    sources of an event nobody is quoted on: those stand for the report's origin (one wire
    story repeated by many outlets), not for separate sources."""
    if not m.claim_ids:
        return []
    publisher = {normalise_text(m.outlet)} if m.outlet else set()
    out = []
    for ref in m.event.sources:
        if normalise_text(ref.name) in publisher or normalise_text(ref.text) in publisher:
            continue
        if m.wire and wires().wire_of(ref.name) == m.wire:
            continue
        profile = profiles.for_ref(ref)
        if profile is not None and m.wire and wires().wire_of(profile.name) == m.wire:
            continue
        out.append(ref)
    return out


def summarise_sources(
    mentions: Sequence[EventMention], profiles: SourceProfiles | None = None
) -> SourceSummary:
    """Sources, independent sources and corroboration for one incident's mentions.

    Each report's voices are its attributed sources (with the stance its modality gives)
    when a claim attributes it, else its origin: the wire it copies or the outlet, merged
    across reposts of one text.
    ``sources_count`` counts distinct (outlet, voice) reports; the independent count,
    cross-alignment and score come from ``sitrep.claims.corroboration``.
    """
    profiles = profiles or default_profiles()
    origin = origins(mentions)
    first_of_origin: dict[str, EventMention] = {}
    for m in sorted(mentions, key=lambda m: m.id):
        first_of_origin.setdefault(origin[m.id], m)
    reports: set[tuple[str, str]] = set()
    side_of: dict[str, str] = {}
    refs: list[ActorRef] = []
    stances: list[str] = []
    named: set[str] = set()
    for m in mentions:
        stance = STANCE_OF_MODALITY.get(m.event.modality, "opinion")
        side_of.update((ref_id, side) for ref_id, side in m.source_sides if side)
        speakers = _speakers(m, profiles)
        if speakers:
            voices = speakers
            named.update(r.name for r in voices)
        else:
            key = origin[m.id]
            voices = [_origin_ref(key, first_of_origin[key], profiles)]
        for ref in voices:
            reports.add((m.outlet_key, ref.id))
            refs.append(ref)
            stances.append(stance)
        for ref in m.deniers:
            refs.append(ref)
            stances.append("denies")
    corr = corroboration(refs, stances, profiles, sides=side_of)
    outlets = sorted({m.outlet or m.article_id for m in mentions})
    return SourceSummary(
        sources=tuple(sorted(named)) or tuple(outlets),
        outlets=tuple(outlets),
        sources_count=len(reports),
        independent_sources=corr.independent_sources,
        cross_alignment=corr.cross_alignment,
        contradicted=corr.contradicted,
        corroboration=corr.score,
    )


