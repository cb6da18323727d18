"""Modality: did it happen, is it reported, alleged, hypothetical, planned, negated or denied?

A trigger takes the strongest cue found on itself or on the words that govern it, walking up
the parse. Relative clauses stop the walk (they assert on their own); a trigger inside a
subject only takes its verb's modal ("the loss of Homs would represent ...").
"""

from __future__ import annotations

from .lexicon import ModalityCues
from .syntax import SentenceView

STOP_DEPS = frozenset({"relcl", "appos", "parataxis"})
# passive verbs whose subject is an event yet to happen ("a rally is scheduled for Friday")
PLANNED_PASSIVES = frozenset({"plan", "schedule", "expect", "set"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
# how a trigger hangs under a governing verb whose meaning colours it ("said that ...",
# "plans to ...", "called for ..."); an adverbial or coordinated clause is not its content
COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd"}
)


class ModalityJudge:
    def __init__(self, cues: ModalityCues):
        self.cues = cues
        self.rank = {m: r for r, m in enumerate(cues.priority)}

    def _pick(self, found: list[str]) -> str:
        return min(found, key=lambda m: self.rank.get(m, 99)) if found else "asserted"

    def _own(self, view: SentenceView, i: int, nominal: bool) -> list[str]:
        """Cues attached directly to word ``i``: aux, negation, adverbs, marks."""
        c = self.cues
        found: list[str] = []
        polite = view.lemma(i) in c.polite_verbs
        for k in view.children(i):
            t = view.tok(k)
            lem = t.lemma.lower()
            low = t.text.lower()
            if t.dep in ("aux", "auxpass") and (low in c.modal_aux or lem in c.modal_aux):
                if not polite:
                    found.append(c.modal_aux.get(low) or c.modal_aux[lem])
            elif t.dep == "neg":
                found.append("negated")
            elif t.dep == "advmod" and lem in c.adverbs:
                found.append(c.adverbs[lem])
            elif t.dep == "mark" and lem in c.conditional_marks:
                found.append("hypothetical")
            elif nominal and t.dep == "det" and lem in c.negating_determiners:
                found.append("negated")
            elif not nominal and t.dep in ("nsubj", "nsubjpass") and self._nobody(view, k):
                found.append("negated")  # "no one has been arrested"
            elif nominal and t.dep == "amod" and lem in c.hypothetical_adjectives:
                found.append("hypothetical")
            elif nominal and t.dep in ("nmod", "compound", "amod") and self._hyphenated(view, k):
                found.append("hypothetical")  # "a would-be suicide bomber": three tokens
        return found

    def _hyphenated(self, view: SentenceView, k: int) -> bool:
        """Whether the modifier at ``k`` with its own words spells a hyphenated
        ``hypothetical_adjectives`` entry ("would-be", parsed would / - / be)."""
        words = view.subtree(k)
        if len(words) < 3 or words[-1] - words[0] != len(words) - 1:
            return False
        spelled = view.text(view.tok(words[0]).start, view.tok(words[-1]).end).lower()
        return "-" in spelled and spelled in self.cues.hypothetical_adjectives

    def _nobody(self, view: SentenceView, k: int) -> bool:
        """Whether subject ``k`` names nobody: "nobody", "none", "no one", "no soldiers"."""
        c = self.cues
        if view.lemma(k) in c.negating_subjects or view.word(k) in c.negating_subjects:
            return True
        return any(
            view.tok(d).dep == "det" and view.lemma(d) in c.negating_determiners
            for d in view.children(k)
        )

    def judge(self, view: SentenceView, i: int, nominal: bool) -> str:
        c = self.cues
        found = self._own(view, i, nominal)
        child, via = i, view.tok(i).dep
        for a in view.ancestors(i):
            at = view.tok(a)
            lem = at.lemma.lower()
            if via in STOP_DEPS:
                break
            if via in SUBJECT_DEPS:
                found.extend(
                    m for m in self._own(view, a, False) if m in ("hypothetical", "future")
                )
                if via == "nsubjpass" and lem in PLANNED_PASSIVES:
                    found.append("future")  # "a protest over the killings is planned"
            elif via == "conj" and view.child(child, frozenset({"aux", "auxpass"})) is not None:
                # "can fly ... and has been named": a coordinated verb with its own
                # auxiliary does not share the first verb's modal
                pass
            else:
                own = self._own(view, a, at.pos == "NOUN")
                # negation of a governing verb only carries into xcomp ("did not manage to")
                found.extend(m for m in own if m != "negated" or via == "xcomp")
                if at.pos in ("VERB", "AUX") and lem in c.governors and via in COMPLEMENT_DEPS:
                    found.append(c.governors[lem])
                if lem == "without" and at.dep == "prep":
                    found.append("negated")  # "entered without meeting resistance"
                # "see the capture of Homs as a turning point"
                if (
                    at.pos == "VERB"
                    and lem in c.evaluation_verbs
                    and via in ("dobj", "obj")
                    and any(view.lemma(k) == "as" for k in view.children(a))
                ):
                    found.append("hypothetical")
                if (
                    at.pos == "NOUN"
                    and lem in c.hypothetical_heads
                    and via in ("prep", "pobj", "acl")
                ):
                    found.append("hypothetical")
            child, via = a, at.dep
        mode = self._pick(found)
        if mode == "asserted" and any(p in view.word_string for p in self._phrases()):
            return "reported"
        return mode

    def _phrases(self) -> tuple[str, ...]:
        return tuple(f" {p} " for p in self.cues.reported_phrases)
