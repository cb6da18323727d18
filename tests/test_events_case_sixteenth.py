"""Sixteenth events session: hyphenated words, as the parser splits them."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events import EventsStage
from sitrep.events.lexicon import token_forms
from sitrep.models import Document


def test_lexicon_a_hyphenated_cue_also_matches_as_the_parser_splits_it() -> None:
    # the parser splits a hyphen between a letter or digit and a letter, not before a digit
    assert token_forms(["drive-by", "ak-47", "f-16", "sit - in", "5-year-old", "riot"]) == (
        "drive-by",
        "drive - by",
        "ak-47",
        "f-16",
        "sit - in",
        "5-year-old",
        "5 - year - old",
        "riot",
    )
    # a cue written both ways is kept once each
    assert token_forms(["ex-soldier", "ex - soldier"]) == ("ex-soldier", "ex - soldier")


def test_events_hyphenated_cues_match_the_split_words(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    # "pepper-spray" is a protest cue: fired at a crowd, it is an intervention, no clash
    spray = "Police fired pepper-spray at the crowd outside the ministry in Nairobi."
    assert case_label(parse_text(spray)) == "PROTEST_WITH_INTER"
    # man-made disasters named by hyphenated words
    for text in (
        "A pile-up on the expressway near Lahore killed five people.",
        "A cave-in at a gold mine in Kenieba killed eleven miners.",
    ):
        assert case_label(parse_text(text)) == "MAN_MADE_DISASTER", text


def test_events_the_first_part_of_a_hyphenated_word_is_no_event(
    parse_text: Callable[..., Document],
) -> None:
    stage = EventsStage(learned=False)
    for text, word in (
        ("Security forces fired riot-control agents at protesters in the square.", "riot"),
        ("The strike-hit port of Durban reopened on Tuesday.", "strike"),
        ("Troops patrolled the clash-hit district after the violence.", "clash"),
        ("The attack-prone road between Gao and Ansongo was closed.", "attack"),
    ):
        triggers = [e.trigger.text.lower() for e in stage(parse_text(text)).events]
        assert word not in triggers, text
    # nor what ends it when it describes a noun and begins with an event word
    port = stage(parse_text("The strike-hit port of Durban reopened on Tuesday."))
    assert not port.events
    # a hyphenated trigger of its own, and what a hyphen ends as the object, still are
    for text, word in (
        ("A shoot-out between police and robbers in Nakuru left two dead.", "shoot-out"),
        ("Rebels launched a counter-attack on army positions near Goma.", "attack"),
        ("Anti-riot police dispersed the sit-in by teachers in Dhaka.", "sit-in"),
    ):
        triggers = [e.trigger.text.lower() for e in stage(parse_text(text)).events]
        assert word in triggers, text
    # a compound that begins with no event word keeps its event ("remote-detonated")
    bomb = stage(parse_text("A remote-detonated bomb killed a police chief in Kandahar."))
    assert "detonated" in [e.trigger.text.lower() for e in bomb.events]


def test_events_a_hyphenated_trigger_the_parser_split_is_still_found(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    # the small parser reads "staged a sit-in" as a noun "sit" with a particle "in"
    text = "Hundreds of women staged a sit-in outside parliament in Tbilisi on Friday."
    doc = EventsStage(learned=False)(parse_text(text))
    assert [e.trigger.text for e in doc.events] == ["sit-in"]
    assert case_label(parse_text(text)) == "PEACE_PROTEST"


def test_events_sixteenth_session_words_of_force_and_of_deals(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    for text, label in (
        (
            "Gunmen on motorbikes whisked away a parish priest from a church near Kaduna.",
            "ABDUCT_DISSAP",
        ),
        (
            "Plain-clothes men bundled him into an unmarked van in Diyarbakir on Friday.",
            "ABDUCT_DISSAP",
        ),
        (
            "The government and the ELN struck a deal on a humanitarian corridor in Choco.",
            "AGREEMENT",
        ),
        # firing on the crowd itself is force against it, not tear gas fired at it
        ("Police fired on protesters in Lagos, witnesses said.", "FORCE_AGAINST_PROTEST"),
        ("Police fired tear gas at protesters in Lagos, witnesses said.", "PROTEST_WITH_INTER"),
        # a country named as the agent takes ground as its state
        ("Ethiopia's federal army said it had recaptured Dessie on Monday.", "GOV_REGAINS_TERIT"),
    ):
        assert case_label(parse_text(text)) == label, text


def test_events_what_only_looks_like_a_protest_or_an_intervention(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    # a person taken somewhere is no one taking to the streets
    took = "Security officers picked up an imam and took him to the state security headquarters."
    assert not any(e.plover_type == "PROTEST" for e in stage(parse_text(took)).events)
    streets = "Thousands of people took to the streets of Bamako on Friday."
    assert case_label(parse_text(streets)) == "PEACE_PROTEST"
    # an arrest a span of time sets apart from a march is no intervention in it
    mp = (
        "Police arrested opposition MP Tendai Mhlanga on charges of inciting violence, a week "
        "after he led a peaceful march through Harare."
    )
    assert case_label(parse_text(mp)) == "ARREST"
    # marchers leaving on their own, and arrests said not to have been made
    for text in (
        "Thousands of farmers marched peacefully through Lahore demanding higher prices, "
        "dispersing without incident in the evening.",
        "Several hundred opposition supporters held a sit-down protest on Baghramyan Avenue; "
        "police looked on and made no arrests.",
    ):
        assert case_label(parse_text(text)) == "PEACE_PROTEST", text


def test_case_cues_a_missile_at_an_industrial_area_and_hacking_with_machetes(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    missile = (
        "A ballistic missile fired by Houthi rebels struck an industrial area of Jizan, "
        "wounding three workers, the coalition said."
    )
    assert case_label(parse_text(missile)) == "ART_MISS_ATTACK"
    blast = "An explosion at an industrial plant in Gujarat killed nine workers on Monday."
    assert case_label(parse_text(blast)) == "MAN_MADE_DISASTER"
    machetes = (
        '"They came at dawn and started hacking," a survivor said after rebels raided a '
        "displacement site near Beni, killing 22 people with machetes."
    )
    assert case_label(parse_text(machetes)) != "ORG_CRIME"


def test_events_people_handed_over_are_no_ground_handed_over(
    parse_text: Callable[..., Document],
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "The army handed over 30 child soldiers to UNICEF in Yambio on Friday.",
        "The militia handed over 12 hostages to the Red Cross in Goma on Friday.",
    ):
        subs = [e.acled_sub_event_type for e in stage(parse_text(text)).events]
        assert "Non-violent transfer of territory" not in subs, text
    town = "The rebels handed over the town of Kidal to the army on Friday."
    subs = [e.acled_sub_event_type for e in stage(parse_text(town)).events]
    assert "Non-violent transfer of territory" in subs


def test_events_force_on_marchers_a_protest_yet_to_happen_and_later_arrests(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    # "against marchers" says whom force was used on, not what the march was about
    eswatini = (
        "Soldiers in Eswatini used live ammunition against pro-democracy marchers in Manzini "
        "on Tuesday, killing three and wounding 20."
    )
    assert case_label(parse_text(eswatini)) == "FORCE_AGAINST_PROTEST"
    # a protest planned for later neither happened nor makes the killing force against it
    benue = (
        "Armed herders attacked Mbaaku village in Benue State overnight, killing eight farmers "
        "as they slept, police said; a protest over the killings is planned for Monday."
    )
    doc = stage(parse_text(benue))
    assert case_label(parse_text(benue)) == "ATTACK"
    assert [e.modality for e in doc.events if e.trigger.text == "protest"] == ["future"]
    # what happened later is less the news than the event it followed
    lynching = (
        "Villagers beat a cattle trader to death on Sunday; four suspects were later arrested."
    )
    events = {e.trigger.text: e.confidence for e in stage(parse_text(lynching)).events}
    assert events["arrested"] < 0.8


def test_events_rescuers_pulling_people_out_and_a_poison_gas_grenade(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    mine = (
        "A cave-in at a gold mine in Sonora trapped 10 miners on Tuesday; rescuers pulled out "
        "four alive, officials said."
    )
    assert case_label(parse_text(mine)) == "MAN_MADE_DISASTER"
    kherson = "Russian troops pulled out of Kherson on Friday."
    assert case_label(parse_text(kherson)) == "NON_VIOL_TERRIT_TRANSFER"
    gas = (
        "Russian troops dropped grenades loaded with CS gas on trenches near Avdiivka, sending "
        "several soldiers to hospital with poisoning symptoms, the military said."
    )
    assert case_label(parse_text(gas)) == "CHEM_WEAP"
