"""The actor registry and the ACLED name mapping."""

from __future__ import annotations

import pytest

from sitrep.actors import Registry
from sitrep.actors.acled import acled_actor_id, ids_match


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def test_actors_registry_loads_once(registry: Registry) -> None:
    assert Registry.load() is registry
    assert len(registry) > 2000


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Jabhat al-Nusra", "SYR.hts"),
        ("Jabhat Fateh al-Sham", "SYR.hts"),
        ("HTS", "SYR.hts"),
        ("Quwat Suriya al-Dimuqratiya", "SYR.sdf"),
        ("Turkish-backed Syrian National Army", "SYR.sna"),
        ("Daesh", "islamic-state"),
        ("Hawar News Agency", "hawar"),
        ("Syrian Arab News Agency", "sana"),
        ("Abu Mohammed al-Jolani", "person.ahmed-al-sharaa"),
        ("Organisation for the Prohibition of Chemical Weapons", "opcw"),
        ("Rapid Support Forces", "SDN.rsf"),
        ("Tatmadaw", "MMR.state-forces"),
    ],
)
def test_actors_registry_names_and_former_names(
    registry: Registry, phrase: str, actor_id: str
) -> None:
    entry = registry.lookup(phrase)
    assert entry is not None and entry.id == actor_id


def test_actors_registry_every_country_is_a_state_actor(registry: Registry) -> None:
    for iso3 in ("SYR", "NOR", "BRA", "FJI", "COD"):
        country = registry.get(iso3)
        assert country is not None and country.kind == "country" and country.iso2
        forces = registry.get(f"{iso3}.state-forces")
        assert forces is not None and forces.inter == 1 and forces.country == iso3
    assert registry.lookup("Norwegian troops").id == "NOR.state-forces"  # type: ignore[union-attr]


def test_actors_registry_keeps_facts(registry: Registry) -> None:
    hts = registry.get("SYR.hts")
    assert hts is not None
    assert {"USA", "unsc"} <= set(hts.designations)
    assert any(f.name == "Jabhat al-Nusra" and f.end == "2016-07" for f in hts.former)
    sna = registry.get("SYR.sna")
    assert sna is not None and sna.patrons == ("TUR",)
    assert registry.get("SYR.sdf").side == "kurdish-led"  # type: ignore[union-attr]
    assert registry.get("sana").side == "government"  # type: ignore[union-attr]
    assert registry.get("SYR.hamza-division").parent == "SYR.sna"  # type: ignore[union-attr]


def test_actors_registry_offices_have_dates(registry: Registry) -> None:
    assert registry.head_of("SYR.government", "2024-12-01").id == "person.bashar-al-assad"  # type: ignore[union-attr]
    assert registry.head_of("SYR.government", "2025-02-01") is None
    pedersen = registry.get("person.geir-pedersen")
    assert pedersen is not None
    assert pedersen.offices[0].held_on("2024-12-07")


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Military Forces of Syria (2000-2024)", "SYR.state-forces"),
        ("Military Forces of Israel (2022-)", "ISR.state-forces"),
        ("Police Forces of Lebanon (2021-)", "LBN.police"),
        ("Government of Egypt (2014-)", "EGY.government"),
        ("Civilians (Syria)", "SYR.civilians"),
        ("Protesters (Morocco)", "MAR.protesters"),
        ("Unidentified Armed Group (Libya)", "LBY.unidentified-armed-group"),
        ("Militia (Pro-Iran)", "IRN.proxies"),
        ("HTS: Hayat Tahrir al Sham", "SYR.hts"),
        ("Islamic State (Iraq)", "islamic-state"),
        ("Sultan Murad Division - Afrin", "SYR.sultan-murad"),
        ("Military Forces of Yemen (2017-) Houthi", "YEM.houthis"),
    ],
)
def test_actors_acled_names_map_to_registry_ids(
    registry: Registry, name: str, actor_id: str
) -> None:
    assert acled_actor_id(registry, name) == actor_id


def test_actors_acled_lenient_match_follows_parents(registry: Registry) -> None:
    assert ids_match(registry, "SYR.police", "SYR.state-forces", lenient=True)
    assert not ids_match(registry, "SYR.police", "SYR.state-forces", lenient=False)
    assert not ids_match(registry, "TUR.state-forces", "SYR.state-forces", lenient=True)
    assert ids_match(registry, None, None, lenient=False)


KINDS = {
    "country",
    "state-forces",
    "government",
    "rebel-group",
    "political-militia",
    "identity-militia",
    "igo",
    "ngo",
    "monitor",
    "media",
    "person",
    "civilians",
    "protesters",
    "rioters",
    "unidentified",
}


def test_actors_registry_references_resolve(registry: Registry) -> None:
    for e in registry:
        assert e.kind in KINDS, (e.id, e.kind)
        refs = [e.parent, e.affiliation, *e.patrons, *e.designations]
        refs += [o.org for o in e.offices]
        for ref in refs:
            assert ref is None or ref in registry, (e.id, ref)
        assert e.country is None or registry.get(e.country).kind == "country"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Fateh al-Mubeen Operation Room", "SYR.fath-mubeen"),
        ("Hayat Tahreer al-Sham", "SYR.hts"),
        ("Sultan Mourad Division", "SYR.sultan-murad"),
    ],
)
def test_actors_registry_loose_lookup_tolerates_transliteration(
    registry: Registry, name: str, actor_id: str
) -> None:
    assert registry.lookup(name) is None or registry.lookup(name).id == actor_id  # type: ignore[union-attr]
    assert registry.lookup_loose(name).id == actor_id  # type: ignore[union-attr]
