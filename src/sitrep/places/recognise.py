"""Place recognition: which spans of a parsed document name places.

Sources, in order of trust:

1. the dateline place ("HOMS,—");
2. spaCy GPE/LOC/FAC entities (an entity the gazetteer does not know may still contain
   a known place: "Doha Forum" -> "Doha");
3. entities spaCy labelled otherwise (ORG/PERSON/NORP: "Tartus", "Hama", "Aleppo")
   whose whole text is a gazetteer place, unless it is an actor's name or a person's
   surname elsewhere in the document;
4. runs of proper nouns outside entities that the gazetteer knows ("Deir ez-Zor").

Spans from 3 and single words from 4 are ``weak``: resolution keeps them only when they
land on a well-known place or one in the document's focus country.

Demonyms ("Syrian", "Israeli") become ``demonym`` spans. Place names inside
organisation names ("Syrian Observatory for Human Rights", "the Homs Police
Department") become ``org`` spans. Neither is ever an event location; both tell the
ranking which country a story is about, and both are annotated as toponyms by the
GeoWebNews, LGL and TR-News gold sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Document, EntityMention, Token
from .context import TokenIndex, cues, read_setting
from .gazetteer import Entry, Gazetteer
from .normalise import ARTICLES, normalise_name
from .spans import (
    NAME_LABELS,
    PLACE_LABELS,
    PlaceSpan,
    after_particle,
    cue_name_start,
    cued_spans,
    generic,
    join_runs,
    linking,
    listed_spans,
    name_end,
    name_inner,
    name_start,
    overlaps,
    split_brackets,
)

RELABEL = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
MAX_NGRAM = 5
PARTICLE_TOWN = 50_000  # people in a town named like a name particle ("Beni") to name it


@dataclass(frozen=True, slots=True)
class ScanState:
    """What the gazetteer scan of one document needs to know."""

    text: str
    taken: list[tuple[int, int]]
    orgs: list[tuple[int, int]]
    persons: list[tuple[int, int]]
    lower: frozenset[str]


def _strip(text: str, start: int) -> tuple[str, int, int]:
    """Drop a leading "the", trailing lowercase words ("Tishreen Dam east") and a trailing
    possessive from an entity span."""
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    words = text.split(" ")
    while len(words) > 1 and words[-1].islower():
        words.pop()
    text = " ".join(words)
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(tail):
            text = text[: -len(tail)]
            break
    return text, start, start + len(text)


class Recogniser:
    """Finds place, demonym and organisation-embedded place spans in a parsed document."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 20_000):
        self.gaz = gazetteer
        self.min_population = min_population

    def __call__(self, doc: Document) -> list[PlaceSpan]:
        index = TokenIndex(doc)
        spans: list[PlaceSpan] = []
        dateline = self._dateline(doc)
        first = [(dateline.start, dateline.end)] if dateline else []
        if dateline:
            spans.append(dateline)
        # a person the actors stage guessed from a PERSON entity may be a village the
        # gazetteer spells exactly ("on Ein Issa road"): persons do not hide places
        actor_spans = [
            (m.start, m.end) for a in doc.actors if a.kind != "person" for m in a.mentions
        ]
        surnames = frozenset(
            normalise_name(e.text.split()[-1])
            for e in doc.entities
            if e.label == "PERSON" and len(e.text.split()) > 1
        )
        orgs: list[tuple[int, int]] = []
        persons: list[tuple[int, int]] = []
        entities = self._grown(
            [self._extend(e, doc) for e in join_runs(doc.entities, doc.article.text)],
            doc.article.text,
        )
        parts = [(e, part) for e in entities for part in split_brackets(e)]
        for whole, ent in parts:
            if overlaps((ent.start, ent.end), first + [(s.start, s.end) for s in spans]):
                continue  # the dateline, or a name an earlier entity grew into
            # an actor made of a whole split entity ("Cizre, Sirnak") does not hide its parts
            actors = [a for a in actor_spans if whole is ent or a != (whole.start, whole.end)]
            span = self._from_entity(index, ent, actors, surnames)
            if span is not None:
                spans.append(span)
            elif ent.label == "PERSON":
                persons.append((ent.start, ent.end))
            elif ent.label not in NUMERIC_LABELS and not _named_area(ent.text):
                orgs.append((ent.start, ent.end))
        state = ScanState(
            text=doc.article.text,
            taken=[(s.start, s.end) for s in spans],
            orgs=orgs,
            persons=persons,
            lower=frozenset(t.text for t in doc.tokens if t.text.islower()),
        )
        spans += self._scan(doc, state)
        spans += cued_spans(doc, [(s.start, s.end) for s in spans])
        # a list's names may be entities spaCy called persons or organisations: only a
        # registry actor or a full person's name is no place ("Bilozerka, Antonivka and ...")
        named = [(m.start, m.end) for a in doc.actors if not a.provisional for m in a.mentions]
        full = [(e.start, e.end) for e in doc.entities if e.label == "PERSON" and " " in e.text]
        spans += listed_spans(doc, spans, named + full)
        out = []
        for s in spans:
            if s.role == "mention":
                setting = read_setting(index, s.name, s.start, s.end)
                s = replace(s, name=setting.name, cue=setting.cue, modifier=setting.modifier)
            out.append(s)
        return sorted(out, key=lambda s: s.start)

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

    def _from_entity(
        self,
        index: TokenIndex,
        ent: EntityMention,
        actor_spans: list[tuple[int, int]],
        surnames: frozenset[str],
    ) -> PlaceSpan | None:
        name, s, e = _strip(ent.text, ent.start)
        if not name:
            return None
        if generic(name):
            # "the Coast of Khan Yunis": "Coast" alone names no place; "Beni" may
            return self._particle_town(index, ent, name, s, e)
        if ent.label in ("NORP", "GPE", "ORG", "PERSON") and not self._is_place_name(name):
            demonym = self.demonym_span(name, s)
            if demonym:
                return demonym
        if ent.label in PLACE_LABELS:
            found = self.gaz.lookup(name)
            if normalise_name(name) in surnames and not self._strong(found):
                return None  # "Saakashvili" after "Mikheil Saakashvili"
            wider = self._wider(index, name, s, e)
            if wider is not None:
                return wider
            if found:
                return PlaceSpan(name, s, e, name, method="ner")
            return self._longer(index, name, s, e) or self._part(name, s)
        if ent.label not in RELABEL or any(a <= s and e <= b for a, b in actor_spans):
            return None
        if generic(name):
            return None  # "Southern" (NORP) of "Riffa (Southern)" alone names no place
        prev = index.before(s)
        if prev is not None and prev.text[:1].isupper() and generic(prev.text):
            return None  # PERSON "Ali" of "Dhu Ali", ORG "Tuba" of "Umm Tuba"
        if ent.label == "PERSON" and (normalise_name(name) in surnames or self._speaks(index, e)):
            return None
        longer = self._longer(index, name, s, e)
        if longer is not None:  # ORG "Bandar" and PERSON "Abbas" of "Bandar Abbas"
            return replace(longer, method=f"gazetteer:{ent.label.lower()}", weak=True)
        found = self.gaz.lookup(name)
        if name.isupper() and len(name) <= 5:
            found = tuple(c for c in found if c.kind in ("name", "alias", "code"))  # not "SNA"
        if self._strong(found) or (" " in name and self._spelled(name)):
            return PlaceSpan(name, s, e, name, method=f"gazetteer:{ent.label.lower()}", weak=True)
        return None

    def _particle_town(
        self, index: TokenIndex, ent: EntityMention, name: str, start: int, end: int
    ) -> PlaceSpan | None:
        """A place entity that is a name particle alone: the longer name spaCy cut short
        ("Beni" + "Suef"), else a town of that very name with ``PARTICLE_TOWN`` people
        ("Beni", North Kivu), weak so that it is kept only if it resolves convincingly."""
        if ent.label not in PLACE_LABELS or normalise_name(name) not in cues().name_particles:
            return None
        longer = self._longer(index, name, start, end)
        if longer is not None:
            return longer
        if any(c.kind == "name" and c.population >= PARTICLE_TOWN for c in self.gaz.lookup(name)):
            return PlaceSpan(name, start, end, name, method="ner", weak=True)
        return None

    def _wider(self, index: TokenIndex, name: str, start: int, end: int) -> PlaceSpan | None:
        """A place entity whose first word spaCy left out ("Bint" of "Bint Jbeil", which is
        not Jbeil): the longer name when the gazetteer knows it by its own spelling."""
        prev = index.before(start)
        if prev is None or not cue_name_start(prev) or prev.pos != "PROPN":
            return None
        text = index.text[prev.start : end]
        if self._spelled(text):
            return PlaceSpan(text, prev.start, end, text, method="ner-wider")
        return None

    def _longer(self, index: TokenIndex, name: str, start: int, end: int) -> PlaceSpan | None:
        """An entity the gazetteer does not know that is the start of a longer place name
        whose rest spaCy left out ("Deir" of "Deir ez Zor"): the longest known name."""
        words: list[Token] = []
        nxt = index.after(end)
        while nxt is not None and len(words) < MAX_NGRAM - 1 and (name_inner(nxt) or linking(nxt)):
            words.append(nxt)
            nxt = index.after(nxt.end)
        while words and not name_end(words[-1]):
            words.pop()
        for k in range(len(words), 0, -1):
            if not name_end(words[k - 1]):
                continue
            stop = words[k - 1].end
            text = name + index.text[end:stop]
            if self._strong(self.gaz.lookup(text)):
                return PlaceSpan(text, start, stop, text, method="ner-longer")
        return None

    def _part(self, name: str, start: int) -> PlaceSpan | None:
        """For an entity the gazetteer does not know ("Doha Forum"), the longest run of its
        words that is a well-known place ("Doha"); else the entity itself, unresolved,
        when it looks like a name rather than a phrase ("Pro-Turkey Islamist")."""
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
        if any(name[a:b] in ARTICLES for a, b in words[1:-1]):
            words = []  # "Qizan an Najjar" is one Arabic name: no part of it stands alone
        for size in range(len(words) - 1, 0, -1):
            for k in range(len(words) - size + 1):
                a, b = words[k][0], words[k + size - 1][1]
                part = name[a:b]
                if generic(part) or not part[:1].isupper() or len(part) < 4:
                    continue
                if k > 0 and normalise_name(name[words[k - 1][0] : words[k - 1][1]]) in (
                    cues().name_particles
                ):
                    continue  # "Tuba" of "Umm Tuba village" is no place of its own
                if self._strong(self.gaz.lookup(part)):
                    # weak: "Kala" of "Kala Shah Kaku" must land where the story is
                    return PlaceSpan(part, start + a, start + b, part, method="ner-part", weak=True)
        if re.match(r"(?i)(pro|anti|non|ex|post|pre)-", name) or any(
            self.gaz.demonym(w) for w in name.split()
        ):
            return None
        return PlaceSpan(name, start, start + len(name), name, method="ner")

    def _is_place_name(self, name: str) -> bool:
        return any(
            c.kind == "name" and (c.is_country or c.population >= 100_000)
            for c in self.gaz.lookup(name)
        )

    @staticmethod
    def _speaks(index: TokenIndex, end: int) -> bool:
        nxt = index.after(end)
        return nxt is not None and nxt.text.lower() in cues().speech

    @staticmethod
    def _prominent(candidates: tuple[Entry, ...]) -> bool:
        """A country, region, admin1 area, capital or admin seat, or a city of 100,000."""
        return any(
            c.kind not in ("loose", "sound")
            and (
                c.is_country
                or c.is_region
                or c.feature in ("ADM1", "PPLC", "PPLA")
                or c.population >= 100_000
            )
            for c in candidates
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
                    name_start(toks[i])
                    and not overlaps((toks[i].start, toks[i].end), state.taken)
                    and not after_particle(toks[i], toks, i)
                ):
                    found = self._match_at(state, toks, i)
                if found:
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
        the whole: GPE "Dera" + PERSON "Ismail Khan" is "Dera Ismail Khan"."""
        out: list[EntityMention] = []
        for ent in entities:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label in PLACE_LABELS
                and ent.label in NAME_LABELS
                and text[prev.end : ent.start] == " "
                and self._spelled(text[prev.start : ent.end])
            ):
                whole = text[prev.start : ent.end]
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


# kinds of area no institution is named after ("County", "State" name governments and
# universities: "Ohio State", "Fulton County")
_AREA_KINDS = frozenset(
    [
        "lga",
        "township",
        "upazila",
        "tehsil",
        "taluk",
        "taluka",
        "woreda",
        "cercle",
        "raion",
        "rayon",
        "hromada",
        "oblast",
        "governorate",
        "district",
        "prefecture",
    ]
)


def _named_area(text: str) -> bool:
    """Whether an entity is an area named with its kind ("Gusau LGA", "Pale Township"),
    no organisation: the place in it is a plain mention."""
    words = text.split()
    return len(words) > 1 and words[-1].lower() in _AREA_KINDS
