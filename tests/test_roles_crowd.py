"""Roles: a demonstration's or a riot's actor1 is the crowd, the organisers come after it."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document, Event


def _of_type(doc: Document, acled_type: str) -> list[Event]:
    return [e for e in doc.events if e.acled_event_type == acled_type]


def test_roles_demonstration_actor1_is_the_crowd(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "Members of the Bakers Union staged a demonstration in front of the governorate "
            "building in Irbid to protest the rising price of flour."
        )
    )
    protests = _of_type(doc, "Protests")
    assert protests
    kinds = {a.id: a.kind for a in doc.actors}
    for e in protests:
        assert e.actor1 is not None and kinds[e.actor1.id] == "protesters"
    organisers = [r.id for e in protests for r in e.actor1_more]
    assert any("bakers-union" in i for i in organisers)


def test_roles_force_against_protesters_keeps_the_state_first(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "Police fired tear gas and live ammunition at protesters in Basra, "
            "killing two demonstrators."
        )
    )
    kinds = {a.id: a.kind for a in doc.actors}
    forced = [
        e for e in doc.events if e.acled_sub_event_type == "Excessive force against protesters"
    ]
    assert forced
    for e in forced:
        assert e.actor1 is not None and kinds[e.actor1.id] == "state-forces"


def test_roles_members_of_an_organisation_protest_as_a_crowd(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Members of the Teachers Syndicate protested in front of parliament in Amman.")
    )
    protests = _of_type(doc, "Protests")
    assert protests
    top = protests[0]
    assert top.actor1 is not None and top.actor1.id == "JOR.protesters"
    assert any("teachers-syndicate" in r.id for r in top.actor1_more)


def test_roles_agent_of_a_noun_named_with_by(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("A drone by unknown military forces struck a truck near Albu Kamal in Syria.")
    )
    kinds = {a.id: a.kind for a in doc.actors}
    struck = [e for e in doc.events if e.trigger.text == "struck"]
    assert struck and struck[0].actor1 is not None
    assert kinds[struck[0].actor1.id] == "state-forces"


def test_roles_label_before_a_colon_is_no_subject(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "Movement of forces: On 30 November, Houthi forces deployed to Al Hazm in Al Jawf."
        )
    )
    deployed = [e for e in doc.events if e.trigger.text == "deployed"]
    assert deployed and deployed[0].actor1 is not None
    assert deployed[0].actor1.id == "YEM.houthis"
    assert all("movement" not in r.id for r in deployed[0].actor1_more)
