"""In-document aliasing: acronyms in parentheses, "formerly known as", short forms of
people's names, and provisional actors for named entities the registry does not know."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..ids import slug
from ..models import Document, EntityMention
from .context import TYPE_WORDS, PlaceLookup, place_countries
from .matching import Hit
from .registry import Registry
from .votes import is_located
from .words import Word, fold, phrase_key

_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "identity-group"}
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "sheikh", "the"})


def _word_at(words: list[list[Word]], sent: int, char: int) -> int | None:
    for i, w in enumerate(words[sent]):
        if w.start <= char < w.end:
            return i
    return None


def guess_kind(registry: Registry, text: str) -> str:
    """A provisional organisation's kind from the words of its name. An armed name with an
    insurgent word ("Karen National Liberation Army") is a rebel group; "army" or
    "military" make state forces only in a name that names a state ("Zimbabwe National
    Army"), not in an ethnic armed organisation's ("Chin National Army", "White Army")."""
    keys = list(phrase_key(text))
    kinds = registry.lexicon.kind_words
    armed = kinds["state-forces"] | kinds["rebel-group"]
    if any(k in kinds.get("insurgent_words", ()) for k in keys) and any(k in armed for k in keys):
        return "rebel-group"
    for kind in ("monitor", "media", "state-forces", "government", "rebel-group", "ngo", "igo"):
        words = kinds[kind]
        if kind == "rebel-group" and keys and keys[-1] not in words:
            continue
        found = {k for k in keys if k in words}
        # "Chin", "White" qualify an army; "the Army", "National Army" are a state's
        qualified = any(k not in armed | _PLAIN for k in keys)
        only_if_state = qualified and found <= kinds.get("state_if_country", frozenset())
        if kind == "state-forces" and only_if_state and not _names_state(registry, text):
            continue
        if found:
            return kind
    return "organisation"


# words that qualify no army ("Federal Army units")
_PLAIN = frozenset({"the", "national", "federal", "regular", "royal", "units", "unit"})


def _names_state(registry: Registry, text: str) -> bool:
    """Whether a name names a country, by name or adjective ("Nigerian Army")."""
    parts = text.replace("'s", " ").split()
    spans = parts + [" ".join(parts[i : i + 2]) for i in range(len(parts) - 1)]
    return any(registry.country_of(p) or registry.country_of_adjective(p) for p in spans)


def provisional_hits(
    registry: Registry,
    doc: Document,
    words: list[list[Word]],
    hits: list[Hit],
    gazetteer: PlaceLookup | None = None,
) -> list[Hit]:
    """Hits for PERSON/ORG/NORP entities no registry phrase covers (kept, never dropped),
    except places the parser took for names: a name the gazetteer knows where a place is
    expected ("in Kafr Nabl"), or followed by a place word ("Arbikh axis")."""
    covered = [(h.start, h.end) for h in hits]
    out: list[Hit] = []
    for e in doc.entities:
        kind = _ENTITY_KINDS.get(e.label)
        if kind is None or doc.sentences[e.sent].boilerplate:
            continue
        if any(s < e.end and e.start < t for s, t in covered):
            continue
        hit = _entity_hit(registry, doc, words, e, kind, gazetteer)
        if hit is not None:
            out.append(hit)
            covered.append((hit.start, hit.end))
    return out


def _entity_hit(
    registry: Registry,
    doc: Document,
    words: list[list[Word]],
    e: EntityMention,
    kind: str,
    gazetteer: PlaceLookup | None,
) -> Hit | None:
    text = e.text
    start = e.start
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    text = text.removesuffix("'s").removesuffix("’s").strip()
    if "(" in text and ")" not in text:
        text = text.split("(")[0].strip()  # the parser's "Dovev (Zefat" is "Dovev"
    if not any(c.isalpha() for c in text) or len(text) < 2:
        return None
    if kind == "identity-group":
        toks = doc.tokens[e.token_start : e.token_end]
        if not any(t.tag in {"NNPS", "NNS"} for t in toks):
            return None
        if registry.country_of_adjective(text.rstrip("s")) or registry.country_of_adjective(text):
            return None
    located = is_located(doc.article.text, start)
    if place_countries(registry, text, gazetteer if located else None):
        return None
    if _place_string(registry, doc.article.text, text, start, gazetteer):
        return None
    after = doc.article.text[start + len(text) : start + len(text) + 20].split()
    if after and fold(after[0].strip(",.;:()")) in TYPE_WORDS:
        return None  # "Arbikh axis", "Al Salam district": a place
    if kind == "person" and doc.sentences[e.sent].heading:
        return None
    if kind == "organisation":
        kind = guess_kind(registry, text)
    w0 = _word_at(words, e.sent, start)
    w1 = _word_at(words, e.sent, start + len(text) - 1)
    if w0 is None or w1 is None:
        return None
    known = registry.lookup_loose(text) if w1 > w0 and kind != "identity-group" else None
    if known is not None and known.kind not in {"country", "person"}:
        return Hit(e.sent, w0, w1 + 1, start, start + len(text), text, (), known.id, "loose-name")
    method = "entity-person" if kind == "person" else "entity"
    return Hit(
        e.sent,
        w0,
        w1 + 1,
        start,
        start + len(text),
        text,
        (),
        f"prov:{slug(text)}",
        method,
        (("kind", kind),),
    )


def _place_string(
    registry: Registry, text: str, name: str, start: int, gazetteer: PlaceLookup | None
) -> bool:
    """A name written the way event notes write places: "Place, Area" with the area a
    known place ("Nikopol, Dnipropetrovsk"), a name followed by its area in brackets
    ("Mbau (Beni, Nord-Kivu)", "Blahodatne (Donetsk)"), or the first of a bracket's places
    ("(Yinmarbin, Sagaing)")."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) > 1 and all(place_countries(registry, p, gazetteer) for p in parts[1:]):
        return True
    rest = text[start + len(name) :]
    if rest.startswith(" ("):  # "Blahodatne (Donetsk)"
        area = rest[2:]
    elif rest.startswith(", ") and text[:start].rstrip().endswith("("):
        area = rest[2:]  # "(Yinmarbin, Sagaing)"
    else:
        return False
    area = area.split(")")[0].split(",")[0].strip()
    return bool(area) and bool(place_countries(registry, area, gazetteer))


def short_form_hits(registry: Registry, words: list[list[Word]], hits: list[Hit]) -> list[Hit]:
    """Surnames of people named in full earlier ("Pedersen" after "Geir Pedersen")."""
    surnames: dict[str, str] = {}
    for h in hits:
        entry = registry.get(h.actor)
        is_person = (entry is not None and entry.kind == "person") or h.method == "entity-person"
        if not is_person:
            continue
        names = [h.text] + ([entry.name] if entry else [])
        for name in names:
            parts = [k for k in phrase_key(name) if k not in _NAME_PARTICLES]
            if len(parts) >= 2:
                surnames.setdefault(parts[-1], h.actor)
    if not surnames:
        return hits
    hits = [
        replace(h, actor=surnames[key], method="short-form")
        if h.method in ("entity-person", "entity")
        and h.w1 - h.w0 == 1
        and (key := fold(h.text)) in surnames
        and surnames[key] != h.actor
        else h
        for h in hits
    ]
    return _add_word_hits(
        words, hits, lambda w: surnames.get(w.key) if w.capitalised else None, "short-form"
    )


def _add_word_hits(
    words: list[list[Word]], hits: list[Hit], actor_of: Callable[[Word], str | None], method: str
) -> list[Hit]:
    covered = {(h.sent, i) for h in hits for i in range(h.w0, h.w1)}
    extra: list[Hit] = []
    for s, ws in enumerate(words):
        for i, w in enumerate(ws):
            if (s, i) in covered:
                continue
            actor = actor_of(w)
            if actor:
                extra.append(Hit(s, i, i + 1, w.start, w.end, w.text, (), actor, method))
    return sorted(hits + extra, key=lambda h: h.start)


def parenthesised_aliases(
    registry: Registry, words: list[list[Word]], hits: list[Hit]
) -> list[Hit]:
    """ "Hayat Tahrir al-Sham (HTS)": the acronym names the same actor in this article."""
    aliases: dict[str, str] = {}
    by_start = {(h.sent, h.w0): h for h in hits}
    out = list(hits)
    for h in hits:
        ws = words[h.sent]
        if h.w1 + 2 < len(ws) and ws[h.w1].key == "(" and ws[h.w1 + 2].key == ")":
            acr = ws[h.w1 + 1]
            if sum(c.isupper() for c in acr.text) >= 2:
                inner = by_start.get((h.sent, h.w1 + 1))
                if inner is not None and inner.actor != h.actor and registry.get(inner.actor):
                    continue  # "AMMAN, Jordan (AP)": a known actor in brackets is itself
                aliases[acr.text] = h.actor
                if inner is not None and inner.actor != h.actor:
                    out[out.index(inner)] = replace(inner, actor=h.actor, method="doc-alias")
    if not aliases:
        return out
    out = [
        replace(h, actor=aliases[h.text], method="doc-alias")
        if h.text in aliases and h.actor.startswith("prov:") and h.actor != aliases[h.text]
        else h
        for h in out
    ]
    return _add_word_hits(words, out, lambda w: aliases.get(w.text), "doc-alias")


def former_names(registry: Registry, words: list[list[Word]], hits: list[Hit]) -> list[Hit]:
    """ "X, formerly known as Y": Y's mentions in this article are X's."""
    cues = registry.lexicon.alias_cues
    merge: dict[str, str] = {}
    by_start = {(h.sent, h.w0): h for h in hits}
    for h in hits:
        ws = words[h.sent]
        i = h.w1
        if i < len(ws) and ws[i].key == "(" and i + 2 < len(ws) and ws[i + 2].key == ")":
            i += 3
        if i < len(ws) and ws[i].key == ",":
            i += 1
        for n in (3, 2, 1):  # the longest cue: "formerly known as" before "formerly"
            if tuple(w.key for w in ws[i : i + n]) in cues:
                k = i + n + (1 if i + n < len(ws) and ws[i + n].key in {"the", "a", "an"} else 0)
                other = by_start.get((h.sent, k))
                if other is not None and other.actor != h.actor:
                    merge[other.actor] = h.actor
                break
    if not merge:
        return hits
    return [
        replace(h, actor=merge[h.actor], method=h.method + "+former-name")
        if h.actor in merge
        else h
        for h in hits
    ]
