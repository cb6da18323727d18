"""ACLED's sub-category tags: a note that opens with "Interception:", "Looting:" or
"Security measures:" names its own sub-event type (``note_tags`` in ``acled_rules.yaml``).

The tagged note's event of that type becomes its main event (``TAG_METHOD`` in its method,
which ``rank.main_event`` prefers); when no event has the type, the note's most confident
factual event is retyped, and when the rules found no event at all, one is made from the
tag itself, placed at the first place the tagged sentence names.
"""

from __future__ import annotations

import dataclasses
import re

from ..ids import digest
from ..models import Document, Event, Mention, Place
from .lexicon import Lexicon

TAG_METHOD = ":note-tag"
TAG_CONFIDENCE = 0.99  # the note says its type: above any rule's confidence
MADE_CONFIDENCE = 0.6  # an event made from the tag alone, with no trigger of its own
NOT_HAPPENED = frozenset({"negated", "denied"})
# "Interception: On 1 May 2023, ..." (a tag is a short phrase of words, then a colon)
TAG = re.compile(r"\s*([A-Za-z][A-Za-z /-]{1,40}?):\s")


class NoteTags:
    """Applies a note's opening sub-category tag to its events."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        raw = lex.refinements.get("note_tags", {})
        self.tags = {str(k).lower(): (str(v[0]), str(v[1])) for k, v in raw.items()}

    def __call__(self, doc: Document, events: list[Event]) -> list[Event]:
        found = TAG.match(doc.article.text)
        if found is None or found.group(1).lower() not in self.tags:
            return events
        code, plover = self.tags[found.group(1).lower()]
        event_type, sub_type = self.lex.acled[code]
        factual = [e for e in events if e.modality not in NOT_HAPPENED]
        same = [e for e in factual if e.acled_sub_event_type == sub_type]
        pool = same or factual
        if not pool:
            return [*events, self._made(doc, found, plover, event_type, sub_type)]
        best = max(pool, key=lambda e: (e.confidence, -e.sentence, -e.trigger.start))
        tagged = dataclasses.replace(
            best,
            acled_event_type=event_type,
            acled_sub_event_type=sub_type,
            confidence=max(best.confidence, TAG_CONFIDENCE),
            method=best.method + TAG_METHOD,
        )
        return [tagged if e is best else e for e in events]

    def _made(
        self, doc: Document, found: re.Match[str], plover: str, event_type: str, sub_type: str
    ) -> Event:
        start, end = found.span(1)
        sentence = doc.sentence_at(start) or (doc.sentences[0] if doc.sentences else None)
        index = sentence.i if sentence is not None else 0
        place: Place | None = doc.focus.place
        if sentence is not None:
            named = [
                p
                for p in doc.places
                if sentence.start <= p.start < sentence.end
                and p.lat is not None
                and p.role != "dateline"
            ]
            place = named[0] if named else place
        return Event(
            id="ev-" + digest(doc.article.id, start, end, "tag"),
            sentence=index,
            trigger=Mention(doc.article.text[start:end], start, end, "noun"),
            plover_type=plover,
            acled_event_type=event_type,
            acled_sub_event_type=sub_type,
            place=place,
            confidence=MADE_CONFIDENCE,
            method="tag" + TAG_METHOD,
        )
