"""Date expressions resolved against the publication date (no parser needed)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sitrep.events import DatesStage
from sitrep.events.dates import find_dates, resolve
from sitrep.models import Article, Document, Event, Mention, Sentence

SUNDAY = dt.date(2024, 12, 8)


def _one(text: str, published: dt.date | None = SUNDAY, future: bool = False):
    (mention,) = find_dates(text)
    return resolve(mention, published, future=future)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("reports on Saturday indicated", dt.date(2024, 12, 7), "day"),
        ("the attack on Thursday", dt.date(2024, 12, 5), "day"),
        ("fighting late Wednesday", dt.date(2024, 12, 4), "day"),
        ("a statement on Sunday", dt.date(2024, 12, 8), "day"),
        ("the raid last Sunday", dt.date(2024, 12, 1), "day"),
        ("clashes yesterday", dt.date(2024, 12, 7), "day"),
        ("gains in recent weeks", dt.date(2024, 12, 8), "month"),
        ("the first time since 2011", dt.date(2011, 1, 1), "year"),
        ("on December 13", dt.date(2023, 12, 13), "day"),
        ("on 14 October 2019", dt.date(2019, 10, 14), "day"),
        ("on Dec. 3", dt.date(2024, 12, 3), "day"),
        ("in November", dt.date(2024, 11, 1), "month"),
        ("talks held last week", dt.date(2024, 12, 1), "week"),
    ],
)
def test_dates_resolve_relative_to_publication(text, value, precision):
    date = _one(text)
    assert (date.value, date.precision) == (value, precision)
    assert date.value is not None and date.value <= SUNDAY


def test_dates_future_weekday_points_forward():
    date = _one("ministers will meet on Tuesday", future=True)
    assert date.value == dt.date(2024, 12, 10)


def test_dates_without_publication_keep_only_explicit_years():
    assert _one("on Saturday", published=None).value is None
    assert _one("on 14 October 2019", published=None).value == dt.date(2019, 10, 14)


def test_dates_time_precision_codes():
    assert _one("on Saturday").time_precision == 1
    assert _one("last week").time_precision == 2
    assert _one("in November").time_precision == 3


def _doc(text: str, triggers: list[str], published: dt.date | None = SUNDAY) -> Document:
    events = []
    for n, word in enumerate(triggers):
        start = text.index(word)
        events.append(
            Event(
                id=f"e{n}",
                sentence=0,
                trigger=Mention(word, start, start + len(word)),
                plover_type="ASSAULT",
            )
        )
    return Document(
        Article(id="a-x", text=text, published=published),
        sentences=(Sentence(0, 0, len(text)),),
        events=tuple(events),
    )


def test_dates_stage_picks_the_expression_nearest_the_trigger():
    doc = _doc("Rebels took the town on Friday after shelling it since Tuesday.", ["took"])
    (ev,) = DatesStage()(doc).events
    assert ev.date.value == dt.date(2024, 12, 6) and ev.date.text == "Friday"
    assert ev.date.start == doc.article.text.index("Friday")


def test_dates_stage_undated_event_gets_publication_week():
    (ev,) = DatesStage()(_doc("Rebels took the town.", ["took"])).events
    assert (ev.date.value, ev.date.precision, ev.date.text) == (SUNDAY, "week", "")


def test_dates_stage_future_event_is_not_pulled_into_the_past():
    doc = _doc("Ministers will meet on Tuesday.", ["meet"])
    doc = dataclasses.replace(
        doc, events=tuple(dataclasses.replace(e, modality="future") for e in doc.events)
    )
    (ev,) = DatesStage()(doc).events
    assert ev.date.value == dt.date(2024, 12, 10)


def test_dates_stage_later_sentence_inherits_the_paragraph_date():
    text = "On 1 December 2023, troops raided Dorra. The militants exchanged fire with them."
    start = text.index("exchanged")
    doc = Document(
        Article(id="a-y", text=text, published=dt.date(2023, 12, 4)),
        sentences=(Sentence(0, 0, 40), Sentence(1, 41, len(text))),
        events=(
            Event(
                id="e",
                sentence=1,
                trigger=Mention("exchanged", start, start + 9),
                plover_type="ASSAULT",
            ),
        ),
    )
    (ev,) = DatesStage()(doc).events
    assert ev.date.value == dt.date(2023, 12, 1) and ev.date.text == "1 December 2023"
