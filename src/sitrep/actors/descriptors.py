"""Resolution of registry hits in their sentence: context actors, places that are not
actors, descriptors ("Turkey-backed Islamist rebel forces"), titles and appositions."""

from __future__ import annotations

from dataclasses import replace

from .matching import Hit
from .registry import CONTEXT, SHORT, Registry, Target
from .votes import CountryVotes
from .words import Word

GROUP_KINDS = frozenset(
    {"rebel-group", "political-militia", "identity-militia", "state-forces", "unidentified"}
)
ORG_KINDS = frozenset(
    {
        "media",
        "monitor",
        "ngo",
        "igo",
        "government",
        "rebel-group",
        "political-militia",
        "identity-militia",
        "state-forces",
    }
)
# context phrases that name the government side outright; bare "troops" corefer instead
_GOVERNMENT_WORDS = frozenset({"government", "regime", "pro", "loyalist", "state"})


def drop_unintroduced_short(hits: list[Hit]) -> list[Hit]:
    """Short names ("Sheikh Mohammed") count only when the full name appears in the article."""
    introduced = {t.id for h in hits for t in h.targets if t.priority > SHORT}
    out = []
    for h in hits:
        targets = tuple(t for t in h.targets if t.priority != SHORT or t.id in introduced)
        if len(targets) == len(h.targets):
            out.append(h)
        elif targets:
            out.append(replace(h, targets=targets))
    return out


def resolve_named(hits: list[Hit]) -> list[Hit]:
    """Give every hit whose best target is a named actor its actor id."""
    out = []
    for h in hits:
        best = h.best
        if best.priority > CONTEXT:
            out.append(replace(h, actor=best.id, method=best.method))
        else:
            out.append(h)
    return out


def resolve_homonyms(registry: Registry, hits: list[Hit], votes: CountryVotes) -> list[Hit]:
    """A name that several actors of different countries share at the same rank ("SNA":
    the Syrian National Army, the Somali National Army) is the one of the country where
    its sentence happens, when exactly one of them is."""
    out = []
    for h in hits:
        if h.homonyms and h.best.priority > CONTEXT:
            country = votes.sentence_country(h.sent)
            mine = [
                i for i in h.homonyms if (e := registry.get(i)) is not None and e.country == country
            ]
            if len(mine) == 1 and mine[0] != h.actor:
                h = replace(h, actor=mine[0])
        out.append(h)
    return out


def resolve_context(
    registry: Registry, hits: list[Hit], words: list[list[Word]], votes: CountryVotes
) -> list[Hit]:
    """Resolve "government forces", "rebels", "civilians" to the actor of the country
    where they act: the places of their sentence, else the document's country.

    Bare "troops", "soldiers", "the army" corefer to the last state force named before them.
    """
    out: list[Hit] = []
    last_forces: str | None = None
    for h in hits:
        if h.actor:
            entry = registry.get(h.actor)
            if entry and entry.kind == "state-forces" and entry.country:
                last_forces = h.actor
            out.append(h)
            continue
        target = h.best.id
        said = {w.key for w in words[h.sent][h.w0 : h.w1]}
        if target == "*.state-forces" and last_forces and not said & _GOVERNMENT_WORDS:
            actor = last_forces
        else:
            actor = registry.in_country(target, votes.sentence_country(h.sent))
        out.append(replace(h, actor=actor, method="context"))
    return out


ARMED_GROUP_KINDS = frozenset({"rebel-group", "political-militia", "identity-militia"})
CROWD_KINDS = frozenset({"protesters", "rioters", "civilians"})
# provisional names that may head an armed group's noun ("Katibat Jenin militants")
_PROVISIONAL_GROUP_KINDS = frozenset({"organisation", "person", "rebel-group"})


def compound_groups(registry: Registry, hits: list[Hit], text: str) -> list[Hit]:
    """A generic noun right after a name belongs to it: "PIJ militants" are PIJ (one
    mention, not PIJ and an unidentified group); "Israeli settler rioters" are rioters
    of Israel, not of the country the story happens in."""
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        generic = h.method == "context" and h.targets and h.best.id.startswith("*.")
        if prev is None or not generic or prev.sent != h.sent or prev.w1 != h.w0:
            out.append(h)
            continue
        entry, own = registry.get(prev.actor), registry.get(h.actor)
        kind = own.kind if own else ""
        prov_kind = next((v for k, v in prev.attributes if k == "kind"), "")
        armed = (entry is not None and entry.kind in ARMED_GROUP_KINDS) or (
            entry is None
            and prev.actor.startswith("prov:")
            and prov_kind in _PROVISIONAL_GROUP_KINDS
        )
        if kind in ("unidentified", "rebel-group") and armed:
            attrs = prev.attributes
            if entry is None:
                attrs = (*(a for a in attrs if a[0] != "kind"), ("kind", "political-militia"))
            out[-1] = replace(
                prev, w1=h.w1, end=h.end, text=text[prev.start : h.end], attributes=attrs
            )
            continue
        if kind in CROWD_KINDS and entry is not None and entry.country:
            h = replace(h, actor=registry.in_country(h.best.id, entry.country))
        out.append(h)
    return out


def pro_forces(
    registry: Registry, hits: list[Hit], words: list[list[Word]], text: str
) -> list[Hit]:
    """ "pro-Iranian military positions": forces "pro" a state are its proxies, not its army.
    "pro-Palestinian demonstrators" in Portland are a cause's, not a nation's: the crowd of
    the country where they gather (so too "anti-Israeli protesters")."""
    out = []
    for h in hits:
        entry = registry.get(h.actor)
        prev = words[h.sent][h.w0 - 1].key if h.w0 > 0 else ""
        if prev in ("pro", "anti") and entry is not None and entry.kind in CROWD_KINDS:
            start = words[h.sent][h.w0 - 1].start
            context = Target("*." + entry.id.partition(".")[2], 0, (), "context")
            cause = replace(h, w0=h.w0 - 1, start=start, text=text[start : h.end], actor="")
            out.append(replace(cause, targets=(context,)))
            continue
        proxies = f"{entry.country}.proxies" if entry and entry.country else ""
        if (
            h.w0 > 0
            and words[h.sent][h.w0 - 1].key == "pro"
            and entry is not None
            and entry.kind == "state-forces"
            and proxies in registry
        ):
            start = words[h.sent][h.w0 - 1].start
            h = replace(h, w0=h.w0 - 1, start=start, text=text[start : h.end], actor=proxies)
        out.append(h)
    return out


def drop_places(registry: Registry, hits: list[Hit], words: list[list[Word]]) -> list[Hit]:
    """Countries named as places ("pulled out of Syria") and capitals that do not act
    ("in Damascus") are places, not actors: the places stage owns them."""
    lex = registry.lexicon
    out = []
    for h in hits:
        entry = registry.get(h.actor)
        ws = words[h.sent]
        prev = ws[h.w0 - 1].key if h.w0 > 0 else ""
        before = ws[h.w0 - 2].key if h.w0 > 1 else ""
        nxt = ws[h.w1].key if h.w1 < len(ws) else ""
        if h.method == "metonym" and not _acts(ws, h, lex.locatives):
            continue
        if entry is not None and entry.kind == "country":
            if prev in lex.locatives or prev in ("pro", "anti"):  # "in Syria", "pro-Israel"
                continue
            if nxt == "state" and _state_of_a_federation(ws, h.w1 + 1, lex.kind_words["media"]):
                continue  # "Niger state" is a state of Nigeria, no country
            possessive = nxt == "'s"
            if not possessive and (
                prev in lex.compass
                or (prev == "of" and before in lex.place_nouns)
                or (prev in {"to", "from"} and before in lex.motion_verbs)
            ):
                continue
        out.append(h)
    return out


def _state_of_a_federation(ws: list[Word], after: int, media: frozenset[str]) -> bool:
    """Whether "<country> state" names a federal state ("Niger state"), not the country's
    state media or bodies ("Syria state TV", "Iran state-run")."""
    nxt = ws[after].key if after < len(ws) else ""
    return nxt not in media and nxt not in {"-", "run", "owned", "controlled", "security"}


def _acts(ws: list[Word], h: Hit, locatives: frozenset[str]) -> bool:
    """A capital acts when it is followed by a possessive or a verb-like word ("Moscow said")
    and no preposition makes it a place ("fighting near Damascus")."""
    nxt = ws[h.w1].key if h.w1 < len(ws) else ""
    prev = ws[h.w0 - 1].key if h.w0 > 0 else ""
    if prev in locatives or prev in {"to", "from", "of"}:
        return False
    return (
        nxt == "'s"
        or nxt.endswith(("ed", "s"))
        or nxt in {"has", "have", "will", "would", "is", "was", "says", "said"}
    )


def apply_descriptors(
    registry: Registry, hits: list[Hit], words: list[list[Word]], text: str
) -> list[Hit]:
    """Attach patrons, leaders and ideologies written around group mentions."""
    lex = registry.lexicon
    by_end = {(h.sent, h.w1): h for h in hits}
    by_start = {(h.sent, h.w0): h for h in hits}
    out = []
    for h in hits:
        entry = registry.get(h.actor)
        if entry is None or entry.kind not in GROUP_KINDS:
            out.append(h)
            continue
        ws = words[h.sent]
        attrs = list(h.attributes)
        j = h.w0 - 1
        while j >= 0:
            key = ws[j].key
            if key in lex.ideologies:
                attrs.append(("ideology", lex.ideologies[key]))
                j -= 1
                continue
            if key in lex.patron_cues or key in lex.leader_cues:
                who, first = _named_before(registry, by_end, ws, h.sent, j)
                if who is None and j > 0 and ws[j - 1].key in lex.ideologies:
                    attrs.append(("ideology", lex.ideologies[ws[j - 1].key]))
                    j -= 2
                    continue
                if who is None:
                    break
                attrs.append(("patron" if key in lex.patron_cues else "leader", who))
                j = first - 1
                continue
            who, first = _named_before(registry, by_end, ws, h.sent, j + 1)
            if who and first > 0 and ws[first - 1].key == "pro":
                attrs.append(("patron", who))
                j = first - 2
                continue
            break
        start_w = j + 1
        attrs += _post_modifiers(registry, by_start, ws, h)
        if start_w < h.w0:
            start = ws[start_w].start
            h = replace(
                h,
                w0=start_w,
                start=start,
                text=text[start : h.end],
                method=h.method + "+descriptor",
            )
        out.append(
            replace(
                h,
                attributes=tuple(dict.fromkeys(attrs)),
                affiliation=h.affiliation or _leader(attrs),
            )
        )
    return out


def _leader(attrs: list[tuple[str, str]]) -> str | None:
    return next((v for k, v in attrs if k == "leader"), None)


def _named_before(
    registry: Registry, by_end: dict[tuple[int, int], Hit], ws: list[Word], sent: int, end: int
) -> tuple[str | None, int]:
    """The actor named by the words ending just before word ``end`` (a hit or an adjective)."""
    hit = by_end.get((sent, end))
    if hit is not None and hit.actor:
        entry = registry.get(hit.actor)
        return (entry.country if entry and entry.kind == "country" else hit.actor), hit.w0
    if end > 0:
        w = ws[end - 1]
        iso3 = registry.country_of_adjective(w.text) or registry.country_of(w.text)
        if iso3:
            return iso3, end - 1
    return None, end


def _post_modifiers(
    registry: Registry, by_start: dict[tuple[int, int], Hit], ws: list[Word], h: Hit
) -> list[tuple[str, str]]:
    """ "rebels, led by HTS", "rebel advances have been spearheaded by HTS": a cue within
    a few words after the mention, then a named actor."""
    lex = registry.lexicon
    for k in range(h.w1, min(h.w1 + _POST_WINDOW, len(ws))):
        if k > h.w1 and (ws[k].key in {".", ";", "(", ")"} or (h.sent, k) in by_start):
            break
        for n in (2, 3, 4):
            cue = tuple(w.key for w in ws[k : k + n])
            nxt = by_start.get((h.sent, k + n))
            if nxt is None or not nxt.actor:
                continue
            if cue in lex.post_leader_cues:
                return [("leader", nxt.actor)]
            if cue in lex.post_patron_cues:
                return [("patron", nxt.actor)]
    return []


_POST_WINDOW = 6


def absorb_titles(registry: Registry, hits: list[Hit], words: list[list[Word]]) -> list[Hit]:
    """ "Syrian President Bashar Assad": the title names the person's office, not an actor;
    "Qatar's Foreign Minister X" and "Hezbollah leader X" give the person an affiliation."""
    lex = registry.lexicon
    out: list[Hit] = []
    for i, h in enumerate(hits):
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        entry = registry.get(h.actor)
        person = registry.get(nxt.actor) if nxt else None
        named = person is not None and person.kind == "person"
        if nxt is None or not (named or nxt.method == "entity-person") or nxt.sent != h.sent:
            out.append(h)
            continue
        between = [w.key for w in words[h.sent][h.w1 : nxt.w0]]
        title = [k for k in between if k != "'s"]
        if entry is not None and entry.kind == "government" and not between:
            hits[i + 1] = replace(nxt, affiliation=nxt.affiliation or h.actor)
            continue
        if title and all(k in lex.roles or k in lex.title_words for k in title):
            org = h.actor
            if entry is not None and entry.kind == "country":
                org = f"{entry.id}.government"
            hits[i + 1] = replace(nxt, affiliation=nxt.affiliation or org)
        out.append(h)
    return out


def appositions(registry: Registry, hits: list[Hit], words: list[list[Word]]) -> list[Hit]:
    """ "Rami Abdurrahman, the director of the ... Observatory": a person with an affiliation."""
    lex = registry.lexicon
    out = list(hits)
    for i, h in enumerate(out):
        entry = registry.get(h.actor)
        if entry is None and not h.actor.startswith("prov:"):
            continue
        if (entry and entry.kind != "person") or (not entry and h.method != "entity-person"):
            continue
        ws = words[h.sent]
        if h.w1 >= len(ws) or ws[h.w1].key != ",":
            continue
        stop = next((k for k in range(h.w1 + 1, len(ws)) if ws[k].key in {",", ".", ";"}), len(ws))
        has_role = any(ws[k].key in lex.roles for k in range(h.w1 + 1, stop))
        if not has_role:
            continue
        for other in out[i + 1 :]:
            if other.sent != h.sent or other.w0 >= stop:
                break
            found = registry.get(other.actor)
            kind = found.kind if found else "org"
            if kind in ORG_KINDS or kind == "org":
                out[i] = replace(h, affiliation=other.actor)
                break
    return out
