"""CASE 2021 document labels on sentences written for sitrep: the eleventh events session's
general rules (frames and classes of triggers found on leads written that session)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document

Label = Callable[[Document], str]  # conftest.case_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # only a person is beaten "to death", whatever noun names them
        ("Shopkeepers beat a suspected burglar to death in the bazaar, police said.", "MOB_VIOL"),
        ("Unknown men stabbed a moneylender to death in his shop on Monday.", "ATTACK"),
    ],
)
def test_events_case_done_to_death_is_done_to_a_person(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people exchanged are a swap agreed between the sides
        ("The warring sides carried out an exchange of detainees in Taiz on Sunday.", "AGREEMENT"),
        ("Moscow and Kyiv completed a prisoner swap overnight, officials said.", "AGREEMENT"),
        # a mine named by what it is laid against
        ("Two boys were hurt when they stepped on an anti-tank mine.", "REM_EXPLOS"),
        # a strike of a stated length, and staying away from one's work, are stoppages of work
        ("Port workers walked off the job in a 48-hour strike over pay.", "PEACE_PROTEST"),
        ("Junior doctors boycotted duty to demand their stipends.", "PEACE_PROTEST"),
        # an explosive thrown by hand, also told as a reduced relative
        ("A grenade tossed into a wedding party wounded eleven guests, police said.", "GRENADE"),
    ],
)
def test_events_case_trigger_classes(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_event_word_naming_a_facility_is_no_event(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # "detention centre", "protest camp": the event word only says what the place is for
    doc = parse_text("A blaze in a migrant detention centre in Tripoli killed 14 people.")
    assert case_label(doc) == "MAN_MADE_DISASTER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # soldiers or fighters seized are people taken, not a unit's ground
        ("Guerrillas seized three soldiers on a rural road, the army said.", "ABDUCT_DISSAP"),
        (
            "Rebels seized the army base after a night of heavy fighting.",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
    ],
)
def test_events_case_people_seized(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # demonstrators moved on or hemmed in by the police: intervention
        "Police evicted pensioners holding a sit-in outside the finance ministry.",
        "Officers cordoned off the avenue and removed protesters blocking the traffic.",
    ],
)
def test_events_case_protesters_removed_or_hemmed_in(
    parse_text: Callable[..., Document], case_label: Label, text: str
) -> None:
    assert case_label(parse_text(text)) == "PROTEST_WITH_INTER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what an attack or an operation leaves behind is its aftermath, not the news
        (
            "Police foiled a bomb plot in Kano, arresting three suspects, a spokesman said.",
            "DISR_WEAP",
        ),
        ("Jets pounded rebel positions near the dam, destroying two arms depots.", "AIR_STRIKE"),
    ],
)
def test_events_case_strategic_aftermath_of_an_event(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_party_banned_is_a_change_to_group_activity(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # a party or a movement outlawed: what the group may do changes (not the clash before)
    doc = parse_text(
        "The government banned the party on Monday, a week after its supporters rioted."
    )
    assert case_label(doc) == "CHANGE_TO_GROUP_ACT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle that only describes things left behind is no withdrawal
        (
            "Soldiers retook the village on Friday to find cars lying abandoned in the lanes.",
            "GOV_REGAINS_TERIT",
        ),
        (
            "The army recaptured the hamlet, where abandoned huts had been burnt.",
            "GOV_REGAINS_TERIT",
        ),
        # ground or positions left, or left by someone, still are
        (
            "Rebels moved into positions abandoned by the army without a fight.",
            "NON_VIOL_TERRIT_TRANSFER",
        ),
    ],
)
def test_events_case_things_left_behind_are_no_withdrawal(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_ground_regained_by_a_handover_is_a_transfer(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # control or authority handed, transferred or ceded: the ground changed hands peacefully
    doc = parse_text(
        "The government regained the last rebel-held district on Monday when the monitoring "
        "mission transferred control of the area to the provincial authorities."
    )
    assert case_label(doc) == "NON_VIOL_TERRIT_TRANSFER"


def test_events_case_coordinated_verbs_share_their_object(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # "shot and wounded a journalist": the shooting's target is the journalist (an attack)
    doc = parse_text("A gunman shot and wounded a lawyer outside the court in Multan on Friday.")
    assert case_label(doc) == "ATTACK"


def test_events_case_held_nobody_knows_where_is_a_disappearance(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    doc = parse_text(
        "Plain-clothes officers detained a student leader in Quetta on Sunday, and his "
        "relatives say they do not know where he is being kept."
    )
    assert case_label(doc) == "ABDUCT_DISSAP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ambush is typed by whom it targets, as the verb already was
        ("Two nurses were shot dead in an ambush on their ambulance near Bunia.", "ATTACK"),
        ("Insurgents killed six soldiers in an ambush on an army convoy near Gao.", "ARMED_CLASH"),
    ],
)
def test_events_case_an_ambush_is_typed_by_its_target(
    parse_text: Callable[..., Document], case_label: Label, text: str, expected: str
) -> None:
    assert case_label(parse_text(text)) == expected


def test_events_case_rally_attacked_with_a_grenade_is_its_target(
    parse_text: Callable[..., Document], case_label: Label
) -> None:
    # the demonstration is what the grenade was aimed at, not a riot of its own
    doc = parse_text("Someone hurled a grenade at the opposition rally in Gitega, injuring nine.")
    assert case_label(doc) == "GRENADE"


@pytest.mark.parametrize(
    "text",
    [
        # a weapon fired is no blaze: the man-made disaster's weak "fire" cue stays silent
        "Police fired directly into a crowd of peaceful marchers in Bamako, killing two.",
        "Soldiers fired rubber bullets at students demonstrating against the fee rise.",
    ],
)
def test_events_case_weapon_fired_is_no_blaze(
    parse_text: Callable[..., Document], case_label: Label, text: str
) -> None:
    assert case_label(parse_text(text)) != "MAN_MADE_DISASTER"
