"""Nigeria's settlements from OpenStreetMap, as packaged by ``safesignal-geo``.

Many of the villages ACLED's Nigerian notes name ("Kafin X village (Gusau LGA, Zamfara
state)") are missing from GeoNames' cities list. ``safesignal-geo`` (Apache-2.0 code)
ships a gazetteer compiled from OpenStreetMap (data under the ODbL: "(c) OpenStreetMap
contributors") as ``data/nigeria_v0.2.csv``. Only its rows typed ``settlement`` whose
state is known (not a point across the border) are read, through
``villages.VillageIndex``; the package's spelling variants become second names.
"""

from __future__ import annotations

import csv
import unicodedata

from .sources import Rows
from .villages import plain_village, village_source

OSM_NIGERIA_IDS = 982_000_000  # + the row number: clear of GeoNames' and other villages' ids
# the package's state names that GeoNames spells otherwise
_STATES = {"Federal Capital Territory": "Abuja Federal Capital Territory"}


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _folded(name: str) -> str:
    """Without tone marks and dots below: "Ọ̀yọ́" -> "Oyo"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def read_osm_nigeria(rows: Rows, countries: frozenset[str] | None) -> None:
    """Nigeria's OpenStreetMap settlements as places (see the module note)."""
    source = village_source(rows, countries, "NG", "safesignal_geo", "data/nigeria_v0.2.csv")
    if source is None:
        return
    index, path = source
    with path.open(encoding="utf-8", newline="") as f:
        for n, rec in enumerate(csv.DictReader(f)):
            if rec["type"] != "settlement" or rec["admin_state"] in ("", "Unknown"):
                continue
            state = index.state(_STATES.get(rec["admin_state"], rec["admin_state"]))
            if state is None:
                continue
            name = plain_village(_folded(rec["canonical_name"]))
            if name is None:
                continue
            alt = [_title(_folded(a)) for a in rec["aliases"].split(";")]
            alt = [a for a in alt if plain_village(a)]
            index.add(OSM_NIGERIA_IDS + n, name, float(rec["lat"]), float(rec["lng"]), state, alt)
