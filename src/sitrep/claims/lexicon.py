"""The attribution cue lexicon (``data/claims/cues.yaml``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError

STANCES = ("asserts", "reports", "alleges", "denies", "rumour", "opinion")


def read_data(name: str) -> dict[str, Any]:
    """Read one YAML file of ``sitrep/data/claims``."""
    path = resources.files("sitrep").joinpath("data").joinpath("claims").joinpath(name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"cannot read claims data file {name!r} ({exc}); reinstall sitrep"
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError(f"claims data file {name!r} is not a mapping; reinstall sitrep")
    return data


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Reporting verbs with their stance and the word lists that refine a stance."""

    verbs: dict[str, str]
    medium_verbs: frozenset[str]
    media_words: frozenset[str]
    clause_only: frozenset[str]
    speaking_participles: frozenset[str]
    according: str
    rumour_nouns: frozenset[str]
    unconfirmed: frozenset[str]
    carrier_verbs: frozenset[str]
    denial_words: frozenset[str]
    claim_nouns: frozenset[str]
    opinion_verbs: frozenset[str]
    normative_modals: frozenset[str]
    opinion_speakers: frozenset[str]
    modality_adverbs: dict[str, str]
    withholding: frozenset[str]
    passive_speakers: frozenset[str]
    post_nouns: frozenset[str]
    contrast_markers: frozenset[str]
    negators: frozenset[str]
    object_claims: frozenset[str]
    claim_objects: frozenset[str]
    embedded_verbs: frozenset[str]
    xcomp_claims: frozenset[str]

    def __post_init__(self) -> None:
        bad = {v for v in self.verbs.values() if v not in STANCES} - {self.according}
        if bad or self.according not in STANCES:
            raise ConfigError(f"cue lexicon names unknown stances {sorted(bad)}; fix cues.yaml")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CueLexicon:
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).casefold() for w in data.get(key, ()))

        return cls(
            verbs={str(k): str(v) for k, v in data["verbs"].items()},
            medium_verbs=words("medium_verbs"),
            media_words=words("media_words"),
            clause_only=words("clause_only"),
            speaking_participles=words("speaking_participles"),
            according=str(data.get("according", "reports")),
            rumour_nouns=words("rumour_nouns"),
            unconfirmed=words("unconfirmed"),
            carrier_verbs=words("carrier_verbs"),
            denial_words=words("denial_words"),
            claim_nouns=words("claim_nouns"),
            opinion_verbs=words("opinion_verbs"),
            normative_modals=words("normative_modals"),
            opinion_speakers=words("opinion_speakers"),
            modality_adverbs={str(k): str(v) for k, v in data.get("modality_adverbs", {}).items()},
            withholding=words("withholding"),
            passive_speakers=words("passive_speakers"),
            post_nouns=words("post_nouns"),
            contrast_markers=words("contrast_markers"),
            negators=words("negators"),
            object_claims=words("object_claims"),
            claim_objects=words("claim_objects"),
            embedded_verbs=words("embedded_verbs"),
            xcomp_claims=words("xcomp_claims"),
        )


@lru_cache(maxsize=1)
def default_cues() -> CueLexicon:
    """The packaged cue lexicon."""
    return CueLexicon.from_mapping(read_data("cues.yaml"))
