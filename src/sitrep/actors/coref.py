"""Coreference inside one article: definite descriptions ("the group", "the monitor") and
pronouns ("he said", "its fighters", "they arrested") become mentions of the actor they
refer back to.

The antecedent is the nearest earlier actor of a fitting kind (lexicon.yaml ``anaphora``
and ``pronouns``), looked for in the pronoun's own sentence, then in up to two sentences
before it; within the sentence where candidates are found, the one that is a grammatical
subject wins ("Geir Pedersen met Sergey Lavrov. He said ..." is Pedersen), else the
nearest. Resolved mentions join the pool, so "the group ... the militia ... it" chains.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from ..models import Document, Token
from .matching import Hit
from .registry import Registry
from .words import Word

_SENTENCES_BACK = 2
_PATIENT_DEPS = frozenset({"dobj", "nsubjpass"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# "it" is an actor only as the subject of a verb of doing or saying, not in "it is
# unclear", "it remains to be seen", "it took hours"
_EMPTY_IT_VERBS = frozenset(
    {"be", "seem", "appear", "remain", "become", "take", "happen", "mean", "emerge", "look"}
)


def definite_descriptions(
    registry: Registry, words: list[list[Word]], hits: list[Hit], text: str
) -> list[Hit]:
    """ "the group", "the monitor": the nearest actor of a fitting kind named in this
    sentence or the two before it."""
    anaphora = registry.lexicon.anaphora
    covered = {(h.sent, i) for h in hits for i in range(h.w0, h.w1)}
    pool = list(hits)
    for s, ws in enumerate(words):
        for i in range(len(ws) - 1):
            kinds = anaphora.get(ws[i + 1].key)
            if ws[i].key != "the" or not kinds or (s, i + 1) in covered:
                continue
            if i + 2 < len(ws) and ws[i + 2].capitalised:  # "the Observatory for ..." is a name
                continue
            found = _antecedent(registry, pool, s, ws[i].start, kinds, None)
            if found:
                start, end = ws[i].start, ws[i + 1].end
                pool.append(Hit(s, i, i + 2, start, end, text[start:end], (), found, "anaphora"))
    return sorted(pool, key=lambda h: h.start)


def pronoun_mentions(
    registry: Registry, doc: Document, words: list[list[Word]], hits: list[Hit]
) -> list[Hit]:
    """Pronouns that refer back to an actor: "he" and "his" to a person, "it" and "its" to
    an organisation or a state, "they" and "their" to a group."""
    pronouns = registry.lexicon.pronouns
    if not pronouns:
        return hits
    covered = {(h.sent, i) for h in hits for i in range(h.w0, h.w1)}
    tokens = {t.start: t for t in doc.tokens if t.pos == "PRON"}
    pool = sorted(hits, key=lambda h: h.start)
    starts = [t.start for t in doc.tokens]

    def is_subject(h: Hit) -> bool:
        """Whether the mention's head (its last token) is a grammatical subject."""
        k = bisect_left(starts, h.end) - 1
        return k >= 0 and doc.tokens[k].start >= h.start and doc.tokens[k].dep in _SUBJECT_DEPS

    for s, ws in enumerate(words):
        for i, w in enumerate(ws):
            kinds = pronouns.get(w.key)
            tok = tokens.get(w.start)
            if not kinds or tok is None or (s, i) in covered or not _referring(doc, tok):
                continue
            patient = _patient(doc, pool, s, tok) if tok.dep == "nsubjpass" else None
            if patient is not None:
                found = patient or None  # "" when the patient is no actor ("three activists")
            else:
                found = _antecedent(registry, pool, s, w.start, kinds, is_subject)
            if found:
                pool.append(Hit(s, i, i + 1, w.start, w.end, w.text, (), found, "pronoun"))
    return sorted(pool, key=lambda h: h.start)


def _patient(doc: Document, pool: list[Hit], sent: int, tok: Token) -> str | None:
    """ "Police detained three activists. They were released": a plural pronoun that
    undergoes an act refers to the nearest plural noun that underwent one before it (an
    object or a passive subject), not to the doer. The actor of that noun, "" when no
    actor covers it, None when no such noun is near."""
    if tok.tag != "PRP" or tok.text.casefold() != "they":
        return None
    first = doc.sentences[max(0, sent - _SENTENCES_BACK)].token_start
    for k in range(tok.i - 1, first - 1, -1):
        t = doc.tokens[k]
        if t.dep in _PATIENT_DEPS and t.tag in _PLURAL_TAGS:
            return next((h.actor for h in pool if h.start <= t.start < h.end), "")
    return None


def _referring(doc: Document, tok: Token) -> bool:
    if tok.text.casefold() != "it":
        return True
    head = doc.tokens[tok.head]
    return tok.dep in _SUBJECT_DEPS and head.pos == "VERB" and head.lemma not in _EMPTY_IT_VERBS


def _antecedent(
    registry: Registry,
    pool: list[Hit],
    sent: int,
    before: int,
    kinds: frozenset[str],
    is_subject: Callable[[Hit], bool] | None,
) -> str | None:
    """The actor of the nearest fitting mention before ``before`` (see the module doc)."""
    for s in range(sent, max(-1, sent - _SENTENCES_BACK - 1), -1):
        found = [
            h for h in pool if h.sent == s and h.start < before and _kind(registry, h) in kinds
        ]
        if not found:
            continue
        found.sort(key=lambda h: h.start)
        if is_subject is not None:
            subjects = [h for h in found if is_subject(h)]
            if subjects:
                return subjects[-1].actor
        return found[-1].actor
    return None


def _kind(registry: Registry, h: Hit) -> str:
    entry = registry.get(h.actor)
    if entry is not None:
        return entry.kind
    return next((v for k, v in h.attributes if k == "kind"), "")
