"""CASE 2021 document labels on sentences written for sitrep: the tenth events session's
general rules (a protest's grievance, frames of verbs with their object, ...)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.models import Document

Label = Callable[[Document], str]  # conftest.case_label


def _rehang(doc: Document, word: str, dep: str, head_word: str) -> Document:
    """The document as the parser reads it when it hangs ``word`` on ``head_word``."""
    tokens = list(doc.tokens)
    i = next(t.i for t in tokens if t.text == word)
    head = next(t.i for t in tokens if t.text == head_word)
    tokens[i] = dataclasses.replace(tokens[i], dep=dep, head=head)
    return dataclasses.replace(doc, tokens=tuple(tokens))


def test_events_case_grievance_infinitive_read_as_relative(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # the small parser sometimes makes a purpose infinitive a relative clause of the nearest
    # noun ("other areas to decry"): it still says what the protest is about
    doc = parse_text(
        "Last week, protesters took to the streets in Gulu, Lira, and other areas "
        "to decry the arrests and beatings"
    )
    assert case_label(doc) == "PEACE_PROTEST"
    assert case_label(_rehang(doc, "decry", "relcl", "areas")) == "PEACE_PROTEST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This month, students took to the streets in Kisumu, Nakuru and other towns "
            "to denounce the rise in school fees",
            "PEACE_PROTEST",
        ),
        # the street is where the crowd went; a town taken is still taken
        ("Al-Shabaab fighters took the town of Bulo Burde after government troops left.", None),
    ],
)
def test_events_case_take_to_the_streets(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str | None
) -> None:
    label = case_label(parse_text(text))
    if expected is None:
        assert label in ("NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER")
    else:
        assert label == expected


@pytest.mark.parametrize(
    "text",
    [
        "Doctors in the town said dozens of residents were treated for breathing problems "
        "after exposure to poisonous gas used by the militants.",
        "Medics said the children had inhaled toxic gas used by the army near the village.",
    ],
)
def test_events_case_verb_object_in_reduced_relative(
    parse_text: Callable[..., Document], case_label: Label, text: str
) -> None:
    # "use gas" read from "the gas used by ...", as from "used gas" and "gas was used"
    assert case_label(parse_text(text)) == "CHEM_WEAP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The coast guard detained 40 migrants who tried to reach the island by boat.",
            "ORG_CRIME",
        ),
        (
            "Border guards intercepted about 200 asylum seekers trying to cross the river "
            "into the neighbouring country.",
            "ORG_CRIME",
        ),
        # people crossing a border are no label of their own, nor are political arrests
        ("Police detained 12 opposition activists at the party's headquarters.", "ARREST"),
        ("A mob attacked a group of migrants in the township and looted their shops.", "MOB_VIOL"),
    ],
)
def test_events_case_migrants_stopped_are_people_smuggling(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # why it happened names no one responsible
        (
            "Unknown gunmen shot dead a local councillor outside his home on Tuesday night, "
            "police said. The motive for the killing was not yet known.",
            "ATTACK",
        ),
        # anger spilling into the streets is no oil spill
        (
            "Protesters torched vehicles and pelted police with stones on Tuesday night as "
            "anger over a police killing spilled into the streets.",
            "VIOL_DEMONSTR",
        ),
        ("Crude oil spilled into the river after a pipeline burst near the village.", None),
    ],
)
def test_events_case_cue_words_in_another_sense(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str | None
) -> None:
    label = case_label(parse_text(text))
    assert label == (expected or "MAN_MADE_DISASTER")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexico recalled its ambassador to Peru on Thursday in protest over the Peruvian "
            "Congress's decision to declare the Mexican president persona non grata.",
            "DIPLO",
        ),
        ("Traders in Kano shut their shops on Monday in protest against new market levies.", None),
    ],
)
def test_events_case_state_acting_in_protest(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str | None
) -> None:
    label = case_label(parse_text(text))
    if expected is None:
        assert label in ("PEACE_PROTEST", "PROTEST_WITH_INTER")
    else:
        assert label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Authorities imposed restrictions on movement in parts of the city on Friday "
            "to prevent gatherings after the funeral.",
            "CHANGE_TO_GROUP_ACT",
        ),
        (
            "The militia handed control of the airport to the national army on Sunday "
            "under an agreement brokered by tribal elders.",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
        (
            "Soldiers found and destroyed a minefield laid by guerrillas near a rural school.",
            "DISR_WEAP",
        ),
    ],
)
def test_events_case_trigger_classes(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fighter jets struck a militant weapons depot in the south overnight in response "
        "to rocket fire, the military said.",
        "Warplanes bombed rebel positions near the border on Monday in retaliation for a "
        "rocket attack on an army base.",
    ],
)
def test_events_case_what_the_news_answers_is_background(
    parse_text: Callable[..., Document], case_label: Label, text: str
) -> None:
    assert case_label(parse_text(text)) == "AIR_STRIKE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army blamed leftist guerrillas for the bombing of a police station that "
            "wounded 14 officers.",
            "ATTRIB",
        ),
        # an alleged violation is told as that violation
        ("Soldiers were accused of raping a girl during a raid on her family's home.", "SEX_VIOL"),
    ],
)
def test_events_case_event_inside_blame_is_attribution(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_violence_in_a_strike_grievance_is_no_riot(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # the attacks are what the strike is against, even when typed as the protest's riot
    text = (
        "Doctors in government hospitals across the state went on a one-day strike on "
        "Monday to protest against attacks on medical staff."
    )
    assert case_label(parse_text(text)) == "PEACE_PROTEST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hundreds of angry youths blocked roads with burning tyres and stoned police "
            "vehicles in the capital on Wednesday following the death of a man in custody.",
            "VIOL_DEMONSTR",
        ),
        ("Villagers stoned a police patrol after it stopped a motorcyclist.", "MOB_VIOL"),
    ],
)
def test_events_case_crowd_blocking_roads_riots(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected
