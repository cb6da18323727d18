"""Stance: how a speaker holds what they say (asserts, reports, alleges, denies, rumour,
opinion)."""

from __future__ import annotations

from ..models import Document
from .lexicon import CueLexicon


def stance_of(
    doc: Document,
    cues: CueLexicon,
    base: str,
    content: tuple[int, int],
    speaker: tuple[int, int] | None,
    appos: tuple[int, int] | None,
) -> str:
    """The stance of a claim: the cue's, sharpened by its content and speaker. A plain
    "said" whose content calls something false is a denial; one with a normative modal, an
    opinion verb at its root, or an analyst as speaker is an opinion."""
    if base not in ("asserts", "reports"):
        return base
    toks = [t for t in doc.tokens if content[0] <= t.start and t.end <= content[1]]
    lemmas = {t.lemma.casefold() for t in toks} | {t.text.casefold() for t in toks}
    if base == "asserts" and lemmas & cues.denial_words:
        return "denies"
    if base == "reports":
        return base
    if any(t.tag == "MD" and t.text.casefold() in cues.normative_modals for t in toks):
        return "opinion"
    roots = [t for t in toks if not (content[0] <= doc.tokens[t.head].start < content[1])]
    if any(t.lemma.casefold() in cues.opinion_verbs for t in roots):
        return "opinion"
    if any(
        doc.tokens[k].lemma.casefold() in cues.opinion_speakers
        for r in (speaker, appos)
        if r
        for k in range(*r)
    ):
        return "opinion"
    return base
