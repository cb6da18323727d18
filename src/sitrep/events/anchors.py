"""Turn character spans into the document's actors and places.

Places follow ``sitrep.places.lookup``: only mentions that can be event locations count
(not demonyms, not the dateline). Actors follow ``sitrep.actors.lookup.actor_at`` (the
mention overlapping the span, preferring containment, then the longest), indexed once per
document, and skip a country named as a sponsor ("Turkey-backed rebels").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from ..geo import distance_km
from ..ids import slug
from ..models import ActorRef, Document, Place
from ..places.cause import in_cause
from ..places.contain import SUBURB_KM
from ..places.links import link_between
from ..places.lookup import EVENT_ROLES

# "Turkey-backed rebels": the country names a sponsor, not the actor
_SPONSOR = re.compile(
    r"\s*[-\u2010\u2011]\s*(backed|led|supported|sponsored|allied|linked|affiliated|aligned|"
    r"based|held|controlled|funded|armed|trained|born|made)\b",
    re.IGNORECASE,
)


# "fired rockets from southern Lebanon toward ...": the launch point, not the scene
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[a-z]+\s+)?$")
# "the monitor in Idlib said": a source's town
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|monitor|observatory|sources?|reporters?|correspondents?|agency|"
    r"officials?|spokes(?:man|woman|person))\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:said|says|told|reported|reports)\b")
_OFFICE = re.compile(r"\s+offices?\b", re.IGNORECASE)
# ACLED's notes say where they put an event: "in Hama badia coded to Ithariyah", "Al Alamayn
# (coded to Al Alam al Abyad)", "Coded at Tel Aviv."
_CODED = re.compile(r"\bcoded\s+(?:to|at|in)\s+(?:the\s+)?$", re.IGNORECASE)
AREA_LEVEL = 2  # a province; a country or wider region is 3
# ACLED's notes name the areas of the place they code an event to in brackets after it:
# "Lodwar (Turkana Central, Turkana)", "Broummana (Al Matn)"
_AREAS_AFTER = re.compile(r"\s*\(([A-Z][^()]{1,80})\)")


def level(p: Place) -> int:
    """0 a town, 1 a district, 2 a province, 3 a country or wider region."""
    feature = p.feature or ""
    if feature.startswith("PCL") or feature in ("RGN", "CONT", "TERR"):
        return 3
    if feature == "ADM1":
        return 2
    if feature.startswith("ADM"):
        return 1
    return 0 if (p.precision or 9) <= 2 else 2


def near_unknown(known: Place) -> Place:
    """``known`` standing for a village the gazetteer does not know that the text puts in
    or by it: at precision 2 at least (ACLED's "near" a place), marked in its method."""
    return dataclasses.replace(
        known, precision=max(known.precision or 2, 2), method=known.method + ":near-unknown"
    )


def for_cause(doc: Document, place: Place) -> bool:
    """Whether ``place`` stands in a phrase of cause in its sentence ("in solidarity with
    the Palestinians in Gaza", "to denounce the attacks on Jenin")."""
    return in_cause(doc, place.start)


class Anchors:
    """Actor and place mentions of one document, for span lookups."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.actor_mentions: list[tuple[int, int, ActorRef, str]] = []
        for actor in doc.actors:
            for m in actor.mentions:
                self.actor_mentions.append(
                    (m.start, m.end, ActorRef(actor.id, actor.name, m.text), actor.kind)
                )
        self.actor_mentions.sort(key=lambda x: (x[0], -x[1]))
        self.actor_starts = [m[0] for m in self.actor_mentions]
        self.actor_span = max((e - s for s, e, _, _ in self.actor_mentions), default=0)
        self.kinds = {ref.id: kind for _, _, ref, kind in self.actor_mentions}
        self.places = sorted(
            (p for p in doc.places if p.role in EVENT_ROLES and not for_cause(doc, p)),
            key=lambda p: p.start,
        )
        self.place_starts = [p.start for p in self.places]
        self.place_span = max((p.end - p.start for p in self.places), default=0)
        self.coded_as, self.coded_all = self._coded()

    def _window(self, starts: list[int], longest: int, start: int, end: int) -> range:
        """Indices of mentions that can overlap ``[start, end)`` (sorted by start)."""
        return range(bisect_left(starts, start - longest), bisect_left(starts, end))

    def actor_at(self, start: int, end: int, *, allow_sponsor: bool = False) -> ActorRef | None:
        best: tuple[int, int, int] | None = None
        found: ActorRef | None = None
        text = self.doc.article.text
        for i in self._window(self.actor_starts, self.actor_span, start, end):
            s, e, ref, _ = self.actor_mentions[i]
            if e <= start or s >= end:
                continue
            if not allow_sponsor and _SPONSOR.match(text, e):
                continue
            inside = int(start <= s and e <= end)
            score = (inside, e - s, -s)
            if best is None or score > best:
                best, found = score, ref
        return found

    def actor_kind(self, ref: ActorRef) -> str:
        return self.kinds.get(ref.id, "")

    def place_for_span(self, start: int, end: int) -> Place | None:
        best: Place | None = None
        for i in self._window(self.place_starts, self.place_span, start, end):
            p = self.places[i]
            if p.end <= start or p.start >= end:
                continue
            if best is None or (p.end - p.start) > (best.end - best.start):
                best = p
        return best

    def place_before(self, sentence: int, lookback: int) -> Place | None:
        """The last well-resolved place named in the ``lookback`` sentences before
        ``sentence`` within its paragraph ("Rebels attacked Dorra. They also shelled ...")."""
        doc, text = self.doc, self.doc.article.text
        for j in range(sentence - 1, max(-1, sentence - 1 - lookback), -1):
            s, nxt = doc.sentences[j], doc.sentences[j + 1]
            if s.heading or "\n" in text[s.end : nxt.start]:
                return None
            inside = [p for p in self.places_in(s.start, s.end) if p.geonames_id is not None]
            # "in Sokolo (Niono, Segou). One civilian was killed": Sokolo, not its areas
            inside = self.innermost(inside)
            if inside:
                return min(inside, key=lambda p: (p.precision or 9, -p.start))
        return None

    def _coded(self) -> tuple[dict[int, Place], Place | None]:
        """Where the text says an event was coded: the place named before "coded to X" in
        its sentence stands for X (by the named place's start); with no place before it
        ("Coded at Tel Aviv."), X stands for every place of the document."""
        text, alias, whole = self.doc.article.text, {}, None
        for p in self.places:
            if p.lat is None or not _CODED.search(text[max(0, p.start - 20) : p.start]):
                continue
            s = self.doc.sentence_at(p.start)
            before = [q for q in self.places_in(s.start, p.start) if q is not p] if s else []
            if before:
                alias[before[-1].start] = p
            else:
                whole = p
        return alias, whole

    def coded(self, place: Place) -> Place:
        """``place``, or the place the text says the event was coded to instead."""
        return self.coded_as.get(place.start, self.coded_all or place)

    def known_near(self, place: Place, sentence: int, lookback: int) -> Place:
        """A place the gazetteer does not know, put at the nearest known place its sentence
        names (what follows it first: its area), else at the last its paragraph named before
        ("protest outside the police station in Broummana (Al Matn)"; ACLED's geo_precision
        2); ``place`` itself when there is none."""
        if place.lat is not None:
            return place
        s = self.doc.sentences[sentence]
        pool = [
            p for p in self.places_in(s.start, s.end) if p.lat is not None and not self.sourced(p)
        ]
        # "in Sao Paulo (Sao Paulo), teachers rallied at Praca da Se": the town, not its state
        pool = self.innermost(pool)
        near = min(
            pool, key=lambda p: (p.start < place.start, abs(p.start - place.end)), default=None
        )
        if near is None:
            near = self.place_before(sentence, lookback)
        if near is None:
            return place
        return near_unknown(near)

    def launched_from(self, place: Place) -> bool:
        """Whether ``place`` follows "from" ("fired rockets from Gaza")."""
        text = self.doc.article.text
        return bool(_FROM.search(text[max(0, place.start - 30) : place.start]))

    def sourced(self, place: Place) -> bool:
        """Whether ``place`` is where a source sits ("the monitor in Idlib said")."""
        text = self.doc.article.text
        return bool(
            _SOURCE_BEFORE.search(text[max(0, place.start - 60) : place.start])
            or _SOURCE_AFTER.search(text[place.end : place.end + 60])
        )

    def scene(
        self, found: list[Place], start: int, end: int, exclude: list[tuple[int, int]], aimed: bool
    ) -> Place:
        """The event's place among the places of its clause (``found``, best first), in
        the sentence ``[start, end)``: for an attack from afar (``aimed``) not its launch
        point when another place is named; and for a country or province, a town (or
        district, or a country's province) of it that the sentence names ("toward
        southern Israel, causing sirens in Ashdod"), unless that town is where a source
        sits or a launch point."""
        # "on Ar Raqw in the district of Monabbih (Sadah)": the area a place is said to
        # lie in is not the scene, however the gazetteer ranks the two
        found = self.innermost(found)
        # "outside the DC office in Bathinda": an official's title before "office" is no
        # place of the event when the clause names another
        found = [p for p in found if not self.titled_office(p)] or found
        best = found[0]
        if best.lat is None:
            # "clashed in Nandigram (Purba Medinipur, West Bengal)": a village the gazetteer
            # does not know is placed in the area the text puts it in, as ACLED does
            outer = self.area_of(best)
            if outer is not None:
                return near_unknown(outer)
        if aimed:
            best = next((p for p in found if not self.launched_from(p)), best)
        usable = [
            p
            for p in self.places_in(start, end)
            if p.lat is not None
            and not any(a <= p.start and p.end <= b for a, b in exclude)
            and not self.sourced(p)
            and not (aimed and self.launched_from(p))
        ]
        if best.lat is None or level(best) < AREA_LEVEL or (aimed and self.launched_from(best)):
            return best
        towns = [
            p
            for p in usable
            if level(p) < level(best)
            and p.country == best.country
            and (best.admin1 is None or level(best) > AREA_LEVEL or p.admin1 == best.admin1)
        ]
        if not towns:
            return best
        return min(towns, key=lambda p: (level(p), p.start < best.start, abs(p.start - best.end)))

    def titled_office(self, place: Place) -> bool:
        """Whether ``place`` is a capitalised abbreviation right before "office" ("the DC
        office", "the SP office"): a title, not a town."""
        text = self.doc.article.text
        return place.text.isupper() and bool(_OFFICE.match(text, place.end))

    def area_of(self, place: Place, depth: int = 2) -> Place | None:
        """The known place named right after ``place`` as the area it lies in, past an
        unknown one ("the Sugar Mill in Walwa taluka (Sangli district)": Sangli)."""
        text = self.doc.article.text
        i = bisect_left(self.place_starts, place.end)
        for p in self.places[i : i + 2]:
            if link_between(text, place.end, p.start) in (None, "-"):
                continue
            if p.lat is not None:
                return p
            if depth:
                return self.area_of(p, depth - 1)
        return None

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether the text names ``outer`` as the area that ``inner``, a resolved place,
        lies in: "Monabbih (Sadah)", "Makhmur, Erbil", "Ftireh town in Idleb". A district
        whose point lies within ``SUBURB_KM`` of its town's is no finer than the town
        ("Yenisehir, Diyarbakir": the district's point is a guess, the city's is not)."""
        if inner is outer or inner.lat is None or inner.start >= outer.start:
            return False
        if link_between(self.doc.article.text, inner.end, outer.start) in (None, "-"):
            return False
        if level(inner) == 0 or outer.lat is None or inner.lon is None or outer.lon is None:
            return True
        return distance_km(inner.lat, inner.lon, outer.lat, outer.lon) > SUBURB_KM

    def innermost(self, places: list[Place]) -> list[Place]:
        """``places`` less those the text names as the area another of them lies in
        (``contains``); all of them when that would leave none."""
        return [p for p in places if not any(self.contains(p, q) for q in places)] or places

    def bracketed(self, place: Place) -> bool:
        """Whether ``place`` is followed by its areas in brackets, as ACLED's notes name the
        place an event is coded to ("in Bamenda (Mezam, Nord-Ouest)"): at most three
        comma-separated names, one of them a place."""
        found = _AREAS_AFTER.match(self.doc.article.text, place.end)
        if found is None or found.group(1).count(",") > 2:
            return False
        return bool(self.places_in(found.start(1), found.end(1)))

    def places_in(self, start: int, end: int) -> list[Place]:
        lo, hi = bisect_left(self.place_starts, start), bisect_left(self.place_starts, end)
        return [p for p in self.places[lo:hi] if p.end <= end]


def provisional_ref(text: str) -> ActorRef:
    """An actor the registry does not know, named by its words ("rebel forces")."""
    return ActorRef(id=f"provisional.{slug(text)}", name=text, text=text)
