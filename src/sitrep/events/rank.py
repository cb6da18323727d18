"""Which event a document is about: its most confident factual event."""

from __future__ import annotations

from functools import lru_cache

from ..models import Document, Event
from .clauses import grievance_tokens
from .governs import subordinate
from .lexicon import load_lexicon
from .syntax import SentenceView
from .tags import TAG_METHOD

# The lead sentence carries a news item's main event: later sentences pay a small penalty.
LEAD_PRIOR = 0.03
NOT_HAPPENED = frozenset({"negated", "denied"})
# ACLED's violent event types; a strategic development told after one of them (an arrest
# after a shooting) is its sequel, not the report's event; an arrest told with a protest
# (or after it) is how the protest was met
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
PROTEST_TYPES = frozenset({"Protests", "Riots"})
SEQUEL_TYPES = frozenset({"Strategic developments"})


def event_score(event: Event) -> float:
    return event.confidence - LEAD_PRIOR * min(event.sentence, 3)


def _key(e: Event) -> tuple[float, int]:
    return (event_score(e), -e.trigger.start)


@lru_cache(maxsize=1)
def _grievance_words() -> tuple[frozenset[str], tuple[str, ...]]:
    ref = load_lexicon().refinements
    return frozenset(ref.get("grievance_heads", ())), tuple(ref.get("grievance_preps", ()))


def _grievances(doc: Document, pool: list[Event]) -> set[int]:
    """Character starts of the events told as a protest's grievance ("rallied to condemn
    the airstrikes"): what the protest is about, not what happened."""
    protests = {e.sentence for e in pool if e.acled_event_type in PROTEST_TYPES}
    if not protests:
        return set()
    heads, preps = _grievance_words()
    out: set[int] = set()
    for i in protests:
        if not 0 <= i < len(doc.sentences):
            continue
        view = SentenceView(doc, doc.sentences[i])
        inside = {doc.tokens[k].start for k in grievance_tokens(view, heads, preps)}
        if any(
            e.sentence == i and e.trigger.start not in inside
            for e in pool
            if e.acled_event_type in PROTEST_TYPES
        ):
            out |= {e.trigger.start for e in pool if e.sentence == i} & inside
    return out


def competing(doc: Document) -> list[Event]:
    """The document's events less those told inside another event's clause ("handed over
    the town under the peace deal": the handover, not the deal; ``governs``): the events
    that compete to be the document's label (CASE 2021: ``CaseLabeller`` takes the best of
    them). Negated and denied events stay (callers skip them) but rule over nothing.
    ``main_event`` does not use it: the ACLED sample's figures are the same either way, and
    the learned typer reads ``main_event``'s choice, which cross-validation on CASE dev
    preferred unchanged (BENCHMARKS, ninth events session)."""
    live = [e for e in doc.events if e.modality not in NOT_HAPPENED]
    rulers = [e for e in live if e.acled_sub_event_type is not None]
    # the event a note's sub-category tag names is never another's frame
    framed = [e for e in live if not e.method.endswith(TAG_METHOD)]
    hidden = subordinate(doc, framed, rulers) if rulers and len(live) > 1 else set()
    if hidden and all(e.id in hidden for e in rulers):
        # each told inside the other's clause ("the recapture of the town followed a fierce
        # assault"): none rules, all compete
        hidden = set()
    return [e for e in doc.events if e.id not in hidden] if hidden else list(doc.events)


def main_event(doc: Document, *, acled_only: bool = True) -> Event | None:
    """The event a note's sub-category tag names, else the highest-scoring event that is
    not negated or denied (with an ACLED type), not told as a protest's grievance; a
    strategic development gives way to a violent event told before it and to a protest
    told with it or before it."""
    pool = [
        e
        for e in doc.events
        if e.modality not in NOT_HAPPENED and (e.acled_sub_event_type is not None or not acled_only)
    ]
    if acled_only:
        background = _grievances(doc, pool)
        pool = [e for e in pool if e.trigger.start not in background] if background else pool
    tagged = [e for e in pool if e.method.endswith(TAG_METHOD)]
    if tagged:  # the note's own sub-category tag ("Interception:") names its event
        return max(tagged, key=_key)
    best = max(pool, key=_key, default=None)
    if best is None or best.acled_event_type not in SEQUEL_TYPES:
        return best
    before = [
        e
        for e in pool
        if (e.acled_event_type in VIOLENT_TYPES and e.sentence < best.sentence)
        or (e.acled_event_type in PROTEST_TYPES and e.sentence <= best.sentence)
    ]
    return max(before, key=_key, default=best)
