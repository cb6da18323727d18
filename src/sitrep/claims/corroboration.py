"""Corroboration: how many independent sources back an event, and whether they disagree.

``corroboration(sources, stances)`` works on any list of sources with their stances: one
event's sources inside an article, or an incident's sources across articles (the fusion
stage calls it). Sources of one group (one state's media, an outlet and its director) count
once; agreement between sources of opposed alignment (an opposition monitor and a
pro-government radio) is cross-alignment corroboration; a denial next to a supporting
claim is a contradiction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..models import ActorRef, Document, Event
from .lexicon import STANCES
from .profiles import SourceProfiles, default_profiles

# How much one source's stance counts towards the event having happened.
STANCE_WEIGHT = {
    "asserts": 1.0,
    "reports": 1.0,
    "alleges": 0.6,
    "opinion": 0.3,
    "rumour": 0.2,
    "denies": 0.0,
}
ONE_SOURCE = 0.5  # the score one fully asserting source gives
CROSS_BONUS = 0.5  # share of the remaining doubt removed by cross-alignment agreement
CONTRADICTION_FACTOR = 0.5


@dataclass(frozen=True, slots=True)
class Corroboration:
    sources_count: int
    independent_sources: int
    cross_alignment: bool
    contradicted: bool
    score: float
    alignments: tuple[str, ...] = ()


def corroboration(
    sources: Sequence[ActorRef],
    stances: Sequence[str] = (),
    profiles: SourceProfiles | None = None,
    *,
    chains: Sequence[Sequence[str]] = (),
    sides: Mapping[str, str] | None = None,
) -> Corroboration:
    """Count independent supporting sources, flag cross-alignment and contradiction.

    ``stances`` runs parallel to ``sources`` (one of asserts, reports, alleges, denies,
    rumour, opinion); empty means every source asserts. ``chains`` lists groups of source
    ids that are one source (an outlet and the wire it credits). ``sides`` maps actor ids
    to the actor registry's side, for sources no profile describes (``Actor.side``).
    """
    if stances and len(stances) != len(sources):
        raise InputError(
            f"corroboration got {len(sources)} sources but {len(stances)} stances; "
            "pass one stance per source, or none"
        )
    unknown = set(stances) - set(STANCES)
    if unknown:
        raise InputError(f"unknown stances {sorted(unknown)}; use one of {', '.join(STANCES)}")
    profiles = profiles or default_profiles()
    stances = list(stances) or ["asserts"] * len(sources)
    weights: dict[str, float] = {}
    alignments: dict[str, str | None] = {}
    denied = False
    chained = {ref_id: "chain:" + "|".join(sorted(chain)) for chain in chains for ref_id in chain}
    seen: set[tuple[str, str]] = set()
    for ref, stance in zip(sources, stances, strict=True):
        if (ref.id, stance) in seen:
            continue
        seen.add((ref.id, stance))
        if stance == "denies":
            denied = True
            continue
        key = chained.get(ref.id) or _independence_key(ref, profiles)
        weights[key] = max(weights.get(key, 0.0), STANCE_WEIGHT[stance])
        side = (sides or {}).get(ref.id)
        alignments[key] = alignments.get(key) or profiles.alignment(ref, side)
    supporting = [k for k, w in weights.items() if w > 0]
    aligned = [alignments[k] for k in supporting]
    cross = any(profiles.opposed(a, b) for n, a in enumerate(aligned) for b in aligned[n + 1 :])
    doubt = 1.0
    for k in supporting:
        doubt *= 1.0 - ONE_SOURCE * weights[k]
    score = 1.0 - doubt
    if cross:
        score += (1.0 - score) * CROSS_BONUS
    contradicted = denied and bool(supporting)
    if contradicted:
        score *= CONTRADICTION_FACTOR
    return Corroboration(
        sources_count=len({r.id for r in sources}),
        independent_sources=len(supporting),
        cross_alignment=cross,
        contradicted=contradicted,
        score=round(score, 3),
        alignments=tuple(sorted({a for a in aligned if a})),
    )


def event_support(doc: Document, event: Event) -> tuple[list[ActorRef], list[str]]:
    """An event's sources with the stance each takes, from the document's claims.

    Sources of claims about the event that the event's ``sources`` left out (a denial)
    are added, so a claim and its denial show as a contradiction.
    """
    covering = [c for c in doc.claims if event.id in c.events]
    refs: list[ActorRef] = []
    stances: list[str] = []
    for ref in event.sources:
        match = [
            c
            for c in covering
            if c.speaker is not None and (c.speaker.id == ref.id or c.speaker.text == ref.text)
        ]
        refs.append(ref)
        stances.append(match[0].stance if match else "asserts")
    for c in covering:
        if (
            c.speaker is not None
            and c.stance == "denies"
            and all(c.speaker.id != r.id for r in refs)
        ):
            refs.append(c.speaker)
            stances.append("denies")
    return refs, stances


def event_corroboration(
    doc: Document, event: Event, profiles: SourceProfiles | None = None
) -> Corroboration:
    """Corroboration of one event inside its article."""
    refs, stances = event_support(doc, event)
    chains = [[r.id for r in refs]] if not any(event.id in c.events for c in doc.claims) else []
    sides = {a.id: a.side for a in doc.actors if a.side}
    return corroboration(refs, stances, profiles, chains=chains, sides=sides)


def _independence_key(ref: ActorRef, profiles: SourceProfiles) -> str:
    profile = profiles.for_ref(ref)
    return profile.independence_key if profile is not None else ref.id
