"""An army that speaks of itself: "The Syrian army said that it had launched a
counter-attack" - "it" is the army, not the news agency credited in the dateline.
Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.actors import ActorsStage
from sitrep.models import Document


def _actor_of(doc: Document, start: int) -> str | None:
    return next(
        (a.name for a in doc.actors for m in a.mentions if m.start == start),
        None,
    )


def test_actors_army_pronoun_it_is_the_army(
    parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> None:
    text = (
        "HAMA, Syria (AP) — The Syrian army said on Tuesday that it had launched a "
        "counter-attack against rebels north of Hama."
    )
    doc = actors_stage(parse_text(text))
    assert _actor_of(doc, text.index(" it ") + 1) == "Syrian Arab Army"


def test_actors_army_pronoun_empty_it_stays_empty(
    parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> None:
    text = "The army entered the town. It was unclear how many soldiers took part."
    doc = actors_stage(parse_text(text))
    assert _actor_of(doc, text.index("It was")) is None
