"""CASE 2021 document labels and event modality on sentences written for sitrep: the
thirteenth events session's general rules (found on the fourth set of fresh leads)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events.stage import EventsStage
from sitrep.models import Document

Label = Callable[[Document], str]  # conftest.case_label


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Villagers beat a suspected thief in Kano, and no one has been arrested.", "arrested"),
        ("Nobody was killed when gunmen attacked the bank.", "killed"),
        ("No soldiers were killed in the raid, the army said.", "killed"),
    ],
)
def test_events_a_verb_whose_subject_is_nobody_did_not_happen(
    parse_text: Callable[..., Document], text: str, trigger: str
) -> None:
    doc = EventsStage(learned=False)(parse_text(text))
    assert not [e for e in doc.events if e.trigger.text == trigger and e.modality != "negated"]
    assert doc.events  # the sentence's other event stands


def test_events_a_verb_whose_subject_is_someone_still_happened(
    parse_text: Callable[..., Document],
) -> None:
    doc = EventsStage(learned=False)(parse_text("Police arrested two men in Kano on Monday."))
    assert [e.modality for e in doc.events if e.trigger.text == "arrested"] == ["asserted"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people taken away, counted by a handful, are people: an arrest, not ground taken
        ("Soldiers took away a handful of men from the market in Gao on Friday.", "ARREST"),
        # people arrested who had gathered are a protest met with intervention
        (
            "Police arrested 30 students who had gathered outside the ministry in Dhaka.",
            "PROTEST_WITH_INTER",
        ),
        ("Police arrested 30 students at their hostel in Dhaka on Monday.", "ARREST"),
    ],
)
def test_events_case_people_taken_away_and_gatherers_arrested(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # protests named only in the charges are the arrest's reason, not where it happened
        ("Police arrested 22 people on charges of joining last year's protests.", "Arrests"),
        # pepper spray is a protest's policing, like tear gas: an arrest there intervenes
        (
            "Police used pepper spray on students blocking a bridge in Novi Sad, detaining five.",
            "Protest with intervention",
        ),
    ],
)
def test_events_arrests_at_a_protest_and_for_one(
    parse_text: Callable[..., Document], text: str, expected: str
) -> None:
    doc = EventsStage(learned=False)(parse_text(text))
    arrests = [e for e in doc.events if e.plover_type == "COERCE" and e.trigger.text[0] in "ad"]
    assert arrests and arrests[0].acled_sub_event_type == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bomb made by hand is no accident, whatever it was hidden in
        (
            "An improvised device hidden in a gas cylinder exploded near a bus stop in Imphal.",
            "REM_EXPLOS",
        ),
        (
            "A gas cylinder exploded in a restaurant kitchen in Karachi, killing three.",
            "MAN_MADE_DISASTER",
        ),
        # a toxic load a weapon carried is a chemical attack, not a leak
        (
            "Doctors said a rocket carrying a toxic chemical hit a residential block in the town.",
            "CHEM_WEAP",
        ),
    ],
)
def test_events_case_weapons_are_no_accident(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_killing_at_a_funeral_gathering_is_no_force_against_protesters(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    text = "Gunmen killed nine mourners at a funeral gathering in Bunia overnight, officials said."
    assert case_label(parse_text(text)) == "ATTACK"
    rally = "Soldiers killed nine people at a gathering of opposition supporters in Bunia."
    assert case_label(parse_text(rally)) == "FORCE_AGAINST_PROTEST"


@pytest.mark.parametrize("verb", ["ordered", "instructed", "authorised"])
def test_events_what_is_ordered_has_not_happened_yet(
    parse_text: Callable[..., Document], verb: str
) -> None:
    doc = EventsStage(learned=False)(
        parse_text(f"The president {verb} the army to retake the town of Kidal.")
    )
    retake = [e for e in doc.events if e.trigger.text == "retake"]
    assert retake and retake[0].modality == "future"


@pytest.mark.parametrize(
    ("text", "trigger", "doer"),
    [
        ("The president ordered the army to retake the town of Kidal.", "retake", "the army"),
        ("Rebel leaders told the militia to attack the convoy near Goma.", "attack", "the militia"),
        # a subject that does it itself
        ("The army vowed to retake the town of Kidal.", "retake", "The army"),
    ],
)
def test_events_who_is_ordered_to_do_it_does_it(
    parse_text: Callable[..., Document],
    actors_events: Callable[[Document], Document],
    text: str,
    trigger: str,
    doer: str,
) -> None:
    doc = actors_events(parse_text(text))
    found = [e for e in doc.events if e.trigger.text == trigger]
    assert found and found[0].actor1 is not None and found[0].actor1.text == doer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # confiscating what is no weapon is no disrupted weapons use
        (
            "Police broke up a rally of teachers in Kabul, confiscating their phones and banners.",
            "PROTEST_WITH_INTER",
        ),
        ("Soldiers confiscated rifles and ammunition at a checkpoint near Bannu.", "DISR_WEAP"),
        ("Police found a bag of detonators in a car near Bannu, officials said.", "DISR_WEAP"),
    ],
)
def test_events_case_what_is_confiscated_decides(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_ground_handed_over_by_pronoun_is_a_non_violent_transfer(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    text = "Army troops entered two villages after the militia handed them over under a deal."
    assert case_label(parse_text(text)) == "NON_VIOL_TERRIT_TRANSFER"


def test_events_case_people_storming_a_place_are_no_weather(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    stormed = "Supporters of the defeated candidate stormed the electoral commission office."
    assert case_label(parse_text(stormed)) != "NATURAL_DISASTER"
    weather = "A storm tore the roofs off hundreds of homes in Chittagong overnight."
    assert case_label(parse_text(weather)) == "NATURAL_DISASTER"


@pytest.mark.parametrize(
    ("text", "stormed"),
    [
        ("Youths stormed the ruling party's office in Kumasi on Monday.", True),
        ("Gunmen stormed the electoral commission office in Beni overnight.", True),
        ("The new governor took office in Kumasi on Monday.", False),
    ],
)
def test_events_an_office_someone_owns_is_a_building_not_an_idiom(
    parse_text: Callable[..., Document], text: str, stormed: bool
) -> None:
    doc = EventsStage(learned=False)(parse_text(text))
    assert bool([e for e in doc.events if e.trigger.text in ("stormed", "took")]) is stormed
