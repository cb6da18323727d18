"""The gazetteer: a read-only SQLite file of GeoNames places and their names.

``build_gazetteer`` (in ``build.py``) writes the file once; ``Gazetteer.open`` serves
lookups from it. Only a bounded cache of recent lookups is held in memory, so the
process stays small while a name lookup costs one indexed query (well under 1 ms).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .normalise import loose_key, normalise_name, sound_key

SCHEMA_VERSION = "25"
SHORT_SOUND = 3  # consonants: a skeleton this short matches only a big city
BIG_CITY = 100_000
KIND_RANK = {"name": 0, "alias": 1, "code": 2, "alt": 3}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, country TEXT,
    admin1_code TEXT, admin1 TEXT, admin2_code TEXT, feature TEXT, population INTEGER
);
CREATE TABLE name (norm TEXT NOT NULL, loose TEXT NOT NULL, place INTEGER NOT NULL,
                   kind TEXT NOT NULL);
CREATE TABLE country (iso2 TEXT PRIMARY KEY, iso3 TEXT, place INTEGER, capital INTEGER,
                      continent TEXT);
CREATE TABLE demonym (norm TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE sound (key TEXT NOT NULL, place INTEGER NOT NULL);
"""

INDEXES = """
CREATE INDEX name_norm ON name (norm);
CREATE INDEX name_loose ON name (loose);
CREATE INDEX demonym_norm ON demonym (norm);
CREATE INDEX sound_key ON sound (key);
"""

COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "PCLH"})
ADMIN_FEATURES = frozenset({"ADM1", "ADM2", "ADM3", "ADM1H", "ADM2H"})
REGION_FEATURES = frozenset(
    {"CONT", "RGN", "OCN", "SEA", "GULF", "MTS", "PEN", "DSRT", "STM", "ISLS"}
)
# sitrep's own code (not GeoNames'): a settlement whose point is only near it, such as a
# Ukrainian village placed at the middle of its hromada; events there are precision 2
NEAR_POINT = "PPLN"


class StaleGazetteerError(ConfigError):
    """The gazetteer file has an older layout than this sitrep reads."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. ``kind`` says how the looked-up name matched it:
    ``name`` (its main name), ``alias`` (a hand-curated variant from sitrep's data files),
    ``alt`` (a GeoNames alternate name), ``code`` (an abbreviation), ``loose`` (only
    after dropping articles and doubled letters) or ``sound`` (only by consonants, for
    places in ``normalise.SOUND_COUNTRIES``)."""

    id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2_code: str | None
    feature: str
    population: int
    kind: str = "name"

    @property
    def is_country(self) -> bool:
        return self.feature in COUNTRY_FEATURES

    @property
    def is_admin(self) -> bool:
        return self.feature in ADMIN_FEATURES

    @property
    def is_region(self) -> bool:
        return self.feature in REGION_FEATURES

    @property
    def is_populated(self) -> bool:
        return self.feature.startswith("PPL")

    @property
    def is_near_point(self) -> bool:
        """The point is near the place, not the place itself (``NEAR_POINT``)."""
        return self.feature == NEAR_POINT


_PLACE_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.country, p.admin1_code, p.admin1, p.admin2_code, "
    "p.feature, p.population"
)


def _entry(row: tuple[Any, ...], kind: str = "name") -> Entry:
    pid, name, lat, lon, country, a1code, admin1, a2code, feature, population = row[:10]
    return Entry(pid, name, lat, lon, country, a1code, admin1, a2code, feature, population, kind)


class Gazetteer:
    """Read-only access to a gazetteer file built by ``build_gazetteer``."""

    def __init__(self, path: Path, cache_size: int = 50_000):
        self.path = Path(path)
        self.cache_size = cache_size
        self._db = self._connect(self.path)
        self._cache: OrderedDict[str, tuple[Entry, ...]] = OrderedDict()
        self._countries = self._load_countries()
        self._demonyms: dict[str, int] = dict(
            self._db.execute("SELECT norm, place FROM demonym").fetchall()
        )

    @classmethod
    def open(cls, path: Path | str) -> Gazetteer:
        return cls(Path(path))

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        if not path.is_file():
            raise ConfigError(
                f"no gazetteer at {path}; build it with `sitrep gazetteer build --out {path}`"
            )
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{path} is not a sitrep gazetteer; rebuild it") from exc
        if row is None or row[0] != SCHEMA_VERSION:
            raise StaleGazetteerError(
                f"{path} was built by another sitrep version; rebuild it with "
                f"`sitrep gazetteer build --out {path}`"
            )
        return db

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "cache_size": self.cache_size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["cache_size"])  # type: ignore[misc]

    def _load_countries(self) -> dict[str, tuple[int | None, int | None, str | None]]:
        rows = self._db.execute("SELECT iso2, place, capital, continent FROM country")
        return {iso2: (place, capital, continent) for iso2, place, capital, continent in rows}

    def alpha2(self, code: str) -> str | None:
        """The ISO alpha-2 code of a country given by its alpha-2 or alpha-3 code."""
        code = code.upper()
        if code in self._countries:
            return code
        row = self._db.execute("SELECT iso2 FROM country WHERE iso3 = ?", (code,)).fetchone()
        return str(row[0]) if row else None

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place called ``name``: exact normalised match, else loose match, else
        (in the Arabic-speaking world) the same consonants."""
        norm = normalise_name(name)
        if not norm:
            return ()
        hit = self._cache.get(norm)
        if hit is not None:
            self._cache.move_to_end(norm)
            return hit
        found = self._query("n.norm = ?", norm)
        if not found:
            loose = loose_key(name)
            found = (
                tuple(
                    dataclasses.replace(e, kind="loose") for e in self._query("n.loose = ?", loose)
                )
                if loose
                else ()
            )
        if not found:
            found = self._sound(name)
        self._cache[norm] = found
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return found

    def _query(self, where: str, value: str) -> tuple[Entry, ...]:
        sql = (
            f"SELECT {_PLACE_COLUMNS}, n.kind FROM name n JOIN place p ON p.id = n.place "
            f"WHERE {where}"
        )
        best: dict[int, Entry] = {}
        rank = KIND_RANK
        for row in self._db.execute(sql, (value,)):
            entry = _entry(row, row[10])
            old = best.get(entry.id)
            if old is None or rank.get(entry.kind, 3) < rank.get(old.kind, 3):
                best[entry.id] = entry
        return tuple(best.values())

    def _sound(self, name: str) -> tuple[Entry, ...]:
        key = sound_key(name)
        if not key:
            return ()
        rows = self._db.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS} FROM sound s JOIN place p ON p.id = s.place "
            "WHERE s.key = ?",
            (key,),
        )
        found = tuple(_entry(row, "sound") for row in rows)
        # a skeleton shared with a place's own name beats one shared with an alternate
        # name ("Nassriya" is An Nasiriyah, not Ahvaz once called Nasiri): two guesses
        # stacked are weaker than one
        own = tuple(e for e in found if sound_key(e.name) == key)
        if len(key.replace(" ", "")) <= SHORT_SOUND:  # "hjn": Hejneh is not Hajin, but a
            # city may be meant, by its own name
            return tuple(e for e in own if e.population >= BIG_CITY)
        return own

    def demonym(self, word: str) -> Entry | None:
        """The country (or continent, region) a demonym points to: "Syrian" -> Syria."""
        norm = normalise_name(word)
        place = self._demonyms.get(norm) or self._demonyms.get(norm.removesuffix("s"))
        return self.get(place) if place is not None else None

    def knows(self, name: str) -> bool:
        return bool(self.lookup(name))

    def get(self, place_id: int) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return _entry(row) if row else None

    def country(self, iso2: str) -> Entry | None:
        info = self._countries.get(iso2.upper())
        return self.get(info[0]) if info and info[0] is not None else None

    def capital(self, iso2: str) -> Entry | None:
        info = self._countries.get(iso2.upper())
        return self.get(info[1]) if info and info[1] is not None else None

    def admin1(self, country: str, code: str) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.country = ? AND p.admin1_code = ? "
            "AND p.feature = 'ADM1' LIMIT 1",
            (country, code),
        ).fetchone()
        return _entry(row) if row else None

    def close(self) -> None:
        self._db.close()


def ensure_gazetteer(path: Path | str) -> Gazetteer:
    """Open the gazetteer at ``path``, building it from the packages first if it is missing."""
    target = Path(path)
    if target.is_file() and not is_current(target):
        target.unlink()  # a derived file from an older sitrep: build it again
    if not target.is_file():
        from .build import build_gazetteer

        build_gazetteer(target)
    return Gazetteer.open(target)


def is_current(path: Path) -> bool:
    """Whether ``path`` is a gazetteer with this sitrep's schema version."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == SCHEMA_VERSION
