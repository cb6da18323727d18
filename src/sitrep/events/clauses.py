"""Which words of a sentence belong to which clause, for the ACLED coder's cue matching:
a protest's grievance, a victim's charge, cue strings without some words, a target named
by its nationality, a participle that only describes a thing's state."""

from __future__ import annotations

from collections.abc import Callable

from .anchors import Anchors
from .lexicon import Lexicon
from .syntax import SentenceView

CAUSE_MODIFIERS = frozenset({"compound", "amod", "nmod"})

PURPOSE_DEPS = frozenset({"xcomp", "advcl", "acl", "ccomp", "conj"})


# the people of a protest: a phrase of grievance is about an issue, never about them
PARTICIPANTS = frozenset(
    {"protester", "protestor", "demonstrator", "marcher", "striker", "picketer", "crowd"}
)


def grievance_tokens(view: SentenceView, heads: frozenset[str], preps: tuple[str, ...]) -> set[int]:
    """Words of the clauses that say what a protest is about ("to denounce the killing of
    ...", "against the arrests", "in solidarity with ..."), not how it went."""

    def compute() -> frozenset[int]:
        out: set[int] = set()
        for i in range(view.first, view.last):
            tok = view.tok(i)
            lemma = view.lemma(i)
            grievance = lemma in heads and (
                tok.dep in PURPOSE_DEPS or (tok.dep == "relcl" and _infinitive(view, i))
            )
            if not grievance and tok.dep == "prep":
                obj = view.child(i, frozenset({"pobj"}))
                if obj is None:  # "protested in and outside of ...": a bare "in" is no phrase
                    grievance = lemma in preps
                elif view.lemma(obj) in PARTICIPANTS:
                    # "live ammunition against marchers": whom force was used on, not what
                    # the march was about
                    grievance = False
                else:
                    phrase = f"{lemma} {view.lemma(obj)}"
                    grievance = any(
                        p in (lemma, phrase) or p.startswith(phrase + " ") for p in preps
                    )
            if grievance:
                out.update(view.subtree(i))
                rest = _rest_of_phrase(view, i, preps) if tok.dep == "prep" else None
                if rest is not None:
                    out.update(view.subtree(rest))
        return frozenset(out)

    # keyed by the lexicon too: a caller with other heads or prepositions gets its own set
    return set(view.memoised(f"grievances:{hash((heads, preps))}", compute))


def _infinitive(view: SentenceView, i: int) -> bool:
    """Whether the verb at ``i`` is a to-infinitive ("took to the streets in other areas to
    decry the arrests": the parser may hang the purpose on the nearest noun as a relative)."""
    return view.tok(i).tag == "VB" and any(
        view.word(k) == "to" for k in view.children(i, frozenset({"aux"}))
    )


def _rest_of_phrase(view: SentenceView, i: int, preps: tuple[str, ...]) -> int | None:
    """The preposition that completes the grievance phrase begun at ``i`` when the parser
    hung it on the verb ("rallied in solidarity | with the victims"): the next word after
    ``i``'s phrase, a preposition whose lemma ends one of ``preps``."""
    obj = view.child(i, frozenset({"pobj"}))
    if obj is None:
        return None
    phrase = f"{view.lemma(i)} {view.lemma(obj)}"
    nxt = max(view.subtree(i)) + 1
    if nxt >= view.last or view.tok(nxt).dep != "prep":
        return None
    return nxt if f"{phrase} {view.lemma(nxt)}" in preps else None


# what came before a protest and set it off: "after a tanker explosion killed 30",
# "following the killing of a student"
CAUSE_MARKS = frozenset({"after", "following"})


def cause_tokens(view: SentenceView, crowd_words: frozenset[str]) -> set[int]:
    """Words of the clauses that say what a protest followed ("residents protested after a
    tanker explosion killed 30"): its cause, not how it went. A clause whose subject is the
    crowd ("police fired tear gas after protesters threw stones") or a pronoun is how it went."""

    def compute() -> frozenset[int]:
        out: set[int] = set()
        for i in range(view.first, view.last):
            tok = view.tok(i)
            if view.lemma(i) not in CAUSE_MARKS or tok.dep not in ("mark", "prep"):
                continue
            mark = tok.dep == "mark"
            clause = view.head(i) if mark else view.child(i, frozenset({"pobj"}))
            main = view.head(clause if mark else i) if clause is not None else None
            if clause is None or main is None or not _protesting(view, main, crowd_words):
                continue  # "six were killed after forces opened fire on protesters": the event
            subject = view.child(clause, frozenset({"nsubj", "nsubjpass"})) if mark else clause
            if subject is not None and (
                view.tok(subject).pos == "PRON" or view.lemma(subject) in crowd_words
            ):
                continue
            out.update(view.subtree(clause))
            out.add(i)
        return frozenset(out)

    # the stage and the coder both ask, per event: read the sentence once
    return set(view.memoised(f"causes:{hash(crowd_words)}", compute))


# a clause a span of time sets apart from the news ("a day after a roadside bomb hit a
# convoy", "hours before the talks"): another event, not how this one was done
APART_MARKS = frozenset({"after", "before", "following", "since"})
APART_SPANS = frozenset({"minute", "hour", "day", "week", "month", "year", "night", "fortnight"})


def apart_tokens(view: SentenceView, trigger: int) -> set[int]:
    """Words of the clauses a span of time sets apart ("a day after a roadside bomb hit a
    convoy in the same area") that do not hold the trigger: their weapons and victims are
    another event's."""

    def compute() -> frozenset[int]:
        out: set[int] = set()
        for i in range(view.first, view.last):
            if view.tok(i).dep != "mark" or view.lemma(i) not in APART_MARKS:
                continue
            clause = view.head(i)
            if clause is None or view.tok(clause).dep != "advcl":
                continue
            if any(
                view.lemma(k) in APART_SPANS
                for k in view.children(clause, frozenset({"npadvmod"}))
            ):
                out.update(view.subtree(clause))
        return frozenset(out)

    apart = view.memoised("apart", compute)
    # a trigger inside such a clause is typed by all its sentence's words, as before
    return set() if trigger in apart else set(apart)


def _protesting(view: SentenceView, verb: int, crowd_words: frozenset[str]) -> bool:
    """Whether ``verb`` tells a protest: a protest word ("protested", "staged a rally") or
    a crowd as its subject ("residents gathered")."""
    if view.lemma(verb) in crowd_words:
        return True
    return any(
        view.lemma(k) in crowd_words for k in view.children(verb, frozenset({"nsubj", "dobj"}))
    )


CHARGE_DEPS = frozenset({"acl", "relcl", "advcl", "amod"})


def charge_tokens(view: SentenceView, heads: frozenset[str]) -> set[int]:
    """Words of the clauses that say what someone is accused or suspected of ("a man they
    accused of kidnapping children", "suspected of theft"): a charge, not what happened."""

    def compute() -> frozenset[int]:
        out: set[int] = set()
        for i in range(view.first, view.last):
            if view.lemma(i) in heads and view.tok(i).dep in CHARGE_DEPS:
                out.update(view.subtree(i))
        return frozenset(out)

    return set(view.memoised(f"charges:{hash(heads)}", compute))


def cue_strings(view: SentenceView, skip: set[int] | None = None) -> tuple[str, str]:
    """The sentence's padded lemma and word strings (``view.lemma_string``,
    ``view.word_string``) without the words of ``skip``."""
    return view.cue_strings(frozenset(skip or ()))


def masked_cues(
    view: SentenceView, masks: list[str] | tuple[str, ...], skip: set[int] | None = None
) -> Callable[[str], bool]:
    """``view.has_cue`` with phrases that only look like cues blanked out ("riot police"
    is no riot), and without the words of ``skip``."""
    if not masks and not skip:
        return view.has_cue
    text = view.searched(tuple(masks), frozenset(skip or ()))
    return lambda cue: f" {cue} " in text


def nationality_target(view: SentenceView, head: str) -> bool:
    """Whether the target's head word is a nationality or group named as people ("a
    Palestinian", "three Kurds"): the parser's NORP entity standing as a noun."""
    if not head.strip():
        return False
    for i in range(view.first, view.last):
        tok = view.tok(i)
        if tok.pos in ("NOUN", "PROPN") and view.span_string([i]) == head:
            return any(
                e.label == "NORP" and e.token_start <= i < e.token_end for e in view.doc.entities
            )
    return False


_OBJECT = frozenset({"dobj"})


def pronoun_object(view: SentenceView, trigger: int) -> int | None:
    """The noun a verb's pronoun object stands for when the verb is coordinated with one
    that names it: "cleared 200 landmines and destroyed them" -> "landmines"."""
    if trigger < 0:
        return None
    obj = view.child(trigger, _OBJECT)
    head = view.head(trigger)
    if obj is None or view.tok(obj).pos != "PRON" or view.tok(trigger).dep != "conj":
        return None
    return view.child(head, _OBJECT) if head is not None else None


# a participle that describes a thing ("abandoned houses", "motorbikes lying abandoned",
# "found abandoned"), not an act done by someone
STATE_DEPS = frozenset({"amod", "acl", "xcomp", "acomp", "oprd"})


def stative_participle(view: SentenceView, i: int, grounds: frozenset[str]) -> bool:
    """Whether the past participle at ``i`` only tells the state of the thing it describes:
    no agent ("abandoned by the troops") nor object (a parse that reads "the faction handed
    over the district" as a reduced relative), and a thing that is no ground or position
    (``grounds``: "abandoned positions" were left by someone)."""
    tok = view.tok(i)
    if tok.tag != "VBN" or tok.dep not in STATE_DEPS:
        return False
    if view.child(i, frozenset({"agent", "dobj", "prt"})) is not None:
        return False
    described = view.head(i)
    return described is None or view.lemma(described) not in grounds


def stative_tokens(view: SentenceView, grounds: frozenset[str]) -> set[int]:
    """The sentence's participles that only describe a thing's state (``stative_participle``)."""
    return {i for i in range(view.first, view.last) if stative_participle(view, i, grounds)}


def accidental(
    view: SentenceView, anchors: Anchors, lex: Lexicon, agent: int | None, obj: int | None
) -> bool:
    """Whether what killed or destroyed (``agent``, the verb's doer) is a fire, a crash or a
    flood, not a weapon's fire ("artillery fire", "sniper fire", an actor's: "Israeli fire",
    "army fire") nor a weapon hit ("the bus hit a mine")."""
    sets = lex.word_sets
    if agent is None or view.lemma(agent) not in sets["accident_causes"]:
        return False
    if obj is not None and view.lemma(obj) in sets["weapon_nouns"]:
        return False
    armed = sets["weapon_nouns"] | sets["fire_weapons"]
    modifiers = view.children(agent, CAUSE_MODIFIERS)
    if any(view.lemma(k) in armed for k in modifiers):
        return False
    if view.lemma(agent) != "fire":
        return True
    # a nationality's or a named actor's fire ("Israeli fire"), not a building's ("a
    # Nigerian market fire")
    tokens = [view.tok(k) for k in modifiers]
    if any(t.dep == "compound" and anchors.actor_at(t.start, t.end) is None for t in tokens):
        return True
    return not any(
        (t.dep == "amod" and t.ent_type in ("NORP", "GPE"))
        or anchors.actor_at(t.start, t.end) is not None
        for t in tokens
    )
