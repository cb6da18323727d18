"""Where an event happened among the places of its sentence: the places of its clause
(``clause_places``) and a better-known place for a village the gazetteer does not know or
for a town that only describes a country or province (``finer_place``)."""

from __future__ import annotations

from ..geo import distance_km
from ..models import Place, Sentence
from .anchors import AREA_LEVEL, Anchors, level, near_unknown
from .syntax import SentenceView

NEAR_KM = 25.0  # a place this near the bracketed one may be where the event was

CLAUSE_SKIP = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "relcl", "parataxis", "appos"}
)


def clause_places(
    view: SentenceView,
    anchors: Anchors,
    head: int,
    exclude: list[tuple[int, int]],
    *,
    skip_from: bool = False,
) -> list[Place]:
    """Places named in the clause of ``head`` (not in its subject or in actor phrases),
    then in the clauses above it; nearest clause first, best-resolved place first.
    ``skip_from``: not in ``head``'s own "from" phrase (the origin of "protesters from X")."""
    came_from: int | None = None
    cur: int | None = head
    origin: set[int] = set()
    if skip_from:
        for prep in view.children(head, frozenset({"prep"})):
            if view.lemma(prep) == "from":
                origin.update(view.subtree(prep))
    while cur is not None:
        skip = CLAUSE_SKIP if came_from is None else CLAUSE_SKIP | {"conj"}
        idx = [k for k in view.subtree(cur, skip=skip) if k != came_from and k not in origin]
        if came_from is not None:
            branch = set(view.subtree(came_from))
            idx = [k for k in idx if k not in branch]
        found: list[Place] = []
        for k in idx:
            t = view.tok(k)
            # "Syria's underlying issues" names no location
            if t.dep == "poss" or any(s <= t.start and t.end <= e for s, e in exclude):
                continue
            p = anchors.place_for_span(t.start, t.end)
            if p is None or _affiliation(view, k, p):
                continue
            if all(p is not q for q in found):
                found.append(p)
        if found:
            # as places.lookup ranks them: resolved first, then the finest, then the earliest
            return sorted(found, key=lambda p: (p.geonames_id is None, p.precision or 9, p.start))
        came_from, cur = cur, view.head(cur)
    return []


def finer_place(
    view: SentenceView, anchors: Anchors, place: Place, exclude: list[tuple[int, int]]
) -> Place:
    """A better-known place that describes a village the gazetteer does not know, or a
    town that describes a country or province: "in Kafr Ubayd (Idlib district, Idlib)" is
    placed at Idlib district, as ACLED does at geo_precision 2. Only the place's own
    phrase counts (apposition, parenthesis, "of ..."), never a source's "in Idlib said"."""
    unknown = place.lat is None
    if not unknown and level(place) < 2:
        return place
    # only what describes the place itself: its apposition, parenthesis or "of" phrase
    heads = [k for k in range(view.first, view.last) if view.tok(k).start == place.start]
    if not heads:
        return place
    inside = [view.tok(k) for k in view.subtree(heads[0])]
    lo, hi = min(t.start for t in inside), max(t.end for t in inside)
    pool = [
        p
        for p in anchors.places_in(lo, hi)
        if p.lat is not None
        and p is not place
        and not any(a <= p.start and p.end <= b for a, b in exclude)
        and (unknown or (p.country == place.country and within(p, place)))
        and level(p) < (3 if unknown else level(place))
    ]
    if not pool:
        return place
    # the nearest, preferring what follows ("Kafr Ubayd (Idlib district)")
    best = min(pool, key=lambda p: (p.start < place.start, abs(p.start - place.end)))
    if not unknown:
        return best
    return near_unknown(best)


def bracketed_scene(anchors: Anchors, sentence: Sentence, found: list[Place]) -> list[Place]:
    """An ACLED note names the place it codes an event to with its areas in brackets
    ("residents of Lodwar (Turkana Central, Turkana) demonstrated against insecurity after
    herders from Kapedo were attacked"; "residents of Gwoza who had fled to Maiduguri
    (Maiduguri, Borno) protested"). When the sentence names exactly one such town or
    district, an event placed elsewhere (farther than ``NEAR_KM``, in a wider area, or
    nowhere) is put there; several listed places ("the seizure of A and B") are kept, and
    so is a place the note says the event was coded to."""
    if len(found) > 1 or anchors.coded_all is not None or anchors.coded_as:
        return found
    marked = [
        p
        for p in anchors.places_in(sentence.start, sentence.end)
        if p.lat is not None and p.lon is not None and level(p) < AREA_LEVEL
        and anchors.bracketed(p)
    ]  # fmt: skip
    if len(marked) != 1:
        return found
    mark = marked[0]
    place = found[0] if found else None
    if place is None or place.lat is None or place.lon is None:
        return [mark]
    if place is mark or anchors.contains(mark, place):
        # "in El Salto, Pueblo Nuevo (Durango)": the bracket holds the municipality the
        # place was said to lie in, not another scene
        return found
    near = distance_km(place.lat, place.lon, mark.lat, mark.lon) <= NEAR_KM  # type: ignore[arg-type]
    return found if near and level(place) <= level(mark) else [mark]


def sentence_place(
    view: SentenceView, anchors: Anchors, exclude: list[tuple[int, int]]
) -> Place | None:
    """A resolved place of the event's own sentence when its clause names none (a parse
    that hangs the place outside the clause: "Somali forces backed by clan militias
    captured Eel Dheer (Ceel Dheer, Galguduud)"): the finest, not an area another of them
    lies in, not a source's town, a launch point, where people came from, an actor's
    words or a country that only says whose people they are ("through US officials")."""
    starts = {view.tok(k).start: k for k in range(view.first, view.last)}
    pool = [
        p
        for p in anchors.places_in(view.sentence.start, view.sentence.end)
        if p.geonames_id is not None
        and not anchors.sourced(p)
        and not anchors.launched_from(p)
        and not any(a <= p.start and p.end <= b for a, b in exclude)
        and not (p.start in starts and _affiliation(view, starts[p.start], p))
    ]
    return min(anchors.innermost(pool), key=lambda p: (p.precision or 9, p.start), default=None)


def within(town: Place, area: Place) -> bool:
    """Whether ``town`` can lie in ``area`` (a country, or a province by its admin1 code)."""
    if (area.feature or "").startswith("PCL"):
        return True
    return area.admin1 is not None and town.admin1 == area.admin1


def _affiliation(view: SentenceView, k: int, place: Place) -> bool:
    """Whether the country at token ``k`` only says whose people or things a noun names
    ("through US officials", "UK-made missiles"): an affiliation, not where it happened."""
    t = view.tok(k)
    return (
        level(place) == 3
        and t.dep in ("compound", "amod", "nmod")
        and view.tok(t.head).pos in ("NOUN", "PROPN")
    )
