"""A nationality after "pro-" or "anti-" names a cause, not the crowd's country: the
crowd is of the country where it gathers, and the cause's country is no actor or place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "About 50 pro-Palestinian demonstrators blocked a bridge in Portland, Oregon.",
            "USA.protesters",
            "PSE.protesters",
        ),
        ("Hundreds of pro-Israel protesters rallied in London on Sunday.", "GBR.protesters", "ISR"),
        ("Anti-Israeli demonstrators burned flags in Amman.", "JOR.protesters", "ISR.protesters"),
    ],
)
def test_actors_causes_crowd_is_of_where_it_gathers(
    actors_of: Callable[..., Document], text: str, expected: str, wrong: str
) -> None:
    ids = {a.id for a in actors_of(text).actors}
    assert expected in ids
    assert wrong not in ids


def test_actors_causes_nationality_alone_is_the_crowds(
    actors_of: Callable[..., Document],
) -> None:
    ids = {
        a.id
        for a in actors_of("Palestinian protesters clashed with Israeli forces in Hebron.").actors
    }
    assert "PSE.protesters" in ids


def test_actors_causes_solidarity_places_do_not_place_the_crowd(
    actors_of: Callable[..., Document],
) -> None:
    doc = actors_of(
        "Protesters took to the streets of Irbid on Friday. Demonstrations were held across "
        "the country in solidarity with the people of Gaza and the West Bank."
    )
    ids = {a.id for a in doc.actors}
    assert "JOR.protesters" in ids
    assert "PSE.protesters" not in ids
