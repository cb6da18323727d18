"""Who did it to whom, and where: roles from the dependency parse.

Handles passive voice ("proxies have been targeted by Israeli airstrikes"), adjectival and
possessive agents ("Israeli airstrikes", "their offensive"), coordination ("ministers from
Iran, Russia, and Turkey"), relative clauses, light verbs ("carried out airstrikes") and
pronouns ("they have reached").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ActorRef, Document
from .anchors import Anchors, provisional_ref
from .crowds import CROWD_KINDS
from .crowds import crowd_first as crowd_first
from .lexicon import Lexicon
from .syntax import OBJECTS, PASSIVE_SUBJECTS, PRONOUNS, SUBJECTS, SentenceView

INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp"})
AGENT_PREPS = frozenset({"by"})
# the consequence of an act on a thing that names whom it harmed ("killing three civilians")
HARM_LEMMAS = frozenset({"kill", "injure", "wound", "maim"})
# who is acted on: "fired at", "clashed with", "launched rockets toward"
PATIENT_PREPS = frozenset(
    {"on", "against", "at", "upon", "of", "into", "with", "toward", "towards"}
)
MEMBER_PREPS = frozenset({"from", "of"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
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
            return (head, None) if view.tok(cur).tag == "VBG" else (_by_agent(view, cur), head)
        if dep not in INHERIT_DEPS:
            return _stray_subject(view, v), None
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


def _by_agent(view: SentenceView, v: int) -> int | None:
    """The head of participle ``v``'s "by" agent ("an IED planted by al-Shabaab")."""
    ag = view.child(v, frozenset({"agent"}))
    return view.child(ag, frozenset({"pobj"})) if ag is not None else None


def verb_roles(view: SentenceView, v: int) -> RoleHeads:
    agent, patient = _verb_subject(view, v)
    if view.child(v, PASSIVE_SUBJECTS) is not None:
        patient = view.child(v, PASSIVE_SUBJECTS)
        agent = _by_agent(view, v)
        for c in view.children(v, frozenset({"conj"})) if agent is None else ():
            agent = _by_agent(view, c)  # "was shot and injured by unidentified assailants"
            if agent is not None:
                break
    elif patient is None:
        patient = view.child(v, OBJECTS)
        if patient is None:
            for p in view.children(v, frozenset({"prep"})):
                if view.lemma(p) in PATIENT_PREPS and _own_prep(view, v, p):
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


def _own_prep(view: SentenceView, v: int, p: int) -> bool:
    """Whether preposition ``p`` is word ``v``'s own: a "with" that follows the word, its
    particle or its object ("clashed with police", "exchanged fire with the army"), not one
    the parser hung on the verb from a phrase before it ("in solidarity with Gaza")."""
    if view.lemma(p) != "with":
        return True
    return p - 1 == v or view.head(p - 1) == v


# aircraft that may act as a subject ("a drone struck a car") but, qualifying a strike,
# only say how it was done ("Malian forces conducted drone strikes")
UNRESOLVED_PLACES = frozenset({"GPE", "LOC", "FAC"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
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
            agent = _by_agent(view, k)  # "a landmine planted by al-Shabaab"
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
        if view.lemma(p) in PATIENT_PREPS and _own_prep(view, n, p):
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
        if view.lemma(p) in PATIENT_PREPS and _own_prep(view, verb, p):
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


class ActorResolver:
    """Noun phrase heads to ActorRefs, with coordination and pronouns."""

    def __init__(self, view: SentenceView, anchors: Anchors, lex: Lexicon):
        self.view = view
        self.anchors = anchors
        self.agent_nouns = lex.word_sets["agent_nouns"]
        self.weapon_nouns = lex.word_sets["weapon_nouns"]

    def resolve(self, head: int | None) -> list[ActorRef]:
        if head is None or self.view.word(head) in REFLEXIVES:
            return []  # "a suicide bomber blew himself up": not who was acted on
        out: list[ActorRef] = []
        view = self.view
        up = view.head(head)
        between = view.tok(head).dep == "pobj" and up is not None and view.lemma(up) == "between"
        # the parties "between X and Y" are two sides, not one coalition
        for c in [head] if between else view.conjuncts(head):
            for ref in self._one(c, depth=0):
                if all(ref.id != r.id for r in out):
                    out.append(ref)
        if not out and view.tok(head).dep in OBJECTS and up is not None:
            # "threw stones at police officers", "fired rockets toward IDF posts": the
            # object is a weapon, the one it is aimed at is acted on
            for p in view.children(up, frozenset({"prep"})):
                pobj = view.child(p, frozenset({"pobj"}))
                if pobj is not None and view.lemma(p) in PATIENT_PREPS and _own_prep(view, up, p):
                    return self.resolve(pobj)
            for k in view.children(up, frozenset({"advcl"})):
                # "struck a house, killing three civilians": the harmed are acted on
                victims = view.child(k, OBJECTS) if view.lemma(k) in HARM_LEMMAS else None
                if victims is not None:
                    return self.resolve(victims)
        return out

    def _one(self, i: int, depth: int) -> list[ActorRef]:
        view, t = self.view, self.view.tok(i)
        if t.ent_type in NOT_ACTORS:
            return []  # "on Wednesday", "300 people"
        line = view.doc.article.dateline
        if line is not None and line.start <= t.start < line.end:
            return []  # "TEL AVIV —" opens the story; it does nothing
        if t.lemma.lower() in PRONOUNS or t.pos == "PRON":
            # the actors stage resolved most pronouns; the rest: the nearest actor before
            ref = self.anchors.actor_at(t.start, t.end) or self._pronoun(i)
            return [ref] if ref else []
        own = self.anchors.actor_at(t.start, t.end)
        if own is not None and depth == 0 and self.anchors.actor_kind(own) in CROWD_KINDS:
            # "members of the bakers' union protested": the crowd, and whose members they are
            return [own, *(r for r in self._members(i, depth) if r.id != own.id)]
        if own is not None:
            together = self._nations(i)  # "Russian and Ukrainian forces clashed"
            return together if len(together) > 1 else [own]
        start, end = view.compact_span(i)
        ref = self.anchors.actor_at(start, end)
        if ref is not None and view.child(i, frozenset({"appos"})) is None:
            return [ref]
        for k in view.children(i, frozenset({"appos"})):
            named = self._one(k, depth + 1)
            if named:
                return named
        if ref is not None:
            return [ref]
        for p in view.children(i, frozenset({"prep"})):
            # "a drone by unknown military forces conducted an airstrike": who flew it
            pobj = view.child(p, frozenset({"pobj"})) if view.lemma(p) in AGENT_PREPS else None
            named = self._one(pobj, depth + 1) if pobj is not None else []
            if named:
                return named
        if depth == 0 and t.lemma.lower() in self.agent_nouns:
            # "ministers from Egypt, Jordan and Oman", "forces of X" (not "the town of X")
            members = self._members(i, depth)
            if members:
                return members
        if t.lemma.lower() == "fire":  # "killed by Israeli fire": whose fire it was
            mods = view.children(i, frozenset({"amod", "compound"}))
            return next((r for k in mods if (r := self._one(k, depth + 1))), [])
        if t.lemma.lower() in self.weapon_nouns:
            # "21 Shahed drones launched by Russian forces": whose they were, not the drones
            fired = view.children(i, frozenset({"acl"}))
            owner = next((o for k in fired if (o := _by_agent(view, k)) is not None), None)
            return self._one(owner, depth + 1) if owner is not None else []
        nameable = t.ent_type == "NORP" or (
            t.pos in ("NOUN", "PROPN") and (t.lemma.lower() in self.agent_nouns or t.pos == "PROPN")
        )
        if not nameable or self.anchors.place_for_span(t.start, t.end) is not None:
            return []
        if t.ent_type in UNRESOLVED_PLACES:
            return []  # "shelled ... Chervonohryhorivka communities": a place none resolved
        if self.anchors.actor_at(t.start, t.end, allow_sponsor=True) is not None:
            return []  # "Houthi-sponsored marches": a sponsor, not who acts
        return [provisional_ref(view.text(start, end))]

    def _nations(self, i: int) -> list[ActorRef]:
        """The actors of coordinated modifiers of noun ``i`` ("Russian and Ukrainian
        forces"), in their order."""
        view, out = self.view, list[ActorRef]()
        for k in view.children(i, frozenset({"amod", "compound"})):
            for c in view.conjuncts(k):
                ref = self.anchors.actor_at(view.tok(c).start, view.tok(c).end)
                if ref is not None and all(ref.id != r.id for r in out):
                    out.append(ref)
        return out

    def _members(self, i: int, depth: int) -> list[ActorRef]:
        """The actors of the "from"/"of" phrases of token ``i`` ("members of X")."""
        view = self.view
        members: list[ActorRef] = []
        for p in view.children(i, frozenset({"prep"})):
            if view.lemma(p) in MEMBER_PREPS:
                pobj = view.child(p, frozenset({"pobj"}))
                if pobj is not None:
                    for c in view.conjuncts(pobj):
                        members.extend(self._one(c, depth + 1))
        return members

    def _pronoun(self, i: int) -> ActorRef | None:
        """The nearest actor (or agent noun) before the pronoun, within two sentences."""
        view = self.view
        doc = view.doc
        s = view.tok(i).sent
        first = doc.sentences[max(0, s - 2)].token_start
        for k in range(i - 1, first - 1, -1):
            t = doc.tokens[k]
            if t.pos not in NOMINAL_POS or t.lemma.lower() in PRONOUNS or _modifier_object(doc, k):
                continue
            ref = self.anchors.actor_at(t.start, t.end)
            if ref is not None:
                return ref
            if t.lemma.lower() in self.agent_nouns and t.tag in ("NNS", "NNPS", "NN", "NNP"):
                sent = doc.sentences[t.sent]
                other = SentenceView(doc, sent) if t.sent != s else view
                a, b = other.compact_span(k)
                return provisional_ref(doc.article.text[a:b])
        return None


def _modifier_object(doc: Document, k: int) -> bool:
    """Whether token ``k`` only qualifies another noun ("militants backed by Ankara",
    "sources affiliated to the militants"): not a pronoun's antecedent."""
    t = doc.tokens[k]
    if t.dep != "pobj" or t.head == k:
        return False
    prep = doc.tokens[t.head]
    return prep.head != t.head and doc.tokens[prep.head].dep in ("acl", "amod")


def agent_head_lemma(view: SentenceView, agent: int | None, trigger: int, nominal: bool) -> str:
    """The agent's head lemma, unless the agent only modifies a noun trigger
    ("anti-government protesters" are not the government's)."""
    if agent is None or (nominal and agent in view.subtree(trigger)):
        return ""
    return view.lemma(agent)
