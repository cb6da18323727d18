"""Which event is the document's: events told inside another event's clause give way
(``events.governs``, ``rank.competing``), on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events import EventsStage
from sitrep.events.governs import governs
from sitrep.events.rank import NOT_HAPPENED, competing, event_score
from sitrep.models import Document, Event


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage(learned=False)


def _events(parse_text: Callable[..., Document], stage: EventsStage, text: str) -> Document:
    return stage(parse_text(text))


def _word(events: list[Event] | tuple[Event, ...], word: str) -> list[Event]:
    return [e for e in events if word in e.trigger.text.lower()]


@pytest.mark.parametrize(
    ("text", "expected", "framed"),
    [
        (
            "The rebel brigade handed over the hill town to the national army under the "
            "truce signed last month.",
            "Non-violent transfer of territory",
            "truce",
        ),
        (
            "The two factions agreed to withdraw their gunmen from the market district.",
            "Agreement",
            "withdraw",
        ),
        (
            "A gun battle erupted when soldiers tried to arrest a smuggling suspect in the "
            "village.",
            "Armed clash",
            "arrest",
        ),
        (
            "Detectives detained three men for the murder of a local councillor.",
            "Arrests",
            "murder",
        ),
        # a clause inside a place phrase is background, though "in" names a means
        (
            "The army deployed troops in districts where the militia had withdrawn its "
            "fighters last week.",
            "Change to group/activity",
            "withdrawn",
        ),
        # a gerund of means is how the main event was done
        (
            "Youths damaged the doors of the party office by throwing stones.",
            "Looting/property destruction",
            "throwing",
        ),
    ],
)
def test_events_rank_frame_gives_way(
    parse_text: Callable[..., Document],
    stage: EventsStage,
    text: str,
    expected: str,
    framed: str,
) -> None:
    doc = _events(parse_text, stage, text)
    assert _word(doc.events, framed), "the framed event is still detected"
    assert not _word(competing(doc), framed)
    live = [e for e in competing(doc) if e.modality not in NOT_HAPPENED]
    top = max(live, key=event_score)
    assert top.acled_sub_event_type == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # coordinated clauses are of equal rank
        ("Gunmen stormed the village and abducted ten farmers.", "abducted"),
        # a participle of consequence is news of its own
        ("Attackers set fire to a grain store, killing four guards.", "killing"),
        # a demonstration frames what is done at it
        ("Police opened fire on traders protesting against the new market tax.", "protest"),
        # "in an air strike" names the event itself
        ("The army destroyed a rebel fuel depot in an air strike.", "air strike"),
    ],
)
def test_events_rank_equal_rank_kept(
    parse_text: Callable[..., Document], stage: EventsStage, text: str, word: str
) -> None:
    doc = _events(parse_text, stage, text)
    assert _word(doc.events, word)
    assert _word(competing(doc), word)


def test_events_rank_same_type_not_hidden(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    doc = _events(parse_text, stage, "Soldiers were accused of raping women held in custody.")
    hidden = {e.id for e in doc.events} - {e.id for e in competing(doc)}
    kinds = {e.acled_sub_event_type for e in doc.events if e.id in hidden}
    assert "Sexual violence" not in kinds


def _index(doc: Document, word: str) -> int:
    return next(t.i for t in doc.tokens if t.text == word)


def test_events_rank_content_clause_not_governed(parse_text: Callable[..., Document]) -> None:
    # what evidence or a report says is news of its own; a relative clause is background
    said = parse_text("Monitors found evidence that soldiers had abducted dozens of villagers.")
    assert not governs(said, _index(said, "found"), _index(said, "abducted"))
    hidden = parse_text("Monitors found the rifles that the gang had hidden in a barn.")
    assert governs(hidden, _index(hidden, "found"), _index(hidden, "hidden"))
