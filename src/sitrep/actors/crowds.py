"""People who protest are protesters: "local residents staged a rally", "workers of the
sugar company protested", "residents marched to protest", "residents protesting power
cuts". The subject of a protest predicate (or the noun a protesting participle qualifies:
"protesting truck drivers") that is a generic group of civilians becomes the
protesters of the same country; a plural noun no actor covers ("employees", "retirees")
becomes the protesters of the country where its sentence happens. Named organisations that
stage a protest stay themselves (the events stage puts the crowd first)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..models import Document, Token
from .lexicon import Lexicon
from .matching import Hit
from .registry import Registry, Target
from .votes import CountryVotes
from .words import Word

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# a protest verb with no subject of its own takes its head verb's: a conjunct ("rallied and
# picketed") or a purpose clause ("gathered to protest", "marched to denounce")
_BORROWS = frozenset({"conj", "xcomp", "advcl"})
_PROTESTERS = "*.protesters"
_CIVILIANS = "*.civilians"
# the people a harm verb harms: its object ("shot dead a trader") or passive subject
_HARMED = frozenset({"dobj", "nsubjpass"})
_NATIONALITY = frozenset({"amod", "compound"})
# the protest a light verb takes ("held a rally"; the parser may make it a clausal
# complement: "held a boat rally off the coast")
_OBJECTS = frozenset({"dobj", "ccomp", "oprd"})


def protest_subjects(doc: Document, lex: Lexicon) -> list[tuple[int, int]]:
    """(token index, end of its phrase) of the subjects of protest predicates ("residents
    rallied", "workers staged a sit-in"), through coordinated verbs ("rallied and
    picketed")."""
    toks = doc.tokens
    cues = lex.protest_verbs | lex.protest_light_verbs
    if not any(t.pos == "VERB" and (t.lemma in cues or t.text.lower() in cues) for t in toks):
        return []
    children = _children(toks)
    out: list[tuple[int, int]] = []
    for t in toks:
        if not _protest_predicate(t, toks, children, lex):
            continue
        verb = t.i
        while toks[verb].dep in _BORROWS and not _subject(verb, toks, children):
            verb = toks[verb].head  # "rallied and picketed", "marched to protest"
        subj = _subject(verb, toks, children)
        if subj is None and _qualifies(t, toks):
            # "residents protesting power cuts blocked the road", "protesting drivers"
            subj = toks[t.i].head
        if subj is not None:
            out.extend(
                (k, _phrase_end(k, toks, children)) for k in _conjuncts(subj, toks, children)
            )
    return out


def _children(toks: tuple[Token, ...]) -> dict[int, list[int]]:
    """Each token's dependents, by token index."""
    children: dict[int, list[int]] = {}
    for t in toks:
        if t.head != t.i:
            children.setdefault(t.head, []).append(t.i)
    return children


def _qualifies(t: Token, toks: tuple[Token, ...]) -> bool:
    """Whether protest word ``t`` qualifies a noun: a participle clause after it ("residents
    protesting power cuts") or a participle before it ("protesting truck drivers")."""
    if toks[t.head].pos != "NOUN" or t.head == t.i:
        return False
    return t.dep == "acl" or (t.dep == "amod" and t.tag == "VBG" and t.head > t.i)


def _phrase_end(i: int, toks: tuple[Token, ...], children: dict[int, list[int]]) -> int:
    """The end offset of token ``i``'s phrase without its conjuncts ("tens of rioters")."""
    end = toks[i].end
    for k in children.get(i, ()):
        if toks[k].dep not in ("conj", "cc", "punct", "appos"):
            end = max(end, _phrase_end(k, toks, children))
    return end


def _protest_predicate(
    t: Token, toks: tuple[Token, ...], children: dict[int, list[int]], lex: Lexicon
) -> bool:
    if t.pos != "VERB":
        return False
    forms = {t.lemma.lower(), t.text.lower()}
    if forms & lex.protest_verbs:
        return True
    if not forms & lex.protest_light_verbs:
        return False
    return any(
        toks[k].dep in _OBJECTS and toks[k].lemma.lower() in lex.protest_nouns
        for k in children.get(t.i, ())
    )


def _subject(verb: int, toks: tuple[Token, ...], children: dict[int, list[int]]) -> int | None:
    return next((k for k in children.get(verb, ()) if toks[k].dep in _SUBJECTS), None)


def _conjuncts(i: int, toks: tuple[Token, ...], children: dict[int, list[int]]) -> list[int]:
    out = [i]
    for k in children.get(i, ()):
        if toks[k].dep == "conj":
            out.extend(_conjuncts(k, toks, children))
    return out


def protesting_crowds(
    registry: Registry,
    doc: Document,
    hits: list[Hit],
    words: list[list[Word]],
    votes: CountryVotes,
) -> list[Hit]:
    """Civilians who protest become protesters; uncovered plural subjects of protest
    predicates become the protesters of their sentence's country."""
    subjects = protest_subjects(doc, registry.lexicon)
    if not subjects:
        return hits
    out = list(hits)
    for i, phrase_end in subjects:
        t = doc.tokens[i]
        hit = next((h for h in out if h.start <= t.start < h.end), None)
        if hit is not None:
            entry = registry.get(hit.actor)
            if entry is not None and entry.kind == "civilians":
                actor = registry.in_country(_PROTESTERS, entry.country)
                out[out.index(hit)] = replace(hit, actor=actor, method=hit.method + "+protest")
            continue
        inside = [h for h in out if t.end <= h.start < phrase_end]
        for h in inside:  # "hundreds of villagers held a protest": the villagers protest
            entry = registry.get(h.actor)
            if entry is not None and entry.kind == "civilians":
                actor = registry.in_country(_PROTESTERS, entry.country)
                out[out.index(h)] = replace(h, actor=actor, method=h.method + "+protest")
        if t.pos != "NOUN" or t.tag != "NNS" or inside:
            continue  # "tens of rioters" are the rioters
        w = _word_index(words[t.sent], t.start)
        if w is None:
            continue
        actor = registry.in_country(_PROTESTERS, votes.sentence_country(t.sent))
        out.append(_context_hit(t.sent, w, t, _PROTESTERS, actor))
    return sorted(out, key=lambda h: h.start)


def harmed_civilians(
    registry: Registry,
    doc: Document,
    hits: list[Hit],
    words: list[list[Word]],
    votes: CountryVotes,
) -> list[Hit]:
    """Ordinary people harmed whom no actor covers ("gunmen shot dead a trader", "killed five
    people", "a Palestinian was killed") are civilians: of the nationality that qualifies
    them ("two Afghan men"), else of the country where their sentence happens."""
    lex = registry.lexicon
    toks = doc.tokens
    children = _children(toks)
    out = list(hits)
    for t in toks:
        verb = toks[t.head]
        harm = verb.lemma.lower() in lex.harm_verbs or verb.text.lower() in lex.harm_verbs
        if t.dep not in _HARMED or verb.pos != "VERB" or not harm:
            continue
        for k in _conjuncts(t.i, toks, children):
            v = toks[k]
            nationality = _nationality(registry, v, toks, children)
            led = v.lemma.lower() == "leader" and any(
                toks[m].lemma.lower() in lex.civic_leaders for m in children.get(k, ())
            )  # "a social leader", "a community leader"
            if (
                v.lemma.lower() not in lex.ordinary_people
                and not led
                and not (v.ent_type == "NORP" and nationality)
            ):
                continue
            if any(h.start < v.end and v.start < h.end for h in out):
                continue
            w = _word_index(words[v.sent], v.start)
            if w is None:
                continue
            country = nationality or votes.sentence_country(v.sent)
            actor = registry.in_country(_CIVILIANS, country)
            out.append(_context_hit(v.sent, w, v, _CIVILIANS, actor, "harmed"))
    return sorted(out, key=lambda h: h.start)


def _nationality(
    registry: Registry, t: Token, toks: tuple[Token, ...], children: dict[int, list[int]]
) -> str | None:
    """The country of the demonym that is or qualifies token ``t`` ("a Palestinian", "two
    Afghan men")."""
    if t.ent_type == "NORP":  # "a Palestinian", "two Palestinians"
        return registry.country_of_adjective(t.text) or registry.country_of_adjective(
            t.text.removesuffix("s")
        )
    for k in children.get(t.i, ()):
        if toks[k].dep in _NATIONALITY and toks[k].ent_type == "NORP":
            return registry.country_of_adjective(toks[k].text)
    return None


def coordinated_nations(registry: Registry, hits: list[Hit], words: list[list[Word]]) -> list[Hit]:
    """ "Russian and Ukrainian forces": each nationality before the "and" names the same
    kind of actor of its own country (the matcher found only "Ukrainian forces")."""
    out = list(hits)
    for h in hits:
        entry = registry.get(h.actor)
        if entry is None or not entry.country or "." not in entry.id:
            continue
        ws, k = words[h.sent], h.w0 - 2
        if k < 0 or ws[h.w0 - 1].key != "and":
            continue
        suffix = "*." + entry.id.partition(".")[2]
        while k >= 0:
            country = registry.country_of_adjective(ws[k].text)
            actor = registry.in_country(suffix, country) if country else ""
            if not actor or actor == suffix[2:] or any(o.start == ws[k].start for o in out):
                break
            out.append(_context_hit(h.sent, k, ws[k], suffix, actor))
            k -= 2
            if k < 0 or ws[k + 1].key != ",":
                break
    return sorted(out, key=lambda h: h.start)


def _context_hit(
    sent: int, w: int, word: Token | Word, context: str, actor: str, method: str = "context"
) -> Hit:
    """A one-word hit of the context actor ``context`` ("*.civilians") resolved to ``actor``."""
    target = Target(context, 0, (), "context")
    return Hit(sent, w, w + 1, word.start, word.end, word.text, (target,), actor, method)


def _word_index(ws: list[Word], char: int) -> int | None:
    k = bisect_right([w.start for w in ws], char) - 1
    return k if k >= 0 and ws[k].start == char else None
