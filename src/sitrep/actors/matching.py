"""Registry phrase matching: the longest registry phrase at each word of a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Document
from .registry import Registry, Target
from .words import Word, split_words


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase of the article that names an actor, before and after resolution.

    ``w0``/``w1`` index the words of sentence ``sent``; ``actor`` is the resolved id
    (empty until resolved); ``attributes`` are descriptor facts ("patron", "TUR").
    """

    sent: int
    w0: int
    w1: int
    start: int
    end: int
    text: str
    targets: tuple[Target, ...] = ()
    actor: str = ""
    method: str = "registry"
    attributes: tuple[tuple[str, str], ...] = ()
    affiliation: str | None = None

    @property
    def best(self) -> Target:
        return max(self.targets, key=lambda t: t.priority)

    @property
    def homonyms(self) -> frozenset[str]:
        """The named actors a name may be when it names several at one rank ("SNA"),
        else nothing."""
        top = max((t.priority for t in self.targets), default=0)
        ids = frozenset(t.id for t in self.targets if t.priority == top and t.id[:2] != "*.")
        return ids if len(ids) > 1 else frozenset()


def sentence_words(doc: Document) -> list[list[Word]]:
    """The words of every sentence of the document, offsets into ``article.text``."""
    text = doc.article.text
    return [split_words(text[s.start : s.end], s.start) for s in doc.sentences]


def _caps_ok(target: Target, caps: list[bool], start: int) -> bool:
    """Every word the phrase capitalises is capitalised in the text too."""
    return all(caps[start + k] or not need for k, need in enumerate(target.caps))


def find_hits(registry: Registry, words: list[Word], sent: int, text: str) -> list[Hit]:
    """Greedy left-to-right longest matches of registry phrases in one sentence."""
    hits: list[Hit] = []
    keys = [w.key for w in words]
    raws = [w.text for w in words]
    caps = [w.capitalised for w in words]
    i, n = 0, len(words)
    limit = registry.max_phrase_words
    while i < n:
        best: tuple[int, list[Target]] | None = None
        folded: tuple[str, ...] = ()
        raw: tuple[str, ...] = ()
        for j in range(i, min(n, i + limit)):
            folded += (keys[j],)
            raw += (raws[j],)
            if not registry.is_prefix(folded):
                break
            found = [t for t in registry.targets(folded, raw) if _caps_ok(t, caps, i)]
            if found:
                best = (j + 1, found)
        if best is None:
            i += 1
            continue
        end, targets = best
        start_char, end_char = words[i].start, words[end - 1].end
        hits.append(
            Hit(sent, i, end, start_char, end_char, text[start_char:end_char], tuple(targets))
        )
        i = end
    return hits
