"""How much an event is its sentence's news: background phrases ("after rebels raided
the town"), descriptions ("the captured soldiers"), clauses that say who a subject is
("families of soldiers killed in the fighting") and a protest's grievance ("rallied
against the arrests") lower an event's confidence; they never remove it."""

from __future__ import annotations

import dataclasses

from ..models import Event
from .clauses import charge_tokens, grievance_tokens
from .detect import Candidate
from .syntax import SentenceView

BACKGROUND_WORDS = frozenset({"after", "following", "since", "amid", "before", "despite", "over"})
BACKGROUND_HEADS = frozenset(
    {
        "scene",
        "site",
        "anniversary",
        "memory",
        "aftermath",
        "wake",
        "history",
        "repeat",
        "legacy",
        "memorial",
        # what the news answers: "struck a depot in response to rocket fire"
        "response",
        "retaliation",
        "reprisal",
        "revenge",
        "reaction",
    }
)
# the prepositions that join a background head to what it names ("the scene of", "in
# response to", "in retaliation for")
BACKGROUND_LINKS = frozenset({"of", "to", "for"})
# CASE dev rules-only 0.846 at 0.9, 0.852 at 0.7 and at 0.5; written sentences 0.882, 0.885,
# 0.887 (eighth events session)
BACKGROUND_FACTOR = 0.5
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PROTEST_TYPES = frozenset({"Protests", "Riots"})
GRIEVANCE_FACTOR = 0.5
SPEECH_TYPES = frozenset({"ACCUSE", "REQUEST"})
MATERIAL_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl"})
UNREAL = frozenset({"future", "hypothetical", "negated", "denied"})
SPEECH_FACTOR = 0.5
# a participle that only describes a noun ("the captured soldiers were freed") tells what
# happened to them before, not the sentence's news
DESCRIPTION_FACTOR = 0.5
# "Russian forces also shelled Novomykhailivka": a later sentence's event told as an
# addition to what the report opened with
ADDITION_FACTOR = 0.85
ADDITION_WORDS = frozenset({"also"})
# what happened after the news, in the same sentence or after it ("four suspects were later
# arrested"): as little the news as an addition
FOLLOW_UP_WORDS = frozenset({"later", "subsequently", "afterwards", "afterward"})


def speech_discount(view: SentenceView, events: list[Event]) -> list[Event]:
    """A charge or demand about violence yields to it: "killed a man they accused of
    spying", "accusing them of theft" (a subordinate clause beside the violence), "were
    accused of killing three civilians" (the violence is what is charged)."""
    acts = [e for e in events if e.plover_type in MATERIAL_TYPES and e.modality not in UNREAL]
    if not acts or len(acts) == len(events):
        return events
    at = {view.tok(k).start: k for k in range(view.first, view.last)}
    out = []
    for e in events:
        k = at.get(e.trigger.start)
        if e.plover_type in SPEECH_TYPES and k is not None:
            inside = set(view.subtree(k))
            framed = view.tok(k).dep in SUBORDINATE_DEPS
            if any((at.get(a.trigger.start) in inside) != framed for a in acts):
                e = dataclasses.replace(e, confidence=round(e.confidence * SPEECH_FACTOR, 3))
        out.append(e)
    return out


PEOPLE_TYPES = frozenset({"Violence against civilians", "Riots", "Battles"})
PROPERTY_SUBTYPE = "Looting/property destruction"
# ACLED codes property destruction only when no one was hurt: "set fire to a church, killing
# three worshippers" is the killing. Fifteenth events session, rules only, 0.95 -> 0.6 (0.5
# the same, 0.7 lower on the sentences and ACLED Middle East): sentences 0.907 -> 0.909,
# fresh14 0.850 -> 0.856, fresh15 0.928 -> 0.934, ACLED Middle East sub-type 0.960 -> 0.963,
# the other development sets unchanged
PROPERTY_FACTOR = 0.6


def property_yields(events: list[Event]) -> list[Event]:
    """Property destroyed yields to violence against people told in the same sentence
    ("set ablaze the house ... and assaulted his wife"): ACLED codes the violence."""
    if not any(e.acled_event_type in PEOPLE_TYPES and e.modality not in UNREAL for e in events):
        return events
    return [
        dataclasses.replace(e, confidence=round(e.confidence * PROPERTY_FACTOR, 3))
        if e.acled_sub_event_type == PROPERTY_SUBTYPE
        else e
        for e in events
    ]


def charge_discount(view: SentenceView, events: list[Event], heads: frozenset[str]) -> list[Event]:
    """What a victim is accused or suspected of ("beat two men suspected of kidnapping a
    girl") is a charge, not news: it keeps a fraction of its confidence."""
    if len(events) < 2 or not heads:
        return events
    inside = {view.tok(k).start for k in charge_tokens(view, heads)}
    if not inside or all(e.trigger.start in inside for e in events):
        return events
    return [
        dataclasses.replace(e, confidence=round(e.confidence * GRIEVANCE_FACTOR, 3))
        if e.trigger.start in inside
        else e
        for e in events
    ]


def grievance_discount(
    view: SentenceView, events: list[Event], heads: frozenset[str], preps: tuple[str, ...]
) -> list[Event]:
    """Events told as a protest's grievance ("rallied against the arrests", "gathered
    to denounce the killing") are what it is about, not what happened there: they
    keep a fraction of their confidence when the protest itself is told outside them."""
    # a demonstration's own words, not violence the coder put under it ("struck to protest
    # against attacks on doctors": the attacks are typed as the protest's riot)
    protests = [
        e for e in events if e.acled_event_type in PROTEST_TYPES and e.plover_type == "PROTEST"
    ]
    if not protests or len(protests) == len(events):
        return events
    inside = {view.tok(k).start for k in grievance_tokens(view, heads, preps)}
    if not inside or all(e.trigger.start in inside for e in protests):
        return events
    return [
        dataclasses.replace(e, confidence=round(e.confidence * GRIEVANCE_FACTOR, 3))
        if e.trigger.start in inside and e.plover_type != "PROTEST"
        else e
        for e in events
    ]


def agent_clauses(view: SentenceView, agent: int | None, trigger: int) -> frozenset[int]:
    """Tokens of the clauses that describe the agent or a subject ("families of soldiers
    killed in the fighting"): who they are, not what they did; never the trigger's clause."""

    def compute() -> frozenset[int]:
        subjects = [k for k in range(view.first, view.last) if view.tok(k).dep in SUBJECT_DEPS]
        heads = ([agent] if agent is not None else []) + subjects
        within = {j for h in heads for j in view.subtree(h)}
        return frozenset(k for k in within if view.tok(k).dep in ("acl", "relcl"))

    clauses = view.memoised(f"agent-clauses:{agent}", compute)
    if not clauses:
        return frozenset()
    own = set(view.subtree(trigger))
    out: set[int] = set()
    for k in clauses:
        if k not in own:
            inside = view.subtree(k)
            if trigger not in inside:
                out.update(inside)
    return frozenset(out - own)


def in_subject_clause(view: SentenceView, i: int) -> bool:
    """Whether the trigger sits inside a clause that describes a subject ("families of
    soldiers killed in the fighting held a sit-in"): who they are, not the sentence's news.
    The clause's own verb may be the news ("shells fired by the rebels landed ...")."""
    for k in view.ancestors(i):
        if view.tok(k).dep in ("acl", "relcl"):
            owner = view.head(k)
            return owner is not None and view.tok(owner).dep in SUBJECT_DEPS
    return False


def description(view: SentenceView, c: Candidate) -> bool:
    """Whether a verb trigger is a participle before its noun ("the captured soldiers", "a
    detained trader"); not a protest ("protesting farmers" are protesters) nor a hyphened
    verb the parser split ("gang-raped")."""
    i = c.index
    if c.nominal or view.tok(i).dep != "amod" or c.spec.plover_type == "PROTEST":
        return False
    head = view.head(i)
    return head is not None and head > i and not (i > view.first and view.tok(i - 1).text == "-")


def background(view: SentenceView, i: int) -> bool:
    """Whether the trigger sits in a background phrase or clause ("after rebels raided the
    town", "amid fighting"): it is context for the sentence's news, not the news."""
    for k in [i, *view.ancestors(i)]:
        t = view.tok(k)
        if t.dep == "ccomp":
            # what is said is background only when the saying is ("a week after the army
            # announced it had retaken the camp")
            return any(_background_clause(view, a) for a in view.ancestors(k))
        if view.head(k) is None:
            return False
        if t.dep in ("pobj", "pcomp") and view.lemma(t.head) in BACKGROUND_WORDS:
            return True
        if t.dep == "pobj" and view.lemma(t.head) in BACKGROUND_LINKS:
            owner = view.head(t.head)
            if owner is not None and view.lemma(owner) in BACKGROUND_HEADS:
                return True  # "the scene of a deadly 2017 chemical attack"
        if t.dep == "pcomp" and view.lemma(t.head) == "for":
            return True  # "expelled diplomats for taking part in protests": the reason
        if _background_clause(view, k):
            return True
    return False


def _background_clause(view: SentenceView, k: int) -> bool:
    """Whether ``k`` heads a clause opened by a background word ("after rebels raided")."""
    return view.tok(k).dep == "advcl" and any(
        view.lemma(m) in BACKGROUND_WORDS for m in view.children(k, frozenset({"mark"}))
    )


def addition(view: SentenceView, i: int) -> bool:
    """Whether the trigger at ``i`` (or the verb it is the subject or object of) carries
    "also" and its sentence is not the document's first: an event added to the news the
    report opened with ("Ukrainian forces repelled attacks near Vuhledar. Russian forces
    also shelled Novomykhailivka"); or, in any sentence, "later" (``FOLLOW_UP_WORDS``)."""
    heads = [i, *view.ancestors(i)][:2]
    words = {
        view.lemma(m).lower() for h in heads for m in view.children(h, frozenset({"advmod"}))
    }
    if words & FOLLOW_UP_WORDS:
        return True  # "four suspects were later arrested", in any sentence
    return view.sentence.i > 0 and bool(words & ADDITION_WORDS)
