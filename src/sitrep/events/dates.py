"""The dates stage: each event's date, resolved against the publication date.

Weekdays and relative phrases ("on Saturday", "late Wednesday", "yesterday", "last week",
"in recent weeks", "since 2011") are resolved by rule; other expressions ("December 13",
"14 October 2019") go to ``dateparser``, once per distinct text and base date.
Past events never get a date after publication: a weekday means the latest such day on or
before it, a day and month without a year the latest such date on or before it.
An event whose sentence names no date takes the last date named in the one or two
sentences before it in the same paragraph ("On 1 December, X. The militants then ...");
failing that, the publication date with precision ``week`` (ACLED time_precision 2: it
happened around the time of the report, and no later).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..models import Document, Event, EventDate

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = rf"(?P<month>(?:{MONTHS})\.?)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})\b"),
    ("absolute", rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    ("absolute", rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    ("month", rf"\b(?:in|during|since|by|early|late|mid|mid-)\s*{_MONTH}(?:\s+{_YEAR})?\b"),
    (
        "weekday",
        r"\b(?:(?P<part>early|late)\s+)?(?:(?P<last>last|this|next)\s+)?"
        r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    ),
    (
        "relative",
        r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|"
        r"last night|overnight|the day before|earlier (?:this|in the) (?:week|month)|"
        r"this week|last week|past week|this month|last month|last year|this year|"
        r"in recent (?:days|weeks|months)|in the (?:past|last) (?:few )?"
        r"(?:days|weeks|months|24 hours|48 hours)|recently)\b",
    ),
    ("since", rf"\bsince\s+{_YEAR}\b"),
    ("year", rf"\b(?:in|during)\s+{_YEAR}\b"),
)
COMPILED = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in PATTERNS)
# relative phrase -> (days before publication, precision)
RELATIVE = {
    "yesterday": (1, "day"),
    "today": (0, "day"),
    "tonight": (0, "day"),
    "this morning": (0, "day"),
    "this afternoon": (0, "day"),
    "this evening": (0, "day"),
    "last night": (1, "day"),
    "overnight": (1, "day"),
    "the day before": (1, "day"),
    "this week": (0, "week"),
    "earlier this week": (0, "week"),
    "earlier in the week": (0, "week"),
    "last week": (7, "week"),
    "past week": (0, "week"),
    "recently": (0, "month"),
    "this month": (0, "month"),
    "earlier this month": (0, "month"),
    "earlier in the month": (0, "month"),
    "last month": (30, "month"),
    "this year": (0, "year"),
    "last year": (365, "year"),
    "in recent days": (0, "week"),
    "in recent weeks": (0, "month"),
    "in recent months": (0, "year"),
    "in the past days": (0, "week"),
    "in the past few days": (0, "week"),
    "in the last days": (0, "week"),
    "in the last few days": (0, "week"),
    "in the past weeks": (0, "month"),
    "in the past few weeks": (0, "month"),
    "in the last weeks": (0, "month"),
    "in the last few weeks": (0, "month"),
    "in the past months": (0, "year"),
    "in the past few months": (0, "year"),
    "in the last months": (0, "year"),
    "in the last few months": (0, "year"),
    "in the past 24 hours": (0, "day"),
    "in the last 24 hours": (0, "day"),
    "in the past 48 hours": (0, "week"),
    "in the last 48 hours": (0, "week"),
}
FUTURE_MODALITIES = frozenset({"future"})
INHERIT_SENTENCES = 2


@dataclasses.dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    text: str
    start: int
    end: int
    groups: tuple[tuple[str, str], ...]


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text``; of overlapping ones the earlier pattern wins."""
    out: list[DateMention] = []
    for kind, rx in COMPILED:
        for m in rx.finditer(text):
            a, b = offset + m.start(), offset + m.end()
            if any(a < o.end and o.start < b for o in out):
                continue
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            out.append(DateMention(kind, m.group(), a, b, groups))
    return sorted(out, key=lambda m: m.start)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> dt.date | None:
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def resolve(mention: DateMention, published: dt.date | None, future: bool = False) -> EventDate:
    """A date mention as an EventDate relative to ``published``."""
    g = dict(mention.groups)
    text, start, end = mention.text, mention.start, mention.end

    def out(value: dt.date | None, precision: str | None) -> EventDate:
        return EventDate(value, precision, text, start, end)

    if mention.kind == "iso":
        return out(dt.date.fromisoformat(g["iso"]), "day")
    if mention.kind in ("since", "year"):
        return out(dt.date(int(g["year"]), 1, 1), "year")
    if published is None:
        if mention.kind in ("absolute", "month") and "year" in g:
            value = _dateparser(text, None)
            return out(value, "day" if mention.kind == "absolute" else "month")
        return out(None, None)
    if mention.kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        shift = (published.weekday() - target) % 7
        when = g.get("last", "").lower()
        if future or when == "next":
            ahead = (target - published.weekday()) % 7 or 7
            return out(published + dt.timedelta(days=ahead), "day")
        if when == "last" and shift == 0:
            shift = 7
        return out(published - dt.timedelta(days=shift), "day")
    if mention.kind == "relative":
        days, precision = RELATIVE.get(re.sub(r"\s+", " ", g["rel"].lower()), (0, "week"))
        return out(published - dt.timedelta(days=days), precision)
    value = _dateparser(
        re.sub(r"^(in|during|since|by|early|late|mid-?)\s*", "", text, flags=re.I), published
    )
    precision = "day" if mention.kind == "absolute" else "month"
    if value is not None and "year" not in g and value > published and not future:
        value = value.replace(year=value.year - 1)
    return out(value, precision)


class DatesStage:
    """Fills ``Event.date`` from the date expression nearest each event's trigger."""

    name = "dates"
    requires = ("events",)
    assigns = ("events",)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        published = doc.article.published
        cache: dict[int, list[DateMention]] = {}

        def mentions(i: int) -> list[DateMention]:
            if i not in cache:
                s = doc.sentences[i]
                cache[i] = find_dates(doc.article.text[s.start : s.end], s.start)
            return cache[i]

        events: list[Event] = []
        for ev in doc.events:
            own = mentions(ev.sentence)
            if own:
                m = min(own, key=lambda m: _distance(m, ev.trigger.start, ev.trigger.end))
                date = resolve(m, published, future=ev.modality in FUTURE_MODALITIES)
            elif (earlier := self._inherited(doc, ev.sentence, mentions)) is not None:
                date = resolve(earlier, published, future=ev.modality in FUTURE_MODALITIES)
            else:
                date = EventDate(published, "week" if published else None)
            events.append(dataclasses.replace(ev, date=date))
        return dataclasses.replace(doc, events=tuple(events))

    @staticmethod
    def _inherited(doc: Document, i: int, mentions: Any) -> DateMention | None:
        """The last date named earlier in the same paragraph ("On 1 December, X ... The
        militants then ..."), looking back at most ``INHERIT_SENTENCES`` sentences."""
        text = doc.article.text
        for j in range(i - 1, max(-1, i - 1 - INHERIT_SENTENCES), -1):
            if (
                doc.sentences[j].heading
                or "\n" in text[doc.sentences[j].end : doc.sentences[j + 1].start]
            ):
                return None
            found = mentions(j)
            if found:
                return found[-1]
        return None


def _distance(m: DateMention, start: int, end: int) -> int:
    if m.end <= start:
        return start - m.end
    if m.start >= end:
        return m.start - end
    return 0
