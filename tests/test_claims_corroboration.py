"""Corroboration and source profiles, on hand-built source lists."""

from __future__ import annotations

import pytest

from sitrep.claims import corroboration, default_profiles
from sitrep.errors import InputError
from sitrep.models import ActorRef

SOHR = ActorRef("sohr", "Syrian Observatory for Human Rights", "the Observatory")
SHAM = ActorRef("sham-fm", "Sham FM", "Sham FM")
SANA = ActorRef("sana", "SANA", "SANA")
STATE_MEDIA = ActorRef("SYR.state-media", "Syrian state media", "state media")
REBELS = ActorRef("src:rebel-sources", "rebel sources", "rebel sources")
TURKISH = ActorRef(
    "src:turkish-security-sources", "turkish security sources", "Turkish security sources"
)
HAWAR = ActorRef("hawar", "Hawar News Agency", "ANHA")
ANALYSTS = ActorRef("src:analysts", "analysts", "Analysts")


def test_claims_corroboration_one_source() -> None:
    c = corroboration([SOHR], ["reports"])
    assert (c.sources_count, c.independent_sources) == (1, 1)
    assert not c.cross_alignment and not c.contradicted
    assert c.score == 0.5


def test_claims_corroboration_opposition_and_pro_government_agree() -> None:
    c = corroboration([SOHR, SHAM], ["reports", "reports"])
    assert c.independent_sources == 2
    assert c.cross_alignment
    assert c.alignments == ("opposition", "pro-government")
    assert c.score > corroboration([SOHR, REBELS], ["reports", "asserts"]).score


def test_claims_corroboration_one_states_media_count_once() -> None:
    c = corroboration([SANA, STATE_MEDIA], ["reports", "asserts"])
    assert c.sources_count == 2
    assert c.independent_sources == 1


def test_claims_corroboration_claim_and_denial_contradict() -> None:
    c = corroboration([REBELS, STATE_MEDIA], ["asserts", "denies"])
    assert c.contradicted
    assert c.independent_sources == 1
    assert c.score < corroboration([REBELS], ["asserts"]).score


def test_claims_corroboration_denial_alone_is_not_a_contradiction() -> None:
    c = corroboration([STATE_MEDIA], ["denies"])
    assert not c.contradicted
    assert c.independent_sources == 0 and c.score == 0.0


def test_claims_corroboration_typed_sources_carry_alignment() -> None:
    c = corroboration([TURKISH, HAWAR], [])
    assert c.cross_alignment  # Turkish state and the Kurdish-led administration agree


def test_claims_corroboration_opinion_counts_less_than_a_report() -> None:
    assert corroboration([ANALYSTS], ["opinion"]).score < corroboration([SOHR], ["reports"]).score


def test_claims_corroboration_chains_merge_an_outlet_and_its_wire() -> None:
    outlet = ActorRef("outlet:example-daily", "Example Daily", "Example Daily")
    wire = ActorRef("ap", "Associated Press", "AP")
    assert corroboration([outlet, wire]).independent_sources == 2
    merged = corroboration([outlet, wire], chains=[["outlet:example-daily", "ap"]])
    assert merged.independent_sources == 1


@pytest.mark.parametrize(
    ("sources", "stances"),
    [([SOHR, SHAM], ["reports"]), ([SOHR], ["believes"])],
)
def test_claims_corroboration_rejects_bad_stances(sources, stances) -> None:
    with pytest.raises(InputError):
        corroboration(sources, stances)


@pytest.mark.parametrize(
    ("text", "profile_id"),
    [
        ("the Britain-based Syrian Observatory for Human Rights", "sohr"),
        ("SOHR", "sohr"),
        ("The pro-government broadcaster Sham FM", "sham-fm"),
        ("Al-Jazeera", "al-jazeera"),
        ("Agence France-Presse", "afp"),
    ],
)
def test_claims_profiles_find_by_name(text: str, profile_id: str) -> None:
    found = default_profiles().find(text)
    assert found is not None and found.id == profile_id


def test_claims_profiles_have_alignment_location_and_scale() -> None:
    sohr = default_profiles().by_id["sohr"]
    assert (sohr.alignment, sohr.location, sohr.source_scale) == ("opposition", "GB", "National")
    assert sohr.ref().id == "sohr"  # the actor registry's id


def test_claims_profiles_descriptor_needs_more_than_media() -> None:
    profiles = default_profiles()
    assert profiles.descriptor(["social", "media"]) is None
    described = profiles.descriptor(["a", "pro-government", "media", "outlet"])
    assert described is not None and described.alignment == "pro-government"
    assert (
        profiles.match_descriptor(described, [profiles.by_id["sohr"], profiles.by_id["sham-fm"]])
        == (profiles.by_id["sham-fm"])
    )


def test_claims_profiles_link_to_actor_registry_ids() -> None:
    registry_module = pytest.importorskip("sitrep.actors.registry")
    registry = registry_module.Registry.load()
    missing = [
        p.actor_id for p in default_profiles().profiles if p.actor_id and p.actor_id not in registry
    ]
    assert missing == []


def test_claims_profiles_descriptor_reads_the_seat() -> None:
    profiles = default_profiles()
    described = profiles.descriptor(["the", "britain", "-", "based", "war", "monitor"])
    assert described is not None and described.location == "GB"
    candidates = [profiles.by_id["airwars"], profiles.by_id["sohr"], profiles.by_id["acled"]]
    assert profiles.match_descriptor(described, candidates) in (
        profiles.by_id["airwars"],
        profiles.by_id["sohr"],
    )
    opposition = profiles.descriptor(["a", "britain", "-", "based", "opposition", "monitor"])
    assert opposition is not None
    assert profiles.match_descriptor(opposition, candidates) == profiles.by_id["sohr"]


def test_claims_corroboration_uses_registry_sides_for_unprofiled_actors() -> None:
    army = ActorRef("SYR.state-forces", "Syrian Arab Army", "the army")
    plain = corroboration([army, SOHR], ["asserts", "reports"])
    assert not plain.cross_alignment
    sided = corroboration([army, SOHR], ["asserts", "reports"], sides={army.id: "government"})
    assert sided.cross_alignment
