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
