"""What the ACLED coder knows about one event (``AcledContext``, built by the events stage)
and the phrases of an act that give its reason, not its scene."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .syntax import SentenceView


@dataclass(frozen=True, slots=True)
class AcledContext:
    """What the coder needs to know about one event."""

    agent_text: str
    agent_kind: str
    patient_text: str
    object_class: str | None
    context: str = ""  # the sentence's words and lemmas without the agent phrase
    patient_head: str = ""  # the target's head word and lemma ("villager villagers")
    agent_phrase: str = ""  # the agent's whole phrase, words and lemmas ("members of two clans")
    agent_tokens: frozenset[int] = frozenset()  # its token indices
    trigger: int = -1  # the trigger's token index
    agent_head: str = ""  # the agent's head lemma ("ministry")




def reason_tokens(
    view: SentenceView, trigger: int, lex: Lexicon, preps: frozenset[str] | None = None
) -> set[int]:
    """The words of the phrases that say why an act was done ("arrested over his role in the
    protests", "on charges of joining the protests"): its reason, not where it happened.
    ``preps``: the prepositions that give it (the lexicon's ``reason_preps`` when not
    given); "on" counts with a charge noun."""
    charges = lex.word_sets["charge_nouns"]
    preps = lex.word_sets["reason_preps"] if preps is None else preps
    reason: set[int] = set()
    for p in view.children(trigger, frozenset({"prep"})):
        if view.lemma(p) in preps or (
            view.lemma(p) == "on"  # "arrested on charges of joining the protests"
            and any(view.lemma(o) in charges for o in view.children(p))
        ):
            reason.update(view.subtree(p))
    return reason
