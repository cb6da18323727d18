"""The event lexicon: trigger words, ACLED rules, modality cues and number words.

Everything here is read once from the YAML files in ``sitrep/data/events`` and cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError

DATA_PACKAGE = "sitrep"
DATA_DIR = "data/events"
# the parser splits a hyphen between a letter or digit and a letter into a token of its own
# ("pepper-spray" -> "pepper - spray"; "AK-47" stays whole), and cues are searched for in
# the tokens joined by spaces (``SentenceView.cue_strings``, ``span_string``)
_SPLIT_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """One lexicon entry: a trigger word (plus an optional second word) and its coding."""

    key: str
    head: str
    extra: str | None
    plover_type: str
    plover_mode: str | None
    acled: str | None
    weight: float
    needs: str | None = None
    consequence: bool = False


@dataclass(frozen=True, slots=True)
class CueRule:
    code: str
    cues: tuple[str, ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Family:
    """An ACLED family resolved by cues: rules in order, then a default."""

    name: str
    rules: tuple[CueRule, ...]
    default: str
    options: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ModalityCues:
    priority: tuple[str, ...]
    modal_aux: dict[str, str]
    polite_verbs: frozenset[str]
    adverbs: dict[str, str]
    governors: dict[str, str]
    evaluation_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_heads: frozenset[str]
    negating_determiners: frozenset[str]
    negating_subjects: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    reported_phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Numbers:
    words: dict[str, int]
    vague: dict[str, int]
    death_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[TriggerSpec, ...]]
    nouns: dict[str, tuple[TriggerSpec, ...]]
    light_verbs: frozenset[str]
    word_sets: dict[str, frozenset[str]]
    acled: dict[str, tuple[str, str]]
    families: dict[str, Family]
    refinable: frozenset[str]
    agent_overrides: tuple[CueRule, ...]
    agent_override_codes: frozenset[str]
    protest_cues: tuple[str, ...]
    protest_patients: tuple[str, ...]
    social_gatherings: tuple[str, ...]
    protest_codes: frozenset[str]
    modality: ModalityCues
    numbers: Numbers
    demonstration_cues: tuple[str, ...] = ()
    demonstration_codes: frozenset[str] = frozenset()
    lemma_fixes: dict[str, str] = field(default_factory=dict)
    # past forms the parser may tag as nouns although a verb's object follows ("two men on
    # a motorcycle shot a man"): word -> the verb's lemma
    verb_forms: dict[str, str] = field(default_factory=dict)
    refinements: dict[str, Any] = field(default_factory=dict)


def token_forms(cues: Iterable[str]) -> tuple[str, ...]:
    """``cues`` and, after each cue with a hyphen the parser splits, the cue as the joined
    tokens spell it ("drive-by" and "drive - by"): the written form still matches raw text
    (an agent's words as written), the spaced one the token strings. In order, no repeats."""
    out: list[str] = []
    for cue in cues:
        out.append(cue)
        spaced = _SPLIT_HYPHEN.sub(" - ", cue)
        if spaced != cue:
            out.append(spaced)
    return tuple(dict.fromkeys(out))


def read_data(name: str) -> Any:
    """Parse one YAML data file of the events package."""
    path = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            f"event data file {name!r} is missing from the sitrep package; reinstall sitrep"
        ) from exc


def _specs(table: dict[str, list[Any]], noun: bool) -> dict[str, tuple[TriggerSpec, ...]]:
    index: dict[str, list[TriggerSpec]] = {}
    for key, value in table.items():
        words = key.split()
        # verbs are indexed by their first word ("pull out"), nouns by their last ("air
        # strike"), "X of Y" nouns by X with Y as the extra word ("exchange of fire")
        if noun and len(words) == 3 and words[1] == "of":
            head, extra = words[0], "of " + words[2]
        elif noun:
            head, extra = words[-1], " ".join(words[:-1])
        else:
            head, extra = words[0], " ".join(words[1:])
        ptype, mode, acled, weight = value[0], value[1], value[2], float(value[3])
        needs = value[4] if len(value) > 4 else None
        consequence = len(value) > 5 and value[5] == "consequence"
        spec = TriggerSpec(key, head, extra or None, ptype, mode, acled, weight, needs, consequence)
        index.setdefault(head, []).append(spec)
    # entries with a second word first: the more specific reading wins
    return {k: tuple(sorted(v, key=lambda s: s.extra is None)) for k, v in index.items()}


def _token_lists(value: Any, key: str = "") -> Any:
    """``value`` (parsed YAML) with every list of words or phrases in it, at any depth, in
    ``token_forms``: the cues are searched for in the sentence's tokens. Lists of actor kinds
    (under a key ending "_kinds") are names, not words, and stay as they are; a rule row
    ("[CODE, [cues], [unless]]") keeps its places, only its lists of cues grow."""
    if isinstance(value, dict):
        return {k: _token_lists(v, str(k)) for k, v in value.items()}
    if not isinstance(value, list):
        return value
    if all(isinstance(c, str) for c in value):
        return value if key.endswith("_kinds") else list(token_forms(value))
    return [_token_lists(item, key) for item in value]


def _family(name: str, raw: dict[str, Any]) -> Family:
    rules = tuple(
        CueRule(
            r[0],
            tuple(c.lower() for c in r[1]),
            tuple(c.lower() for c in r[2]) if len(r) > 2 else (),
        )
        for r in raw.get("rules", [])
    )
    options = {k: v for k, v in raw.items() if k not in ("rules", "default")}
    return Family(name, rules, raw["default"], options)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and index every events data file (once per process)."""
    trig = read_data("triggers.yaml")
    acled = read_data("acled.yaml")
    # every cue list also as the parser's tokens spell it ("pepper-spray", "pepper - spray")
    rules = _token_lists(read_data("acled_rules.yaml"))
    mod = read_data("modality.yaml")
    num = read_data("numbers.yaml")
    sets = {
        k: frozenset(str(w).lower() for w in trig.get(k, ()))
        for k in (
            "abstract_objects",
            "territory_nouns",
            "person_nouns",
            "weapon_nouns",
            "troop_nouns",
            "base_nouns",
            "agent_nouns",
            "quantity_nouns",
            "modifier_heads",
            "leader_nouns",
            "accident_causes",
            "fire_weapons",
            "object_control_verbs",
            "owned_buildings",
            "reason_preps",
            "charge_nouns",
            "charge_preps",
            "projectile_nouns",
            "armed_nouns",
            "social_purposes",
            "remnant_nouns",
            "breaking_verbs",
            "explosion_nouns",
            "explosion_sources",
        )
    }
    modality = ModalityCues(
        priority=tuple(mod["priority"]),
        modal_aux=dict(mod["modal_aux"]),
        polite_verbs=frozenset(mod["polite_verbs"]),
        adverbs=dict(mod["adverbs"]),
        governors=dict(mod["governors"]),
        evaluation_verbs=frozenset(mod["evaluation_verbs"]),
        conditional_marks=frozenset(mod["conditional_marks"]),
        hypothetical_heads=frozenset(mod["hypothetical_heads"]),
        negating_determiners=frozenset(mod["negating_determiners"]),
        negating_subjects=frozenset(mod.get("negating_subjects", ())),
        hypothetical_adjectives=frozenset(mod["hypothetical_adjectives"]),
        reported_phrases=tuple(mod["reported_phrases"]),
    )
    numbers = Numbers(
        words={str(k).lower(): int(v) for k, v in num["words"].items()},
        vague={str(k).lower(): int(v) for k, v in num["vague"].items()},
        death_words=frozenset(num["death_words"]),
    )
    return Lexicon(
        verbs=_specs(trig["verbs"], noun=False),
        nouns=_specs(trig["nouns"], noun=True),
        light_verbs=frozenset(trig.get("light_verbs", [])),
        word_sets=sets,
        acled={code: (v[0], v[1]) for code, v in acled["sub_types"].items()},
        families={name: _family(name, raw) for name, raw in rules["families"].items()},
        refinable=frozenset(rules["refinable"]),
        agent_overrides=tuple(CueRule(c, tuple(cues)) for c, cues in rules["agent_overrides"]),
        agent_override_codes=frozenset(rules["agent_override_codes"]),
        protest_cues=tuple(rules["protest_cues"]),
        protest_patients=tuple(rules.get("protest_patients", ())),
        social_gatherings=tuple(rules.get("social_gatherings", ())),
        protest_codes=frozenset(rules["protest_codes"]),
        modality=modality,
        numbers=numbers,
        demonstration_cues=tuple(rules.get("demonstration_cues", ())),
        demonstration_codes=frozenset(rules.get("demonstration_codes", ())),
        lemma_fixes=dict(trig.get("lemma_fixes", {})),
        verb_forms=dict(trig.get("verb_forms", {})),
        refinements=dict(rules.get("refinements", {})),
    )
