"""Attribution constructions other than "X said Y": "according to X", "Speaking at ...",
impersonal passives, speakers after the content, and rumours and reports as nouns.

A mixin of :class:`~sitrep.claims.attribution.Attributor`, which supplies the tree, the cue
lexicon, ``_subject`` and ``_make``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import Document, Token
from .lexicon import CueLexicon
from .phrases import Phrases
from .stance import stance_of
from .syntax import Tree

if TYPE_CHECKING:
    from .attribution import Attribution


class Constructions:
    doc: Document
    cues: CueLexicon
    tree: Tree
    phrases: Phrases

    _subject: Callable[[Token], Token | None]
    _make: Callable[..., Attribution]

    def _according(self, i: int, t: Token) -> list[Attribution]:
        sent = self.doc.sentences[i]
        before = self.tree.tokens[t.i - 1].text if t.i > sent.token_start else ","
        if before not in (",", "—", "–", "(", ";"):
            return []  # "going according to plan" attributes nothing
        to = next(iter(self.tree.children(t.i, "prep")), None)
        if to is None or to.text.lower() != "to":
            return []
        objs = self.tree.children(to.i, "pobj")
        if not objs:
            return []
        sent = self.doc.sentences[i]
        comma = self.phrases.next_comma(to.i, sent.token_end)
        speakers = [
            r
            for s in self.phrases.conjuncts(objs[0])
            for r in self.phrases.split_and(self.phrases.np(s, limit=comma))
        ]
        pp_start = t.i
        pp_end = max(r[1] for r in speakers)
        if pp_start == sent.token_start or (
            pp_start > sent.token_start
            and self.tree.tokens[pp_start - 1].dep == "punct"
            and pp_start - 1 == sent.token_start
        ):
            content = range(comma + 1 if comma is not None else pp_end, sent.token_end)
        else:
            content = range(sent.token_start, pp_start)
        span = self.tree.char_span(content)
        if span is None:
            return []
        cue_text = self.tree.text(t.start, to.end)
        return [
            self._make(i, cue_text, "according to", s, None, span, self.cues.according)
            for s in speakers
        ]

    def _speaking(self, i: int, t: Token) -> list[Attribution]:
        """ "Speaking at the forum, the envoy called for talks": the main clause is a claim."""
        if t.tag != "VBG":
            return []
        if t.dep != "advcl":
            return self._speaking_opener(i, t)
        head = self.tree.tokens[t.head]
        if head.lemma.casefold() in self.cues.verbs:
            return []
        subj = self._subject(head)
        if subj is None:
            return []
        skip = set(self.tree.subtree(t.i)) | set(self.tree.subtree(subj.i))
        body = [k for k in self.tree.subtree(head.i) if k not in skip]
        span = self.tree.char_span(k for k in body if k >= subj.i)
        if span is None:
            return []
        prep = next(iter(self.tree.children(t.i, "prep")), None)
        cue_text = self.tree.text(t.start, prep.end if prep else t.end)
        speaker = self.phrases.np(subj)
        appos = self.phrases.appos(subj)
        stance = stance_of(self.doc, self.cues, "asserts", span, speaker, appos)
        return [self._make(i, cue_text, "speak", speaker, appos, span, stance)]

    def _speaking_opener(self, i: int, t: Token) -> list[Attribution]:
        """A sentence-opening "Speaking at ..., X did Y" the parser did not attach: the
        speaker runs from the first comma to the first finite verb."""
        sent = self.doc.sentences[i]
        if t.i != sent.token_start:
            return []
        comma = self.phrases.next_comma(t.i, sent.token_end)
        if comma is None:
            return []
        verb = next(
            (
                k
                for k in range(comma + 1, sent.token_end)
                if self.tree.tokens[k].tag in ("VBD", "VBZ", "VBP", "MD")
            ),
            None,
        )
        if (
            verb is None
            or verb <= comma + 1
            or self.tree.tokens[verb].lemma.casefold() in self.cues.verbs
        ):
            return []
        span = self.tree.char_span(range(verb, sent.token_end))
        prep = next(iter(self.tree.children(t.i, "prep")), None)
        if span is None or prep is None:
            return []
        cue_text = self.tree.text(t.start, prep.end)
        speaker = (comma + 1, verb)
        return [self._make(i, cue_text, "speak", speaker, None, span, "asserts")]

    def _impersonal(self, i: int, v: Token) -> list[Attribution]:
        """ "It is rumoured that ...", "it was reported that ...": a claim with no speaker."""
        expletive = next(iter(self.tree.children(v.i, "nsubjpass")), None)
        comps = self.tree.children(v.i, "ccomp")
        if expletive is None or expletive.text.lower() != "it" or not comps:
            return []
        content = self.tree.char_span(k for c in comps for k in self.tree.subtree(c.i))
        if content is None:
            return []
        lemma = v.lemma.casefold()
        return [self._make(i, v.text, lemma, None, None, content, self.cues.verbs[lemma])]

    def _final_speaker(self, i: int, v: Token) -> list[Attribution]:
        """ "..., the civil defence service alleged on Tuesday." parsed with the cue as a
        participle of the speaker: the speaker runs from the last comma to the cue."""
        sent = self.doc.sentences[i]
        if v.dep not in ("acl", "relcl") or v.tag not in ("VBD", "VBN"):
            return []
        comma = max(
            (k for k in range(sent.token_start, v.i) if self.tree.tokens[k].text == ","),
            default=None,
        )
        if comma is None or comma == sent.token_start or not 1 < v.i - comma <= 8:
            return []
        if not comma < v.head < v.i or self.tree.children(v.i, "agent", "auxpass"):
            return []  # the cue must hang on the speaker, and not be a passive
        tail = [self.tree.tokens[k] for k in range(v.i + 1, sent.token_end)]
        if any(t.dep in ("ccomp", "dobj", "xcomp") and t.head == v.i for t in tail):
            return []
        content = self.tree.char_span(range(sent.token_start, comma))
        if content is None:
            return []
        lemma = v.lemma.casefold()
        speaker = (comma + 1, v.i)
        if any(self.tree.tokens[k].pos in ("VERB", "ADP", "SCONJ") for k in range(*speaker)):
            return []  # "according to video posted online" is no speaker
        stance = stance_of(self.doc, self.cues, self.cues.verbs[lemma], content, speaker, None)
        return [self._make(i, v.text, lemma, speaker, None, content, stance)]

    def _noun(self, i: int, n: Token) -> list[Attribution]:
        """Rumours, speculation and "reports indicating that ..." without a named speaker."""
        lemma = n.lemma.casefold()
        rumour = lemma in self.cues.rumour_nouns or (
            lemma == "report"
            and any(c.lemma.casefold() in self.cues.unconfirmed for c in self.tree.children(n.i))
        )
        if not rumour and lemma != "report":
            return []
        head = self.tree.tokens[n.head]
        if (
            n.dep == "nsubj"
            and head.pos in ("VERB", "AUX")
            and head.lemma.casefold() in self.cues.verbs
        ):
            return []  # "security reports said ...": the verb makes the claim
        if n.dep not in ("nsubj",) and any(
            a.lemma.casefold() in self.cues.verbs and a.pos == "VERB"
            for a in self.tree.ancestors(n.i)
        ):
            return []
        content = self._noun_content(n)
        if content is None:
            return []
        sent = self.doc.sentences[i]
        medium = self._social_media(sent.token_start, sent.token_end)
        if rumour:
            speaker = medium or self.phrases.np(n)
            return [self._make(i, n.text, lemma, speaker, None, content, "rumour")]
        if n.tag != "NNS":
            return []
        return [self._make(i, n.text, lemma, medium, None, content, "reports")]

    def _noun_content(self, n: Token) -> tuple[int, int] | None:
        parts: list[int] = []
        for c in self.tree.children(n.i):
            if c.dep in ("acl", "ccomp", "relcl") and c.i > n.i:
                parts.extend(self.tree.subtree(c.i))
        if not parts:
            about = [
                k
                for k in self.tree.subtree(n.i)
                if k > n.i and self.tree.tokens[k].text.lower() == "about"
            ]
            if about:
                parts.extend(self.tree.subtree(about[0])[1:])
        head = self.tree.tokens[n.head]
        if not parts and n.dep == "nsubj" and head.lemma.casefold() in self.cues.carrier_verbs:
            for c in self.tree.children(head.i, "ccomp"):
                parts.extend(self.tree.subtree(c.i))
            if not parts:
                parts = self.phrases.that_clause(head)
        return self.tree.char_span(parts) if parts else None

    def _social_media(self, lo: int, hi: int) -> tuple[int, int] | None:
        for k in range(lo + 1, hi):
            t = self.tree.tokens[k]
            if t.text.lower() == "media" and self.tree.tokens[k - 1].text.lower() == "social":
                return k - 1, k + 1
        return None

    def _rumour_subject(self, s: Token, v: Token) -> tuple[bool, tuple[int, int] | None]:
        """Whether a subject is unsourced talk ("unconfirmed reports", "posts on social
        media"), and the social-media phrase to name as its source."""
        kids = {c.lemma.casefold() for c in self.tree.children(s.i)}
        lemma = s.lemma.casefold()
        sub = self.tree.subtree(s.i)
        medium = self._social_media(sub[0], max(sub[-1] + 1, v.i))
        rumour = (
            lemma in self.cues.rumour_nouns
            or (lemma in self.cues.claim_nouns and bool(kids & self.cues.unconfirmed))
            or (lemma in self.cues.post_nouns and medium is not None)
        )
        return rumour, medium
