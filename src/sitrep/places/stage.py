"""The places stage: recognise place spans, resolve them, set the document focus.

``doc.places`` holds one ``Place`` per mention, in text order. ``Place.role`` says what
the mention is:

- ``mention``: a place named in the text;
- ``capital``: "the capital" / "the Syrian capital", resolved to that country's capital;
- ``dateline``: where the story was filed;
- ``demonym``: "Syrian", "Israeli": country (or region, "Kurdish") context at precision 3;
- ``org``: a place inside an organisation name ("Syrian Observatory for Human Rights",
  "the Homs Police Department").

Only ``mention`` and ``capital`` can be event locations (``lookup.EVENT_ROLES``). Demonyms
and organisation-embedded places are kept because they tell a reader and the ranking
which country a story is about, and because the geoparsing gold standards (GeoWebNews,
LGL, TR-News) annotate them as toponyms; ``PlacesStage(gazetteer, demonyms=False)``
leaves demonyms out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from ..geo import distance_km
from ..ids import slug
from ..models import Document, Focus, Place
from .cause import in_cause
from .contain import apply_containers, recount
from .context import STREET_LINKS, STREET_OPENERS, cues
from .gazetteer import Entry, Gazetteer
from .normalise import normalise_name
from .quarters import in_towns, stand_in
from .recognise import PlaceSpan, Recogniser
from .resolve import Context, Resolution, Resolver, View
from .spans import overlaps

_CAPITAL = re.compile(r"\b[Tt]he\s+(?:(?P<adj>[A-Z][a-z]+)\s+)?capital\b(?!\s+of\b)")


def precision_for(entry: Entry, span: PlaceSpan, ambiguous: bool = False) -> int:
    """ACLED geo_precision: 1 the town, 2 near it or a district, 3 a larger region."""
    if ambiguous or entry.is_country or entry.is_region or entry.feature == "ADM1":
        return 3
    if span.modifier == "water":
        return 3  # "the Dnipro river": somewhere along it, not the city of its name
    if entry.feature == "ADM2" or entry.is_near_point or span.modifier in ("near", "part"):
        return 2
    return 1


def convincing(res: Resolution | None, focus: str | None, named: Collection[str] = ()) -> bool:
    """Is this resolution good enough to keep a weak span (a relabelled entity, a lone
    capitalised word)? A country, region, admin area, capital or admin seat, or a town of
    100,000 people (kept at precision 3 if ambiguous); or a town that the context resolves
    clearly in the document's focus country or in another country the document names
    (``named``: "the northern town of Manbij" in an Ankara-datelined story about Syria)."""
    entry = res.entry if res else None
    if entry is None or res is None:
        return False
    if entry.kind == "sound":
        # a name spaCy did not call a place, matched only by its consonants: in the focus
        # country only ("near Al Fajir camp" in a story about Aleppo is not Fujairah)
        return not res.ambiguous and entry.country == focus
    if entry.is_country or entry.is_region or entry.feature in ("ADM1", "PPLC", "PPLA"):
        return True
    if entry.id < 0 or entry.population >= 100_000:  # hand-compiled sites, big cities
        return True
    return not res.ambiguous and (entry.country == focus or entry.country in named)


_STREET_WORD = re.compile(r"\s+\w+")


def _local(res: Resolution | None, focus: str | None) -> bool:
    """A clear resolution in the document's focus country."""
    return (
        res is not None
        and res.entry is not None
        and not res.ambiguous
        and (res.entry.country == focus)
    )


def _street(text: str, span: PlaceSpan) -> PlaceSpan:
    """ "George street" as a street of the story's town: the name with its street word,
    unresolved (a town abroad called George is not where the house was struck)."""
    m = _STREET_WORD.match(text, span.end)
    end = m.end() if m else span.end
    return dataclasses.replace(span, text=text[span.start : end], end=end)


_OPENER_BEFORE = re.compile(
    "(?:"
    + "|".join(sorted(STREET_OPENERS))
    + r")\s+(?:(?:"
    + "|".join(sorted(STREET_LINKS))
    + r")\s+)?$"
)


def _square(text: str, span: PlaceSpan) -> PlaceSpan:
    """ "Plaza San Martin" as a square of the story's town: the name with the word that
    opens it, unresolved (the town San Martin is not where the protest was)."""
    m = _OPENER_BEFORE.search(text, max(0, span.start - 16), span.start)
    start = m.start() if m else span.start
    return dataclasses.replace(span, text=text[start : span.end], start=start)


STRAY_KM = 150.0  # an obscure namesake this far from every other place of the story
HAMLET = 1_000


def _stray(res: Resolution | None, points: tuple[tuple[float, float], ...]) -> bool:
    """A hamlet (fewer than ``HAMLET`` people on record) found for a name spaCy did not
    call a place, far from every other place the story names: "the explosion at Al Hamra
    junction" in a story about Daraa is no namesake village 300 km north."""
    entry = res.entry if res else None
    if entry is None or entry.population >= HAMLET or entry.lat is None or entry.lon is None:
        return False
    if not entry.is_populated or not points:
        return False
    return all(distance_km(entry.lat, entry.lon, lat, lon) > STRAY_KM for lat, lon in points)


ALIAS_KM = 1_000.0  # a place abroad matched by another of its names this far off


def _far_alias(res: Resolution | None, view: View) -> bool:
    """A place abroad, far from every other place of the story, that a name spaCy did not
    call a place matches only as another of its names: "the Sol highway" in a story about
    Guerrero is not Seoul, "Kuki militants" in Manipur not Japan's Kukichuo, "Al Thawra"
    of Omdurman not Syria's Tabqa (its other countries' votes are the name's own)."""
    entry = res.entry if res else None
    if entry is None or entry.kind != "alt" or entry.lat is None or entry.lon is None:
        return False
    if entry.country is None or entry.country == view.focus or view.countries[entry.country]:
        return False
    if view.focus not in view.placed:
        return False  # the story's country is only a nationality's ("Turkish warplanes")
    return bool(view.points) and all(
        distance_km(entry.lat, entry.lon, lat, lon) > ALIAS_KM for lat, lon in view.points
    )


HOME_CITY = 100_000  # people in a namesake of a foreign capital in the story's country


def _unvoted(res: Resolution | None, view: View) -> bool:
    """A town or village (the text says so: "Mushu village") found only in a country
    nothing else in the story names, though the story names others, and smaller than a
    city everyone knows: a namesake abroad (Turkey's Mus in a story about Plateau State),
    so the event falls back to the area the story names."""
    entry = res.entry if res else None
    if entry is None or entry.country is None or not view.countries:
        return False
    return view.countries[entry.country] == 0 and entry.population < HOME_CITY


def _home_namesakes(
    spans: list[PlaceSpan],
    resolved: dict[int, Resolution],
    pools: dict[int, tuple[Entry, ...]],
    ctx: Context,
) -> dict[int, Resolution]:
    """A foreign capital read for a name that a city of the story's country also bears,
    when the rest of the story votes for that country more than for the capital's:
    "Tripoli" beside "Lebanese army soldiers" is Lebanon's Tripoli, not Libya's capital."""
    out = dict(resolved)
    for i, span in enumerate(spans):
        res = out.get(i)
        if res is None or res.ambiguous or span.role != "mention":
            continue
        entry = res.entry
        if entry is None or entry.feature != "PPLC":
            continue
        view = ctx.view(normalise_name(span.name))
        home = view.focus
        if home is None or home == entry.country:
            continue
        if view.countries[home] <= view.countries.get(entry.country or "", 0):
            continue
        namesakes = [
            c
            for c in pools.get(i, ())
            if c.country == home and c.kind == "name" and c.population >= HOME_CITY
        ]
        if namesakes:
            out[i] = Resolution(max(namesakes, key=lambda c: c.population))
    return out


def to_place(span: PlaceSpan, res: Resolution | None) -> Place:
    """The contract ``Place`` for a span and its resolution (or none)."""
    entry = res.entry if res else None
    if entry is None:
        return Place(
            id=f"x:{slug(span.name)}",
            name=span.name,
            text=span.text,
            start=span.start,
            end=span.end,
            method=span.method,
            role=span.role,
        )
    ambiguous = bool(res and res.ambiguous)
    return Place(
        id=f"gn:{entry.id}" if entry.id > 0 else f"sitrep:{slug(entry.name)}",
        name=entry.name,
        text=span.text,
        start=span.start,
        end=span.end,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        admin1=entry.admin1,
        feature=entry.feature,
        geonames_id=entry.id if entry.id > 0 else None,
        precision=3 if span.role == "demonym" else precision_for(entry, span, ambiguous),
        method=span.method + (":ambiguous" if ambiguous else ""),
        role=span.role,
    )


class PlacesStage:
    """Place mentions resolved to gazetteer entries, and the document's focus."""

    name = "places"
    requires = ("sentences", "tokens", "entities", "actors")
    assigns = ("places", "focus")

    def __init__(self, gazetteer: Gazetteer, demonyms: bool = True):
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.recogniser = Recogniser(gazetteer)
        self.resolver = Resolver(gazetteer)

    def __call__(self, doc: Document) -> Document:
        spans = self.recogniser(doc)
        # "protested in Amman in solidarity with Gaza": Gaza says nothing of where
        cause = frozenset(i for i, s in enumerate(spans) if in_cause(doc, s.start))
        resolved, ctx = self.resolver.resolve(spans, self._actor_countries(doc, spans), cause)
        pools = {i: self.resolver.candidates(s) for i, s in enumerate(spans)}
        first = resolved
        resolved = apply_containers(doc.article.text, spans, resolved, pools)
        resolved = _home_namesakes(spans, resolved, pools, ctx)
        final = recount(ctx, spans, resolved)
        places = []
        people: dict[str, int] = {}
        for i, span in enumerate(spans):
            res = resolved.get(i)
            # a name its container moved is weighed in the story as finally read, and is
            # no stray ("El Callao (El Callao, Bolivar)": Venezuela's, not Peru's)
            moved = res is not None and first.get(i) is not None and res != first.get(i)
            seen = final if moved else ctx
            if span.weak and not (
                convincing(res, seen.focus, seen.view(span.name).countries)
                and (moved or not _stray(res, ctx.view(normalise_name(span.name)).points))
                and not _far_alias(res, seen.view(normalise_name(span.name)))
            ):
                continue
            if span.cue == "city" and _unvoted(res, ctx.view(normalise_name(span.name))):
                res = None
            if span.modifier == "square":
                span, res = _square(doc.article.text, span), None
            if span.modifier == "street" and not _local(res, ctx.focus):
                span, res = _street(doc.article.text, span), None
            if span.role != "demonym" or self.demonyms:
                places.append(to_place(span, res))
                if res is not None and res.entry is not None:
                    people[places[-1].id] = res.entry.population
        # the story's country as the places were finally read (a village put in its
        # bracketed area takes the story with it); the spans above were weighed as read
        country = recount(ctx, spans, resolved).focus
        places += self._capitals(doc, country, places)
        scene = [p for p in places if not in_cause(doc, p.start)]
        focus = Focus(country=country, place=self._focus_place(scene, country))
        places = [self._in_focus_town(p, focus.place) for p in in_towns(doc, places, people)]
        places.sort(key=lambda p: (p.start, p.end))
        return dataclasses.replace(doc, places=tuple(places), focus=focus)

    def _actor_countries(self, doc: Document, spans: list[PlaceSpan]) -> tuple[str, ...]:
        """Countries of the registry's actors named in the document ("Houthi forces":
        Yemen), which tell "Al Jawf" in Yemen from the Saudi one. Provisional actors and
        the media say nothing about where a story is, and an actor named only by a place
        name ("Niger" of "Munya LGA (Niger)") has its say as that place."""
        named = [(s.start, s.end) for s in spans]
        found = (
            self.gazetteer.alpha2(a.country)
            for a in doc.actors
            if a.country
            and not a.provisional
            and a.kind != "media"
            and not all(overlaps((m.start, m.end), named) for m in a.mentions)
        )
        return tuple(sorted({c for c in found if c}))

    @staticmethod
    def _in_focus_town(place: Place, town: Place | None) -> Place:
        """A street or building the gazetteer does not know ("Main Street", "Highway 19")
        is placed in the document's focus town, at precision 2."""
        if place.geonames_id is not None or place.lat is not None or town is None:
            return place
        words = place.text.lower().replace(".", "").split()
        if not any(w in cues().street for w in words[1:]):
            return place
        return stand_in(town, place, ":in-focus-town")

    def _capitals(self, doc: Document, focus: str | None, places: list[Place]) -> list[Place]:
        """ "the capital" / "the Syrian capital" -> that country's capital."""
        out = []
        text = doc.article.text
        for m in _CAPITAL.finditer(text):
            if any(p.start < m.end() and m.start() < p.end and p.role != "demonym" for p in places):
                continue
            adj = self.gazetteer.demonym(m.group("adj")) if m.group("adj") else None
            country = adj.country if adj else focus
            capital = self.gazetteer.capital(country) if country else None
            if capital is None:
                continue
            span = PlaceSpan(
                m.group(), m.start(), m.end(), capital.name, role="capital", method="capital"
            )
            out.append(to_place(span, Resolution(capital)))
        return out

    @staticmethod
    def _focus_place(places: list[Place], country: str | None) -> Place | None:
        """The dateline place, else the most mentioned town of the focus country."""
        for p in places:
            if p.role == "dateline" and p.geonames_id is not None:
                return p
        towns = [
            p
            for p in places
            if p.role == "mention"
            and p.country == country
            and p.precision is not None
            and p.precision <= 2
        ]
        if not towns:
            return None
        counts: dict[str, int] = {}
        for p in towns:
            counts[p.id] = counts.get(p.id, 0) + 1
        best = max(counts, key=lambda k: counts[k])
        return next(p for p in towns if p.id == best)
