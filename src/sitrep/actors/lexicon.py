"""Descriptor words read from ``data/actors/lexicon.yaml``: ideologies, patron and leader
cues, alias cues, office titles, place words and anaphora, all keyed by folded form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .words import fold, phrase_key


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Descriptor words (lexicon.yaml), keyed by folded word or phrase key."""

    ideologies: Mapping[str, str]
    patron_cues: frozenset[str]
    leader_cues: frozenset[str]
    post_patron_cues: frozenset[tuple[str, ...]]
    post_leader_cues: frozenset[tuple[str, ...]]
    alias_cues: frozenset[tuple[str, ...]]
    roles: frozenset[str]
    place_nouns: frozenset[str]
    motion_verbs: frozenset[str]
    locatives: frozenset[str]
    compass: frozenset[str]
    title_words: frozenset[str]
    leader_forces: frozenset[str]
    leader_government: frozenset[str]
    anaphora: Mapping[str, frozenset[str]]
    kind_words: Mapping[str, frozenset[str]]
    protest_verbs: frozenset[str] = frozenset()
    protest_light_verbs: frozenset[str] = frozenset()
    protest_nouns: frozenset[str] = frozenset()
    pronouns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    harm_verbs: frozenset[str] = frozenset()
    ordinary_people: frozenset[str] = frozenset()
    struck_verbs: frozenset[str] = frozenset()
    civic_leaders: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, raw: Mapping[str, Any]) -> Lexicon:
        def phrases(key: str) -> frozenset[tuple[str, ...]]:
            return frozenset(phrase_key(p) for p in raw[key])

        return cls(
            ideologies={fold(k): str(v) for k, v in raw["ideologies"].items()},
            patron_cues=frozenset(map(fold, raw["patron_cues"])),
            leader_cues=frozenset(map(fold, raw["leader_cues"])),
            post_patron_cues=phrases("post_patron_cues"),
            post_leader_cues=phrases("post_leader_cues"),
            alias_cues=phrases("alias_cues"),
            roles=frozenset(map(fold, raw["roles"])),
            place_nouns=frozenset(map(fold, raw["place_nouns"])),
            motion_verbs=frozenset(map(fold, raw["motion_verbs"])),
            locatives=frozenset(map(fold, raw["locatives"])),
            compass=frozenset(map(fold, raw["compass"])),
            title_words=frozenset(map(fold, raw["title_words"])),
            leader_forces=frozenset(map(fold, raw["leader_forces"])),
            leader_government=frozenset(map(fold, raw["leader_government"])),
            anaphora={fold(k): frozenset(v) for k, v in raw["anaphora"].items()},
            kind_words={k: frozenset(map(fold, v)) for k, v in raw["kind_words"].items()},
            protest_verbs=frozenset(map(fold, raw.get("protest_verbs", ()))),
            protest_light_verbs=frozenset(map(fold, raw.get("protest_light_verbs", ()))),
            protest_nouns=frozenset(map(fold, raw.get("protest_nouns", ()))),
            pronouns={fold(k): frozenset(v) for k, v in raw.get("pronouns", {}).items()},
            harm_verbs=frozenset(map(fold, raw.get("harm_verbs", ()))),
            ordinary_people=frozenset(map(fold, raw.get("ordinary_people", ()))),
            struck_verbs=frozenset(map(fold, raw.get("struck_verbs", ()))),
            civic_leaders=frozenset(map(fold, raw.get("civic_leaders", ()))),
        )
