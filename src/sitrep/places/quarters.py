"""Quarters of a town the gazetteer does not know: "in Nairobi, police dispersed
protesters in the Kibera and Mathare areas". The quarter is placed at the town its
sentence names before it, at precision 2 (near the town), as ACLED places an event in a
neighbourhood it has no point for; without it the event would have no coordinates."""

from __future__ import annotations

import dataclasses
import re

from ..geo import distance_km
from ..models import Document, Place

# a name (or a list of names) followed by a word for a part of a town
_QUARTER = re.compile(
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})*\s+"
    r"(?P<kind>neighbou?rhoods?|areas?|quarters?|suburbs?|sectors?|estates?|slums?|"
    r"localit(?:y|ies)|districts?)\b"
)
# a word before the name that calls it a quarter ("Bairro Jardim", "Colonia Kennedy",
# "the Sussuarana favela")
_OPENER = re.compile(
    r"\b(?:(?:bairro|colonia|barrio|favela|comunidade|mohalla)"
    # "in Apatzingan, Michoacan, ... on the community of El Aguaje": a part of the
    # municipality named before it, not a namesake two states away
    r"|(?:communit(?:y|ies)|village|locality|hamlet|ejido|vereda|corregimiento)\s+of)\s+$",
    re.IGNORECASE,
)
CITY = 100_000  # people in a town whose "district" is a quarter, not an admin area
FAR_KM = 100.0  # a namesake this far from the town is not its quarter


def _quarter(text: str, place: Place) -> bool:
    """Whether the text calls the mention a quarter of a town."""
    m = _QUARTER.match(text, place.end)
    if m is not None:
        return True
    return bool(_OPENER.search(text[max(0, place.start - 20) : place.start]))


def _district(text: str, place: Place) -> bool:
    m = _QUARTER.match(text, place.end)
    return m is not None and m.group("kind").startswith("district")


def in_towns(doc: Document, places: list[Place], populations: dict[str, int]) -> list[Place]:
    """``places`` with each unknown quarter (or one known only abroad) placed at the town
    named before it in its sentence (a town of ``CITY`` people when the text calls it a
    "district"). ``populations`` gives the people of each resolved place, by place id."""
    text = doc.article.text
    out = []
    for p in places:
        if p.role != "mention" or not _quarter(text, p):
            out.append(p)
            continue
        sentence = doc.sentence_at(p.start)
        floor = CITY if _district(text, p) else 0
        towns = [
            q
            for q in places
            if sentence is not None
            and sentence.start <= q.start < p.start
            and q.role == "mention"
            and q.lat is not None
            and q.precision == 1
            and populations.get(q.id, 0) >= floor
        ]
        town = towns[-1] if towns else None
        # a quarter the gazetteer knows only as a small namesake abroad ("the Old Town
        # area" of Mombasa as a part of Las Vegas) is as unknown
        abroad = town is not None and (p.country != town.country or _far(p, town))
        doubtful = populations.get(p.id, 0) < CITY or p.method.endswith(":ambiguous")
        if town is None or not (p.lat is None or (abroad and doubtful)):
            out.append(p)
            continue
        out.append(stand_in(town, p, ":in-town"))
    return out


def _far(place: Place, town: Place) -> bool:
    """Whether a quarter's namesake lies too far from the town to be a part of it or a
    place beside it ("the Yelwa area" of Bauchi is no Yelwa 160 km away)."""
    if None in (place.lat, place.lon, town.lat, town.lon):
        return False
    return distance_km(place.lat, place.lon, town.lat, town.lon) > FAR_KM  # type: ignore[arg-type]


def stand_in(town: Place, mention: Place, how: str) -> Place:
    """``town``'s point for ``mention``, a street or quarter of it the gazetteer does not
    know, at precision 2 (near the town); ``how`` is added to the mention's method."""
    return dataclasses.replace(
        town,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        precision=2,
        method=mention.method + how,
        role=mention.role,
    )
