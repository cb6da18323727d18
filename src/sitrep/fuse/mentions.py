"""Event mentions: one stored event with the article facts fusion needs.

A mention is the light, frozen row fusion works on; ``mentions_from_document`` builds them
from a ``Document`` (as ``Store.iter_documents()`` yields them).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..models import FACTUAL_MODALITIES, Actor, ActorRef, Document, Event, Place, Sentence
from .resources import DOMESTIC_SIDES, actor_country, capitals, sides, wires

DENYING_STANCES = frozenset({"denies", "rejects", "denied"})
ANAPHOR = re.compile(r"\bthe\s+(?:(?P<capital>capital)|provincial\s+capital|city|town)\b",
                     re.IGNORECASE)


def _is_city(p: Place) -> bool:
    return (p.feature or "").startswith("PPL") and p.lat is not None


def _antecedent_city(doc: Document, sent: Sentence) -> Place | None:
    """The city the article has named most often before ``sent`` (latest on ties)."""
    before = [q for q in doc.places
              if q.role == "mention" and q.end <= sent.start and _is_city(q)]
    if not before:
        return None
    counts: dict[str, int] = {}
    last: dict[str, Place] = {}
    for q in sorted(before, key=lambda q: q.start):
        counts[q.id] = counts.get(q.id, 0) + 1
        last[q.id] = q
    best = max(last, key=lambda k: (counts[k], last[k].start))
    return last[best]


def anaphor_place(doc: Document, e: Event, sent: Sentence, country: str | None) -> Place | None:
    """The place "the city" or "the capital" refers to, when the event's own place is not
    named in its sentence (a dateline fallback) or is a capital of the wrong country.

    "the city" or "the town" is the city the article has named most before the sentence
    (never the dateline: "AMMAN — ... rebels entered the city" is not about Amman); "the
    capital" is the national capital of the acting side's home country (``sides.yaml``),
    else of the actor's.
    """
    p = e.place
    named_here = p is not None and p.role != "dateline" and sent.start <= p.start < sent.end
    if named_here and not (p is not None and p.role == "capital" and country
                           and p.country != country):
        return None
    text = doc.article.text
    found = [m for m in ANAPHOR.finditer(text, sent.start, sent.end)]
    if not found:
        return None
    m = next((x for x in found if x.start() >= e.trigger.start), found[0])
    base: Place | None = None
    if m.group("capital"):
        cap = capitals().national(country)
        base = cap.place() if cap else None
    else:
        base = _antecedent_city(doc, sent)
    if base is None:
        return None
    return replace(base, text=m.group(0), start=m.start(), end=m.end(), role="anaphor",
                   method="fuse-anaphor")


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
    anaphor_place: Place | None = None

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
        country = actor_country(e.actor1, actors)
        side1 = table.side_of(e.actor1, actors)
        home = table.home.get(side1) if side1 in DOMESTIC_SIDES else None
        anaphor = None
        if 0 <= e.sentence < len(doc.sentences):
            sent = doc.sentences[e.sentence]
            text, start = doc.article.text[sent.start : sent.end], sent.start
            anaphor = anaphor_place(doc, e, sent, home or country)
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
                actor1_side=side1,
                actor2_side=table.side_of(e.actor2, actors),
                actor1_country=country,
                source_sides=tuple((s.id, table.side_of(s, actors))
                                   for s in (*e.sources, *deniers.get(e.id, ()))),
                denied_by=tuple(sorted(denied.get(e.id, ()))),
                deniers=tuple(deniers.get(e.id, ())),
                claim_ids=tuple(sorted(claimed.get(e.id, ()))),
                anaphor_place=anaphor,
            )
        )
    return tuple(out)
