"""Source profiles: who an outlet or monitor is (kind, alignment, seat, reach).

Profiles come from ``data/claims/sources.yaml``. They resolve a speaker's name to a
source, a descriptor ("a pro-government media outlet") to a source named elsewhere in the
article, and give corroboration the alignment of each source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..ids import normalise_text, slug
from ..models import ActorRef
from .lexicon import read_data

_LEADING_DET = re.compile(r"^(the|a|an)\s+")


def _key(text: str) -> str:
    return _LEADING_DET.sub("", normalise_text(text).replace("’", "'"))


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """One outlet, agency, wire or monitor."""

    id: str
    name: str
    kind: str
    alignment: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    location: str | None = None
    source_scale: str | None = None
    group: str | None = None
    actor_id: str | None = None
    members: tuple[str, ...] = ()

    @property
    def ref_id(self) -> str:
        """The actor id used in ActorRefs: the registry's when known, else ``outlet:<id>``."""
        return self.actor_id or f"outlet:{self.id}"

    @property
    def independence_key(self) -> str:
        """Sources with the same key are one source for corroboration."""
        return self.group or self.id

    def ref(self, text: str | None = None) -> ActorRef:
        return ActorRef(
            id=self.ref_id, name=self.name, text=text if text is not None else self.name
        )


@dataclass(frozen=True, slots=True)
class Descriptor:
    """What a descriptor phrase says about a source."""

    kinds: frozenset[str]
    alignment: str | None
    country_words: tuple[str, ...] = ()
    location: str | None = None


class SourceProfiles:
    """The profile set with name, descriptor and alignment look-ups."""

    def __init__(self, profiles: Iterable[SourceProfile], data: dict[str, Any] | None = None):
        data = data or {}
        self.profiles = tuple(profiles)
        self.by_id = {p.id: p for p in self.profiles}
        self.by_ref_id = {p.ref_id: p for p in self.profiles}
        self._names: dict[str, SourceProfile] = {}
        self._patterns: list[tuple[re.Pattern[str], SourceProfile]] = []
        for p in self.profiles:
            for name in (p.name, *p.aliases):
                self._names.setdefault(_key(name), p)
                self._patterns.append((_name_pattern(name), p))
        self._members = {_key(m): p for p in self.profiles for m in p.members}
        self.opposed_pairs = frozenset(
            frozenset(pair) for pair in data.get("opposed", ()) if len(pair) == 2
        )
        self.descriptor_kinds: dict[str, str] = {
            word: kind for kind, words in data.get("descriptor_kinds", {}).items() for word in words
        }
        self.outlet_nouns = frozenset(data.get("outlet_nouns", ()))
        self.media_kinds = frozenset(data.get("media_kinds", ()))
        self.descriptor_alignments: dict[str, str] = dict(data.get("descriptor_alignments", {}))
        self.unnamed_heads: dict[str, str] = dict(data.get("unnamed_heads", {}))
        self.unnamed_alignments: dict[str, str] = dict(data.get("unnamed_alignments", {}))
        self.country_adjectives: dict[str, str] = dict(data.get("country_adjectives", {}))
        self.quantifiers = frozenset(data.get("quantifiers", ()))
        self.person_heads = frozenset(data.get("person_heads", ()))
        self.location_words: dict[str, str] = dict(data.get("location_words", {}))
        self.side_alignments: dict[str, str] = dict(data.get("side_alignments", {}))

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> SourceProfiles:
        profiles = [
            SourceProfile(
                id=str(p["id"]),
                name=str(p["name"]),
                kind=str(p["kind"]),
                alignment=str(p["alignment"]),
                aliases=tuple(str(a) for a in p.get("aliases", ())),
                country=p.get("country"),
                location=p.get("location"),
                source_scale=p.get("source_scale"),
                group=p.get("group"),
                actor_id=p.get("actor_id"),
                members=tuple(str(m) for m in p.get("members", ())),
            )
            for p in data.get("profiles", ())
        ]
        return cls(profiles, data)

    # -- names -------------------------------------------------------------------------

    def find(self, text: str) -> SourceProfile | None:
        """The profile named by ``text``: exactly, else the longest name inside it."""
        exact = self._names.get(_key(text))
        if exact is not None:
            return exact
        hits = self.mentions(text)
        if not hits:
            return None
        return max(hits, key=lambda h: h[1] - h[0])[2]

    def mentions(self, text: str) -> list[tuple[int, int, SourceProfile]]:
        """Every profile name or alias in ``text`` as (start, end, profile)."""
        out: list[tuple[int, int, SourceProfile]] = []
        for pattern, profile in self._patterns:
            out.extend((m.start(), m.end(), profile) for m in pattern.finditer(text))
        return sorted(out, key=lambda h: (h[0], -h[1]))

    def member_of(self, name: str) -> SourceProfile | None:
        """The organisation a known spokesperson speaks for ("Rami Abdurrahman" is SOHR)."""
        return self._members.get(_key(name))

    def for_ref(self, ref: ActorRef) -> SourceProfile | None:
        """The profile of an ActorRef, by id, by name, or by a member's name."""
        found = self.by_ref_id.get(ref.id)
        if found is not None:
            return found
        if ref.id.startswith("src:"):
            return None
        return self._names.get(_key(ref.name)) or self.member_of(ref.name)

    # -- alignment ---------------------------------------------------------------------

    def alignment(self, ref: ActorRef, side: str | None = None) -> str | None:
        """A source's alignment: its profile's, a typed source's modifiers', else the one
        its actor-registry ``side`` gives."""
        profile = self.for_ref(ref)
        if profile is not None:
            return profile.alignment
        if ref.id.startswith("src:"):
            return self.modifier_alignment(ref.id[4:].split("-"))
        return self.side_alignments.get(side or "")

    def modifier_alignment(self, words: Sequence[str]) -> str | None:
        """The alignment of the first modifier that has one ("Turkish security" is Turkish)."""
        for word in words:
            found = self.unnamed_alignments.get(word.casefold())
            if found is not None:
                return found
        return None

    def opposed(self, a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and frozenset((a, b)) in self.opposed_pairs

    # -- descriptors -------------------------------------------------------------------

    def descriptor(self, words: Sequence[str]) -> Descriptor | None:
        """Read a descriptor phrase's words (lower case); None when no word names a source
        kind, or only a general one ("media") with no alignment or country to go on."""
        kinds: set[str] = set()
        specific = False
        for word in words:
            if word in self.descriptor_kinds:
                kinds.add(self.descriptor_kinds[word])
                specific = True
            elif word in self.outlet_nouns:
                kinds |= self.media_kinds
        alignment = None
        for word in words:
            alignment = alignment or self.descriptor_alignments.get(word)
        countries = tuple(w for w in words if w in self.country_adjectives)
        if not kinds or not (specific or alignment or countries):
            return None
        return Descriptor(frozenset(kinds), alignment, countries, self._based(words))

    def _based(self, words: Sequence[str]) -> str | None:
        """The seat a descriptor gives: "Britain-based" (one word or three tokens) is GB."""
        for k, word in enumerate(words):
            place = None
            if word.endswith("-based"):
                place = word[: -len("-based")]
            elif words[k + 1 : k + 3] == ["-", "based"]:
                place = word
            if place is not None and place in self.location_words:
                return self.location_words[place]
        return None

    def match_descriptor(
        self, descriptor: Descriptor, candidates: Sequence[SourceProfile]
    ) -> SourceProfile | None:
        """The one candidate (a source named in the article) the descriptor fits best."""
        best: tuple[int, SourceProfile] | None = None
        for profile in candidates:
            if profile.kind not in descriptor.kinds:
                continue
            score = 1
            if descriptor.alignment is not None:
                if descriptor.alignment != profile.alignment:
                    continue
                score += 2
            if descriptor.location is not None:
                if profile.location != descriptor.location:
                    continue
                score += 1
            if descriptor.country_words:
                if profile.country not in {
                    self.country_adjectives[w] for w in descriptor.country_words
                }:
                    continue
                score += 1
            if best is None or score > best[0]:
                best = (score, profile)
        return best[1] if best else None

    def unnamed_ref(self, words: Sequence[str], text: str) -> ActorRef | None:
        """A typed provisional source ("src:rebel-sources") when the head is a source noun."""
        if not words:
            return None
        head = words[-1].casefold()
        singular = head[:-1] if head.endswith("s") and head[:-1] in self.unnamed_heads else head
        if singular not in self.unnamed_heads and head not in self.unnamed_heads:
            return None
        kept = [w.casefold() for w in words if w.casefold() not in self.quantifiers]
        name = " ".join(kept)
        return ActorRef(id="src:" + slug(name), name=name, text=text)


def _name_pattern(name: str) -> re.Pattern[str]:
    body = re.escape(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))
    body = body.replace(r"\ ", r"\s+").replace("-", "[-\\s]")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


@lru_cache(maxsize=1)
def default_profiles() -> SourceProfiles:
    """The packaged source profiles."""
    return SourceProfiles.from_mapping(read_data("sources.yaml"))
