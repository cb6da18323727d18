"""What set a protest off is not how it went: deaths told in an "after" clause belong to
the event that caused them, and the protest stays peaceful."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events.rank import main_event
from sitrep.models import Document


def test_events_causes_deaths_before_a_protest_are_the_explosions(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "Residents of Ikot Ekpene protested on Tuesday after a tanker explosion killed "
            "30 people on the highway."
        )
    )
    protests = [e for e in doc.events if e.acled_event_type == "Protests"]
    assert protests and all(e.acled_sub_event_type == "Peaceful protest" for e in protests)
    assert all(e.fatalities is None for e in protests)
    assert [e.fatalities for e in doc.events if e.trigger.text == "explosion"] == [30]


def test_events_causes_killing_that_set_off_a_rally_is_its_own_attack(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Students rallied in Nairobi after police shot dead a classmate.")
    )
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["rallied"].acled_sub_event_type == "Peaceful protest"
    assert by_trigger["rallied"].fatalities is None
    assert by_trigger["shot"].acled_sub_event_type == "Attack"
    assert by_trigger["shot"].fatalities == 1


def test_events_causes_fire_on_protesters_that_killed_is_excessive_force(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    # the "after" clause is the event here: the main clause tells no protest
    doc = actors_events(
        parse_text(
            "At least six people were killed after security forces opened fire on peaceful "
            "protesters in Basra."
        )
    )
    subs = {e.acled_sub_event_type for e in doc.events}
    assert "Excessive force against protesters" in subs


def test_events_causes_background_event_is_not_the_news(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "In Culiacan, armed men set fire to several vehicles and blocked roads after the "
            "arrest of a cartel leader."
        )
    )
    top = main_event(doc)
    assert top is not None and top.trigger.text != "arrest"


def test_events_causes_burning_a_holy_book_is_a_peaceful_protest(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Malmo, a man burned a copy of the Quran outside a mosque in protest.")
    )
    subs = {e.acled_sub_event_type for e in doc.events if e.acled_event_type}
    assert "Violent demonstration" not in subs


def test_events_causes_police_who_disperse_a_sit_in_are_actor2(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Rabat, Morocco, police dispersed a sit-in by unemployed graduates.")
    )
    met = [e for e in doc.events if e.acled_sub_event_type == "Protest with intervention"]
    assert met and met[0].actor2 is not None and met[0].actor2.id == "MAR.police"
    assert met[0].actor1 is not None and met[0].actor1.id == "MAR.protesters"
