"""Source resolution: turn an attribution's speaker phrase into an ActorRef.

In order: a pronoun takes the nearest earlier speaker or person; a mention the actors
stage resolved keeps its registry actor; a profiled outlet or monitor by name; a short name
("Abdurrahman") takes the earlier full name; a descriptor ("a pro-government media outlet")
takes the profiled source named elsewhere in the article that fits it; an unnamed typed
source ("rebel sources") becomes ``src:<type>``; anything else a provisional ``src:<slug>``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..ids import slug
from ..models import ActorRef, Document, Token
from .attribution import PRONOUNS, Attribution
from .profiles import SourceProfile, SourceProfiles

ActorAt = Callable[[Document, int, int], ActorRef | None]

PERSON_PRONOUNS = frozenset({"he", "she"})
# "the group" may take back any earlier organisation; "the monitor" only one of its kind
# or whose name says so ("the ministry" after "the Defence Ministry").
GENERIC_ANAPHORS = frozenset({"group", "organisation", "organization", "movement", "statement"})
ARTICLES = frozenset({"a", "an", "the"})
NAME_TITLES = frozenset(
    {
        "president",
        "minister",
        "foreign",
        "defence",
        "defense",
        "interior",
        "prime",
        "secretary",
        "general",
        "colonel",
        "spokesman",
        "spokeswoman",
        "envoy",
        "mr",
        "mrs",
        "ms",
        "dr",
        "commander",
    }
)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A speaker and, when known, the profiled organisation it speaks for."""

    ref: ActorRef
    organisation: SourceProfile | None = None


class SpeakerResolver:
    """Resolves speakers of one document; earlier resolutions feed later ones."""

    def __init__(self, doc: Document, profiles: SourceProfiles, actor_at: ActorAt | None = None):
        self.doc = doc
        self.text = doc.article.text
        self.profiles = profiles
        self.actor_at = actor_at
        self.history: list[tuple[int, Resolved]] = []
        self._named = [(s, p) for s, _e, p in profiles.mentions(self.text)]

    def resolve(self, a: Attribution) -> Resolved | None:
        if a.speaker is None:
            return None
        toks = self.doc.tokens[a.speaker[0] : a.speaker[1]]
        if not toks:
            return None
        found = self._resolve(a.appos, toks)
        if found is not None:
            self.history.append((toks[0].start, found))
        return found

    def _resolve(self, appos: tuple[int, int] | None, toks: Sequence[Token]) -> Resolved | None:
        start, end = toks[0].start, toks[-1].end
        text = self.text[start:end]
        if len(toks) == 1 and toks[0].text.casefold() in PRONOUNS:
            return self._antecedent(toks[0])
        organisation = self._organisation(appos)
        short = self._short_name(toks)
        if short is not None:
            return Resolved(ActorRef(short.ref.id, short.ref.name, text), short.organisation)
        head = self._head(toks)
        if self.actor_at is not None:
            ref = self.actor_at(self.doc, head.start, head.end)
            if ref is not None:
                return Resolved(
                    ActorRef(ref.id, ref.name, text), organisation or self._affiliation(ref)
                )
        profile = self.profiles.find(text)
        if profile is not None:
            return Resolved(profile.ref(text), profile)
        anaphor = self._definite_anaphor(toks)
        if anaphor is not None:
            return Resolved(ActorRef(anaphor.ref.id, anaphor.ref.name, text), anaphor.organisation)
        words = [t.text.casefold() for t in toks]
        if words[0] in ARTICLES and not any(t.pos == "PROPN" for t in toks):
            described = self._descriptor(words, start)
            if described is not None:
                return Resolved(described.ref(text), described)
        typed = self.profiles.unnamed_ref(
            [t.text for t in toks if t.pos != "ADP" and t.i <= self._head(toks).i], text
        )
        if typed is not None and not any(t.pos == "PROPN" and t.i <= head.i for t in toks):
            return Resolved(typed, organisation)
        name = self._name(toks)
        member = self.profiles.member_of(name)
        return Resolved(ActorRef("src:" + slug(name), name, text), organisation or member)

    # -- pieces ------------------------------------------------------------------------

    def _antecedent(self, pronoun: Token) -> Resolved | None:
        """The nearest earlier speaker of the right kind (a person for "he"/"she"), or a
        nearer sentence subject named in the last two sentences ("Sheikh Tamim met ...")."""
        person = pronoun.text.casefold() in PERSON_PRONOUNS
        best: tuple[int, Resolved] | None = None
        for pos, r in reversed(self.history):
            if pos < pronoun.start and self._is_person(r.ref) == person:
                best = (pos, r)
                break
        if person:
            labels: tuple[str, ...] = ("PERSON",)
        else:
            labels = ("ORG", "GPE") if pronoun.text.casefold() == "it" else ("NORP",)
        first_sent = max(0, pronoun.sent - 2)
        for e in reversed(self.doc.entities):
            if e.end > pronoun.start or e.sent < first_sent or e.label not in labels:
                continue
            if self.doc.tokens[e.token_end - 1].dep not in ("nsubj", "nsubjpass"):
                continue
            if best is None or e.start > best[0]:
                ref = self.actor_at(self.doc, e.start, e.end) if self.actor_at else None
                if person and ref is not None and not self._is_person(ref):
                    break  # the parser's "person" is an actor of another kind
                ref = ref or ActorRef("src:" + slug(e.text), e.text, e.text)
                best = (e.start, Resolved(ref, self._affiliation(ref)))
            break
        if not person:
            plural = pronoun.text.casefold() == "they"
            here = self._subject_of(pronoun.sent, pronoun, plural)
            if here is not None:
                best = here
            elif best is None or (self._sentence_at(best[0]) or 0) < pronoun.sent - 1:
                best = self._subject_of(pronoun.sent - 1, None, plural) or best
        if best is None:
            return None
        r = best[1]
        return Resolved(ActorRef(r.ref.id, r.ref.name, pronoun.text), r.organisation)

    def _subject_of(
        self, sentence: int, before: Token | None, plural: bool
    ) -> tuple[int, Resolved] | None:
        """The main subject of a sentence (ahead of ``before`` when given), for "it" and
        "they": "His group ordered ..., which it said ..."; "Ministers met. ... they said".
        A coordinated subject ("X, Y and Z met") is several speakers: left unresolved."""
        if sentence < 0:
            return None
        toks = self.doc.sentence_tokens(sentence)
        root = next((t for t in toks if t.dep == "ROOT"), None)
        subj = next((t for t in toks if root and t.head == root.i and t.dep == "nsubj"), None)
        if subj is None or subj.pos == "PRON" or (before is not None and subj.i >= before.i):
            return None
        span = [t for t in toks if self._governed_by(t, subj.i)]
        if plural and any(t.dep == "conj" for t in span):
            return None
        span = [t for t in toks if span[0].i <= t.i <= span[-1].i]
        cut = next((k for k, t in enumerate(span) if t.text == "," and t.i > subj.i), len(span))
        found = self._resolve(None, span[:cut])
        return (span[0].start, found) if found is not None else None

    def _governed_by(self, t: Token, head: int) -> bool:
        for _ in range(32):
            if t.i == head:
                return True
            if t.head == t.i:
                return False
            t = self.doc.tokens[t.head]
        return False

    def _short_name(self, toks: Sequence[Token]) -> Resolved | None:
        """ "Abdurrahman" or "Sheikh Mohammed" after the full name was a speaker."""
        if not toks or not all(t.pos == "PROPN" for t in toks):
            return None
        words = {t.text.casefold() for t in toks}
        for _pos, r in reversed(self.history):
            names = set(r.ref.name.casefold().split()) | set(r.ref.text.casefold().split())
            if words <= names and len(names) > len(words):
                return r
        for e in self.doc.entities:
            if e.label == "PERSON" and e.end <= toks[0].start:
                names = set(e.text.casefold().split())
                if words <= names and len(names) > len(words):
                    ref = self.actor_at(self.doc, e.start, e.end) if self.actor_at else None
                    ref = ref or ActorRef("src:" + slug(e.text), e.text, e.text)
                    return Resolved(ref, self._affiliation(ref) or self.profiles.member_of(e.text))
        return None

    def _definite_anaphor(self, toks: Sequence[Token]) -> Resolved | None:
        """ "the group", "the monitor": the nearest earlier organisation speaker that fits,
        within the previous two sentences."""
        if len(toks) != 2 or toks[0].text.casefold() != "the" or toks[1].pos != "NOUN":
            return None
        noun = toks[1].text.casefold()
        for pos, r in reversed(self.history):
            sent = self._sentence_at(pos)
            if pos >= toks[0].start or sent is None or toks[0].sent - sent > 2:
                continue
            if self._is_person(r.ref):
                continue
            if noun in GENERIC_ANAPHORS or self._fits(noun, r):
                return r
        return None

    def _fits(self, noun: str, r: Resolved) -> bool:
        if noun in r.ref.name.casefold().split() or noun in r.ref.text.casefold().split():
            return True
        kind = self.profiles.descriptor_kinds.get(noun)
        return kind is not None and r.organisation is not None and r.organisation.kind == kind

    def _sentence_at(self, pos: int) -> int | None:
        s = self.doc.sentence_at(pos)
        return s.i if s is not None else None

    def _is_person(self, ref: ActorRef) -> bool:
        for actor in self.doc.actors:
            if actor.id == ref.id:
                return actor.kind == "person"
        if ref.id.startswith("src:") and set(ref.name.split()[-1:]) & self.profiles.person_heads:
            return True
        return any(e.label == "PERSON" and e.text == ref.name for e in self.doc.entities)

    def _descriptor(self, words: Sequence[str], at: int) -> SourceProfile | None:
        """A source described, not named: the named profile in the article that fits."""
        descriptor = self.profiles.descriptor(list(words))
        if descriptor is None:
            return None
        ordered = sorted(self._named, key=lambda h: (h[0] < at, abs(h[0] - at)))
        seen: list[SourceProfile] = []
        for _s, p in ordered:
            if p not in seen:
                seen.append(p)
        return self.profiles.match_descriptor(descriptor, seen)

    def _organisation(self, appos: tuple[int, int] | None) -> SourceProfile | None:
        """The profiled organisation an apposition names ("director of the ... Observatory")."""
        if appos is None:
            return None
        toks = self.doc.tokens[appos[0] : appos[1]]
        return self.profiles.find(self.text[toks[0].start : toks[-1].end])

    def _affiliation(self, ref: ActorRef) -> SourceProfile | None:
        found = self.profiles.for_ref(ref)
        if found is not None:
            return found
        for actor in self.doc.actors:
            if actor.id == ref.id and actor.affiliation:
                return self.profiles.by_ref_id.get(actor.affiliation)
        return None

    @staticmethod
    def _head(toks: Sequence[Token]) -> Token:
        inside = {t.i for t in toks}
        heads = [t for t in toks if t.head not in inside or t.head == t.i]
        return heads[-1] if heads else toks[-1]

    def _name(self, toks: Sequence[Token]) -> str:
        """A speaker's name: its PERSON/ORG entity, else its words without a determiner."""
        lo, hi = toks[0].start, toks[-1].end
        for e in self.doc.entities:
            if lo <= e.start and e.end <= hi and e.label in ("PERSON", "ORG"):
                return e.text
        words = [t.text for t in toks]
        while words and words[0].casefold() in ("the", "a", "an"):
            words = words[1:]
        return " ".join(words) or self.text[lo:hi]
