"""Myanmar's townships and villages from MIMU's place codes (``mm-geo-coder``).

ACLED's Myanmar notes name villages with their township, district and region ("Kyauk
Sauk village (Pale township, Yinmarbin district, Sagaing region)"); GeoNames knows few
of them, nor most townships. The Myanmar Information Management Unit (MIMU, a UN
service) publishes the place codes and points of the country's wards and villages,
shared for humanitarian and development use with attribution ("Source: MIMU");
``mm-geo-coder`` (MIT) ships them as ``database/mimu_geo_data_public.db``.

Townships (``ADM3``) sit at their seat: the middle (median) of the wards of the town
named after them ("Pale Town"), else of all their wards or villages. Villages with a
point follow, through ``villages.VillageIndex``: "(East)", "(North)" and other bracketed
parts are dropped ("Hle Seik (East)" -> "Hle Seik"), numbered names ("12 Taung Yoe")
skipped, and a name run together into one word is kept as a second name ("Kyun Hteik",
"Kyunhteik"), as English-language reports spell it either way. Every place carries its
district's P-code as ``admin2_code``, as GeoNames' Myanmar districts do.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from statistics import median

from .sources import Rows
from .villages import plain_village, village_source

MIMU_IDS = 981_000_000  # + a township's number, then + 1,000 + a village's row number
_BRACKET = re.compile(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)?)\)")
_SUB = re.compile(r"\s+sub-township$", re.I)
_WARDS = (
    "SELECT township_pcode, township_eng, district_saz_pcode, state_eng, town_eng, "
    "latitude, longitude FROM wards WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
)
_VILLAGES = (
    "SELECT rowid, township_pcode, township_eng, district_saz_pcode, state_eng, "
    "village_eng, latitude, longitude FROM villages "
    "WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY rowid"
)


def village_name(name: str) -> str | None:
    """The name of a MIMU village without its bracketed part; None when unusable."""
    return plain_village(_BRACKET.sub("", name or ""))


def township_names(name: str) -> list[str]:
    """A township's name and its bracketed other spelling: "Ho Tawng (Ho Tao)" ->
    ["Ho Tawng", "Ho Tao"]; "Laukkaing (Kokang SAZ)" -> ["Laukkaing"]."""
    main = _SUB.sub("", _BRACKET.sub("", name or "")).strip()
    other = [m for m in _BRACKET.findall(name or "") if "SAZ" not in m and "(" not in m]
    found = [plain_village(n) for n in [main, *other]]
    if not found or found[0] is None:
        return []
    return [n for n in found if n is not None]


def _state_name(name: str) -> str:
    """GeoNames' name of a MIMU state or region: "Shan (North)" -> "Shan"."""
    return _BRACKET.sub("", name or "").strip()


class _Township:
    def __init__(self, name: str, district: str, state: str):
        self.name, self.district, self.state = name, district, state
        self.seat: list[tuple[float, float]] = []  # wards of "<name> Town"
        self.wards: list[tuple[float, float]] = []
        self.villages: list[tuple[float, float]] = []

    def point(self) -> tuple[float, float]:
        points = self.seat or self.wards or self.villages
        return median(p[0] for p in points), median(p[1] for p in points)


def _townships(db: sqlite3.Connection) -> dict[str, _Township]:
    found: dict[str, _Township] = {}
    for pcode, name, district, state, town, lat, lon in db.execute(_WARDS):
        t = found.setdefault(pcode, _Township(name, district, state))
        (t.seat if town == f"{name} Town" else t.wards).append((lat, lon))
    for _, pcode, name, district, state, _, lat, lon in db.execute(_VILLAGES):
        found.setdefault(pcode, _Township(name, district, state)).villages.append((lat, lon))
    return found


def read_mimu_villages(rows: Rows, countries: frozenset[str] | None) -> None:
    """Myanmar's townships and villages as places (see the module note)."""
    source = village_source(
        rows, countries, "MM", "mm_geo_coder", "database/mimu_geo_data_public.db"
    )
    if source is None:
        return
    index, path = source
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for n, (_, t) in enumerate(sorted(_townships(db).items())):
            names = township_names(t.name)
            if names:
                lat, lon = t.point()
                state = index.state(_state_name(t.state))
                index.add(MIMU_IDS + n, names[0], lat, lon, state, names[1:], "ADM3", t.district)
        for rowid, _, _, district, state_name, raw, lat, lon in db.execute(_VILLAGES):
            name = village_name(raw)
            if name is None:
                continue
            joined = [name.replace(" ", "")] if " " in name else []
            state = index.state(_state_name(state_name))
            index.add(MIMU_IDS + 1_000 + rowid, name, lat, lon, state, joined, "PPL", district)
