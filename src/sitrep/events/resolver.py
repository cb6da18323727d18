"""Noun phrase heads to actors: coordination ("Russian and Ukrainian forces"), members
("ministers from Iran, Russia and Turkey"), appositions, whose weapon or fire it was
("drones launched by Russian forces", "Israeli fire") and pronouns."""

from __future__ import annotations

from ..models import ActorRef, Document
from .anchors import Anchors, provisional_ref
from .crowds import CROWD_KINDS
from .lexicon import Lexicon
from .roles import AGENT_PREPS, HARM_LEMMAS, NOT_ACTORS, PATIENT_PREPS, by_agent, own_prep
from .syntax import OBJECTS, PRONOUNS, SentenceView

MEMBER_PREPS = frozenset({"from", "of"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
UNRESOLVED_PLACES = frozenset({"GPE", "LOC", "FAC"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})


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
                if pobj is not None and view.lemma(p) in PATIENT_PREPS and own_prep(view, up, p):
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
            owner = next((o for k in fired if (o := by_agent(view, k)) is not None), None)
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
