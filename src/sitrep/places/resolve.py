"""Resolution: pick one gazetteer entry for each recognised span, in document context.

Each candidate gets a score from its feature (country > capital > admin area > admin
seat > town), population, how the name matched, the document's focus country, other
countries and admin1 areas the document names, cue words ("province", "city"), and
nearness to the other places of the document. One name keeps one place within a
document. A name whose two best candidates score alike and lie far apart is kept with
precision 3 and method ``ambiguous``, so no confident wrong point is emitted.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from ..geo import distance_km
from .gazetteer import BIG_CITY, Entry, Gazetteer
from .normalise import loose_key, normalise_name
from .recognise import PlaceSpan

FEATURE_BONUS = {
    "PCLI": 6.0,
    "PCLD": 5.0,
    "PCLF": 5.0,
    "PCLS": 5.0,
    "PCLIX": 5.0,
    "PCL": 5.0,
    "TERR": 4.0,
    "CONT": 5.0,
    "RGN": 6.0,
    "OCN": 8.0,
    "SEA": 7.0,
    "GULF": 6.0,
    "MTS": 6.0,
    "PEN": 6.0,
    "DSRT": 6.0,
    "STM": 5.0,
    "AIRB": 4.0,
    "DAM": 4.0,
    "PSTB": 4.0,
    "CMPRF": 4.0,
    "PPLC": 4.5,
    "ADM1": 2.5,
    "PPLA": 1.5,
    "PPLA2": 0.8,
    "ADM2": 0.5,
}
KIND_BONUS = {"name": 1.0, "alias": 0.5, "code": 0.5, "alt": 0.0, "loose": -1.0, "sound": -1.5}
SAME_NAME_ADMIN_PENALTY = 4.0
REGION_PEOPLE = 1_000_000  # regions and seas carry no population; weigh them as a big city
AMBIGUITY_MARGIN = 0.5
AMBIGUITY_KM = 161.0


@dataclass(frozen=True, slots=True)
class View:
    """The document context as one name sees it: everything except that name's own votes
    (so "Paris" cannot vote itself into France)."""

    focus: str | None
    countries: Counter[str]
    admin1s: frozenset[tuple[str, str]]
    points: tuple[tuple[float, float], ...]
    placed: frozenset[str] = frozenset()  # countries a place name (not a demonym) votes for


@dataclass(slots=True)
class Context:
    """What the document says about where it is: country votes, admin1 areas and points,
    each recorded with the name that cast it."""

    dateline: str | None = None
    votes: list[tuple[str, str, int]] = field(default_factory=list)
    admin1s: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    points: list[tuple[str, float, float]] = field(default_factory=list)
    placed: list[tuple[str, str]] = field(default_factory=list)
    _views: dict[str | None, View] = field(default_factory=dict)

    def view(self, key: str | None = None) -> View:
        if key not in self._views:
            countries: Counter[str] = Counter()
            for name, country, weight in self.votes:
                if name != key:
                    countries[country] += weight
            focus = self.dateline or (countries.most_common(1)[0][0] if countries else None)
            self._views[key] = View(
                focus,
                countries,
                frozenset(a for name, a in self.admin1s if name != key),
                tuple((lat, lon) for name, lat, lon in self.points if name != key),
                frozenset(country for name, country in self.placed if name != key),
            )
        return self._views[key]

    @property
    def focus(self) -> str | None:
        return self.view().focus


def _contains(admin: Entry, place: Entry) -> bool:
    if admin.country != place.country or place.id == admin.id or not place.is_populated:
        return False
    if admin.feature == "ADM1":
        return admin.admin1_code == place.admin1_code
    return admin.admin1_code == place.admin1_code and admin.admin2_code == place.admin2_code


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence adds to a candidate's score (population counts as
    log10 of the number of people)."""

    capital: float = 4.5
    focus: float = 3.0
    other_country: float = 1.5
    share: float = 3.0
    admin1: float = 2.5
    near: tuple[float, float, float] = (2.0, 1.5, 0.5)
    cue: float = 6.0
    city_cue: float = 3.0


DEFAULT_WEIGHTS = Weights()
FOREIGN_ALT_PEOPLE = 100_000  # a place this big is named abroad by its other names too


def score(
    c: Entry, span: PlaceSpan, pool: tuple[Entry, ...], ctx: View, w: Weights = DEFAULT_WEIGHTS
) -> float:
    bonus = w.capital if c.feature == "PPLC" else FEATURE_BONUS.get(c.feature, 0.0)
    people = c.population or (REGION_PEOPLE if c.is_region else 0)
    s = math.log10(people + 10) + bonus + KIND_BONUS.get(c.kind, 0.0)
    if span.cue == "admin":
        s += w.cue if c.feature == "ADM1" else 0.0
    elif span.cue == "admin2":
        s += w.cue if c.feature == "ADM2" else 0.0
    elif span.cue == "city":
        s += w.city_cue if c.is_populated else 0.0
    elif c.is_admin and any(_contains(c, o) for o in pool):
        s -= SAME_NAME_ADMIN_PENALTY
    if c.country:
        if c.country == ctx.focus:
            s += w.focus
        elif ctx.countries.get(c.country):
            s += w.other_country
        total = sum(ctx.countries.values())
        if total:
            s += w.share * ctx.countries.get(c.country, 0) / total
        if c.admin1_code and (c.country, c.admin1_code) in ctx.admin1s:
            s += w.admin1
    if not (c.is_country or c.is_region):
        near = _nearest(c, ctx.points)
        if near < math.inf:
            s += (
                w.near[0]
                if near < 50
                else w.near[1]
                if near < 200
                else (w.near[2] if near < 500 else 0.0)
            )
    return s


def _nearest(c: Entry, points: Collection[tuple[float, float]]) -> float:
    """Kilometres from ``c`` to the nearest of ``points`` (infinite when unknown)."""
    if c.lat is None or c.lon is None:
        return math.inf
    return min((distance_km(c.lat, c.lon, lat, lon) for lat, lon in points), default=math.inf)


@dataclass(frozen=True, slots=True)
class Resolution:
    entry: Entry | None
    ambiguous: bool = False


class Resolver:
    """Resolves all spans of one document together."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights = DEFAULT_WEIGHTS):
        self.gaz = gazetteer
        self.weights = weights

    def candidates(self, span: PlaceSpan) -> tuple[Entry, ...]:
        if span.target is not None:
            entry = self.gaz.get(span.target)
            return (entry,) if entry else ()
        found = self.gaz.lookup(span.name)
        if not found and span.name != span.text:
            found = self.gaz.lookup(span.text)
        return found

    def resolve(
        self,
        spans: list[PlaceSpan],
        hints: tuple[str, ...] = (),
        quiet: frozenset[int] = frozenset(),
    ) -> tuple[dict[int, Resolution], Context]:
        """Resolution per span index, and the document context used. ``hints`` are
        countries (ISO alpha-2) the document is about by other evidence (its actors):
        each is one rough vote. The spans whose indices are in ``quiet`` (places named
        as a cause) cast no vote."""
        pools = {i: self.candidates(s) for i, s in enumerate(spans)}
        ctx = self._context(spans, pools, {}, hints, quiet)
        first = self._pass(spans, pools, ctx)
        ctx = self._context(spans, pools, first, hints, quiet)
        return self._pass(spans, pools, ctx), ctx

    def _pass(
        self, spans: list[PlaceSpan], pools: dict[int, tuple[Entry, ...]], ctx: Context
    ) -> dict[int, Resolution]:
        chosen: dict[tuple[str, str | None, int | None], Resolution] = {}
        out: dict[int, Resolution] = {}
        for i, span in enumerate(spans):
            if i not in pools:
                continue
            key = (normalise_name(span.name), span.cue, span.target)
            if key not in chosen:
                chosen[key] = self._best(span, pools[i], ctx.view(key[0]))
            out[i] = chosen[key]
        return out

    def _best(self, span: PlaceSpan, pool: tuple[Entry, ...], ctx: View) -> Resolution:
        # a place matched only roughly (by its consonants, or without its articles and
        # doubled letters) must lie where the document is, when the document says where,
        # unless it is a province or a big city spelt only with fewer doubled letters
        # ("Zaporizhia" beside "Russian forces"; not a city's foreign name "ar Chab"); a
        # consonant match abroad needs a place named there, not only an actor guessed
        # there ("soldiers ... near Kareto" in Borno is no Saudi Qurayyat)
        # a small place abroad known only by one of its other names, which other places
        # share too ("Tirah", another name of three Israeli towns, in a story placed in
        # Pakistan), is no match: an unknown local name is likelier than a foreign town no
        # other word points to
        shared = sum(1 for c in pool if c.kind == "alt") > 1
        pool = tuple(
            c
            for c in pool
            if c.kind != "alt"
            or not shared
            or not ctx.countries
            or c.country == ctx.focus
            or ctx.countries[c.country or ""]
            or c.population >= FOREIGN_ALT_PEOPLE
            or c.is_country
            or c.is_region
        )
        pool = tuple(
            c
            for c in pool
            if c.kind not in ("sound", "loose")
            or (c.kind == "loose" and _respelt(c, span.name))
            or not ctx.countries
            or c.country == ctx.focus
            or (ctx.countries[c.country or ""] and (c.kind == "loose" or c.country in ctx.placed))
        )
        if not pool:
            return Resolution(None)
        # equal scores and populations (namesake villages of one province): the nearest
        # to the places named around it ("Zee Kyun village (Myaung township)")
        scored = sorted(
            ((score(c, span, pool, ctx, self.weights), c) for c in pool),
            key=lambda sc: (-sc[0], -sc[1].population, _nearest(sc[1], ctx.points), sc[1].id),
        )
        ranked = [c for _, c in scored]
        best = ranked[0]
        voted = best.country is not None and ctx.countries.get(best.country, 0) > 0
        if voted and best.is_populated and best.country not in ctx.placed:
            # "Russian forces attacked near X, Donetsk": a city far bigger than its
            # namesake abroad is not moved there by a nationality alone
            floor = max(BIG_CITY, 10 * best.population)
            bigger = next(
                (
                    c
                    for c in ranked
                    if c.is_populated and c.country != best.country and c.population >= floor
                ),
                None,
            )
            if bigger is not None:
                return Resolution(bigger)
        if len(ranked) > 1 and best.lat is not None:
            second = ranked[1]
            gap = scored[0][0] - scored[1][0]
            far = (
                second.lat is not None
                and second.lon is not None
                and best.lon is not None
                and distance_km(best.lat, best.lon, second.lat, second.lon) > AMBIGUITY_KM
            )
            if gap < AMBIGUITY_MARGIN and far:
                return Resolution(best, ambiguous=True)
        return Resolution(best)

    def _context(
        self,
        spans: list[PlaceSpan],
        pools: dict[int, tuple[Entry, ...]],
        resolved: dict[int, Resolution],
        hints: tuple[str, ...] = (),
        quiet: frozenset[int] = frozenset(),
    ) -> Context:
        ctx = Context()
        ctx.votes.extend(("", country, 1) for country in hints)
        for i, span in enumerate(spans):
            if i in quiet:
                continue
            key = normalise_name(span.name)
            if span.target is not None:
                if span.country:
                    ctx.votes.append((key, span.country, 2))
                continue
            res = resolved.get(i)
            entry = res.entry if res and not res.ambiguous else _obvious(pools.get(i, ()))
            if entry is None or entry.country is None:
                continue
            # half votes: a name matched only roughly says less about where the story is
            rough = entry.kind in ("loose", "sound")
            weight = 6 if span.role == "dateline" else 4 if entry.is_country else 1 if rough else 2
            ctx.votes.append((key, entry.country, weight))
            ctx.placed.append((key, entry.country))
            if span.role == "dateline":
                ctx.dateline = entry.country
            if entry.admin1_code and (entry.feature == "ADM1" or res is not None):
                ctx.admin1s.append((key, (entry.country, entry.admin1_code)))
            if entry.lat is not None and entry.lon is not None and not entry.is_country:
                ctx.points.append((key, entry.lat, entry.lon))
        return ctx


def _obvious(pool: tuple[Entry, ...]) -> Entry | None:
    """The candidate before any context: a country, else one far bigger than the rest.
    A name found only by its consonants is never obvious."""
    pool = tuple(c for c in pool if c.kind != "sound")
    if not pool:
        return None
    countries = [c for c in pool if c.is_country]
    if countries:
        return countries[0]
    ranked = sorted(pool, key=lambda c: -c.population)
    if len(ranked) == 1 or ranked[0].population >= 10 * max(ranked[1].population, 1):
        return ranked[0]
    return None


def _respelt(c: Entry, name: str) -> bool:
    """Whether a loose match is a province or big city whose own name begins as ``name``
    does: "Zaporizhia" for Zaporizhzhia, not "Chaab" for Cape Town ("ar Chab")."""
    big = c.feature == "ADM1" or c.population >= BIG_CITY
    return big and loose_key(c.name)[:4] == loose_key(name)[:4]
