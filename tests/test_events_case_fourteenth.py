"""Fourteenth events session: general rules, each with sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.actors import ActorsStage, Registry
from sitrep.events import EventsStage
from sitrep.events.rank import competing
from sitrep.models import Document

# a demonstration named as what the arrested are charged with or held over is the arrest's
# cause; arrests made at a demonstration are still its policing
CHARGED = [
    "Police arrested five activists on charges of organising the protests last year.",
    "Security forces detained 12 students over their role in the anti-government "
    "demonstrations.",
    "Authorities arrested the opposition leader on suspicion of inciting riots in the capital.",
    "Police arrested three union leaders for taking part in the strike rallies of March.",
]
AT_PROTEST = [
    "Police arrested 30 protesters during a march against fuel prices in Lagos.",
    "Police arrested dozens of demonstrators who blocked the highway.",
]


def test_events_case_a_protest_an_arrest_is_charged_with_does_not_compete(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in CHARGED:
        doc = stage(parse_text(text))
        named = {e.acled_event_type for e in doc.events}
        assert named & {"Protests", "Riots"}, text  # the demonstration is still found ...
        kinds = {e.acled_event_type for e in competing(doc)}
        assert not kinds & {"Protests", "Riots"}, text  # ... but is not the news
        assert case_label(doc) == "ARREST", text
    for text in AT_PROTEST:
        assert case_label(stage(parse_text(text))) == "PROTEST_WITH_INTER", text


def test_events_case_protests_an_agreement_ends_are_its_content(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "The government and the opposition reached a deal to end weeks of street protests, "
        "agreeing to form a committee on fuel prices.",
        "Union leaders agreed to call off the protests after the ministry raised wages.",
    ):
        doc = stage(parse_text(text))
        assert any(e.plover_type == "PROTEST" for e in doc.events), text
        assert all(e.plover_type != "PROTEST" for e in competing(doc)), text
        assert case_label(doc) == "AGREEMENT", text


def test_events_case_an_attack_claimed_or_owned_is_its_attribution(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    for text in (
        "A little-known group calling itself the Sword Brigade claimed the rocket attack on "
        "the airport in a video posted online.",
        "The Pakistani Taliban claimed Tuesday's suicide bombing in Peshawar.",
        "Investigators concluded that a militia loyal to the governor was responsible for last "
        "month's massacre in the village.",
        "The Islamic State group took credit for the ambush that killed nine soldiers.",
    ):
        assert case_label(parse_text(text)) == "ATTRIB", text
    # ground claimed is a victory, and a killing that "claimed the lives" is no claim
    assert case_label(parse_text("The army claimed the capture of the town.")) != "ATTRIB"
    lives = "Gunmen claimed the lives of six villagers in an attack on Monday."
    assert case_label(parse_text(lives)) != "ATTRIB"
    # a claim that was not made attributes nothing
    nobody = "A roadside bomb struck an army truck near Kismayo; no group has claimed the attack."
    assert case_label(parse_text(nobody)) == "REM_EXPLOS"
    denied = "The militia has not claimed the bombing of the market, which killed four."
    assert case_label(parse_text(denied)) == "REM_EXPLOS"
    # "behind" is who did it only as someone being behind something, not a place
    trapped = "A fire at a garment factory killed 12 workers trapped behind locked exits."
    assert case_label(parse_text(trapped)) != "ATTRIB"
    who = "Police said they did not know who was behind it, a day after the bombing."
    assert case_label(parse_text(who)) == "ATTRIB"



def test_events_case_mortar_bombs_are_shelling_and_other_bombs_explosives(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    mortar = "Mortar bombs slammed into a camp for displaced people outside Baidoa, killing five."
    assert case_label(parse_text(mortar)) == "ART_MISS_ATTACK"
    car = "A car bomb exploded outside a hotel in the capital, killing seven guests."
    assert case_label(parse_text(car)) == "REM_EXPLOS"


def test_events_a_governing_movement_undated_is_its_own_kind(
    parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> None:
    stage = EventsStage(learned=False)
    text = "The Taliban captured the district of Nerkh after heavy fighting on Sunday."
    undated = stage(actors_stage(parse_text(text)))
    dated = stage(actors_stage(parse_text(text, published="2024-03-04")))
    kinds = [{e.acled_sub_event_type for e in d.events} for d in (undated, dated)]
    assert "Non-state actor overtakes territory" in kinds[0]
    assert "Government regains territory" in kinds[1]
    registry = Registry.load()
    taliban = registry.get("AFG.taliban")
    assert taliban is not None
    assert registry.kind_on(taliban, "2024-03-01") == "government"
    assert registry.kind_on(taliban, "2019-03-01") == taliban.kind != "government"
    assert registry.kind_on(taliban, None) == taliban.kind  # undated: not today's government


def test_events_a_would_be_bomber_set_off_no_bomb(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = "Police shot dead a would-be suicide bomber outside a church in Makassar on Sunday."
    doc = stage(parse_text(text))
    bombs = [e for e in doc.events if e.acled_sub_event_type == "Suicide bomb"]
    assert bombs and all(e.modality == "hypothetical" for e in bombs)
    assert case_label(doc) != "SUIC_BOMB"
    real = "A suicide bomber blew himself up at a checkpoint in Bannu, killing three policemen."
    assert case_label(stage(parse_text(real))) == "SUIC_BOMB"


def test_events_a_faction_breaking_away_changes_the_group(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    text = "Hundreds of commanders broke away from the Free Syrian Army to form a new brigade."
    assert case_label(parse_text(text)) == "CHANGE_TO_GROUP_ACT"


def test_events_projectiles_that_land_or_fall_are_an_attack(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "Two Katyusha rockets fell inside the Green Zone on Tuesday.",
        "A mortar shell landed on a house in the village, wounding two children.",
        "Mortar rounds rained down on the market in Gao, killing three traders.",
    ):
        assert case_label(stage(parse_text(text))) == "ART_MISS_ATTACK", text
    # only what is fired: a town falls to rebels, rain falls on a camp
    for text in ("The town fell to the rebels on Monday.", "Rain fell on the camp overnight."):
        assert not any(e.plover_type == "ASSAULT" for e in stage(parse_text(text)).events), text
    nothing = stage(parse_text("No rockets landed in the city, officials said."))
    assert [e.modality for e in nothing.events if e.plover_type == "ASSAULT"] == ["negated"]


def test_events_a_landing_after_its_firing_is_the_same_attack(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    # a sentence's first word the small model leaves a plural proper noun ("Rockets")
    first = stage(parse_text("Rockets landed near the embassy in the Green Zone on Wednesday."))
    assert case_label(first) == "ART_MISS_ATTACK"
    text = (
        "Militiamen fired several rockets toward an army post near the border on Friday. "
        "No one was hurt, as the rockets fell in open fields."
    )
    doc = stage(parse_text(text))
    assert [e.trigger.text for e in doc.events if e.plover_type == "ASSAULT"] == ["fired"]
    same = stage(parse_text("Militiamen fired rockets that landed near an army post."))
    assert [e.trigger.text for e in same.events if e.plover_type == "ASSAULT"] == ["fired"]


def test_events_an_explosion_named_by_its_accidental_source_is_no_attack(
    parse_text: Callable[..., Document],
) -> None:
    stage = EventsStage(learned=False)
    accident = stage(parse_text("A gas cylinder blast at a crowded restaurant injured 18 diners."))
    assert not any(e.plover_type == "ASSAULT" for e in accident.events)
    for text in (
        "A car bomb blast outside a hotel killed seven people.",
        "A bomb blast at a gas station killed four people in Quetta.",
    ):
        kinds = {e.acled_sub_event_type for e in stage(parse_text(text)).events}
        assert "Remote explosive/landmine/IED" in kinds, text
