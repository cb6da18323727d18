"""Data files the fusion stage reads: sides, wires, territorial cues, incident families and
Syria's provincial capitals. Each loads once per process (``importlib.resources``)."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError
from ..geo import alpha2
from ..ids import normalise_text
from ..models import Actor, ActorRef, Place

DATA = "sitrep.data.control"


def read_text(name: str) -> str:
    try:
        return resources.files(DATA).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(
            f"package data file data/control/{name} is missing; reinstall sitrep"
        ) from exc


def _yaml(name: str) -> dict[str, Any]:
    data = yaml.safe_load(read_text(name))
    if not isinstance(data, dict):
        raise ConfigError(f"data/control/{name} must be a YAML mapping; fix the file")
    return data


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One case-folded whole-word alternation, longest phrases first."""
    alts = sorted({normalise_text(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


# --- sides ---------------------------------------------------------------------------


DOMESTIC_SIDES = frozenset({"government", "opposition", "kurdish-led", "islamic-state"})


@dataclass(frozen=True, slots=True)
class SideTable:
    aliases: dict[str, str]
    keywords: tuple[tuple[str, re.Pattern[str]], ...]
    overriding: frozenset[str] = frozenset()
    holds_in: dict[str, frozenset[str]] = field(default_factory=dict)
    home: dict[str, str] = field(default_factory=dict)
    actors: dict[str, ActorRef] = field(default_factory=dict)

    def may_hold(self, side: str, country: str | None) -> bool:
        """Whether ``side`` can hold ground in ``country`` in this conflict (unknown
        countries pass: a district the gazetteer placed in no country)."""
        return country is None or country in self.holds_in.get(side, frozenset())

    def controller(self, side: str, ref: ActorRef | None) -> ActorRef | None:
        """The actor to name as holder: ``ref`` unless it is provisional ("its fighters")
        or a registry template of another country ("Opposition Rebels (Jordan)"), then the
        side's own actor."""
        canonical = self.actors.get(side)
        if ref is None or canonical is None:
            return ref
        if ref.id.startswith("provisional"):
            return canonical
        prefix = re.match(r"^([A-Z]{3})\.", ref.id)
        if prefix and side in self.home and alpha2(prefix.group(1)) != self.home[side]:
            return canonical
        return ref

    def normalise(self, raw: str | None) -> str | None:
        """The canonical side for an ``Actor.side`` value, or None."""
        if not raw:
            return None
        return self.aliases.get(normalise_text(raw))

    def guess(self, *texts: str | None) -> str | None:
        """The side named by keywords in an actor's id, name or mention text."""
        joined = " | ".join(normalise_text(t.replace(".", " ")) for t in texts if t)
        for side, pattern in self.keywords:
            if pattern.search(joined):
                return side
        return None

    def side_of(self, ref: ActorRef | None, actors: dict[str, Actor]) -> str | None:
        """The actor's side: the registry's (normalised), else guessed from its names."""
        if ref is None:
            return None
        guessed = self.guess(ref.id, ref.name, ref.text)
        if guessed in self.overriding:
            return guessed
        actor = actors.get(ref.id)
        if actor is not None:
            side = self.normalise(actor.side)
            if side:
                return side
        return guessed


@functools.cache
def sides() -> SideTable:
    data = _yaml("sides.yaml")
    aliases: dict[str, str] = {}
    keywords = []
    overriding = set()
    holds_in: dict[str, frozenset[str]] = {}
    home: dict[str, str] = {}
    canonical: dict[str, ActorRef] = {}
    for entry in data["sides"]:
        side = entry["side"]
        if entry.get("overrides_registry"):
            overriding.add(side)
        holds_in[side] = frozenset(entry.get("holds_in", ()))
        if entry.get("home"):
            home[side] = str(entry["home"])
        if entry.get("actor"):
            ref = entry["actor"]
            canonical[side] = ActorRef(str(ref["id"]), str(ref["name"]), str(ref["name"]))
        for alias in [side, *entry.get("aliases", ())]:
            aliases[normalise_text(alias)] = side
        keywords.append((side, _phrase_pattern(entry.get("keywords", []))))
    return SideTable(aliases, tuple(keywords), frozenset(overriding), holds_in, home, canonical)


def actor_country(ref: ActorRef | None, actors: dict[str, Actor]) -> str | None:
    """The ISO alpha-2 country of an actor: the registry's, else its id prefix (SYR.*)."""
    if ref is None:
        return None
    actor = actors.get(ref.id)
    code = actor.country if actor is not None and actor.country else None
    if code is None:
        m = re.match(r"^([A-Z]{3})\.", ref.id)
        code = m.group(1) if m else None
    return alpha2(code) if code else None


# --- wires ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WireTable:
    names: dict[str, str]
    prefix: re.Pattern[str]

    def wire_of(self, credit: str) -> str | None:
        """``"ap"`` for "(With files from AP)", None for a credit that names no wire."""
        text = normalise_text(credit).strip("()[]. ")
        text = self.prefix.sub("", text).strip(" :-")
        return self.names.get(text)


@functools.cache
def wires() -> WireTable:
    data = _yaml("wires.yaml")
    names = {normalise_text(a): key for key, al in data["wires"].items() for a in [key, *al]}
    prefixes = sorted((normalise_text(p) for p in data["prefixes"]), key=len, reverse=True)
    prefix = re.compile(r"^(?:" + "|".join(re.escape(p) for p in prefixes) + r")\s+")
    return WireTable(names, prefix)


# --- territorial cues ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TerritorialCues:
    gain_plover: frozenset[str]
    loss_plover: frozenset[str]
    gain_acled: frozenset[str]
    loss_acled: frozenset[str]
    gain_triggers: re.Pattern[str]
    loss_triggers: re.Pattern[str]
    partial: re.Pattern[str]
    near: re.Pattern[str]
    near_after: re.Pattern[str]
    loss_despite: frozenset[str]
    fighting_acled: frozenset[str] = frozenset()
    fighting_modes: frozenset[str] = frozenset()


@functools.cache
def territorial() -> TerritorialCues:
    d = _yaml("territorial.yaml")
    return TerritorialCues(
        gain_plover=frozenset(d["gain"]["plover"]),
        loss_plover=frozenset(d["loss"]["plover"]),
        gain_acled=frozenset(d["gain"]["acled"]),
        loss_acled=frozenset(d["loss"]["acled"]),
        gain_triggers=_phrase_pattern(d["gain"]["triggers"]),
        loss_triggers=_phrase_pattern(d["loss"]["triggers"]),
        partial=_phrase_pattern(d["partial"]),
        near=_phrase_pattern(d["near"]),
        near_after=re.compile(
            r"^\W{0,3}(?:s\s+)?(?:" + _phrase_pattern(d["near_after"]).pattern + ")"
        ),
        loss_despite=frozenset(normalise_text(x) for x in d["loss_despite"]),
        fighting_acled=frozenset(d.get("fighting", {}).get("acled", ())),
        fighting_modes=frozenset(d.get("fighting", {}).get("plover_modes", ())),
    )


# --- incident families ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Families:
    members: dict[str, str]
    symmetric: frozenset[str]
    mode_sensitive: frozenset[str]

    def family(self, plover_type: str, mode: str | None) -> str:
        if mode and f"{plover_type}/{mode}" in self.members:
            return self.members[f"{plover_type}/{mode}"]
        return self.members.get(plover_type, plover_type)


@functools.cache
def families() -> Families:
    d = _yaml("incident-families.yaml")
    members = {m: fam for fam, ms in d["families"].items() for m in ms}
    return Families(
        members, frozenset(d.get("symmetric", ())), frozenset(d.get("mode_sensitive", ()))
    )


# --- provincial capitals -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Capital:
    pcode: str
    governorate: str
    admin1_code: str
    name: str
    geonames_id: int
    lat: float
    lon: float
    aliases: tuple[str, ...]
    national: str | None = None
    admin1_geonames_id: int | None = None
    governorate_aliases: tuple[str, ...] = ()

    def place(self) -> Place:
        return Place(
            id=f"gn:{self.geonames_id}", name=self.name, text=self.name, start=0, end=0,
            lat=self.lat, lon=self.lon, country="SY", admin1=self.governorate, feature="PPLA",
            geonames_id=self.geonames_id, precision=1, method="provincial-capitals",
        )

    def province(self) -> Place:
        """The governorate itself, placed at its capital for maps."""
        return Place(
            id=f"gn:{self.admin1_geonames_id}", name=self.governorate, text=self.governorate,
            start=0, end=0, lat=self.lat, lon=self.lon, country="SY", admin1=self.governorate,
            feature="ADM1", geonames_id=self.admin1_geonames_id, precision=3,
            method="provincial-capitals",
        )


@dataclass(frozen=True, slots=True)
class Capitals:
    all: tuple[Capital, ...]
    by_name: dict[str, Capital]
    by_geonames: dict[int, Capital]
    by_governorate: dict[str, Capital]

    def governorate(self, name: str | None) -> Capital | None:
        """The row of the governorate called ``name`` (any spelling, pcode or admin1 code)."""
        if not name:
            return None
        key = normalise_text(name)
        key = re.sub(r"\s+(?:province|governorate|countryside)$", "", key)
        return self.by_governorate.get(key) or self.by_governorate.get(
            re.sub(r"^(?:al|el|ar|as|ad)[- ]", "", key)
        )

    def national(self, country: str | None) -> Capital | None:
        """The national capital of ``country`` (ISO alpha-2), when the file knows it."""
        return next((c for c in self.all if country and c.national == country), None)

    def find(self, name: str) -> Capital | None:
        key = normalise_text(name)
        bare = re.sub(r"^(?:al|el|ar|as|ad)[- ]", "", key)
        return self.by_name.get(key) or self.by_name.get(bare)


@functools.cache
def capitals() -> Capitals:
    text = read_text("provincial-capitals.csv")
    rows = [ln for ln in text.splitlines() if not ln.startswith("#")]
    out = []
    for r in csv.DictReader(io.StringIO("\n".join(rows))):
        out.append(
            Capital(
                pcode=r["pcode"], governorate=r["governorate"], admin1_code=r["admin1_code"],
                name=r["capital"], geonames_id=int(r["geonames_id"]), lat=float(r["lat"]),
                lon=float(r["lon"]), aliases=tuple(a for a in r["aliases"].split(";") if a),
                national=r.get("national") or None,
                admin1_geonames_id=int(r["admin1_geonames_id"]) if r.get("admin1_geonames_id")
                else None,
                governorate_aliases=tuple(
                    a for a in (r.get("governorate_aliases") or "").split(";") if a
                ),
            )
        )
    by_name: dict[str, Capital] = {}
    for c in out:
        for n in (c.name, *c.aliases):
            by_name.setdefault(normalise_text(n), c)
    by_governorate: dict[str, Capital] = {}
    for c in out:
        for n in (c.governorate, c.admin1_code, c.pcode, *c.governorate_aliases):
            by_governorate.setdefault(normalise_text(n), c)
    return Capitals(tuple(out), by_name, {c.geonames_id: c for c in out}, by_governorate)
