"""Event mentions: one stored event with the article facts fusion needs.

A mention is the light, frozen row fusion works on; ``mentions_from_document`` builds them
from a ``Document`` (as ``Store.iter_documents()`` yields them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import FACTUAL_MODALITIES, Actor, ActorRef, Document, Event
from .resources import actor_country, sides, wires

DENYING_STANCES = frozenset({"denies", "rejects", "denied"})


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one article reports it."""

    event: Event
    article_id: str
    outlet: str | None
    published: dt.date | None
    wire: str | None
    sentence_text: str
    sentence_start: int
    actor1_side: str | None = None
    actor2_side: str | None = None
    actor1_country: str | None = None
    source_sides: tuple[tuple[str, str | None], ...] = ()
    denied_by: tuple[str, ...] = ()
    deniers: tuple[ActorRef, ...] = ()
    claim_ids: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def date(self) -> dt.date | None:
        """The event date, else the publication date (the latest it can have happened)."""
        return self.event.date.value or self.published

    @property
    def date_precision(self) -> str | None:
        return self.event.date.precision if self.event.date.value else None

    @property
    def factual(self) -> bool:
        return self.event.modality in FACTUAL_MODALITIES

    @property
    def denied(self) -> bool:
        return self.event.modality == "denied" or bool(self.denied_by)

    @property
    def outlet_key(self) -> str:
        return f"outlet:{(self.outlet or self.article_id).strip().casefold()}"

    def sentence_slice(self, start: int, end: int) -> str:
        """Text of ``article.text[start:end]`` clipped to this mention's sentence."""
        lo = max(0, start - self.sentence_start)
        hi = max(lo, end - self.sentence_start)
        return self.sentence_text[lo:hi]


def mentions_from_document(doc: Document) -> tuple[EventMention, ...]:
    """Every event of ``doc`` as a mention, with sides, wire credit and denials resolved."""
    if not doc.events:
        return ()
    table = sides()
    actors: dict[str, Actor] = {a.id: a for a in doc.actors}
    wire = next((w for w in (wires().wire_of(c) for c in doc.article.credits) if w), None)
    denied: dict[str, list[str]] = {}
    deniers: dict[str, list[ActorRef]] = {}
    claimed: dict[str, list[str]] = {}
    for claim in doc.claims:
        for eid in claim.events:
            claimed.setdefault(eid, []).append(claim.id)
            if claim.stance in DENYING_STANCES:
                denied.setdefault(eid, []).append(claim.id)
                if claim.speaker is not None:
                    deniers.setdefault(eid, []).append(claim.speaker)
    out = []
    for e in doc.events:
        if 0 <= e.sentence < len(doc.sentences):
            sent = doc.sentences[e.sentence]
            text, start = doc.article.text[sent.start : sent.end], sent.start
        else:
            text, start = doc.article.text, 0
        out.append(
            EventMention(
                event=e,
                article_id=doc.article.id,
                outlet=doc.article.outlet,
                published=doc.article.published,
                wire=wire,
                sentence_text=text,
                sentence_start=start,
                actor1_side=table.side_of(e.actor1, actors),
                actor2_side=table.side_of(e.actor2, actors),
                actor1_country=actor_country(e.actor1, actors),
                source_sides=tuple((s.id, table.side_of(s, actors)) for s in e.sources),
                denied_by=tuple(sorted(denied.get(e.id, ()))),
                deniers=tuple(deniers.get(e.id, ())),
                claim_ids=tuple(sorted(claimed.get(e.id, ()))),
            )
        )
    return tuple(out)
