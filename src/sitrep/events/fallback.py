"""Where an event happened when its own clause and paragraph name no place.

The document's focus place is often the dateline city ("BEIRUT (Reuters) -"), which is
where the reporter sits, not where the fighting is. An event on the ground (violence,
protest, seizure, withdrawal, deployment) with no place of its own takes the dateline
city only when that city is in the country the event is about; when the dateline is
abroad ("MOSCOW -" over a story about Syria), it falls back to that country (ACLED
geo_precision 3). Diplomatic events (meetings, calls, accusations) happen where the
reporter is, so a foreign dateline city stays theirs.

The country an event is about is voted on by the places named in its sentence (demonyms
included: "Syrian rebels"), the countries of its actors, and the places named anywhere in
the document other than the dateline.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from ..geo import alpha2
from ..models import ActorRef, Document, Place, Sentence

GROUND_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "RETREAT", "MOBILIZE"})
COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
SENTENCE_VOTE = 3  # a place or demonym in the event's own sentence
ACTOR_VOTE = 2  # each actor of the event
DOCUMENT_VOTE = 1  # each place named elsewhere in the document
SKIP_KINDS = frozenset({"media"})  # "(Reuters)" says nothing about where


def subject_country(
    doc: Document,
    sentence: Sentence,
    actors: list[ActorRef],
    votes_doc: Counter[str],
    dateline: str | None,
) -> str | None:
    """The country the event is about, or None when nothing says.

    An actor votes for its country unless that is the dateline's: the actors stage gives
    an unnamed "opposition fighters" the document's focus country, which is the dateline's,
    so that vote would only echo the dateline (a named "Russian" is a sentence vote).
    """
    votes: Counter[str] = Counter(votes_doc)
    for p in doc.places:
        if p.role != "dateline" and p.country and sentence.start <= p.start < sentence.end:
            votes[p.country] += SENTENCE_VOTE - DOCUMENT_VOTE
    kinds = {a.id: (a.kind, a.country) for a in doc.actors}
    for ref in actors:
        kind, country = kinds.get(ref.id, ("", None))
        code = alpha2(country) if country and kind not in SKIP_KINDS else None
        if code and code != dateline:
            votes[code] += ACTOR_VOTE
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie says nothing
    return ranked[0][0]


def document_votes(doc: Document) -> Counter[str]:
    """One vote per place named in the document, the dateline excepted."""
    return Counter(p.country for p in doc.places if p.role != "dateline" and p.country)


def country_place(doc: Document, country: str, sentence: Sentence) -> Place | None:
    """A mention of ``country`` itself ("Syria", "Syrian"), nearest the event's sentence,
    as a country-level place."""
    named = [
        p
        for p in doc.places
        if p.country == country and (p.feature or "") in COUNTRY_FEATURES and p.lat is not None
    ]
    if not named:
        return None
    best = min(named, key=lambda p: (not sentence.start <= p.start < sentence.end, p.start))
    return dataclasses.replace(best, precision=3, method=best.method + ":country-fallback")


def fallback_place(
    doc: Document,
    sentence: Sentence,
    plover_type: str,
    actors: list[ActorRef],
    votes_doc: Counter[str],
) -> Place | None:
    """The place of an event that names none: the focus place, unless that is a foreign
    dateline city and the event happened on the ground elsewhere (then the country)."""
    focus = doc.focus.place
    if focus is None or focus.role != "dateline" or plover_type not in GROUND_TYPES:
        return focus
    country = subject_country(doc, sentence, actors, votes_doc, focus.country)
    if country is None or country == focus.country:
        return focus
    return country_place(doc, country, sentence)
