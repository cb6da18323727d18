"""The gazetteer side of place recognition (``recognise.Recogniser`` builds on it): runs of
proper nouns outside entities that the gazetteer knows, names spaCy cut short grown back
when the gazetteer spells the whole, demonyms, and places inside organisation names."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Document, EntityMention, Token
from .context import cues
from .gazetteer import Entry, Gazetteer
from .normalise import normalise_name
from .spans import (
    NAME_LABELS,
    PLACE_LABELS,
    PlaceSpan,
    after_particle,
    generic,
    linking,
    name_end,
    name_inner,
    name_start,
    overlaps,
)

MAX_NGRAM = 5


@dataclass(frozen=True, slots=True)
class ScanState:
    """What the gazetteer scan of one document needs to know."""

    text: str
    taken: list[tuple[int, int]]
    orgs: list[tuple[int, int]]
    persons: list[tuple[int, int]]
    lower: frozenset[str]


# what may continue a place name spaCy cut short, longest first: a Romance connector and
# a capitalised word or two ("dos Campos", "de la Sierra"), or capitalised words
_WORD = r"[A-Z][\w\-]*"
# "Croix" + "-des-Bouquets": a name spaCy cut at a hyphen
_HYPHENATED = re.compile(r"(?:-[\w']+)+")
_CONTINUATIONS = tuple(
    re.compile(p)
    for p in (
        rf" (?:dos|das|do|da|de|del|della|di|du|des|de la|de las|de los) {_WORD} {_WORD}",
        rf" (?:dos|das|do|da|de|del|della|di|du|des|de la|de las|de los) {_WORD}",
        rf" {_WORD} {_WORD}",
        rf" {_WORD}",
    )
)


class GazetteerScan:
    """What place recognition asks of the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 20_000):
        self.gaz = gazetteer
        self.min_population = min_population

    def demonym_span(self, text: str, start: int, role: str = "demonym") -> PlaceSpan | None:
        entry = self.gaz.demonym(text)
        if entry is None:
            return None
        return PlaceSpan(
            text,
            start,
            start + len(text),
            text,
            role=role,
            method="demonym",
            country=entry.country,
            target=entry.id,
        )

    def _strong(self, candidates: tuple[Entry, ...]) -> bool:
        """Good enough to call a mislabelled or unlabelled span a place."""
        for c in candidates:
            if c.kind == "sound" or (c.kind == "loose" and not c.is_populated):
                continue
            if c.is_country or c.is_region or c.feature in ("ADM1", "PPLC", "PPLA"):
                return True
            if c.id < 0 or c.population >= self.min_population:  # hand-compiled sites count
                return True
        return False

    def _scan(self, doc: Document, state: ScanState) -> list[PlaceSpan]:
        """Gazetteer matching over proper-noun runs outside place spans and person names.
        A match inside an organisation name becomes an ``org`` span; a match that extends a
        rejected entity ("Dayr" -> "Dayr az Zawr") is a plain mention."""
        out: list[PlaceSpan] = []
        for sent in doc.sentences:
            toks = doc.tokens[sent.token_start : sent.token_end]
            i = 0
            while i < len(toks):
                found = None
                if (
                    (name_start(toks[i]) or _hyphened_start(toks, i))
                    and not overlaps((toks[i].start, toks[i].end), state.taken)
                    and not after_particle(toks[i], toks, i)
                ):
                    found = self._match_at(state, toks, i)
                if (
                    found
                    and found[0] - i == 1
                    and (run := _bracketed_run(toks, i)) >= 3
                    and self._match_at(state, toks, i + 1) is None
                ):
                    # "(Pedro Domingo Murillo, La Paz)": the first word of a longer name
                    # the gazetteer does not know is no place ("Pedro", Cayman Islands);
                    # "(Jenin West Bank)" is two places
                    i += run
                elif found:
                    out.append(found[1])
                    i = found[0]
                else:
                    i += 1
        return out

    def _match_at(
        self, state: ScanState, toks: tuple[Token, ...], i: int
    ) -> tuple[int, PlaceSpan] | None:
        for j in range(min(len(toks), i + MAX_NGRAM), i, -1):
            if not name_end(toks[j - 1]) or any(
                not (name_inner(t) or linking(t)) for t in toks[i:j]
            ):
                continue
            start, end = toks[i].start, toks[j - 1].end
            if overlaps((start, end), state.taken):
                continue
            if overlaps((start, end), state.persons) and not self._around_person(state, start, end):
                continue
            if (start, end) in state.orgs:
                continue  # the whole entity was weighed above and rejected
            text = state.text[start:end]
            if j - i == 1 and text.lower() in state.lower:
                continue  # "Police", "Center": the document also uses it as a common word
            org = next(((a, b) for a, b in state.orgs if a <= start and end <= b), None)
            inside_org = org is not None
            if self._hyphen_part(toks, i, j):
                continue
            if org is not None and not self._org_place(state.text, org[0], text, toks, i, j):
                continue
            if j - i == 1 or inside_org:
                demonym = self.demonym_span(text, start, "org" if inside_org else "demonym")
                if demonym:
                    return j, demonym
            if self._scan_ok(text):
                span = PlaceSpan(
                    text,
                    start,
                    end,
                    text,
                    role="org" if inside_org else "mention",
                    method="gazetteer",
                    weak=j - i == 1 and not inside_org,
                )
                return j, span
            if j - i > 1 and not inside_org and self._spelled(text):
                # "Bint Jbeil", a village, is not the town "Jbeil" inside it
                return j, PlaceSpan(text, start, end, text, method="gazetteer", weak=True)
        return None

    def _extend(self, ent: EntityMention, doc: Document) -> EntityMention:
        """A place entity cut short, grown back when the gazetteer spells the whole name:
        "Sao Jose" + "dos Campos", "Santa Cruz" + "de la Sierra", "Dera" + "Ismail Khan"."""
        text = doc.article.text
        hyphen = _HYPHENATED.match(text, ent.end)
        if ent.label not in PLACE_LABELS and not (hyphen and ent.label in NAME_LABELS):
            return ent
        for pattern in (_HYPHENATED, *_CONTINUATIONS):
            m = pattern.match(text, ent.end)
            if m is None or not self._spelled(text[ent.start : m.end()]):
                continue
            k = ent.token_end
            while k < len(doc.tokens) and doc.tokens[k].end <= m.end():
                k += 1
            return replace(ent, text=text[ent.start : m.end()], end=m.end(), token_end=k)
        return ent

    def _grown(self, entities: list[EntityMention], text: str) -> list[EntityMention]:
        """A place entity and the name right after it joined when the gazetteer spells
        the whole: GPE "Dera" + PERSON "Ismail Khan" is "Dera Ismail Khan", and GPE "Jammu"
        + LOC "Kashmir" is "Jammu and Kashmir" when the whole is a country or state."""
        out: list[EntityMention] = []
        for ent in entities:
            prev = out[-1] if out else None
            gap = text[prev.end : ent.start] if prev is not None else ""
            whole = text[prev.start : ent.end] if prev is not None else ""
            if (
                prev is not None
                and prev.label in PLACE_LABELS
                and ent.label in NAME_LABELS
                and (
                    (gap == " " and self._spelled(whole))
                    or (gap == " and " and ent.label in PLACE_LABELS and self._state(whole))
                )
            ):
                out[-1] = replace(prev, text=whole, end=ent.end, token_end=ent.token_end)
                continue
            out.append(ent)
        return out

    def _around_person(self, state: ScanState, start: int, end: int) -> bool:
        """Whether ``[start, end)`` holds whole every person name it touches and the
        gazetteer spells it: "Dera" + PERSON "Ismail Khan" is "Dera Ismail Khan"."""
        touched = [(a, b) for a, b in state.persons if a < end and start < b]
        whole = all(start <= a and b <= end and (a, b) != (start, end) for a, b in touched)
        return whole and self._spelled(state.text[start:end])

    def _state(self, text: str) -> bool:
        """Whether the gazetteer knows ``text`` by this very spelling as a country or a
        first-level area ("Jammu and Kashmir", "Trinidad and Tobago")."""
        return any(
            c.kind in ("name", "alt", "alias") and (c.is_country or c.feature == "ADM1")
            for c in self.gaz.lookup(text)
        )

    def _spelled(self, text: str) -> bool:
        """Whether the gazetteer knows a name of several words by this very spelling."""
        return not generic(text) and any(
            c.kind in ("name", "alt", "alias") for c in self.gaz.lookup(text)
        )

    def _org_place(
        self, text: str, org_start: int, name: str, toks: tuple[Token, ...], i: int, j: int
    ) -> bool:
        """Is this name inside an organisation name a place? A prominent place (country,
        admin area, capital, region, 100,000 people) anywhere ("Air Zimbabwe", "Metro
        Vancouver"); a smaller town only where places stand in such names: first
        ("Homs Police Department") or after "of"/"in" ("University of Richmond")."""
        if self.demonym_span(name, 0) is not None:
            return True
        found = [
            c
            for c in self.gaz.lookup(name)
            if c.kind not in ("loose", "sound")
            and (c.kind != "code" or c.is_country or c.feature == "ADM1")
        ]
        if any(
            c.is_country or c.is_region or c.feature in ("ADM1", "PPLC") or c.population >= 100_000
            for c in found
        ):
            return True
        lead = text[org_start : toks[i].start].strip().lower()
        first = lead in ("", "the") and not (j < len(toks) and toks[j].text.lower() == "of")
        after_of = i > 0 and toks[i - 1].text.lower() in ("of", "in")
        return (first or after_of) and any(c.population >= self.min_population for c in found)

    def _hyphen_part(self, toks: tuple[Token, ...], i: int, j: int) -> bool:
        """Is ``toks[i:j]`` one part of a hyphenated name, unknown to the gazetteer, that
        opens an ACLED-style bracket of areas ("Buda" of "Seredyna-Buda (Shostkynskyi,
        Sumy)", "Sainte" of "Sainte-Soline (Deux-Sevres, ...)")? A part joined to a known
        place makes a pair of places instead ("Kisumu-Busia (Kisumu)")."""
        other = None
        if i >= 2 and _joined(toks[i - 2], toks[i - 1], toks[i]):
            other = toks[i - 2]
        elif j + 1 < len(toks) and _joined(toks[j - 1], toks[j], toks[j + 1]):
            other = toks[j + 1]
        if other is None or not other.text[:1].isupper():
            return False
        end = j - 1
        while end + 2 < len(toks) and _joined(toks[end], toks[end + 1], toks[end + 2]):
            end += 2
        if end + 1 >= len(toks) or toks[end + 1].text != "(":
            return False
        return not self._strong(tuple(self.gaz.lookup(other.text)))

    def _scan_ok(self, text: str) -> bool:
        found = self.gaz.lookup(text)
        bare = text.replace(".", "").replace(" ", "")
        if bare.isupper() and len(bare) <= 3:  # "US", "U.S.", "UK"
            return any(c.is_country or c.feature == "CONT" for c in found)
        if generic(text) or len(normalise_name(text)) < 3 or self.gaz.demonym(text):
            return False
        if "." in text:  # "Ky.", "W. Va.": abbreviations of states and provinces only
            return any(c.kind == "code" and (c.is_country or c.feature == "ADM1") for c in found)
        return self._strong(tuple(c for c in found if c.kind != "code"))


def _hyphened_start(toks: tuple[Token, ...], i: int) -> bool:
    """Whether ``toks[i]`` is a capitalised word spaCy took for a common noun that opens a
    hyphened name: "Port" of "(Port-au-Prince, Ouest)"."""
    t = toks[i]
    return (
        t.pos == "NOUN"
        and t.text[:1].isupper()
        and i + 1 < len(toks)
        and toks[i + 1].text == "-"
        and toks[i + 1].start == t.end
    )


def _bracketed_run(toks: tuple[Token, ...], i: int) -> int:
    """How many capitalised name words fill the first slot of a bracket from ``toks[i]``
    ("(Pedro Domingo Murillo, La Paz)"); 0 when ``toks[i]`` opens no bracket's slot or a
    kind word is among them ("(Kharkiv Oblast)")."""
    if i == 0 or toks[i - 1].text != "(":
        return 0
    n = 0
    while i + n < len(toks) and toks[i + n].text[:1].isupper() and name_inner(toks[i + n]):
        if toks[i + n].text.lower() in cues().area_nouns:
            return 0
        n += 1
    end = i + n
    return n if end < len(toks) and toks[end].text in (",", ")") else 0


def _joined(left: Token, hyphen: Token, right: Token) -> bool:
    """Whether ``left`` and ``right`` are written as one word around ``hyphen``."""
    return hyphen.text == "-" and left.end == hyphen.start and hyphen.end == right.start
