"""Place recognition: which spans of a parsed document name places.

Sources, in order of trust:

1. the dateline place ("HOMS,—");
2. spaCy GPE/LOC/FAC entities;
3. entities spaCy labelled otherwise (ORG/PERSON/NORP: "Tartus", "Hama", "Aleppo")
   whose whole text is a well-known gazetteer place, unless it is an actor's name or a
   person's surname elsewhere in the document;
4. runs of proper nouns outside any entity that the gazetteer knows ("Deir ez-Zor").

Demonyms ("Syrian", "Israeli") become ``demonym`` spans: country context, never event
locations. Places inside organisation names ("Syrian Observatory for Human Rights",
"Sham FM") are not recognised. Surrounding words set a ``cue`` (admin/admin2/city) and
a ``modifier`` (near/part) that resolution and the ACLED precision use.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Document, Token
from .gazetteer import Entry, Gazetteer
from .normalise import ARTICLES, normalise_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
ADMIN_WORDS = frozenset(
    {
        "province",
        "provinces",
        "governorate",
        "governorates",
        "state",
        "states",
        "region",
        "oblast",
        "prefecture",
    }
)
ADMIN2_WORDS = frozenset({"county", "counties", "district", "districts", "parish", "parishes"})
CITY_WORDS = frozenset({"city", "cities", "town", "towns", "village", "villages"})
AREA_AFTER = frozenset({"countryside", "outskirts", "suburbs", "area", "areas", "environs"})
NEAR_BEFORE = frozenset(
    {
        "near",
        "outside",
        "around",
        "outskirts",
        "suburbs",
        "nearby",
        "countryside",
        "close",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "environs",
        "vicinity",
    }
)
PART_BEFORE = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "rural",
        "greater",
    }
)
NAME_SUFFIXES = re.compile(r"\s+(province|governorate|countryside|state|county)$", re.I)
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "stated", "wrote", "argued"})
MAX_NGRAM = 5


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A recognised span: ``name`` is what to look up, ``start``/``end`` index the text."""

    text: str
    start: int
    end: int
    name: str
    role: str = "mention"
    method: str = "ner"
    cue: str | None = None
    modifier: str | None = None
    country: str | None = None
    sentence: int = -1


def _strip(text: str, start: int) -> tuple[str, int, int]:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(tail):
            text = text[: -len(tail)]
            break
    return text, start, start + len(text)


class Recogniser:
    """Finds place and demonym spans in a parsed document."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 20_000):
        self.gaz = gazetteer
        self.min_population = min_population

    def __call__(self, doc: Document) -> list[PlaceSpan]:
        spans: list[PlaceSpan] = []
        taken: list[tuple[int, int]] = []
        dateline = self._dateline(doc)
        if dateline:
            spans.append(dateline)
            taken.append((dateline.start, dateline.end))
        index = TokenIndex(doc)
        actor_spans = [(m.start, m.end) for a in doc.actors for m in a.mentions]
        surnames = self._surnames(doc)
        blocked: list[tuple[int, int]] = []
        for ent in doc.entities:
            if _overlaps((ent.start, ent.end), taken):
                continue
            span = self._from_entity(
                index, ent.label, ent.text, ent.start, ent.sent, actor_spans, surnames
            )
            if span is None:
                blocked.append((ent.start, ent.end))
                continue
            spans.append(span)
            taken.append((span.start, span.end))
        spans += self._scan(doc, taken, blocked)
        spans = [self._with_context(index, s) for s in spans]
        return sorted(spans, key=lambda s: s.start)

    def _dateline(self, doc: Document) -> PlaceSpan | None:
        d = doc.article.dateline
        if d is None or not d.place_text:
            return None
        at = doc.article.text.find(d.place_text, d.start, max(d.end, d.start + len(d.place_text)))
        if at < 0:
            return None
        return PlaceSpan(
            d.place_text,
            at,
            at + len(d.place_text),
            d.place_text,
            role="dateline",
            method="dateline",
        )

    @staticmethod
    def _surnames(doc: Document) -> frozenset[str]:
        """Last words of multi-word PERSON entities: "Jackson" after "Michael Jackson"."""
        return frozenset(
            normalise_name(e.text.split()[-1])
            for e in doc.entities
            if e.label == "PERSON" and len(e.text.split()) > 1
        )

    def _from_entity(
        self,
        index: TokenIndex,
        label: str,
        text: str,
        start: int,
        sent: int,
        actor_spans: list[tuple[int, int]],
        surnames: frozenset[str],
    ) -> PlaceSpan | None:
        name, s, e = _strip(text, start)
        if not name:
            return None
        if label in ("NORP", "GPE", "ORG", "PERSON"):
            country = self.gaz.demonym(name)
            if country and not self._is_place_name(name):
                return PlaceSpan(
                    name,
                    s,
                    e,
                    name,
                    role="demonym",
                    method="demonym",
                    country=country,
                    sentence=sent,
                )
        if label in PLACE_LABELS:
            if self.gaz.lookup(name):
                return PlaceSpan(name, s, e, name, method="ner", sentence=sent)
            return self._part(name, s, sent)
        if (
            label not in RELABEL
            or (s, e) in actor_spans
            or any(a <= s and e <= b and (a, b) != (s, e) for a, b in actor_spans)
        ):
            return None
        if label == "PERSON" and (normalise_name(name) in surnames or self._speaks(index, e)):
            return None
        if self._strong(self.gaz.lookup(name)):
            return PlaceSpan(name, s, e, name, method=f"gazetteer:{label.lower()}", sentence=sent)
        return None

    def _part(self, name: str, start: int, sent: int) -> PlaceSpan | None:
        """For an entity the gazetteer does not know ("Doha Forum"), the longest run of its
        words that is a well-known place ("Doha"); else the entity itself, unresolved,
        when it looks like a name rather than a phrase ("Pro-Turkey Islamist")."""
        words = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", name)]
        for size in range(len(words) - 1, 0, -1):
            for k in range(len(words) - size + 1):
                a, b = words[k][0], words[k + size - 1][1]
                part = name[a:b]
                if part[:1].isupper() and self._strong(self.gaz.lookup(part)):
                    return PlaceSpan(
                        part, start + a, start + b, part, method="ner-part", sentence=sent
                    )
        if re.match(r"(?i)(pro|anti|non|ex|post|pre)-", name) or any(
            self.gaz.demonym(w) for w in name.split()
        ):
            return None
        return PlaceSpan(name, start, start + len(name), name, method="ner", sentence=sent)

    def _is_place_name(self, name: str) -> bool:
        return any(
            c.kind == "name" and (c.is_country or c.population >= 100_000)
            for c in self.gaz.lookup(name)
        )

    @staticmethod
    def _speaks(index: TokenIndex, end: int) -> bool:
        nxt = index.after(end)
        return nxt is not None and nxt.text.lower() in SPEECH_VERBS

    def _strong(self, candidates: tuple[Entry, ...]) -> bool:
        """Good enough to call a mislabelled or unlabelled span a place."""
        for c in candidates:
            if c.kind == "loose" and not c.is_populated:
                continue
            if c.is_country or c.is_region or c.feature in ("ADM1", "PPLC", "PPLA"):
                return True
            if c.population >= self.min_population:
                return True
        return False

    def _scan(
        self, doc: Document, taken: list[tuple[int, int]], blocked: list[tuple[int, int]]
    ) -> list[PlaceSpan]:
        """Gazetteer matching over proper-noun runs outside place spans; a match may not lie
        wholly inside an entity rejected above, but may extend one ("Dayr" -> "Dayr az Zawr")."""
        out: list[PlaceSpan] = []
        for sent in doc.sentences:
            toks = doc.tokens[sent.token_start : sent.token_end]
            i = 0
            while i < len(toks):
                if not _name_start(toks[i]) or _overlaps((toks[i].start, toks[i].end), taken):
                    i += 1
                    continue
                found = None
                for j in range(min(len(toks), i + MAX_NGRAM), i, -1):
                    if not _name_end(toks[j - 1]):
                        continue
                    start, end = toks[i].start, toks[j - 1].end
                    if _overlaps((start, end), taken) or any(
                        a <= start and end <= b for a, b in blocked
                    ):
                        continue
                    if any(not _name_inner(t) for t in toks[i:j]):
                        continue
                    text = doc.article.text[start:end]
                    if self._scan_ok(text):
                        found = (
                            j,
                            PlaceSpan(text, start, end, text, method="gazetteer", sentence=sent.i),
                        )
                        break
                if found:
                    out.append(found[1])
                    i = found[0]
                else:
                    i += 1
        return out

    def _scan_ok(self, text: str) -> bool:
        if text.isupper() and len(text) <= 3:
            return False
        if self.gaz.demonym(text):
            return False
        return self._strong(tuple(c for c in self.gaz.lookup(text) if c.kind != "code"))

    def _with_context(self, index: TokenIndex, span: PlaceSpan) -> PlaceSpan:
        """Set cue and modifier from the words around (and inside) the span."""
        if span.role != "mention":
            return span
        name, cue, modifier = span.name, span.cue, span.modifier
        m = NAME_SUFFIXES.search(name)
        if m and self.gaz.lookup(name[: m.start()]):
            word = m.group(1).lower()
            name = name[: m.start()]
            cue = "admin2" if word == "county" else "admin" if word != "countryside" else cue
            modifier = "part" if word == "countryside" else modifier
        before, after = index.neighbours(span.start, span.end)
        cue = cue or _cue_after(after)
        if after:
            word = after[0].lower()
            if word in AREA_AFTER:
                modifier = "near" if word in ("outskirts", "suburbs", "environs") else "part"
        words = [w.lower() for w in before]
        if words:
            cue = cue or _cue_before(before)
            if words[-1] in PART_BEFORE:
                modifier = modifier or "part"
            if words[-1] in ("near", "outside", "nearby") or (
                len(words) >= 2 and words[-1] in ("of", "to") and words[-2] in NEAR_BEFORE
            ):
                modifier = modifier or "near"
        return PlaceSpan(
            span.text,
            span.start,
            span.end,
            name,
            span.role,
            span.method,
            cue,
            modifier,
            span.country,
            span.sentence,
        )


def _skip_names(words: list[str]) -> int:
    """How many leading words form a list of names ("Latakia and Tartus", "Idlib, Hama")."""
    k = 0
    while k < len(words) and (
        words[k][:1].isupper()
        or words[k] in (",", "and", "-", "'s")
        or words[k].lower() in ARTICLES
    ):
        k += 1
    return k


def _cue_of(word: str) -> str | None:
    word = word.lower()
    if word in ADMIN_WORDS:
        return "admin"
    if word in ADMIN2_WORDS:
        return "admin2"
    if word in CITY_WORDS:
        return "city"
    return None


def _cue_before(words: list[str]) -> str | None:
    """A cue word shortly before: "the provinces of Latakia and Tartus", "city of Homs"."""
    k = len(words) - _skip_names(words[::-1]) - 1
    if k >= 1 and words[k].lower() == "of":
        return _cue_of(words[k - 1])
    return None


def _cue_after(words: list[str]) -> str | None:
    """A cue word right after, or after a list of names: "Idlib and Hama provinces"."""
    if not words:
        return None
    direct = _cue_of(words[0])
    if direct:
        return direct
    k = _skip_names(words)
    if 0 < k < len(words) and words[k].lower().endswith("s"):
        return _cue_of(words[k])
    return None


class TokenIndex:
    """Find tokens by character offset in one document (binary search)."""

    def __init__(self, doc: Document):
        self.tokens = doc.tokens
        self.starts = [t.start for t in doc.tokens]

    def covering(self, start: int, end: int) -> list[Token]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(self.tokens[i])
            i += 1
        return out

    def after(self, end: int) -> Token | None:
        i = bisect.bisect_left(self.starts, end)
        return self.tokens[i] if i < len(self.tokens) else None

    def neighbours(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Up to eight words before and six words after a span, within its sentence."""
        inside = self.covering(start, end)
        if not inside:
            return [], []
        sent, first, last = inside[0].sent, inside[0].i, inside[-1].i
        before = [t.text for t in self.tokens[max(0, first - 8) : first] if t.sent == sent]
        after = [t.text for t in self.tokens[last + 1 : last + 7] if t.sent == sent]
        return before, after


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _name_start(t: Token) -> bool:
    return t.pos == "PROPN" and t.text[:1].isupper()


def _name_end(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ")


def _name_inner(t: Token) -> bool:
    return (
        (t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ"))
        or t.text in ("-", "'")
        or (t.text.lower() in ARTICLES)
    )
