"""Who did it to whom, and where: roles from the dependency parse.

Handles passive voice ("proxies have been targeted by Israeli airstrikes"), adjectival and
possessive agents ("Israeli airstrikes", "their offensive"), coordination ("ministers from
Iran, Russia, and Turkey"), relative clauses, light verbs ("carried out airstrikes") and
pronouns ("they have reached"). Which actors the role heads name: ``resolver``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .anchors import Anchors
from .crowds import crowd_first as crowd_first
from .lexicon import Lexicon, load_lexicon
from .syntax import OBJECTS, PASSIVE_SUBJECTS, SUBJECTS, SentenceView

INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp"})
AGENT_PREPS = frozenset({"by"})
# the consequence of an act on a thing that names whom it harmed ("killing three civilians")
HARM_LEMMAS = frozenset({"kill", "injure", "wound", "maim"})
# who is acted on: "fired at", "clashed with", "launched rockets toward"
PATIENT_PREPS = frozenset(
    {"on", "against", "at", "upon", "of", "into", "with", "toward", "towards"}
)
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass(frozen=True, slots=True)
class RoleHeads:
    """Token heads of the agent and patient phrases (``None`` when absent)."""

    agent: int | None
    patient: int | None
    verb: int | None
    more_agents: tuple[int, ...] = ()


def _verb_subject(view: SentenceView, v: int) -> tuple[int | None, int | None]:
    """(agent head, patient head) of verb ``v``, climbing through conj/xcomp/advcl."""
    seen: set[int] = set()
    cur: int | None = v
    while cur is not None and cur not in seen:
        seen.add(cur)
        subj = _subject(view, cur)
        passive = view.child(cur, PASSIVE_SUBJECTS)
        if subj is not None:
            return subj, None
        if passive is not None:
            agent = view.child(cur, frozenset({"agent"}))
            pobj = view.child(agent, frozenset({"pobj"})) if agent is not None else None
            return pobj, passive
        dep = view.tok(cur).dep
        head = view.head(cur)
        if head is None:
            return _stray_subject(view, cur), None
        if dep == "relcl":
            return head, None
        if dep == "acl":
            # "rebels seizing the town" vs "the town seized by rebels"
            return (head, None) if view.tok(cur).tag == "VBG" else (by_agent(view, cur), head)
        if dep not in INHERIT_DEPS:
            return _stray_subject(view, v), None
        # verbs whose object does what their infinitive says (triggers.yaml)
        if dep == "xcomp" and view.lemma(head) in load_lexicon().word_sets["object_control_verbs"]:
            told = view.child(head, frozenset({"dobj"}))
            if told is not None and told < cur:
                return told, None  # "ordered the army to retake the town": the army
        cur = head
    return None, None


def _subject(view: SentenceView, v: int) -> int | None:
    """The verb's subject; not a label before a colon ("Movement of forces: ... Houthi
    forces deployed" has "Houthi forces" as its subject)."""
    subjects = view.children(v, SUBJECTS)
    for k in subjects:
        if not _label(view, k, v):
            return k
    return subjects[0] if subjects else None


def _label(view: SentenceView, k: int, v: int) -> bool:
    """Whether subject ``k`` of verb ``v`` is a label that a colon separates from it."""
    return any(view.tok(j).text == ":" for j in range(k + 1, v))


def _stray_subject(view: SentenceView, v: int) -> int | None:
    """A misattached subject: the nearest noun before the verb hanging as an apposition
    ("According to X, rebel forces have moved" parsed with "forces" as X's apposition)."""
    for k in range(v - 1, view.first - 1, -1):
        t = view.tok(k)
        if t.pos in ("NOUN", "PROPN") and t.dep in ("appos", "npadvmod", "dep", "ROOT"):
            return k
        if t.pos == "VERB" and t.dep not in ("amod",):
            return None
    return None


def by_agent(view: SentenceView, v: int) -> int | None:
    """The head of participle ``v``'s "by" agent ("an IED planted by al-Shabaab")."""
    ag = view.child(v, frozenset({"agent"}))
    return view.child(ag, frozenset({"pobj"})) if ag is not None else None


def verb_roles(view: SentenceView, v: int) -> RoleHeads:
    if view.tok(v).tag == "NNS":
        # a headline's verb the parser took for a plural noun ("Military retakes last
        # rebel-held building"): its subject is the word it took for a modifier
        before = [k for k in view.children(v, HEADLINE_SUBJECTS) if k < v]
        return RoleHeads(before[-1] if before else None, None, v, ())
    agent, patient = _verb_subject(view, v)
    if view.child(v, PASSIVE_SUBJECTS) is not None:
        patient = view.child(v, PASSIVE_SUBJECTS)
        agent = by_agent(view, v)
        for c in view.children(v, frozenset({"conj"})) if agent is None else ():
            agent = by_agent(view, c)  # "was shot and injured by unidentified assailants"
            if agent is not None:
                break
    elif patient is None:
        patient = view.child(v, OBJECTS)
        if patient is None:
            for p in view.children(v, frozenset({"prep"})):
                if view.lemma(p) in PATIENT_PREPS and own_prep(view, v, p):
                    patient = view.child(p, frozenset({"pobj"}))
                    if patient is not None and view.tok(patient).ent_type not in NOT_ACTORS:
                        break
                    patient = None
        for c in view.children(v, frozenset({"conj"})) if patient is None else ():
            # "shot and wounded a journalist": the coordinated verb's object is shared
            if view.tok(c).pos == "VERB" and (patient := view.child(c, OBJECTS)) is not None:
                break
    if (
        agent is not None
        and view.lemma(agent) in ("who", "which", "that")
        and view.tok(v).dep == "relcl"
    ):
        agent = view.head(v)
    # "ministers from Egypt, Jordan, and Oman met": a misparse can give a verb two subjects
    owner = view.head(agent) if agent is not None else None
    more = (
        tuple(
            k for k in view.children(owner, SUBJECTS) if k != agent and not _label(view, k, owner)
        )
        if owner is not None
        else ()
    )
    return RoleHeads(agent, patient, v, more)


HEADLINE_SUBJECTS = frozenset({"amod", "compound", "nmod"})


def own_prep(view: SentenceView, v: int, p: int) -> bool:
    """Whether preposition ``p`` is word ``v``'s own: a "with" that follows the word, its
    particle or its object ("clashed with police", "exchanged fire with the army"), not one
    the parser hung on the verb from a phrase before it ("in solidarity with Gaza")."""
    if view.lemma(p) != "with":
        return True
    return p - 1 == v or view.head(p - 1) == v


# aircraft that may act as a subject ("a drone struck a car") but, qualifying a strike,
# only say how it was done ("Malian forces conducted drone strikes")
CRAFT = frozenset({"drone", "jet", "warplane", "aircraft", "helicopter", "bomber"})


def noun_roles(view: SentenceView, n: int, lex: Lexicon, anchors: Anchors) -> RoleHeads:
    """Agent from a possessive, an adjective/compound actor or a "by" phrase; else the verb."""
    agent: int | None = None
    territory = lex.word_sets["territory_nouns"]
    weapon = view.lemma(n) in lex.word_sets["weapon_nouns"]
    kids = view.children(n)
    for k in kids:
        if view.tok(k).dep == "prep" and view.lemma(k) in AGENT_PREPS:
            agent = view.child(k, frozenset({"pobj"}))
        elif agent is None and view.tok(k).dep == "acl" and view.tok(k).tag == "VBN" and weapon:
            agent = by_agent(view, k)  # "a landmine planted by al-Shabaab"
    for k in kids:
        if agent is not None:
            break
        t = view.tok(k)
        if t.dep == "poss":
            # "the city's capture": a possessive place is what was taken, not who took it
            if t.lemma.lower() not in territory and not anchors.place_for_span(t.start, t.end):
                agent = k
        elif t.dep in ("amod", "compound", "nmod") and (
            anchors.actor_at(t.start, t.end)
            or t.ent_type == "NORP"
            or (t.lemma.lower() in lex.word_sets["agent_nouns"] and t.lemma.lower() not in CRAFT)
        ):
            agent = k  # not "drone strikes": the craft says how, the verb's subject who
    patient: int | None = None
    for p in view.children(n, frozenset({"prep"})):
        if view.lemma(p) in PATIENT_PREPS and own_prep(view, n, p):
            patient = view.child(p, frozenset({"pobj"}))
            if patient is not None:
                break
    verb = _governing_verb(view, n)
    sides = _sides(view, anchors, n, verb)
    if agent is None and sides:
        # "clashes between the SAF and the RSF": one side acts, the other is acted on
        agent, patient = sides[0], (sides[1] if len(sides) > 1 else patient)
    if patient is None and verb is not None and view.tok(n).dep in SUBJECTS:
        # "demonstrators threw stones at the police": the noun acts on the verb's patient
        patient = _acted_on(view, anchors, verb)
    if agent is None and verb is not None:
        dep = view.tok(n).dep
        if dep == "compound" and view.head(n) is not None:
            dep = view.tok(view.head(n) or n).dep  # "signed a truce agreement": the agreement's
        via_prep = (
            dep == "pobj" and view.head(n) is not None and view.tok(view.head(n) or n).dep == "prep"
        )
        if dep in OBJECTS or via_prep:
            a, _ = _verb_subject(view, verb)
            if a is not None and view.tok(a).pos == "NOUN":
                poss = view.child(a, frozenset({"poss"}))
                a = poss if poss is not None else a
            agent = a
        elif dep == "pobj" and view.tok(view.head(n) or n).dep == "agent":
            agent = None
    return RoleHeads(agent, patient, verb)


def _sides(view: SentenceView, anchors: Anchors, n: int, verb: int | None) -> list[int]:
    """The parties of a "between X and Y" phrase of noun ``n``, or of the verb it is the
    subject of ("fighting broke out between X and Y"); none unless the phrase names two
    different actors (a misparsed "between X and Y" is left to the actors' order)."""
    owners = [n]
    if verb is not None and view.tok(n).dep in SUBJECTS and view.head(n) == verb:
        owners.append(verb)
    for o in owners:
        for p in view.children(o, frozenset({"prep"})):
            pobj = view.child(p, frozenset({"pobj"})) if view.lemma(p) == "between" else None
            if pobj is None:
                continue
            sides = view.conjuncts(pobj)
            named = {
                ref.id
                for k in sides[:2]
                if (ref := anchors.actor_at(*view.compact_span(k))) is not None
            }
            if len(named) == 2:
                return sides
    return []


def _acted_on(view: SentenceView, anchors: Anchors, verb: int) -> int | None:
    """The first object of ``verb`` (direct, or after "at", "on", "against" ...) that
    names an actor: "threw petrol bombs at riot police" acts on the police."""
    heads = view.children(verb, OBJECTS)
    for p in view.children(verb, frozenset({"prep"})):
        if view.lemma(p) in PATIENT_PREPS and own_prep(view, verb, p):
            heads += view.children(p, frozenset({"pobj"}))
    for k in sorted(heads):
        t = view.tok(k)
        if t.ent_type not in NOT_ACTORS and anchors.actor_at(t.start, t.end) is not None:
            return k
    return None


def _governing_verb(view: SentenceView, i: int) -> int | None:
    for a in view.ancestors(i):
        if view.tok(a).pos in ("VERB", "AUX"):
            return a
    return None


def agent_head_lemma(view: SentenceView, agent: int | None, trigger: int, nominal: bool) -> str:
    """The agent's head lemma, unless the agent only modifies a noun trigger
    ("anti-government protesters" are not the government's)."""
    if agent is None or (nominal and agent in view.subtree(trigger)):
        return ""
    return view.lemma(agent)
