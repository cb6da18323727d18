"""Link words: what may stand between a place and the area it lies in.

"Shinan town in Idleb countryside", "Kafr Ubayd (Idlib district)", "Paris, Texas",
"Bal'ad (Balcad, Middle Shabelle)": the text between two place names says whether the
second is the first's container (``link_between``), and which span that is
(``container_of``). Used by ``contain`` and by the events stage's anchors.
"""

from __future__ import annotations

import re

from .context import cues
from .recognise import PlaceSpan

# the words for a kind of place that may stand between a place and its container ("town
# in", "taluka (", "township,"): these and every admin, district and place noun of cues.yaml
_KINDS = frozenset(
    [
        "town",
        "village",
        "city",
        "area",
        "areas",
        "camp",
        "neighbourhood",
        "neighborhood",
        "district",
        "sub-district",
        "subdistrict",
        "axis",
        "road",
        "street",
        "square",
        "roundabout",
        "market",
        "hospital",
        "mosque",
        "school",
        "university",
        "base",
        "airbase",
        "airport",
        "checkpoint",
        "crossing",
        "prison",
        "station",
        "bridge",
        "junction",
        "outskirts",
        "vicinity",
        "countryside",
        "region",
        "community",
        "commune",
        "municipality",
        "township",
        "lga",
        "upazila",
        "cercle",
        "locality",
        "ward",
        "sector",
        "county",
        "province",
        "governorate",
        "state",
        "zone",
        "settlement",
        "hamlet",
        "suburb",
        "quarter",
        "island",
        "port",
        "valley",
    ]
)


# lowercase words that may stand before such a kind word ("Kandi forest area (Rajouri)");
# not "military" ("the US military base near Shadadah" says nothing of where the US lies)
_QUALIFIERS = (
    r"(?-i:forest|police|market|residential|refugee|border|hill|mountain|tea|farm"
    r"|displacement|IDP|IDPs|displaced)"
)


def _link_pattern() -> re.Pattern[str]:
    c = cues()
    kinds = sorted(_KINDS | c.admin | c.admin2 | c.place_nouns, key=len, reverse=True)
    words = "|".join(re.escape(k) for k in kinds)
    # what may stand between a place and its container: "town in", "village, in the",
    # "area in rural", "(", "camp in northern", "region (Chiya-e Gara) of", "forest area ("
    return re.compile(
        rf"""^\s*(?:{_QUALIFIERS}\s+(?={words}))?(?:(?:{words})\b\s*)?
        (?:\([^()]{{1,40}}\)\s*)?
        (?P<link>in|of|near|,|\(|-|\u2013)\s*(?:the\s+)?
        (?:(?:rural|northern|southern|eastern|western|central|north|south|east|west
        |northeastern|northwestern|southeastern|southwestern)\s+)?$""",
        re.IGNORECASE | re.VERBOSE,
    )


_LINK = _link_pattern()
# "Bal'ad (Balcad, Middle Shabelle)": a bracket whose first name is no place (spaCy missed
# it or the gazetteer lacks it) still names the area after it
_PAST_UNKNOWN = re.compile(r"^\s*(?P<link>\()[A-Z][^(),]{0,40},\s*$")


def link_between(text: str, end: int, start: int) -> str | None:
    """The link word when the text from ``end`` to ``start`` puts the name before it
    inside the name after it ("(", ",", "in", "of" ...), else None."""
    if start < end:
        return None
    m = _LINK.match(text[end:start]) or _PAST_UNKNOWN.match(text[end:start])
    return m.group("link").lower() if m else None


def container_of(text: str, spans: list[PlaceSpan], i: int) -> tuple[int, str] | None:
    """The index of the span that names the container of span ``i``, and the link word."""
    span = spans[i]
    for j in range(i + 1, min(i + 2, len(spans))):
        other = spans[j]
        if other.role != "mention" or other.start < span.end:
            continue
        link = link_between(text, span.end, other.start)
        if link == "," or text[span.end : other.start].strip() == "and":
            # "near Klishchiivka, Andriivka and Kurdiumivka (Bakhmutskyi raion, ...)": the
            # bracket after the last place of a list holds them all
            found = container_of(text, spans, j)
            if found is not None and found[1] == "(":
                return found
        if link:
            return j, link
    return None
