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
from dataclasses import replace

from ..models import Document, EntityMention, Token
from ..parse import MONTHS
from .context import TokenIndex, cues, read_setting
from .gazetteer import Entry
from .normalise import ARTICLES, normalise_name
from .scan import MAX_NGRAM, GazetteerScan, ScanState
from .spans import (
    PLACE_LABELS,
    PlaceSpan,
    cue_name_start,
    cued_spans,
    generic,
    join_runs,
    linking,
    listed_spans,
    name_end,
    name_inner,
    overlaps,
    split_brackets,
)

RELABEL = frozenset(
    {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
)
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
DATE_LABELS = frozenset({"DATE", "TIME"})
_WORD = re.compile(r"\w+")
PARTICLE_TOWN = 50_000  # people in a town named like a name particle ("Beni") to name it


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


_HYPHENED_NAME = re.compile(r"[A-Z][\w']*(?:-[\w']+)+")


class Recogniser(GazetteerScan):
    """Finds place, demonym and organisation-embedded place spans in a parsed document."""

    def __call__(self, doc: Document) -> list[PlaceSpan]:
        index = TokenIndex(doc)
        spans: list[PlaceSpan] = []
        dateline = self._dateline(doc)
        first = [(dateline.start, dateline.end)] if dateline else []
        if dateline:
            spans.append(dateline)
        # a person the actors stage guessed from a PERSON entity may be a village the
        # gazetteer spells exactly ("on Ein Issa road"): persons do not hide places
        # nor does an organisation the actors stage only guessed from a name that is a
        # well-known place ("Cox's Bazar" read as an organisation)
        actor_spans = [
            (m.start, m.end)
            for a in doc.actors
            if a.kind != "person"
            for m in a.mentions
            if not (a.provisional and self._prominent(self.gaz.lookup(m.text)))
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
        # "On 6 March 2023, in Nanterre": a date's month is no town ("March", England)
        dates = [
            (e.start + m.start(), e.start + m.end())
            for e in doc.entities
            if e.label in DATE_LABELS
            for m in _WORD.finditer(e.text)
            if m.group() in MONTHS
        ]
        state = ScanState(
            text=doc.article.text,
            taken=[(s.start, s.end) for s in spans] + dates,
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
        wider = self._wider(index, name, s, e)
        if wider is not None:  # PERSON "Markos" of "Debre Markos"
            return replace(wider, weak=True)
        bare = name.rsplit(" ", 1)[0]
        if _named_area(name) and self.gaz.lookup(bare):
            # ORG "Bokkos LGA": the area's name, read with its kind word as a cue (not
            # "Laurel County School District", which the gazetteer does not know)
            return PlaceSpan(bare, s, s + len(bare), bare, method=f"ner-{ent.label.lower()}")
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
        # a name of several words or hyphened parts spelt as the gazetteer spells it
        # ("Niu-York", "Seredyna-Buda": ORG entities whose last part is a town abroad)
        several = " " in name or bool(_HYPHENED_NAME.fullmatch(name))
        if self._strong(found) or (several and self._spelled(name)):
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
