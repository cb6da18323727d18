"""Phrases around a reporting verb: the speaker's noun phrase, its apposition, coordinated
speakers, and clauses the parser attached somewhere unexpected."""

from __future__ import annotations

from ..models import Token
from .syntax import Tree

# Children that are not part of a speaker's own phrase.
NP_SKIP = ("appos", "relcl", "acl", "punct", "conj", "cc", "preconj", "advcl")
# Punctuation that ends a phrase on its left ("DAMASCUS — ...", "..., the army said").
BREAKS = frozenset({",", "—", "–", ";", ":", "--"})


class Phrases:
    """Phrase spans over one document's dependency tree; token ranges are ``[start, end)``."""

    def __init__(self, tree: Tree):
        self.tree = tree

    def merge_double_subject(self, v: Token, s: Token, speaker: tuple[int, int]) -> tuple[int, int]:
        """ "The Wagner-linked channel Grey Zone said": two subjects side by side are one
        descriptor-and-name phrase."""
        subjects = [c for c in self.tree.children(v.i, "nsubj") if c.i < v.i]
        if len(subjects) < 2 or s.i != subjects[-1].i:
            return speaker
        before = self.tree.subtree(subjects[-2].i, NP_SKIP)
        if before[-1] + 1 != speaker[0]:
            return speaker  # not side by side: a misparse elsewhere in the sentence
        return (min(before[0], speaker[0]), speaker[1])

    def that_clause(self, v: Token) -> list[int]:
        """The first "that ..." clause after ``v`` in its sentence, however it is attached."""
        end = self.tree.doc.sentences[v.sent].token_end
        for k in range(v.i + 1, end):
            t = self.tree.tokens[k]
            if t.text.lower() == "that" and t.head != k:
                clause = self.tree.tokens[t.head]
                if clause.pos in ("VERB", "AUX") and clause.i > k:
                    return [j for j in self.tree.subtree(clause.i) if j >= k]
        return []

    def np(self, head: Token, limit: int | None = None, cue: int | None = None) -> tuple[int, int]:
        """The speaker phrase headed by ``head``: its modifiers, a restrictive relative clause
        ("a resident who fled on Friday") unless it holds the cue, no apposition, no date."""
        timely = [
            k
            for c in self.tree.children(head.i, "prep", "npadvmod")
            for k in self.tree.subtree(c.i)
            if any(self.tree.tokens[j].ent_type in ("DATE", "TIME") for j in self.tree.subtree(c.i))
        ]
        relative = [
            k
            for c in self.tree.children(head.i, "relcl")
            if c.i > head.i and self.tree.tokens[self.tree.subtree(c.i)[0] - 1].text != ","
            for k in self.tree.subtree(c.i)
        ]
        if cue is not None and cue in relative:
            relative = []
        idx = [
            k
            for k in sorted(set(self.tree.subtree(head.i, NP_SKIP)) | set(relative))
            if (limit is None or k < limit) and k not in timely
        ]
        idx = [k for k in idx if k <= head.i or self.tree.tokens[k].text != ","]
        if not idx:
            return head.i, head.i + 1
        start, end = idx[0], idx[-1] + 1
        for k in range(head.i + 1, end):
            if self.tree.tokens[k].text in (",", "(", "—", "–", ";"):
                end = k
                break
        for k in range(head.i - 1, start - 1, -1):
            if self.tree.tokens[k].text in BREAKS:
                start = k + 1
                break
        while start < head.i and self.tree.tokens[start].dep in ("punct", "preconj", "cc"):
            start += 1
        return start, max(end, head.i + 1)

    def named_appos(self, np: tuple[int, int], appos: tuple[int, int]) -> bool:
        """A title with a name in apposition ("the UN envoy, Geir Pedersen,"): the name is
        the speaker."""
        toks = self.tree.tokens
        if any(toks[k].ent_type == "PERSON" for k in range(*np)):
            return False
        head = max(range(*np), key=lambda k: (toks[k].head < np[0] or toks[k].head >= np[1], k))
        if toks[head].pos != "NOUN":
            return False
        words = [toks[k] for k in range(*appos) if toks[k].pos != "PUNCT"]
        return bool(words) and all(t.pos == "PROPN" for t in words)

    def split_and(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """ "a war monitor and rebel sources" parsed as one phrase: two speakers. Names
        with "and" ("Syrians for Truth and Justice") stay whole."""
        toks = self.tree.tokens
        for k in range(span[0] + 1, span[1] - 1):
            common = toks[k - 1].pos == "NOUN" and toks[k - 1].ent_type == ""
            rest = any(toks[j].pos in ("NOUN", "PROPN") for j in range(k + 1, span[1]))
            if toks[k].text == "and" and common and rest:
                return [(span[0], k), *self.split_and((k + 1, span[1]))]
        return [span]

    def appos(self, head: Token) -> tuple[int, int] | None:
        for a in self.tree.children(head.i, "appos"):
            idx = self.tree.subtree(a.i, ("punct",))
            return idx[0], idx[-1] + 1
        return None

    def trailing_appos(self, head: Token, np: tuple[int, int]) -> tuple[int, int] | None:
        """An apposition the parser hung on a word inside the phrase ("the envoy for Syria,
        Geir Pedersen,"): the one that starts right after the comma closing the phrase."""
        for k in self.tree.subtree(head.i):
            t = self.tree.tokens[k]
            if t.dep == "appos" and k > np[1]:
                idx = self.tree.subtree(k, ("punct",))
                if idx[0] == np[1] + 1 and self.tree.tokens[np[1]].text == ",":
                    return idx[0], idx[-1] + 1
        return None

    def conjuncts(self, t: Token) -> list[Token]:
        out = [t]
        for _ in range(8):
            nxt = next(iter(self.tree.children(out[-1].i, "conj")), None)
            if nxt is None or nxt.pos not in ("NOUN", "PROPN"):
                break
            out.append(nxt)
        return out

    def next_comma(self, after: int, stop: int) -> int | None:
        for k in range(after + 1, stop):
            if self.tree.tokens[k].text == ",":
                return k
        return None
