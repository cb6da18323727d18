"""The claims stage: claims with resolved speakers, event sources and reporting modality."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol

from ..ids import digest, slug
from ..models import ActorRef, Claim, Document, Event
from .attribution import Attribution, Attributor
from .lexicon import CueLexicon, default_cues
from .profiles import SourceProfiles, default_profiles
from .speakers import ActorAt, Resolved, SpeakerResolver

# Which modality a stance gives an event inside its content, strongest last.
STANCE_MODALITY = {
    "asserts": "reported",
    "reports": "reported",
    "opinion": "reported",
    "alleges": "alleged",
    "rumour": "alleged",
    "denies": "denied",
}
MODALITY_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "denied": 3}
KEPT_MODALITIES = frozenset({"hypothetical", "future", "negated"})


def _default_actor_at() -> ActorAt | None:
    """The actors stage's span look-up, when the actors package provides it."""
    try:
        from ..actors.lookup import actor_at
    except ImportError:
        return None
    return actor_at


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


class NameLookup(Protocol):
    """What the claims stage needs of the actor registry: a name to a known actor."""

    def lookup(self, phrase: str) -> _Named | None: ...


class ClaimsStage:
    """Attributed claims, each event's sources, and reported/alleged/denied modality.

    ``registry`` (the actor registry) gives outlets and wires that have no source profile
    the registry's id; speakers are resolved through the actors stage's mentions
    (``actor_at``), source profiles and the article itself.
    """

    name: str = "claims"
    requires: tuple[str, ...] = ("sentences", "tokens", "actors", "events")
    assigns: tuple[str, ...] = ("claims", "events")

    def __init__(
        self,
        registry: NameLookup | None = None,
        *,
        cues: CueLexicon | None = None,
        profiles: SourceProfiles | None = None,
        actor_at: ActorAt | None = None,
    ):
        self.registry = registry
        self.cues = cues or default_cues()
        self.profiles = profiles or default_profiles()
        self.actor_at = actor_at if actor_at is not None else _default_actor_at()

    def __call__(self, doc: Document) -> Document:
        resolver = SpeakerResolver(doc, self.profiles, self.actor_at)
        claims: list[Claim] = []
        backers: list[tuple[Claim, ActorRef | None]] = []
        seen: set[str] = set()
        for a in Attributor(doc, self.cues):
            resolved = resolver.resolve(a)
            claim = self._claim(doc, a, resolved, claims)
            if claim.id in seen:
                continue  # the same claim found twice (two parses of one phrase): keep one
            seen.add(claim.id)
            claims.append(claim)
            backers.append((claim, _source_of(resolved)))
        events = tuple(self._refine(doc, e, backers) for e in doc.events)
        return dataclasses.replace(doc, claims=tuple(claims), events=events)

    def _claim(
        self, doc: Document, a: Attribution, resolved: Resolved | None, earlier: Sequence[Claim]
    ) -> Claim:
        start, end = a.content
        dateline = doc.article.dateline
        if dateline is not None and start < dateline.end < end:
            start = end - len(doc.article.text[dateline.end : end].lstrip(" ,—–-"))
        about = [e.id for e in doc.events if start <= e.trigger.start and e.trigger.end <= end]
        if a.refers_back:
            about += [x for x in _previous_events(doc, a.sentence, earlier) if x not in about]
        speaker = resolved.ref if resolved else None
        stance = a.stance
        disputed = _disputed(a, speaker, earlier) if a.contrary else None
        if disputed is not None and stance in ("asserts", "reports"):
            stance = "denies"
            about += [x for x in disputed.events if x not in about]
        return Claim(
            id="c-"
            + digest(
                doc.article.id,
                a.sentence,
                a.cue,
                start,
                end,
                # two speakers of one cue ("Opposition groups and rebel commanders have
                # corroborated") may resolve to one actor: their mention tells them apart
                (speaker.id, speaker.text) if speaker else "",
            ),
            sentence=a.sentence,
            speaker=speaker,
            cue=a.cue,
            start=start,
            end=end,
            quote=a.quote,
            stance=stance,
            events=tuple(about),
            method=a.method,
        )

    def _refine(
        self, doc: Document, event: Event, backers: Sequence[tuple[Claim, ActorRef | None]]
    ) -> Event:
        covering = [(c, s) for c, s in backers if event.id in c.events]
        sources: list[ActorRef] = []
        for _c, s in covering:
            if s is not None and all(s.id != x.id for x in sources):
                sources.append(s)
        if not sources:
            sources = self.outlet_sources(doc)
        modality = event.modality
        if modality not in KEPT_MODALITIES:
            for c, _s in covering:
                modality = _stronger(modality, STANCE_MODALITY[c.stance])
            modality = _stronger(modality, self._adverb_modality(doc, event))
        return dataclasses.replace(event, sources=tuple(sources), modality=modality)

    def outlet_sources(self, doc: Document) -> list[ActorRef]:
        """The article's outlet and its wire credits as sources, registry ids when known."""
        out: list[ActorRef] = []
        names = [doc.article.outlet] if doc.article.outlet else []
        names += list(doc.article.credits)
        for name in names:
            ref = self.outlet_ref(name)
            if all(ref.id != x.id for x in out):
                out.append(ref)
        return out

    def outlet_ref(self, name: str) -> ActorRef:
        """An outlet or wire: its profile's id, else the registry's, else ``outlet:<slug>``."""
        profile = self.profiles.find(name)
        if profile is not None:
            return profile.ref(name)
        known = self.registry.lookup(name) if self.registry is not None else None
        if known is not None:
            return ActorRef(known.id, known.name, name)
        return ActorRef("outlet:" + slug(name), name, name)

    def _adverb_modality(self, doc: Document, event: Event) -> str:
        trigger = [t for t in doc.tokens if t.start == event.trigger.start]
        if not trigger:
            return "asserted"
        for t in doc.sentence_tokens(event.sentence):
            if t.head == trigger[0].i and t.dep == "advmod":
                found = self.cues.modality_adverbs.get(t.text.casefold())
                if found:
                    return found
        return "asserted"


def _source_of(resolved: Resolved | None) -> ActorRef | None:
    """Who an event is sourced to: the organisation a spokesperson speaks for, else the speaker."""
    if resolved is None:
        return None
    if resolved.organisation is not None:
        return resolved.organisation.ref(resolved.ref.text)
    return resolved.ref


def _previous_events(doc: Document, sentence: int, earlier: Sequence[Claim]) -> list[str]:
    """Events an anaphoric claim ("corroborated these claims") refers back to: those of the
    nearest earlier claim in its sentence, else of the claims in the sentence before, else
    the events of the sentence before."""
    same = [c for c in earlier if c.sentence == sentence]
    if same:
        return list(same[-1].events)
    before = [c for c in earlier if c.sentence == sentence - 1]
    if before:
        return [x for c in before for x in c.events]
    return [e.id for e in doc.events if e.sentence == sentence - 1]


def _disputed(a: Attribution, speaker: ActorRef | None, earlier: Sequence[Claim]) -> Claim | None:
    """The latest claim by another speaker in this or the two sentences before, which a
    negated "later said" statement contradicts."""
    for c in reversed(earlier):
        if c.sentence < a.sentence - 2:
            return None
        if c.speaker is not None and (speaker is None or c.speaker.id != speaker.id):
            return c
    return None


def _stronger(a: str, b: str) -> str:
    return b if MODALITY_RANK.get(b, 0) > MODALITY_RANK.get(a, 0) else a
