"""Place spans and the token tests recognition shares; spans cued by the words around
them ("Ftireh town", "near X (Marjayoun)"); entities split at brackets and commas."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from ..models import Document, EntityMention, Token
from .context import cues
from .normalise import ARTICLES, normalise_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A recognised span: ``name`` is what to look up, ``start``/``end`` index the text.

    ``target`` is a gazetteer id fixed at recognition (demonyms); ``weak`` spans are kept
    only if they resolve convincingly.
    """

    text: str
    start: int
    end: int
    name: str
    role: str = "mention"
    method: str = "ner"
    cue: str | None = None
    modifier: str | None = None
    country: str | None = None
    target: int | None = None
    weak: bool = False


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


_DASHED = re.compile(r"\s[-\u2013\u2014]\s")  # "Baghdad - Adhamiya": a city and its quarter
_PART = re.compile(r"[^(),\s](?:[^(),]*[^(),\s])?")


def split_brackets(ent: EntityMention) -> list[EntityMention]:
    """An entity that runs into a parenthesis is two names: spaCy's ORG "Ashqelon
    (HaDarom" is the town "Ashqelon" and the district "HaDarom"; so is an organisation
    or person across a comma (ORG "Cizre, Sirnak"), unlike a place ("Washington, D.C."),
    and any entity across a spaced dash ("Al Hudaydah - Shari al Mina")."""
    if "(" not in ent.text and (
        ("," not in ent.text or ent.label in PLACE_LABELS) and not _DASHED.search(ent.text)
    ):
        return [ent]
    return [
        replace(ent, text=m.group(), start=ent.start + m.start(), end=ent.start + m.end())
        for m in _PART.finditer(_DASHED.sub(lambda d: "," * len(d.group()), ent.text))
    ]


# Arabic articles between two names; "at" and "as" only hyphened ("Interstate 64 West at
# South Charleston" is English)
_ARTICLE_GAP = re.compile(r"^ (?:(?:al|el|ad|an|ar|ash|az|ez|ed|es|ul|ath) |(?:at|as)-)$")
NAME_LABELS = PLACE_LABELS | {"ORG", "PERSON", "NORP"}


def join_runs(entities: tuple[EntityMention, ...], text: str) -> list[EntityMention]:
    """Place entities that spaCy cut out of one name, joined again: GPE "Khirbet" + GPE
    "Yanun" is "Khirbet Yanun" (two place names never stand side by side with only a
    space between them), and ORG "Qizan" + "an" + GPE "Najjar" is "Qizan an Najjar" (an
    Arabic article between two names binds them)."""
    out: list[EntityMention] = []
    for ent in entities:
        prev = out[-1] if out else None
        possessive = prev is not None and prev.text.endswith(("'s", "\u2019s"))
        if prev is not None and ent.text[:1].isupper() and not possessive:
            gap = text[prev.end : ent.start]
            labels = {prev.label, ent.label}
            # "Karmat" + "Bani Said": a name that begins with a particle continues one
            particle = normalise_name(ent.text.split()[0]) in cues().name_particles
            spaced = gap == " " and (labels <= PLACE_LABELS or (particle and labels <= NAME_LABELS))
            article = bool(_ARTICLE_GAP.match(gap)) and labels <= NAME_LABELS
            if (spaced or article) and labels & PLACE_LABELS:
                label = prev.label if prev.label in PLACE_LABELS else ent.label
                whole = text[prev.start : ent.end]
                out[-1] = replace(
                    prev, label=label, text=whole, end=ent.end, token_end=ent.token_end
                )
                continue
        out.append(ent)
    return out


def cued_spans(doc: Document, taken: list[tuple[int, int]]) -> list[PlaceSpan]:
    """Names the gazetteer may not know that the words around them call places: "Ftireh
    town in Idleb countryside", "the village of Kafr Amma", "in Firasin (Jenin, West
    Bank)", "near Deir Mimas (Marjayoun)", "in Makhmur, Erbil". They are weak: kept only
    when they resolve in a country the document names, so an unknown village leaves its
    event to the place that contains it."""
    out: list[PlaceSpan] = []
    c = cues()
    text = doc.article.text
    starts = {a for a, _ in taken}
    for sent in doc.sentences:
        toks = doc.tokens[sent.token_start : sent.token_end]
        i = 0
        while i < len(toks):
            j = i
            while j < len(toks) and _cued_inner(toks[j]) and (j > i or _cued_start(toks[j])):
                j += 1
            while j > i and not (name_end(toks[j - 1]) or _gerund_name(toks[j - 1])):
                j -= 1
            if j == i:
                i += 1
                continue
            start, end = toks[i].start, toks[j - 1].end
            at = sent.token_start + i  # spaCy may open a sentence at "(": look across it
            before = doc.tokens[at - 1].text.lower() if at > 0 else ""
            after = toks[j].text.lower() if j < len(toks) else ""
            after2 = toks[j + 1].text if j + 1 < len(toks) else ""
            owner = toks[i - 2].text.lower() if before == "of" and i > 1 else ""
            # "at Huliaipole and Orikhiv, Zaporizhzhia": the last of a list is read
            # after the word that opens the list
            lead = _list_lead(doc.tokens, at)
            opener = doc.tokens[lead - 1].text.lower() if lead > 0 else ""
            # "in Deir Mimas (Marjayoun)": the area in brackets after a place's name
            bracketed = (
                before == "(" and after in (")", ",") and _after_place_word(doc.tokens, at - 1)
            )
            # "in Makhmur, Erbil", "off the coast of Ayvacik, Canakkale": a name put in
            # the place named after its comma
            comma = (
                after == ","
                and j + 1 < len(toks)
                and (toks[j + 1].start in starts or _area_named(toks, j + 1))
                and (
                    before in c.place_before
                    or before == "of"
                    or _acted_on(doc.tokens, at, sent.token_start + j)
                    or (lead < at and (opener in c.place_before or _acted_on(doc.tokens, lead, at)))
                )
            )
            # "shelled Bilozerka (Khersonskyi raion, Kherson oblast)": a name followed by
            # its area in brackets
            comma = comma or (after == "(" and _bracket_names_place(toks, j, starts))
            cued = (
                bracketed
                or comma
                or after in c.place_nouns
                or after in c.area_nouns
                or owner in c.place_nouns
                or (
                    (before in c.place_before or owner in c.near_before_of)
                    and after == "("
                    and after2[:1].isupper()
                )
            )
            if cued and not overlaps((start, end), taken) and not generic(text[start:end]):
                name = text[start:end]
                out.append(PlaceSpan(name, start, end, name, method="cue", weak=True))
            i = j
    return out


def _list_lead(tokens: tuple[Token, ...], k: int) -> int:
    """The first member of the list that token ``k`` ends ("Orikhiv" of "Huliaipole and
    Orikhiv": "Huliaipole"), or ``k`` itself when it is no later member of a list."""
    seen = {k}
    while tokens[k].dep == "conj" and tokens[k].head < k and tokens[k].head not in seen:
        k = tokens[k].head
        seen.add(k)
    while k > 0 and tokens[k - 1].head == k and name_inner(tokens[k - 1]):
        k -= 1  # "Velyka" of "Velyka Pysarivka"
    return k


def listed_spans(
    doc: Document, spans: list[PlaceSpan], blocked: list[tuple[int, int]]
) -> list[PlaceSpan]:
    """The other members of a list one of whose members is a place: "shelled Bilozerka,
    Antonivka and Sadove in Khersonskyi raion" (spaCy called only Sadove a place). Names
    in ``blocked`` (actors) are left alone, and each is weak: kept only when it resolves
    in a country the document names."""
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    taken = [(s.start, s.end) for s in spans]
    out: list[PlaceSpan] = []
    for span in spans:
        if span.role != "mention":
            continue
        k = bisect_left(starts, span.start)
        inside = range(k, bisect_left(starts, span.end))
        heads = [h for h in inside if tokens[h].head not in inside]
        if len(heads) != 1:
            continue
        for m in _conjuncts(tokens, heads[0]):
            run = _name_run(tokens, m)
            if run is None:
                continue
            a, b = run
            if overlaps((a, b), taken + blocked) or generic(doc.article.text[a:b]):
                continue
            name = doc.article.text[a:b]
            out.append(PlaceSpan(name, a, b, name, method="list", weak=True))
            taken.append((a, b))
    return out


def _conjuncts(tokens: tuple[Token, ...], k: int) -> list[int]:
    """The tokens coordinated with token ``k`` ("Bilozerka, Antonivka and Sadove")."""
    root = k
    while tokens[root].dep == "conj" and tokens[root].head != root:
        root = tokens[root].head
        if abs(root - k) > 40:
            return []
    sent = tokens[k].sent
    group, todo = [root], [root]
    while todo:
        h = todo.pop()
        for t in tokens[max(0, h - 40) : h + 40]:
            if t.head == h and t.dep == "conj" and t.i != h and t.sent == sent:
                group.append(t.i)
                todo.append(t.i)
    return [g for g in group if g != k]


def _name_run(tokens: tuple[Token, ...], k: int) -> tuple[int, int] | None:
    """The proper name that token ``k`` ends ("Velyka Pysarivka"), as character offsets."""
    if not name_end(tokens[k]) or tokens[k].pos != "PROPN":
        return None
    a = k
    while a > 0 and tokens[a - 1].sent == tokens[k].sent and tokens[a - 1].head == k:
        if not name_inner(tokens[a - 1]) or tokens[a - 1].text in ("-", "'"):
            break
        a -= 1
    prev = tokens[a - 1] if a > 0 else None
    if not name_start(tokens[a]) or (
        prev is not None and (name_end(prev) or not prev.ws or prev.head == k)
    ):
        return None  # "Gara" of "Chiya-e Gara" is no name of its own
    return tokens[a].start, tokens[k].end


def _acted_on(tokens: tuple[Token, ...], at: int, end: int) -> bool:
    """Whether the name in tokens ``at`` to ``end`` is the object of the verb right
    before it: "shelled Bilozerka, Kherson", "shelled Velyka Pysarivka, Sumy"."""
    return at > 0 and tokens[at - 1].pos == "VERB" and any(t.head == at - 1 for t in tokens[at:end])


def _gerund_name(t: Token) -> bool:
    """A capitalised word spaCy took for a gerund inside a sentence: "(Sagaing)"."""
    return t.pos == "VERB" and t.tag == "VBG" and t.text[:1].isupper() and t.text[1:].islower()


def _cued_start(t: Token) -> bool:
    return cue_name_start(t) or (t.i > 0 and _gerund_name(t))


def _cued_inner(t: Token) -> bool:
    return name_inner(t) or _gerund_name(t)


def _area_named(toks: tuple[Token, ...], k: int) -> bool:
    """Whether ``toks[k]`` opens a name written with its area's word ("Polohy raion",
    "Gusau LGA"): an area, though neither spaCy nor the gazetteer may know it yet."""
    c = cues()
    j = k
    while j < len(toks) and j < k + 4 and name_inner(toks[j]):
        j += 1
    return j > k and j < len(toks) and toks[j].text.lower() in c.area_nouns | c.admin2


def _bracket_names_place(toks: tuple[Token, ...], k: int, starts: set[int]) -> bool:
    """Whether the brackets opening at ``toks[k]`` name a known place before they close."""
    for t in toks[k + 1 : k + 9]:
        if t.text == ")":
            return False
        if t.start in starts:
            return True
    return False


def _after_place_word(toks: tuple[Token, ...], k: int) -> bool:
    """Whether the name that ends before ``toks[k]`` follows a word that introduces a place
    ("in", "near", "of"): "in Deir Mimas (", "at Elbur town (", not "said John Smith (" or
    "Reuters ("."""
    j = k - 1
    if j > 0 and toks[j].text.lower() in cues().place_nouns | cues().admin2:
        j, k = j - 1, k - 1  # "Elbur town (Galgaduud)", "Munya LGA (Niger)"
    while j >= 0 and name_inner(toks[j]):
        j -= 1
    if j == k - 1 or j < 0:
        return False
    intro = cues().place_before | {"of"}
    # "at" is also an Arabic article, so the run may have swallowed it: "at Elbur town ("
    return toks[j].text.lower() in intro or toks[j + 1].text in intro


def cue_name_start(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ") and t.i > 0


def generic(text: str) -> bool:
    """A word that alone names no place ("Northwest", "Metro", "Dr.", "Abu")."""
    norm = normalise_name(text)
    return norm in cues().generic or norm in cues().name_particles


def after_particle(t: Token, toks: tuple[Token, ...] | list[Token], k: int) -> bool:
    """Whether ``t`` (``toks[k]``) follows a capitalised name particle ("Tuba" of "Umm
    Tuba", "Rasin" of "Abu Rasin"): then it is part of that name, not a place itself."""
    if k <= 0:
        return False
    prev = toks[k - 1]
    return prev.text[:1].isupper() and normalise_name(prev.text) in cues().name_particles


def name_start(t: Token) -> bool:
    return t.pos in ("PROPN", "ADJ") and t.text[:1].isupper()


def name_end(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ")


# words that join the parts of a Romance place name ("Valle del Cauca", "Rio Grande do
# Norte", "Santa Cruz de la Sierra", "Port-au-Prince", "Boulogne-sur-Mer"): inside a name
# only, and only where the gazetteer spells the whole
LINKS = frozenset({"de", "del", "do", "da", "dos", "das", "di", "du", "des", "la", "las", "los"})
LINKS |= {"au", "aux", "sur", "en"}  # French: "Port-au-Prince", "Aix-en-Provence"


def linking(t: Token) -> bool:
    return t.text in LINKS


def name_inner(t: Token) -> bool:
    return (
        (t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ"))
        or t.text in ("-", "'")
        or t.text.lower() in ARTICLES
    )
