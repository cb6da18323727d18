"""Actor registry entries and how they are read from the YAML files under
``sitrep/data/actors`` (the ``Registry`` indexes them; see ``registry.py``)."""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import yaml

from ..errors import ConfigError

DATA_PACKAGE = "sitrep.data.actors"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    org: str | None = None
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str | None) -> bool:
        """Whether the office was held on ISO date ``day`` (see ``in_period``)."""
        return in_period(self.start, self.end, day)


def in_period(start: str | None, end: str | None, day: str | None) -> bool:
    """Whether ISO date ``day`` falls in ``[start, end)`` (an open side is unbounded); when
    ``day`` is unknown, whether the period is still running."""
    if day is None:
        return end is None
    return (start or "") <= day and (end is None or day < end)


@dataclass(frozen=True, slots=True)
class FormerName:
    name: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """One known actor. ``country`` is ISO alpha-3; ``inter`` the ACLED inter code."""

    id: str
    name: str
    kind: str
    country: str | None = None
    inter: int | None = None
    sector: str | None = None
    side: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    former: tuple[FormerName, ...] = ()
    short: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    parent: str | None = None
    patrons: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    ideology: str | None = None
    affiliation: str | None = None
    offices: tuple[Office, ...] = ()
    iso2: str | None = None
    adjectives: tuple[str, ...] = ()
    # periods in which a movement is a state's government (the Taliban 1996-2001 and
    # since August 2021): ``Office(title=<ISO3 governed>, start, end)``
    governs: tuple[Office, ...] = ()


def read_data(name: str) -> Any:
    resource = importlib.resources.files(DATA_PACKAGE).joinpath(name)
    try:
        return yaml.load(resource.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"actor registry file {name} cannot be read ({exc}); reinstall sitrep"
        ) from exc


def as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def read_entry(raw: Mapping[str, Any], base: RegistryEntry | None = None) -> RegistryEntry:
    """Build an entry from a YAML mapping; fields given override ``base`` (aliases merge)."""
    values: dict[str, Any] = {}
    for key in ("name", "kind", "country", "side", "parent", "ideology", "affiliation", "sector"):
        if key in raw:
            values[key] = str(raw[key])
    if "inter" in raw:
        values["inter"] = int(raw["inter"])
    for key in ("aliases", "acronyms", "short", "metonyms", "patrons", "designations"):
        if key in raw:
            old = getattr(base, key) if base else ()
            values[key] = tuple(dict.fromkeys(old + as_tuple(raw[key])))
    if "former" in raw:
        values["former"] = tuple(
            FormerName(str(f["name"]), _date(f.get("from")), _date(f.get("until")))
            for f in raw["former"]
        )
    if "offices" in raw:
        values["offices"] = tuple(
            Office(str(o["title"]), o.get("org"), _date(o.get("from")), _date(o.get("until")))
            for o in raw["offices"]
        )
    if "governs" in raw:
        values["governs"] = tuple(
            Office(str(g["country"]), None, _date(g.get("from")), _date(g.get("until")))
            for g in raw["governs"]
        )
    if base is not None:
        return replace(base, **values)
    if "name" not in values or "kind" not in values:
        raise ConfigError(f"actor {raw.get('id')!r} needs a name and a kind; fix the registry file")
    return RegistryEntry(id=str(raw["id"]), **values)


def fill(template: str, country: Mapping[str, Any], name: str = "", adj: str = "") -> str:
    return template.format(iso3=country["iso3"], name=name or country["name"], adj=adj)


def expand(
    phrase: str, country: Mapping[str, Any], names: tuple[str, ...], adjectives: tuple[str, ...]
) -> list[str]:
    if "{adj}" in phrase:
        return [fill(phrase, country, adj=a) for a in adjectives]
    if "{name}" in phrase:
        return [fill(phrase, country, name=n) for n in names if not (n.isupper() and len(n) <= 3)]
    return [fill(phrase, country)]
