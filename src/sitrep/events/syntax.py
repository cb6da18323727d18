"""A light view over one parsed sentence: children, subtrees and lemma strings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property

from ..models import Document, Sentence, Token
from ..parse import MONTHS

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "compound:prt", "acomp", "attr"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "them",
        "him",
        "her",
        "its",
        "their",
        "his",
        "our",
        "who",
        "which",
        "that",
    }
)
DATE_WORD = "<date>"


class SentenceView:
    """Token access for one sentence; indices are absolute ``doc.tokens`` indices."""

    def __init__(self, doc: Document, sentence: Sentence):
        self.doc = doc
        self.sentence = sentence
        self.tokens: tuple[Token, ...] = doc.tokens
        self.first = sentence.token_start
        self.last = sentence.token_end
        kids: dict[int, list[int]] = {}
        for i in range(self.first, self.last):
            h = self.tokens[i].head
            if h != i:
                kids.setdefault(h, []).append(i)
        self._children = kids
        self._dates = frozenset(
            i for i in range(self.first, self.last) if self._date_month(doc.tokens, i)
        )
        self._first_lemma = self._opening_lemma()
        # lemma(i) and word(i) of each of the sentence's tokens, in order, read once: the
        # rules ask for them tens of thousands of times a hundred snippets
        own = range(self.first + 1, self.last)
        self.lemmas: tuple[str, ...] = (
            (self._first_lemma,) if self.last > self.first else ()
        ) + tuple(DATE_WORD if i in self._dates else self.tokens[i].lemma.lower() for i in own)
        self.words: tuple[str, ...] = tuple(
            DATE_WORD if i in self._dates else self.tokens[i].text.lower()
            for i in range(self.first, self.last)
        )
        # per-sentence results shared by the rules (clause token sets), keyed by their name
        self.memo: dict[str, frozenset[int]] = {}
        self._strings: dict[frozenset[int], tuple[str, str]] = {}
        self._subtrees: dict[tuple[int, frozenset[str]], list[int]] = {}
        self._searched: dict[tuple[tuple[str, ...], frozenset[int]], str] = {}

    def memoised(self, key: str, compute: Callable[[], frozenset[int]]) -> frozenset[int]:
        """A per-sentence result (a clause's token set), computed once under ``key``."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = compute()
        return found

    def _date_month(self, tokens: tuple[Token, ...], i: int) -> bool:
        """A month name written as part of a date: a DATE entity or next to a number."""
        if tokens[i].text not in MONTHS:
            return False
        if tokens[i].ent_type == "DATE":
            return True
        near = [k for k in (i - 1, i + 1) if self.first <= k < self.last]
        return any(tokens[k].text.isdigit() for k in near)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens[self.first : self.last])

    def tok(self, i: int) -> Token:
        return self.tokens[i]

    def lemma(self, i: int) -> str:
        if self.first <= i < self.last:
            return self.lemmas[i - self.first]
        return self.tokens[i].lemma.lower()

    def _opening_lemma(self) -> str:
        """The lemma of the sentence's first word; one the small model tags as a plural
        proper noun outside any entity ("Rockets landed near ...") is a common plural, read
        as its lower-cased singular as it would be mid-sentence."""
        i = self.first
        if i >= self.last:
            return ""
        t = self.tokens[i]
        if i in self._dates:
            return DATE_WORD
        word = t.text.lower()
        if t.tag == "NNPS" and not t.ent_type and len(word) > 3 and word.endswith("s"):
            if word.endswith("ies") and len(word) > 4:
                return word[:-3] + "y"
            if not word.endswith("ss"):
                return word[:-1]
        return t.lemma.lower()

    def word(self, i: int) -> str:
        """The lower-cased word (a month in a date is ``DATE_WORD``)."""
        if self.first <= i < self.last:
            return self.words[i - self.first]
        return self.tokens[i].text.lower()

    def children(self, i: int, deps: frozenset[str] | None = None) -> list[int]:
        kids = self._children.get(i, [])
        return [k for k in kids if deps is None or self.tokens[k].dep in deps]

    def child(self, i: int, deps: frozenset[str]) -> int | None:
        for k in self._children.get(i, []):
            if self.tokens[k].dep in deps:
                return k
        return None

    def head(self, i: int) -> int | None:
        h = self.tokens[i].head
        return None if h == i or not (self.first <= h < self.last) else h

    def ancestors(self, i: int) -> Iterator[int]:
        seen = {i}
        h = self.head(i)
        while h is not None and h not in seen:
            yield h
            seen.add(h)
            h = self.head(h)

    def subtree(self, i: int, skip: frozenset[str] = frozenset()) -> list[int]:
        """``i`` and its descendants in order, not entering a child of ``i`` attached by a
        ``skip`` relation (found once per word and ``skip``; a fresh list each call)."""
        found = self._subtrees.get((i, skip))
        if found is None:
            found = self._subtrees[(i, skip)] = self._subtree(i, skip)
        return list(found)

    def _subtree(self, i: int, skip: frozenset[str]) -> list[int]:
        out = [i]
        stack = [k for k in self._children.get(i, []) if self.tokens[k].dep not in skip]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self._children.get(k, []))
        return sorted(out)

    def pruned_subtree(self, i: int, prune: frozenset[str]) -> list[int]:
        """``i`` and its descendants, not entering any word attached by a ``prune`` relation."""
        out, stack = [i], list(self._children.get(i, []))
        while stack:
            k = stack.pop()
            if self.tokens[k].dep in prune:
                continue
            out.append(k)
            stack.extend(self._children.get(k, []))
        return sorted(out)

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the words coordinated with it ("Iran, Russia, and Turkey")."""
        out = [i]
        stack = self.children(i, frozenset({"conj", "appos"}))
        while stack:
            k = stack.pop(0)
            if self.tokens[k].dep == "conj":
                out.append(k)
            stack.extend(self.children(k, frozenset({"conj"})))
        return out

    def compact_span(self, i: int) -> tuple[int, int]:
        """Character span of a noun with its left modifiers ("Syrian government forces")."""
        left = i
        for k in self.subtree(
            i, skip=frozenset({"prep", "relcl", "acl", "appos", "conj", "cc", "punct", "advcl"})
        ):
            if k < left:
                left = k
        while left < i and self.tokens[left].dep in ("det", "punct", "cc", "preconj"):
            left += 1
        return self.tokens[left].start, self.tokens[i].end

    def text(self, start: int, end: int) -> str:
        return self.doc.article.text[start:end]

    @cached_property
    def split_particles(self) -> tuple[tuple[int, int], ...]:
        """(verb, particle) of the phrasal verbs whose object stands between them ("handed
        them over", "blew the car up"), so that a cue "hand over" finds them too."""
        return tuple(
            (h, i)
            for i in range(self.first, self.last)
            if self.tokens[i].dep == "prt"
            and self.first <= (h := self.tokens[i].head) < i - 1
        )

    @property
    def lemma_string(self) -> str:
        """`` lemma lemma ... `` lower-cased, padded, for cue matching (and the split
        phrasal verbs, ``split_particles``)."""
        return self.cue_strings()[0]

    @property
    def word_string(self) -> str:
        return self.cue_strings()[1]

    def cue_strings(self, skip: frozenset[int] = frozenset()) -> tuple[str, str]:
        """The padded lemma and word strings of the sentence without the words of ``skip``,
        each split phrasal verb appended as ``| verb particle`` (no cue spans the bar); kept
        per sentence and clause left out: several rules ask for the same one."""
        found = self._strings.get(skip)
        if found is None:
            kept = [k for k in range(self.first, self.last) if k not in skip]
            pairs = [(h, i) for h, i in self.split_particles if h not in skip and i not in skip]
            lemmas, words = self.lemmas, self.words
            found = self._strings[skip] = (
                " "
                + " ".join(lemmas[k - self.first] for k in kept)
                + " "
                + "".join(f"| {self.lemma(h)} {self.lemma(i)} " for h, i in pairs),
                " "
                + " ".join(words[k - self.first] for k in kept)
                + " "
                + "".join(f"| {self.word(h)} {self.word(i)} " for h, i in pairs),
            )
        return found

    def searched(self, masks: tuple[str, ...] = (), skip: frozenset[int] = frozenset()) -> str:
        """The lemma and the word string (``cue_strings`` without the words of ``skip``)
        joined by a line break, which no cue holds, so that one search finds a padded cue in
        either; each of ``masks`` blanked out ("riot police" is no riot), in the words also
        with a plural "s" ("riot shields"). Kept per masks and words left out."""
        key = (masks, skip)
        found = self._searched.get(key)
        if found is None:
            lemmas, words = self.cue_strings(skip)
            for m in masks:
                lemmas = lemmas.replace(f" {m} ", " _ ")
                words = words.replace(f" {m} ", " _ ").replace(f" {m}s ", " _ ")
            found = self._searched[key] = f"{lemmas}\n{words}"
        return found

    def has_cue(self, cue: str) -> bool:
        """Whether the padded cue stands in the lemma or the word string."""
        return f" {cue} " in self.searched()

    def span_string(self, indices: list[int]) -> str:
        """The tokens' lemmas, then their words, padded: a cue of several words ("aid
        worker", "tear gas") is found in either half."""
        lemmas = " ".join(self.lemma(k) for k in indices)
        words = " ".join(self.word(k) for k in indices)
        return f" {lemmas} | {words} "
