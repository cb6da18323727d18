"""Building the gazetteer from GeoNames dump files written here in dump format."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.errors import ConfigError
from sitrep.places import Gazetteer, build_gazetteer, ensure_gazetteer
from sitrep.places.commands import gazetteer as group
from sitrep.places.gazetteer import StaleGazetteerError
from sitrep.settings import Settings


def _city(
    gid: int,
    name: str,
    alts: str,
    lat: float,
    lon: float,
    code: str,
    cc: str,
    a1: str,
    a2: str,
    pop: int,
) -> str:
    cols = [
        str(gid),
        name,
        name,
        alts,
        str(lat),
        str(lon),
        "P",
        code,
        cc,
        "",
        a1,
        a2,
        "",
        "",
        str(pop),
        "",
        "300",
        "Asia/Damascus",
        "2024-01-01",
    ]
    return "\t".join(cols)


CITIES = [
    _city(169577, "Homs", "Hims,Emesa", 34.72682, 36.72339, "PPLA", "SY", "11", "1101", 775404),
    _city(170017, "Hamah", "Hama,Hamath", 35.13179, 36.75783, "PPLA", "SY", "10", "", 460602),
    _city(9900001, "Tall Example", "", 34.90, 36.50, "PPL", "SY", "11", "1101", 21000),
    _city(9900002, "Homs", "", 40.10, -90.20, "PPL", "US", "IL", "", 800),
    _city(4299276, "Louisville", "", 38.25424, -85.75941, "PPL", "US", "KY", "111", 600000),
]
ADMIN1 = [
    "US.KY\tKentucky\tKentucky\t6254925",
    "SY.11\tHim\u1e63\tHoms Governorate\t169575",
    "SY.10\tHamah\tHama Governorate\t170015",
    "US.IL\tIllinois\tIllinois\t4896861",
]
ADMIN2 = ["SY.11.1101\tHoms District\tHoms District\t9900100"]
ALTERNATES = [
    "1\t169577\tar\t\u062d\u0645\u0635\t\t\t\t\t\t",
    "2\t169577\tiata\tOMS\t\t\t\t\t\t",
    "3\t170017\ten\tEpiphania\t\t\t\t\t\t",
    "4\t169575\ten\tHoms Province\t\t\t\t\t\t",
]


@pytest.fixture(scope="module")
def dump_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("geonames")
    (folder / "cities500.txt").write_text("\n".join(CITIES) + "\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text("\n".join(ADMIN1) + "\n", encoding="utf-8")
    (folder / "admin2Codes.txt").write_text("\n".join(ADMIN2) + "\n", encoding="utf-8")
    (folder / "alternateNamesV2.txt").write_text("\n".join(ALTERNATES) + "\n", encoding="utf-8")
    path = build_gazetteer(folder / "gaz.sqlite", source="geonames", geonames_dir=folder)
    return Gazetteer.open(path)


def _ids(gaz: Gazetteer, name: str) -> set[int]:
    return {e.id for e in gaz.lookup(name)}


def test_gazetteer_build_reads_main_and_alternate_names(dump_gazetteer: Gazetteer) -> None:
    assert 169577 in _ids(dump_gazetteer, "Hims")
    assert 169577 in _ids(dump_gazetteer, "\u062d\u0645\u0635")
    assert _ids(dump_gazetteer, "Epiphania") == {170017}


def test_gazetteer_build_skips_airport_codes(dump_gazetteer: Gazetteer) -> None:
    assert dump_gazetteer.lookup("OMS") == ()


def test_gazetteer_build_keeps_feature_codes_and_admin_names(dump_gazetteer: Gazetteer) -> None:
    homs = dump_gazetteer.get(169577)
    assert homs is not None
    assert (homs.feature, homs.country, homs.admin1) == ("PPLA", "SY", "Homs Governorate")
    assert homs.admin2_code == "1101"


def test_gazetteer_build_places_admin_areas_among_their_towns(dump_gazetteer: Gazetteer) -> None:
    province = dump_gazetteer.get(169575)
    assert province is not None and province.feature == "ADM1"
    assert province.lat is not None and 34.7 <= province.lat <= 34.95
    assert province.population == 775404 + 21000
    assert 169575 in _ids(dump_gazetteer, "Homs Province")


def test_gazetteer_build_adds_countries_and_capitals_from_packages(
    dump_gazetteer: Gazetteer,
) -> None:
    syria = dump_gazetteer.country("SY")
    assert syria is not None and syria.feature == "PCLI" and syria.lat is not None
    assert 163843 in _ids(dump_gazetteer, "Syria")


def test_gazetteer_lookup_lists_every_place_with_the_name(dump_gazetteer: Gazetteer) -> None:
    assert {169577, 9900002} <= _ids(dump_gazetteer, "homs")


def test_gazetteer_loose_lookup_marks_its_kind(dump_gazetteer: Gazetteer) -> None:
    found = dump_gazetteer.lookup("Al-Hamah")
    assert {e.id for e in found} == {170017, 170015}
    assert {e.kind for e in found} == {"loose"}


def test_gazetteer_demonyms_point_to_countries(dump_gazetteer: Gazetteer) -> None:
    syrian, israelis = dump_gazetteer.demonym("Syrian"), dump_gazetteer.demonym("Israelis")
    assert syrian is not None and syrian.country == "SY" and syrian.is_country
    assert israelis is not None and israelis.country == "IL"
    assert dump_gazetteer.demonym("Homs") is None


def test_gazetteer_demonyms_of_continents(dump_gazetteer: Gazetteer) -> None:
    european = dump_gazetteer.demonym("European")
    assert european is not None and european.feature == "CONT" and european.country is None


def test_gazetteer_survives_pickling(dump_gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(dump_gazetteer))
    assert _ids(copy, "Hims") == _ids(dump_gazetteer, "Hims")


def test_gazetteer_meta_records_the_source(dump_gazetteer: Gazetteer) -> None:
    assert dump_gazetteer.meta()["source"] == "geonames"


def test_gazetteer_open_missing_file_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="gazetteer build"):
        Gazetteer.open(tmp_path / "none.sqlite")


def test_gazetteer_open_rejects_other_files(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError, match="rebuild"):
        Gazetteer.open(other)


def test_gazetteer_build_without_dumps_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cities500"):
        build_gazetteer(tmp_path / "g.sqlite", source="geonames", geonames_dir=tmp_path)


def test_gazetteer_build_rejects_unknown_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="packages"):
        build_gazetteer(tmp_path / "g.sqlite", source="osm")


def test_gazetteer_ensure_opens_an_existing_file(dump_gazetteer: Gazetteer) -> None:
    assert ensure_gazetteer(dump_gazetteer.path).meta()["source"] == "geonames"


def test_gazetteer_build_knows_state_abbreviations(dump_gazetteer: Gazetteer) -> None:
    assert 6254925 in _ids(dump_gazetteer, "Ky.")
    kentucky = dump_gazetteer.get(6254925)
    assert kentucky is not None and kentucky.lat == 38.25424


def test_gazetteer_build_adds_hand_compiled_regions(dump_gazetteer: Gazetteer) -> None:
    golan = [e for e in dump_gazetteer.lookup("Golan Heights") if e.is_region]
    assert golan and golan[0].id < 0 and golan[0].country == "SY"


def test_gazetteer_build_adds_hand_compiled_aliases(dump_gazetteer: Gazetteer) -> None:
    found = dump_gazetteer.lookup("Hims")
    assert [e.kind for e in found if e.id == 169577] == ["alias"]
    assert 6255148 in _ids(dump_gazetteer, "EU")


def test_gazetteer_cli_builds_from_dumps_and_looks_up(
    dump_gazetteer: Gazetteer, tmp_path: Path
) -> None:
    folder = dump_gazetteer.path.parent
    out = tmp_path / "cli.sqlite"
    runner = CliRunner()
    built = runner.invoke(
        group, ["build", "--out", str(out), "--geonames-dir", str(folder)], obj=Settings()
    )
    assert built.exit_code == 0, built.output
    assert out.is_file() and "wrote" in built.output
    found = runner.invoke(group, ["lookup", "Hims", "--gazetteer", str(out)], obj=Settings())
    assert found.exit_code == 0 and "gn:169577" in found.output


def test_gazetteer_cli_reports_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        group, ["lookup", "Homs", "--gazetteer", str(tmp_path / "none.sqlite")], obj=Settings()
    )
    assert result.exit_code == 1 and "gazetteer build" in result.output


def test_gazetteer_ensure_rebuilds_an_outdated_file(
    dump_gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.sqlite"
    old.write_bytes(dump_gazetteer.path.read_bytes())
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(StaleGazetteerError):
        Gazetteer.open(old)
    calls: list[Path] = []

    def fake_build(path: Path, **_: object) -> Path:
        calls.append(path)
        Path(path).write_bytes(dump_gazetteer.path.read_bytes())
        return Path(path)

    monkeypatch.setattr("sitrep.places.build.build_gazetteer", fake_build)
    assert ensure_gazetteer(old).meta()["schema"] == dump_gazetteer.meta()["schema"]
    assert calls == [old]


def test_gazetteer_build_takes_country_points_from_all_countries(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    country = ["6251999", "Canada", "Canada", "", "61.0", "-110.0", "A", "PCLI", "CA", "",
               "00", "", "", "", "37058856", "", "", "", "2024-01-01"]  # fmt: skip
    lines = [*CITIES, "\t".join(country)]
    (folder / "allCountries.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gaz = Gazetteer.open(build_gazetteer(tmp_path / "g.sqlite", "geonames", folder))
    canada = gaz.country("CA")
    assert canada is not None and (canada.lat, canada.lon) == (61.0, -110.0)
    assert 169577 in _ids(gaz, "Homs")
