"""Country votes of a document's place names: the context country of its generic actors
("rebels", "civilians"), per sentence and in total.

The places stage runs after actors, so this is a cheap estimate of its own
(``context.place_countries`` says which countries a name may lie in). An ambiguous name
splits its vote by population; places in the first sentence count double and later ones
half, places governed by a verb ("gathered in Irbid") more than places governed by a noun
("people in Gaza"); the first place named and the countries of the actors named add a
little. Names that are actor mentions ("Turkey-backed") do not vote, nor do causes
("pro-Israel", "in solidarity with Gaza").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..models import Document
from .context import TYPE_WORDS, PlaceLookup, place_countries, restrict_shares
from .matching import Hit
from .registry import Registry
from .words import Word

NON_GEOGRAPHIC_KINDS = frozenset({"media", "igo", "ngo", "monitor"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPOSITIONS = frozenset(
    ["in", "near", "at", "from", "outside", "around", "into", "toward", "towards", "("]
)
# the people who live somewhere: "residents of Irbid" names where they are (the parser
# often tags such a name as no place, or as a nationality)
_DWELLERS = frozenset(
    ["residents", "inhabitants", "people", "villagers", "citizens", "locals", "townspeople"]
)
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ez",
        "es",
        "as",
        "ad",
        "ar",
        "at",
        "an",
        "ash",
        "az",
        "ed",
        "bin",
        "ibn",
        "de",
        "del",
        "la",
    ]
)
_FIRST_PLACE_BONUS = 0.5
_LEAD_FACTOR = 2.0  # places in the first sentence (the lead) count double...
_LATER_FACTOR = 0.5  # ...and places named later, often background, count half
_VERB_ATTACHED = 1.5
_NOUN_ATTACHED = 0.5
_ACTOR_WEIGHT = 0.25
_SENTENCE_ACTOR_WEIGHT = 0.1  # an actor's home country, in its sentence: a hint only
_LEAST_SHARE = 0.4  # a name whose likeliest country has less of its vote does not vote


def place_phrases(
    doc: Document, words: list[list[Word]], struck: frozenset[str] = frozenset()
) -> list[tuple[int, int, str]]:
    """Place-like phrases: the parser's GPE/LOC/FAC entities, proper names that verbs of
    ``struck`` take as their object ("shelled Kherson", which the parser may leave
    untagged), and capitalised runs after a locative preposition ("in Deir ez Zor
    countryside"), after "residents of" or after a place and a comma ("Makhmur, Erbil"),
    as (start, end, text)."""
    text = doc.article.text
    found = {(e.start, e.end): e.text for e in doc.entities if e.label in _PLACE_LABELS}
    toks = doc.tokens
    for t in toks:
        if t.dep != "dobj" or t.pos != "PROPN" or toks[t.head].lemma.lower() not in struck:
            continue
        k = t.i
        while k > 0 and toks[k - 1].dep == "compound" and toks[k - 1].pos == "PROPN":
            k -= 1
        start = toks[k].start
        if not any(s < t.end and start < e for s, e in found):
            found[(start, t.end)] = text[start : t.end]
    for ws in words:
        for i, w in enumerate(ws[:-1]):
            cue = "in" if _dwellers_of(ws, i) else w.key  # "residents of Irbid": "in Irbid"
            if cue not in _PLACE_PREPOSITIONS and cue != ",":
                continue
            if not ws[i + 1].capitalised:
                continue
            # "in Makhmur, Erbil": a capitalised run after a place and a comma is its area
            area = cue == "," and i > 0 and any(e == ws[i - 1].end for _, e in found)
            if cue not in _PLACE_PREPOSITIONS and not area:
                continue
            j = i + 1
            while j < len(ws) and (ws[j].capitalised or ws[j].key in _PARTICLES):
                j += 1
            while j > i + 1 and ws[j - 1].key in _PARTICLES:
                j -= 1
            start, end = ws[i + 1].start, ws[j - 1].end
            inside = [(s, e) for s, e in found if s <= start < e]
            if all(s == start and e < end for s, e in inside):
                for key in inside:  # the parser's "Deir" of "in Deir ez Zor countryside"
                    del found[key]
                found[(start, end)] = text[start:end]
    for ws in words:  # "Amara city", "Jenin camp", "Kherson oblast": the name before its kind
        for i, w in enumerate(ws[1:], 1):
            if w.key not in _KIND_AFTER or not ws[i - 1].capitalised:
                continue
            j = i - 1
            while j > 0 and ws[j - 1].capitalised and ws[j - 1].key not in _KIND_AFTER:
                j -= 1
            if j == 0:
                continue  # a sentence's first word is capitalised whatever it is
            start, end = ws[j].start, ws[i - 1].end
            if not any(s < end and start < e for s, e in found):
                found[(start, end)] = text[start:end]
    out = []
    for (start, end), name in found.items():
        if name.casefold() in _GENERIC:
            continue  # "in Sector 28", "in Block C": a part of somewhere, no town's name
        if text.startswith(" state", end):  # "Niger state": a state of Nigeria, no country
            end += len(" state")
            name = text[start:end]
        out.append((start, end, name))
    return sorted(out)


def _dwellers_of(ws: list[Word], i: int) -> bool:
    """ "residents of Irbid", "the town of Kidal", "the centre of Lusaka": "of" names where."""
    return ws[i].key == "of" and i > 0 and ws[i - 1].key in _DWELLERS | _PLACE_OF


# "the town of X", "the Ur neighborhood of X", "the centre of X": the name after "of" is a
# place
_PLACE_OF = (TYPE_WORDS - {"state", "street", "square"}) | {
    "villages",
    "towns",
    "cities",
    "areas",
    "districts",
    "suburbs",
    "part",
    "parts",
    "centre",
    "center",
}


def _attachment_factor(doc: Document, starts: list[int], char: int) -> float:
    """Places governed by a verb ("gathered in Irbid") are where things happen; places
    governed by a noun ("people in Gaza") describe someone."""
    i = bisect_right(starts, char) - 1
    if i < 0 or doc.tokens[i].start != char:
        return 1.0
    for _ in range(6):  # "the West Bank" -> Bank; "Gaza and the West Bank" -> Gaza
        tok = doc.tokens[i]
        if tok.dep not in {"det", "compound", "conj", "amod"} or tok.head == i:
            break
        i = tok.head
    prep = doc.tokens[doc.tokens[i].head]
    if doc.tokens[i].dep != "pobj" or prep.dep != "prep":
        return 1.0
    governor = doc.tokens[prep.head].pos
    if governor in {"VERB", "AUX"}:
        return _VERB_ATTACHED
    return _NOUN_ATTACHED if governor in {"NOUN", "PROPN", "PRON"} else 1.0


_DATELINE_FACTOR = 0.25  # a dateline names where the story was filed, not where it happened
_DOCUMENT_PRIOR = 0.1  # the document's votes, as a tie-breaker among a sentence's places
# "fled to Lebanon", "rockets fired toward Israel": where people or fire go, not where they are
_AWAY = frozenset({"to", "toward", "towards", "into", "from"})
_CAUSES = frozenset({"pro-", "anti-"})
# the kinds of place written after a name ("Amara city"); not "state" ("Niger state")
_KIND_AFTER = frozenset(
    {
        "city",
        "town",
        "village",
        "camp",
        "district",
        "province",
        "governorate",
        "oblast",
        "county",
        "township",
        "municipality",
    }
)
# capitalised words that name parts of places, and villages somewhere: no place on their own
_GENERIC = frozenset(
    {
        "sector",
        "block",
        "zone",
        "ward",
        "phase",
        "colony",
        "area",
        "camp",
        "market",
        "street",
        "road",
        "quarter",
        "district",
        "village",
        "city",
        "town",
        "gate",
        "square",
    }
)
# what a protest is for, not where it is: "rallied in solidarity with the people of Gaza"
_GRIEVANCE = re.compile(
    r"\b(?:in solidarity with|in support of|to (?:denounce|condemn|support|mourn)|denouncing|"
    r"condemning)\b[^.,;:()]*$",
    re.IGNORECASE,
)


@dataclass
class CountryVotes:
    """Country votes of a document's place names, in total and per sentence."""

    document: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    first: dict[str, int] = field(default_factory=dict)
    sentences: dict[int, dict[str, float]] = field(default_factory=dict)

    def country(self) -> str | None:
        """The most likely country the document's events happen in."""
        if not self.document:
            return None
        return max(self.document, key=lambda c: (self.document[c], -self.first[c]))

    def sentence_country(self, sent: int) -> str | None:
        """Where sentence ``sent`` happens: its own places (the document's votes breaking
        ties), else the document's country. A group is of the country it operates in,
        not of a dateline abroad."""
        own = self.sentences.get(sent)
        if not own:
            return self.country()
        return max(
            own,
            key=lambda c: (
                own[c] + _DOCUMENT_PRIOR * self.document.get(c, 0.0),
                -self.first.get(c, 0),
            ),
        )


def country_votes(
    registry: Registry,
    doc: Document,
    hits: list[Hit],
    words: list[list[Word]],
    gazetteer: PlaceLookup | None = None,
) -> CountryVotes:
    """Votes of the place names (and a little of the actors named) for the countries the
    document's events happen in; a dateline's place votes a quarter."""
    votes = CountryVotes()
    acting = [(h.start, h.end) for h in hits if h.actor]
    lead_end = next((s.end for s in doc.sentences if not s.heading), 0)
    starts = [t.start for t in doc.tokens]
    sent_starts = [s.start for s in doc.sentences]
    line = doc.article.dateline
    text = doc.article.text
    seen: dict[int, int] = {}
    for start, shares in _place_shares(registry, doc, words, acting, gazetteer):
        if _word_before(text, start) in _CAUSES or _GRIEVANCE.search(
            text[max(0, start - 80) : start]
        ):
            continue  # "pro-Israel protesters in London", "in solidarity with Gaza": causes
        bonus = _FIRST_PLACE_BONUS if not votes.first else 0.0
        lead = _LEAD_FACTOR if start < lead_end else _LATER_FACTOR
        lead *= _attachment_factor(doc, starts, start)
        dateline = line is not None and line.start <= start < line.end
        if dateline:
            lead, bonus = lead * _DATELINE_FACTOR, 0.0
        sent = bisect_right(sent_starts, start) - 1
        own = None
        if not dateline and _word_before(text, start) not in _AWAY:
            own = votes.sentences.setdefault(sent, defaultdict(float))
            # within a sentence every place is one vote, the first places (where the
            # event happens) more than the later ones (whom it was for, what it was about)
            rank = seen.get(sent, 0)
            seen[sent] = rank + 1
            weight = _attachment_factor(doc, starts, start) / (1 + rank)
        total = sum(shares.values())
        for c, share in shares.items():
            votes.document[c] += share * lead + bonus * share / total
            votes.first.setdefault(c, start)
            if own is not None:
                own[c] += share / max(total, 1.0) * weight
    for h in hits:
        entry = registry.get(h.actor) if h.actor and not h.homonyms else None
        if entry and entry.country and entry.kind not in NON_GEOGRAPHIC_KINDS:
            votes.document[entry.country] += _ACTOR_WEIGHT
            votes.first.setdefault(entry.country, h.start)
            own = votes.sentences.get(h.sent)
            if own is not None:  # "in Amara, ... the Iraqi security forces": a hint
                own[entry.country] += _SENTENCE_ACTOR_WEIGHT
    return votes


def _place_shares(
    registry: Registry,
    doc: Document,
    words: list[list[Word]],
    acting: list[tuple[int, int]],
    gazetteer: PlaceLookup | None,
) -> list[tuple[int, Mapping[str, float]]]:
    """(start, country shares) of the document's place phrases that are not actors. A
    place and the area after it ("Sanabis (Capital)", "Makhmur, Erbil") must lie in one
    country: each keeps only the countries they share; with none in common the area is
    dropped (the bracket or the list names something else). A name that many countries
    give their areas ("Eastern", "Ouest") votes only as such an area."""
    text = doc.article.text
    out: list[tuple[int, int, Mapping[str, float]]] = []
    for start, end, name in place_phrases(doc, words, registry.lexicon.struck_verbs):
        if any(s < end and start < t for s, t in acting):
            continue
        # the gazetteer's villages only where a place is expected ("in X", "(X)", "X, Y"):
        # a tribe or a family that shares a hamlet's name does not vote
        located = is_located(text, start)
        shares = place_countries(registry, name, gazetteer if located else None)
        if not shares:
            continue
        joiner = text[out[-1][1] : start].strip().casefold() if out else ""
        of = joiner == "of" or (joiner.endswith(" of") and joiner[:-3].strip() in _PLACE_OF)
        if out and (joiner in ("(", ",") or of):
            first, _, before = out[-1]
            common = set(before) & set(shares)
            if not common and of:
                out.pop()  # "Sector 28 of Amara city": the town says where, not a namesake
            elif not common:
                continue
            else:
                out[-1] = (first, out[-1][1], restrict_shares(before, common))
                shares = restrict_shares(shares, common)
        out.append((start, end, shares))
    # "Eastern", "Ouest": a name of many countries' areas tells none of them
    return [(s, v) for s, _, v in out if max(v.values()) >= _LEAST_SHARE * sum(v.values())]


def is_located(text: str, start: int) -> bool:
    """Whether a place is expected at ``start``: after a locative preposition, a bracket
    or a comma, or "the ... area of" ("in the Durayhimiya area of Al-Zubair")."""
    before = _word_before(text, start)
    if before in _PLACE_PREPOSITIONS or before == ",":
        return True
    if before != "of":
        return False
    words = text[max(0, start - 40) : start].split()
    return len(words) >= 2 and words[-2].casefold() in TYPE_WORDS | _DWELLERS


def _word_before(text: str, start: int) -> str:
    """The word (or the bracket or comma) just before ``start``."""
    before = text[max(0, start - 20) : start].rstrip()
    if before.endswith(("(", ",")):
        return before[-1]
    words = before.split()
    return words[-1].casefold() if words else ""


def context_country(
    registry: Registry, doc: Document, hits: list[Hit], words: list[list[Word]]
) -> str | None:
    """The most likely country the document's events happen in."""
    return country_votes(registry, doc, hits, words).country()
