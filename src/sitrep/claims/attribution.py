"""Attribution: find who says what in each sentence, from the dependency parse.

An ``Attribution`` is a claim before its speaker is resolved: the cue, the speaker's token
range (a name, a descriptor, a pronoun, a typed source), the content span, the quote flag
and the stance. ``speakers.py`` turns the speaker range into an ActorRef.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Document, Token
from .constructions import Constructions
from .lexicon import CueLexicon
from .phrases import Phrases
from .stance import stance_of
from .syntax import QUOTES_OPEN, Tree, quote_spans

SUBJECTS = ("nsubj",)
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acomp")
CONTENT_PREPS = frozenset({"of", "as", "for", "about", "against", "over"})
INHERITING_DEPS = frozenset({"advcl", "conj", "xcomp"})
RELATIVE = frozenset({"who", "that", "which"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
FIRST_PERSON = frozenset({"i", "we", "you"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """An unresolved claim: token ranges are absolute ``[start, end)`` token indices."""

    sentence: int
    cue: str
    lemma: str
    speaker: tuple[int, int] | None
    appos: tuple[int, int] | None
    content: tuple[int, int]
    quote: bool
    stance: str
    refers_back: bool = False
    method: str = ""
    contrary: bool = False


class Attributor(Constructions):
    """Finds attributions sentence by sentence; one instance per document."""

    def __init__(self, doc: Document, cues: CueLexicon):
        self.doc = doc
        self.cues = cues
        self.tree = Tree(doc)
        self.phrases = Phrases(self.tree)

    def __iter__(self) -> Iterator[Attribution]:
        previous: list[Attribution] = []
        pending: list[int] = []  # quote sentences still waiting for their speaker
        for sent in self.doc.sentences:
            if sent.heading or sent.boilerplate:
                previous, pending = [], []
                continue
            found = list(self.sentence(sent.i))
            found = self._across(sent.i, found, previous)
            quoted = [a for a in found if a.quote]
            if pending and quoted:
                yield from (self._quote_before(k, quoted[0]) for k in pending)
            opens = self.tree.text(sent.start, sent.end)[:1] in QUOTES_OPEN
            pending = [*pending, sent.i] if opens and not found else []
            yield from found
            previous = found

    def _quote_before(self, i: int, later: Attribution) -> Attribution:
        """'“We have taken the town. The army fled,” the commander said.': the first
        sentence of a quote is the speaker's too."""
        sent = self.doc.sentences[i]
        text = self.tree.text(sent.start, sent.end)
        start = sent.start + len(text) - len(text.lstrip('“"‘ '))
        end = sent.start + len(text.rstrip('.,”"’ '))
        return dataclasses.replace(later, sentence=i, content=(start, end), method="quote-before")

    # -- one sentence ------------------------------------------------------------------

    def sentence(self, i: int) -> list[Attribution]:
        found: list[tuple[Token, Attribution]] = []
        for t in self.doc.sentence_tokens(i):
            if t.text.lower() == "according":
                made = self._according(i, t)
            elif t.pos in ("VERB", "AUX") and t.lemma.casefold() in self.cues.verbs:
                made = self._verb(i, t)
            elif t.pos == "VERB" and t.lemma.casefold() in self.cues.speaking_participles:
                made = self._speaking(i, t)
            elif t.pos in ("NOUN", "PROPN"):
                made = self._noun(i, t)
            else:
                continue
            found += [(t, a) for a in made]
        return [a for t, a in found if not self._embedded(t, a, found)]

    def _embedded(self, cue: Token, a: Attribution, found: list[tuple[Token, Attribution]]) -> bool:
        """An opinion verb or a first-person speaker inside another claim's content ("said
        she didn't think ...", "“I think ...,” he said") belongs to that claim."""
        inner = cue.lemma.casefold() in self.cues.embedded_verbs or (
            a.speaker is not None
            and self.tree.tokens[a.speaker[0]].text.casefold() in FIRST_PERSON
            and a.speaker[1] - a.speaker[0] == 1
        )
        return inner and any(
            t.i != cue.i and o.content[0] <= cue.start < o.content[1] for t, o in found
        )

    def _verb(self, i: int, v: Token) -> list[Attribution]:
        lemma = v.lemma.casefold()
        if self.tree.children(v.i, "neg"):
            return []  # "did not say", "did not confirm": nothing was claimed
        head = self.tree.tokens[v.head]
        if v.dep == "xcomp" and head.lemma.casefold() in self.cues.withholding:
            return []  # "declined to say"
        subj = self._subject(v)
        if subj is None:
            return self._impersonal(i, v) or self._final_speaker(i, v)
        content, clause = self._verb_content(i, v, subj)
        if content is None:
            return []
        if not clause and lemma in self.cues.clause_only | self.cues.medium_verbs:
            return []
        if not clause and lemma in self.cues.object_claims and not self._claim_object(v):
            return []  # "rejected the request", "dismissed the appeal": not a statement
        cue_text = v.text
        medium = self._medium(v)
        if lemma in self.cues.medium_verbs and medium is not None:
            cue_text = self.tree.text(v.start, medium.end)
        base = self.cues.verbs[lemma]
        refers = self._refers_back(content)
        out = []
        contrary = self._contrary(v, content)
        for s in self.phrases.conjuncts(subj):
            np = self.phrases.merge_double_subject(v, s, self.phrases.np(s, cue=v.i))
            appos = self.phrases.appos(s) or self.phrases.trailing_appos(s, np)
            if appos is not None and self.phrases.named_appos(np, appos):
                np, appos = appos, np  # "Its director, Rami Abdurrahman, said"
            rumour, online = self._rumour_subject(s, v)
            for speaker in self.phrases.split_and(np):
                stance = stance_of(self.doc, self.cues, base, content, speaker, appos)
                if rumour:
                    speaker, stance = online or speaker, "rumour"
                out.append(
                    self._make(
                        i, cue_text, lemma, speaker, appos, content, stance, refers, contrary
                    )
                )
        return out

    def _claim_object(self, v: Token) -> bool:
        """Whether a denial verb's object is a statement ("denied the reports", "denied
        involvement", "dismissed the footage as staged") rather than a thing refused."""
        if any(p.text.lower() == "as" for p in self.tree.children(v.i, "prep")):
            return True
        return any(
            o.lemma.casefold() in self.cues.claim_objects
            or o.text.casefold() in self.cues.claim_objects
            for o in self.tree.children(v.i, "dobj")
        )

    def _contrary(self, v: Token, content: tuple[int, int]) -> bool:
        """ "X later said no aircraft had been lost": a negated content with a marker of
        contrast, which denies an earlier claim when there is one."""
        sent = self.doc.sentences[v.sent]
        first = self.tree.tokens[sent.token_start].text.casefold()
        marked = first in self.cues.contrast_markers or any(
            c.text.casefold() in self.cues.contrast_markers
            for c in self.tree.children(v.i, "advmod", "cc")
        )
        if not marked:
            return False
        inside = [t for t in self.doc.sentence_tokens(v.sent) if content[0] <= t.start < content[1]]
        roots = {
            t.i for t in inside if not (content[0] <= self.tree.tokens[t.head].start < content[1])
        }
        near = roots | {t.i for t in inside if t.head in roots}
        return any(
            t.text.casefold() in self.cues.negators and (t.head in near or t.i in near)
            for t in inside
        )

    # -- pieces ------------------------------------------------------------------------

    def _subject(self, v: Token) -> Token | None:
        for _ in range(4):
            subj = next(iter(self.tree.children(v.i, *SUBJECTS)[::-1]), None)
            if subj is not None:
                if subj.text.lower() in RELATIVE and v.dep == "relcl":
                    return self.tree.tokens[v.head]
                return subj
            passive = next(iter(self.tree.children(v.i, "nsubjpass")), None)
            if passive is not None and v.lemma.casefold() in self.cues.passive_speakers:
                return passive  # "X was quoted by SANA as saying ..."
            if passive is not None or self.tree.children(v.i, "auxpass"):
                return None  # "the Republican was rebuffed": the subject says nothing
            head = self.tree.tokens[v.head]
            if v.dep == "pcomp" and head.text.lower() == "as" and head.head != head.i:
                # "quoted the military as saying": the quoted one speaks
                v = self.tree.tokens[head.head]
                quoted = next(iter(self.tree.children(v.i, "dobj")), None)
                if quoted is not None and v.lemma.casefold() in self.cues.passive_speakers:
                    return quoted
                continue
            if v.dep not in INHERITING_DEPS or v.head == v.i:
                return None
            if v.tag == "VBN" and v.dep != "conj":
                return None  # "..., accused of looting": a passive participle says nothing
            v = self.tree.tokens[v.head]
        return None

    def _verb_content(self, i: int, v: Token, subj: Token) -> tuple[tuple[int, int] | None, bool]:
        """The content span of a reporting verb and whether it is a clause or quote."""
        sent = self.doc.sentences[i]
        speaker_idx = set(self.tree.subtree(subj.i)) if subj.i < sent.token_end else set()
        comps = self.tree.children(v.i, "ccomp")
        after = [c for c in comps if c.i > v.i]
        before = [c for c in comps if c.i < v.i and v.dep != "relcl"]
        if after or before:
            chosen = after or before
            idx = [k for c in chosen for k in self.tree.subtree(c.i)]
            return self.tree.char_span(k for k in idx if k not in speaker_idx), True
        kids = [
            c
            for c in self.tree.children(v.i)
            if c.i > v.i
            and (c.dep in CONTENT_DEPS or (c.dep == "prep" and c.text.lower() in CONTENT_PREPS))
            and not (v.lemma.casefold() == "tell" and c.dep in ("dobj", "dative"))
        ]
        if kids:
            idx = [k for c in kids for k in self.tree.subtree(c.i)]
            lemma = v.lemma.casefold()
            clause = (
                any(c.dep == "ccomp" for c in kids)
                or (any(c.dep == "xcomp" for c in kids) and lemma in self.cues.xcomp_claims)
                or self._quoted(idx)
            )
            return self.tree.char_span(idx), clause
        quotes = [
            q
            for q in quote_spans(self.tree.text(sent.start, sent.end), sent.start)
            if q[1] <= v.start
        ]
        if quotes:
            return (quotes[0][0], quotes[-1][1]), True
        lead = [k for k in range(sent.token_start, v.i) if k not in speaker_idx]
        if lead and min(speaker_idx, default=v.i) > sent.token_start + 2:
            stop = min(speaker_idx, default=v.i)
            return self.tree.char_span(k for k in lead if k < stop), True
        if i > 0 and v.i + 2 >= sent.token_end:
            prev = self.doc.sentences[i - 1]
            if self.tree.text(prev.start, prev.end)[:1] in QUOTES_OPEN:
                return (prev.start, prev.end), True
        return None, False

    def _medium(self, v: Token) -> Token | None:
        for p in self.tree.children(v.i, "prep"):
            for o in self.tree.children(p.i, "pobj"):
                if o.text.casefold() in self.cues.media_words or o.lemma.casefold() in (
                    "medium",
                    "media",
                ):
                    return o
        return None

    def _quoted(self, idx: list[int]) -> bool:
        """Whether a verb's object is a quotation (it opens with a quote mark)."""
        return bool(idx) and self.tree.tokens[min(idx)].text in QUOTES_OPEN

    def _refers_back(self, content: tuple[int, int]) -> bool:
        """Content that points at an earlier claim: "these claims", "the reports", "them"."""
        words = self.tree.text(*content).casefold().split()
        if len(words) == 1:
            return words[0] in ("them", "it", "this", "these", "those")
        return (
            len(words) == 2
            and words[0] in ("these", "those", "the", "such")
            and words[1].rstrip("s") in self.cues.claim_nouns
        )

    def _make(
        self,
        i: int,
        cue: str,
        lemma: str,
        speaker: tuple[int, int] | None,
        appos: tuple[int, int] | None,
        content: tuple[int, int],
        stance: str,
        refers_back: bool = False,
        contrary: bool = False,
        method: str = "",
    ) -> Attribution:
        if speaker is not None and speaker[0] >= speaker[1]:
            speaker = None
        sent = self.doc.sentences[i]
        quotes = quote_spans(self.tree.text(sent.start, sent.end), sent.start)
        quoted = any(q[0] < content[1] and content[0] < q[1] for q in quotes)
        return Attribution(
            sentence=i,
            cue=cue,
            lemma=lemma,
            speaker=speaker,
            appos=appos,
            content=content,
            quote=quoted,
            stance=stance,
            refers_back=refers_back,
            contrary=contrary,
            method=method or f"cue:{lemma}",
        )

    # -- across sentences --------------------------------------------------------------

    def _across(
        self, i: int, found: list[Attribution], previous: list[Attribution]
    ) -> list[Attribution]:
        """A quote that continues the previous sentence's quoted speaker, or a bare
        "X said." whose content is the quote sentence before it."""
        sent = self.doc.sentences[i]
        text = self.tree.text(sent.start, sent.end)
        if not found and text[:1] in QUOTES_OPEN and previous and previous[-1].quote:
            last = previous[-1]
            span = (sent.start, sent.end)
            return [
                Attribution(
                    i,
                    last.cue,
                    last.lemma,
                    last.speaker,
                    last.appos,
                    span,
                    True,
                    last.stance,
                    method="quote-continuation",
                )
            ]
        return found
