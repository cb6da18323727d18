"""Fatality counts, ACLED style: the lowest figure reported; "dozens" is 12, "hundreds" 100.

"killing 6 civilians, including 2 women" gives 6; "at least 16 people were killed" 16;
"between five and six" 5; "a soldier was killed" 1; "no casualties" 0.
"""

from __future__ import annotations

import re

from .lexicon import Numbers
from .syntax import SentenceView

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_NO_DEATHS = re.compile(
    r"\bno (one|deaths?|fatalit(y|ies)|casualt(y|ies)|one was killed)\b"
    r"|\bnobody was (killed|hurt)\b|\bthere were no casualties\b",
    re.IGNORECASE,
)
NUMBER_DEPS = frozenset({"nummod", "det", "amod", "quantmod", "compound", "advmod", "npadvmod"})
SUBSET_PREPS = frozenset({"including", "among"})


class FatalityCounter:
    def __init__(self, numbers: Numbers):
        self.numbers = numbers

    def value(self, word: str) -> int | None:
        low = word.lower().replace("\u2013", "-")
        if _DIGITS.match(low):
            return int(low.replace(",", ""))
        if low in self.numbers.vague:
            return self.numbers.vague[low]
        if low in self.numbers.words:
            return self.numbers.words[low]
        if "-" in low:
            parts = [self.numbers.words.get(p) for p in low.split("-")]
            if all(p is not None for p in parts):
                return sum(p for p in parts if p is not None)
        return None

    def _np_count(self, view: SentenceView, head: int) -> int | None:
        """The number on a noun phrase ("at least 16 people", "dozens of civilians")."""
        t = view.tok(head)
        own = self.value(t.text)
        if own is not None and (
            t.pos == "NUM" or (t.pos in ("NOUN", "PRON", "ADJ") and t.lemma.lower() != "one")
        ):
            return own
        counts: list[int] = []
        for k in view.children(head, NUMBER_DEPS):
            t = view.tok(k)
            if t.dep == "det" and t.lemma.lower() not in ("a", "an", "no"):
                continue
            nums = _compose([self.value(view.tok(j).text) for j in view.subtree(k)])
            if nums:
                counts.append(min(nums))  # "between five and six": the lowest
        return min(counts) if counts else None

    def _victims(self, view: SentenceView, d: int) -> list[int]:
        """Noun phrase heads counted by death word ``d``."""
        t = view.tok(d)
        lem = t.lemma.lower()
        heads: list[int] = []
        if t.pos in ("VERB", "AUX"):
            passive = view.child(d, frozenset({"nsubjpass"}))
            if passive is not None:
                heads.append(passive)
            elif lem in ("die", "perish"):
                s = view.child(d, frozenset({"nsubj"}))
                if s is not None:
                    heads.append(s)
            else:
                o = view.child(d, frozenset({"dobj"}))
                if o is not None:
                    heads.append(o)
        elif lem == "dead" and t.pos == "ADJ":
            h = view.head(d)
            if h is not None:
                # "shot dead a trader": the object; "two men were found dead": the subject
                for dep in ("dobj", "nsubjpass", "nsubj"):
                    o = view.child(h, frozenset({dep}))
                    if o is not None and o != d:
                        heads.append(o)
                        break
            if view.tok(d).dep in ("amod",) and h is not None:
                heads.append(h)
        else:
            heads.append(d)
            if lem == "toll":
                for p in view.children(d, frozenset({"prep"})):
                    heads.extend(view.children(p, frozenset({"pobj"})))
        out: list[int] = []
        for h in heads:
            for c in view.conjuncts(h):
                if view.tok(c).dep == "conj" and view.tok(view.head(c) or c).lemma in SUBSET_PREPS:
                    continue
                out.append(c)
        return out

    def count_at(self, view: SentenceView) -> tuple[int | None, int | None]:
        """Deaths reported in the sentence and the token of the word that reports them
        ("killed" in "killing 6 civilians"; ``None`` for "there were no casualties")."""
        if _NO_DEATHS.search(view.doc.sentence_text(view.sentence.i)):
            return 0, None
        best: int | None = None
        word: int | None = None
        for i in range(view.first, view.last):
            lem = view.lemma(i)
            if lem not in self.numbers.death_words and not (
                lem == "toll" and "death" in view.lemma_string
            ):
                continue
            total = 0
            seen = False
            for h in self._victims(view, i):
                n = self._np_count(view, h)
                if n is None and view.tok(h).tag in ("NN", "NNP") and view.tok(h).pos != "PRON":
                    n = 1 if lem not in ("death", "fatality", "toll") else None
                if n is not None:
                    total += n
                    seen = True
            if seen and (best is None or total > best):
                best, word = total, i
        return best, word


def killer_trigger(
    view: SentenceView, triggers: list[int], word: int | None, cause: set[int]
) -> int | None:
    """The trigger (of ``triggers``) of the event that did the killing death word ``word``
    reports, when the sentence says: the event named as its subject ("residents protested
    after a tanker explosion killed 30": the explosion, not the protest), or an event of the
    same clause when that clause (``cause``) only says what set a protest off ("rallied
    after police shot dead a student"). ``None`` leaves the deaths to the caller's choice."""
    if word is None:
        return None
    subject = view.child(word, frozenset({"nsubj"}))
    agent = view.child(word, frozenset({"agent"}))
    if agent is not None:
        subject = view.child(agent, frozenset({"pobj"}))  # "30 were killed by a blast"
    if subject in triggers:
        return subject
    if word not in cause:
        return None
    return next((t for t in triggers if t in cause), None)


def _compose(values: list[int | None]) -> list[int]:
    """Join multipliers ("two hundred" is 200); every other number stands alone."""
    out: list[int] = []
    for v in values:
        if v is None:
            continue
        if v in (100, 1000) and out and out[-1] < v:
            out[-1] *= v
        else:
            out.append(v)
    return out
