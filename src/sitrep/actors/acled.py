"""ACLED actor names mapped onto registry ids, for benchmarks and exports.

The rule: an ACLED name is matched against the patterns of ``acled-conventions.yaml``
("Military Forces of Syria (2000-)" -> ``SYR.state-forces``); a name left over is looked
up among the registry's aliases. Two ids *match* when they are equal; they match
*leniently* when one is an ancestor of the other (``SYR.police`` under
``SYR.state-forces``).
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .entries import DATA_PACKAGE
from .registry import Registry


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    template: str


@lru_cache(maxsize=1)
def _conventions() -> tuple[tuple[_Pattern, ...], dict[str, str]]:
    text = importlib.resources.files(DATA_PACKAGE).joinpath("acled-conventions.yaml").read_text()
    raw = yaml.safe_load(text)
    patterns = tuple(_Pattern(re.compile(p["regex"]), p["id"]) for p in raw["patterns"])
    return patterns, dict(raw["names"])


def acled_actor_id(registry: Registry, name: str) -> str | None:
    """The registry id an ACLED actor name stands for, or None when it is not known."""
    name = name.strip()
    if not name:
        return None
    patterns, names = _conventions()
    if name in names:
        return names[name]
    for p in patterns:
        m = p.regex.match(name)
        if m is None:
            continue
        found = _apply(registry, p.template, m.groupdict())
        if found:
            return found
    entry = registry.lookup_loose(name)
    return entry.id if entry else None


def _apply(registry: Registry, template: str, groups: dict[str, str | None]) -> str | None:
    country = registry.country_of(groups.get("country") or "")
    branch = registry.lookup_loose(groups.get("branch") or "") if groups.get("branch") else None
    if branch is not None and branch.country == country and branch.kind != "country":
        return branch.id
    if "{iso3}" in template:
        found = template.format(iso3=country) if country else None
        return found if found and found in registry else None
    for choice in template.format(**{k: v or "" for k, v in groups.items()}).split("|"):
        entry = registry.lookup_loose(choice) if choice else None
        if entry is not None:
            return entry.id
    return None


def ids_match(registry: Registry, predicted: str | None, gold: str | None, lenient: bool) -> bool:
    """Whether a predicted actor id counts as the gold one (both None counts as a match)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if predicted == gold:
        return True
    return lenient and (
        predicted in registry.ancestors(gold) or gold in registry.ancestors(predicted)
    )
