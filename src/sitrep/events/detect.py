"""Trigger detection: verbal and nominal event words from the lexicon, with their checks."""

from __future__ import annotations

from dataclasses import dataclass

from .anchors import Anchors
from .clauses import stative_participle
from .lexicon import Lexicon, TriggerSpec
from .syntax import OBJECTS, PARTICLE_DEPS, PASSIVE_SUBJECTS, SentenceView

VERB_POS = frozenset({"VERB"})
PREPS = frozenset({"prep"})
PERSONAL_OBJECTS = frozenset({"him", "her", "he", "she"})  # "them" may be things
# where a verb's second word may stand: a particle or object, the subject of its passive
# ("bodies were found"), or a predicate ("was found dead")
EXTRA_DEPS = PARTICLE_DEPS | PASSIVE_SUBJECTS | frozenset({"oprd"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})
NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "NORP", "ORG", "WORK_OF_ART", "LAW", "PRODUCT"}
)


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int
    spec: TriggerSpec
    nominal: bool
    start: int
    end: int


def object_head(view: SentenceView, i: int, nominal: bool) -> int | None:
    """The thing acted on: direct object, else the object of a preposition."""
    if not nominal:
        o = view.child(i, OBJECTS)
        if o is not None:
            return o
        passive = view.child(i, frozenset({"nsubjpass"}))
        if passive is not None:
            return passive
    for p in view.children(i, frozenset({"prep"})):
        if nominal and view.lemma(p) not in ("of", "on", "against", "in"):
            continue
        pobj = view.child(p, frozenset({"pobj"}))
        if pobj is not None:
            return pobj
        # "pulled out of parts": out -> of -> parts
        for q in view.children(p, frozenset({"prep"})):
            pobj = view.child(q, frozenset({"pobj"}))
            if pobj is not None:
                return pobj
    if view.tok(i).dep == "acl" and not nominal and view.tok(i).tag != "VBG":
        return view.head(i)  # "the town seized by rebels"; not "rebels leaving the town"
    if not nominal and view.child(i, frozenset({"auxpass"})) is not None:
        # "went missing after being picked up": the governing clause's subject
        for up in view.ancestors(i):
            subject = view.child(up, frozenset({"nsubj", "nsubjpass"}))
            if subject is not None:
                return subject
    return None


def object_class(
    view: SentenceView, anchors: Anchors, lex: Lexicon, head: int | None
) -> str | None:
    """``place``, ``weapon``, ``person``, ``troops``, ``base`` or ``None`` for an object head."""
    if head is None:
        return None
    sets = lex.word_sets
    if view.lemma(head) in sets["remnant_nouns"]:
        return None  # "fragments of Grad rockets were found": what is left of a weapon used
    if view.lemma(head) in sets["quantity_nouns"]:
        # "a number of barracks", "dozens of Palestinians": what is counted
        pobj = counted(view, head)
        if pobj is not None:
            head = pobj
        elif view.tok(head).tag in ("NNS", "CD"):
            return "person"
    t = view.tok(head)
    low = t.text.lower()
    forms = noun_forms(view, head)
    if forms & sets["weapon_nouns"]:
        return "weapon"
    if anchors.place_for_span(t.start, t.end) is not None or t.ent_type in ("GPE", "LOC", "FAC"):
        return "place"
    if forms & sets["base_nouns"]:
        return "base"
    if forms & sets["territory_nouns"]:
        return "place"
    if forms & sets["troop_nouns"]:
        return "troops"
    if forms & (sets["person_nouns"] | sets["agent_nouns"]) or t.ent_type in ("PERSON", "NORP"):
        return "person"
    if t.pos == "PRON" and low in PERSONAL_OBJECTS:
        return "person"  # "security agents took him from his home"
    if anchors.actor_at(t.start, t.end) is not None:
        return "person"
    for k in view.subtree(head):
        if view.lemma(k) in sets["weapon_nouns"]:
            return "weapon"  # "a truck loaded with explosives"
    for k in view.subtree(head):
        if anchors.place_for_span(view.tok(k).start, view.tok(k).end) is not None:
            return "place"
    return None


def noun_forms(view: SentenceView, k: int) -> set[str]:
    """The lemma, the word, and the word without a plural "s" of token ``k`` ("bases"
    lemmatises to "basis"), to look a noun up in a word list."""
    t = view.tok(k)
    low = t.text.lower()
    return {t.lemma.lower(), low, low.removesuffix("s")}


def counted(view: SentenceView, head: int) -> int | None:
    """What a quantity word counts: the object of its "of" ("dozens of Palestinians")."""
    of = next((p for p in view.children(head, PREPS) if view.lemma(p) == "of"), None)
    return view.child(of, frozenset({"pobj"})) if of is not None else None


def _satisfied(need: str | None, cls: str | None) -> bool:
    """Whether an object of class ``cls`` meets ``need`` ("place", "weapon|person", ...)."""
    if need is None:
        return True
    for want in need.split("|"):
        if want == "place" and cls in ("place", "base"):
            return True
        if want == cls:
            return True
    return False


# the actors stage's kinds of armed groups: an object "engaged" in a fight must be one
ARMED_KINDS = frozenset({"rebel-group", "political-militia", "identity-militia", "state-forces"})
AGREEMENT = "AGREEMENT"
# whom a protest verb can drive ("marched them into the forest"): people, whatever "them" is
DRIVEN_PRONOUNS = frozenset({"him", "her", "them", "us"})
# protest verbs that can drive people ("marched them", "rallied supporters"); not "dispersed
# protesters", where the people are the protest
DRIVING_VERBS = frozenset({"march", "rally", "parade"})
# withdrawal verbs that also move people by force ("pulled out several men"); not "withdrew
# its officials", "evacuated staff"
PULLED = frozenset({"pull", "drag"})
PEOPLE = frozenset({"person"})  # the object class of people (``object_class``)
# a withdrawal verb that hands over people or soldiers, no ground ("handed over 12 hostages
# to the Red Cross", "30 child soldiers to UNICEF")
HANDED = frozenset({"hand"})
HANDED_KINDS = frozenset({"person", "troops"})
# who pull people out of rubble or water: no force withdrawing
RESCUERS = frozenset(
    {"rescuer", "firefighter", "fireman", "diver", "lifeguard", "volunteer", "medic", "paramedic"}
)
# verbs whose protest reading ("took to the streets") is gone when people are their object
# ("took him to the state security headquarters")
CARRYING_VERBS = frozenset({"take"})
# what may follow a headline's verb the parser took for a plural noun: its object ("names
# new commander", "retakes last building", "claims Kunduz bombing") or where it happened
HEADLINE_OBJECTS = frozenset({"DET", "NUM", "ADJ", "PROPN", "NOUN"})
HEADLINE_PREPS = frozenset({"in", "at", "near", "on", "into"})
OBJECT_STARTS = frozenset({"DET", "NUM", "PRON"})
HYPHENS = frozenset({"-", "\u2013", "\u2010", "\u2011"})  # joining the parts of a compound
# a state or its government acting "in protest" makes its point by that act (recalling an
# ambassador, walking out of a meeting): no demonstration
STATE_ACTOR_KINDS = frozenset({"country", "government"})


def _state_in_protest(
    view: SentenceView, anchors: Anchors, i: int, specs: tuple[TriggerSpec, ...]
) -> bool:
    """Whether the noun at ``i`` is the "protest" of "<a state> recalled its envoy in
    protest at ...": a manner phrase of a state's own act, not a demonstration."""
    if view.tok(i).dep != "pobj" or not all(s.plover_type == "PROTEST" for s in specs):
        return False
    prep = view.head(i)
    verb = view.head(prep) if prep is not None and view.lemma(prep) == "in" else None
    if verb is None or view.tok(verb).pos != "VERB":
        return False
    subject = view.child(verb, frozenset({"nsubj"}))
    if subject is None:
        return False
    tok = view.tok(subject)
    ref = anchors.actor_at(tok.start, tok.end)
    return (ref is not None and anchors.actor_kind(ref) in STATE_ACTOR_KINDS) or (
        ref is None and tok.ent_type == "GPE"
    )


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _hyphen_joined(view: SentenceView, i: int) -> bool:
    """Whether the words at ``i`` and ``i + 2`` of the sentence are joined by a hyphen at
    ``i + 1`` with no space between: one hyphenated compound."""
    if i < view.first or i + 2 >= view.last:
        return False
    first, hyphen, second = view.tok(i), view.tok(i + 1), view.tok(i + 2)
    return hyphen.text in HYPHENS and first.end == hyphen.start and hyphen.end == second.start


def _hyphen_first(view: SentenceView, i: int) -> bool:
    """Whether the word at ``i`` is the first part of a hyphenated compound ("riot" in
    "riot-control agents", "strike" in "the strike-hit port", "clash" in "clash-hit")."""
    return _hyphen_joined(view, i)


def _hyphen_modifier(view: SentenceView, i: int) -> bool:
    """Whether the word at ``i`` ends a hyphenated compound that modifies a noun after it
    ("the strike-hit port", "a war-ravaged town", but also "a remote-detonated bomb", so
    ``find`` asks that the first part be an event word); "launched a counter-attack" is no
    modifier."""
    word = view.tok(i)
    return _hyphen_joined(view, i - 2) and word.dep in ("amod", "compound") and word.head > i


def _participle_as_noun(view: SentenceView, i: int) -> bool:
    """Whether the past participle at ``i`` stands as a noun for people ("the accused",
    "against unknown accused"): a subject or object with its own determiner or adjective."""
    t = view.tok(i)
    return (
        t.tag == "VBN"
        and t.dep in NOMINAL_DEPS
        and bool(view.children(i, frozenset({"det", "amod", "poss"})))
    )


def _object_follows(view: SentenceView, i: int) -> bool:
    """Whether the next word opens an object ("a man", "two", "him") or is "dead"/"and"."""
    k = i + 1
    if k >= view.last:
        return False
    t = view.tok(k)
    return t.pos in OBJECT_STARTS or t.text.lower() in ("dead", "and")


def _to_death(view: SentenceView, i: int) -> bool:
    """Whether the verb at ``i`` is done "to death" ("traders beat a pickpocket to death"):
    only a person can be, whatever the object's noun."""
    for p in view.children(i, frozenset({"prep"})):
        if view.lemma(p) == "to" and any(
            view.lemma(k) == "death" for k in view.children(p, frozenset({"pobj"}))
        ):
            return True
    return False


class TriggerFinder:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.projectiles = lex.word_sets["projectile_nouns"]
        self.armed = lex.word_sets["armed_nouns"] | lex.word_sets["troop_nouns"]
        self.abstract = lex.word_sets["abstract_objects"]
        self.owned = lex.word_sets["owned_buildings"]
        sets = lex.word_sets
        self.modified = (
            sets["modifier_heads"]
            | sets["agent_nouns"]
            | sets["troop_nouns"]
            | sets["weapon_nouns"]
            | sets["person_nouns"]
        )
        self.grounds = sets["territory_nouns"] | sets["base_nouns"]

    def find(self, view: SentenceView, anchors: Anchors) -> list[Candidate]:
        out: list[Candidate] = []
        for t in view:
            lem = self.lex.lemma_fixes.get(t.text.lower(), t.lemma.lower())
            if t.pos in VERB_POS:
                specs = self.lex.verbs.get(lem)
                nominal = False
                if specs and self._left_behind(view, anchors, t.i, specs):
                    continue
                if specs and self._social(view, t.i, lem):
                    continue
                if specs and self._driven(view, anchors, t.i, specs):
                    continue  # "marched them into the forest", "rallied supporters"
                if specs and _participle_as_noun(view, t.i):
                    continue  # "a case against unknown accused", "the accused were nabbed"
            elif t.pos in NOUN_POS and t.ent_type not in NAME_ENTITIES:
                # "until March 1", "Storm Corps": a name or a date, not an event noun;
                # "riot police", "assault rifle", "arrest warrant": a modifier, not an event
                if t.dep == "compound" and view.lemma(t.head) in self.modified:
                    continue
                specs = self.lex.nouns.get(lem)
                nominal = True
                verb = self.lex.verb_forms.get(t.text.lower())
                if verb is not None and _object_follows(view, t.i):
                    specs, nominal = self.lex.verbs.get(verb), False
                elif not specs and (past := self._past_form(t.text.lower(), lem)):
                    # "relatives of the disappeared protested": a past tense the small
                    # parser tagged as a noun it does not know is still the verb
                    specs, nominal = self.lex.verbs.get(past), False
                elif not specs and (present := self._headline_verb(view, t.i, lem)):
                    # "Military retakes last rebel-held building": a headline's present
                    # tense the small parser tagged as a plural noun
                    specs, nominal = self.lex.verbs.get(present), False
            else:
                continue
            if not specs:
                continue
            if nominal and _state_in_protest(view, anchors, t.i, specs):
                continue
            if nominal and self._broken(view, t.i, specs):
                continue
            cand = self._match(view, anchors, t.i, specs, nominal)
            if cand is None:
                continue
            if (
                cand.spec.plover_type == "PROTEST"
                and not cand.nominal
                and view.lemma(t.i) in CARRYING_VERBS
                and self._people_object(view, anchors, t.i, DRIVEN_PRONOUNS)
            ):
                continue  # "took him to the headquarters": no one took to the streets
            if cand.end <= t.end and _hyphen_first(view, t.i):
                continue  # "riot-control agents", "the strike-hit port": a modifier
            if (
                cand.start >= t.start
                and _hyphen_modifier(view, t.i)
                and self._event_word(view.lemma(t.i - 2))
            ):
                continue  # "hit" in "the strike-hit port": the strike's, told before
            out.append(cand)
        return out + self._hyphenated(view, out)

    def _hyphenated(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """Trigger words written with a hyphen ("sit-in", "shoot-out", "gang-raped") that the
        parser split and the word-by-word search missed (the small parser reads "staged a
        sit-in" as a noun "sit" with a particle "in"): the two parts and the hyphen, looked
        up as one word, by their words or lemmas."""
        out: list[Candidate] = []
        for i in range(view.first, view.last):
            if not _hyphen_first(view, i):
                continue
            j = i + 2
            start, end = view.tok(i).start, view.tok(j).end
            if any(c.start < end and start < c.end for c in (*found, *out)):
                continue
            for key in (f"{view.word(i)}-{view.word(j)}", f"{view.lemma(i)}-{view.lemma(j)}"):
                nominal = key in self.lex.nouns
                specs = self.lex.nouns.get(key) or self.lex.verbs.get(key) or ()
                spec = next((s for s in specs if s.needs is None and s.extra is None), None)
                if spec is not None:
                    # the part whose head lies outside the word heads it
                    head = i if view.tok(i).head not in (i + 1, j) else j
                    out.append(Candidate(head, spec, nominal, start, end))
                    break
        return out

    def _event_word(self, lemma: str) -> bool:
        """Whether ``lemma`` is a trigger word, noun or verb."""
        return lemma in self.lex.nouns or lemma in self.lex.verbs

    def _left_behind(
        self, view: SentenceView, anchors: Anchors, i: int, specs: tuple[TriggerSpec, ...]
    ) -> bool:
        """A withdrawal verb's participle that only describes a thing left behind
        ("motorbikes lying abandoned", "abandoned houses"), or one whose object is people
        who are no force pulled out ("pulled out several men and stoned them"): no one
        withdrew."""
        if not all(s.plover_type == "RETREAT" for s in specs):
            return False
        if stative_participle(view, i, self.grounds):
            return True
        subject = view.child(i, frozenset({"nsubj"}))
        if subject is not None and view.lemma(subject) in RESCUERS:
            return True  # "rescuers pulled out four miners alive"
        if view.lemma(i) in HANDED:  # "handed over 30 child soldiers to UNICEF"
            return self._people_object(view, anchors, i, kinds=HANDED_KINDS)
        return view.lemma(i) in PULLED and self._people_object(view, anchors, i)

    def _broken(self, view: SentenceView, i: int, specs: tuple[TriggerSpec, ...]) -> bool:
        """An agreement noun that a verb breaks ("Pakistan violates ceasefire"): no agreement."""
        if not any(s.acled == AGREEMENT for s in specs) or view.tok(i).dep not in ("dobj", "obj"):
            return False
        head = view.head(i)
        return head is not None and view.lemma(head) in self.lex.word_sets["breaking_verbs"]

    def _driven(
        self, view: SentenceView, anchors: Anchors, i: int, specs: tuple[TriggerSpec, ...]
    ) -> bool:
        """A protest verb with people as its direct object drives them, no one protests
        ("armed men marched the passengers into the forest", "rallied supporters")."""
        if view.lemma(i) not in DRIVING_VERBS or not all(s.plover_type == "PROTEST" for s in specs):
            return False
        return self._people_object(view, anchors, i, DRIVEN_PRONOUNS)

    def _people_object(
        self,
        view: SentenceView,
        anchors: Anchors,
        i: int,
        pronouns: frozenset[str] | None = None,
        kinds: frozenset[str] = PEOPLE,
    ) -> bool:
        """Whether the verb at ``i`` has people as its direct object (``object_class`` one
        of ``kinds``); with ``pronouns``, a pronoun object is people when it is one of them."""
        obj = view.child(i, frozenset({"dobj"}))
        if obj is None:
            return False
        if pronouns is not None and view.tok(obj).pos == "PRON":
            return view.word(obj) in pronouns
        return object_class(view, anchors, self.lex, obj) in kinds

    def _social(self, view: SentenceView, i: int, lemma: str) -> bool:
        """A gathering for a purpose that is no demonstration ("relatives gathered on Tuesday
        to bury four of the seven people killed"): no protest."""
        if lemma not in self.lex.protest_patients:
            return False
        purposes = self.lex.word_sets["social_purposes"]
        return any(
            view.lemma(k) in purposes for k in view.children(i, frozenset({"xcomp", "advcl"}))
        )

    def _headline_verb(self, view: SentenceView, i: int, lemma: str) -> str | None:
        """The trigger verb whose present tense the plural noun at ``i`` is, when it has no
        determiner or owner of its own, a noun before it and an object, a name or a place
        after it ("ELN names new commander", "car bomb explodes in Kabul"); only verbs that
        are no event noun ("attacks" stays the noun)."""
        t = view.tok(i)
        word = t.text.lower()
        if t.tag != "NNS" or not word.endswith("s") or i + 1 >= view.last or i == view.first:
            return None
        if view.children(i, frozenset({"det", "poss", "nummod"})):
            return None
        if view.tok(i - 1).pos not in ("NOUN", "PROPN", "ADJ"):
            return None
        nxt = view.tok(i + 1)
        if nxt.pos not in HEADLINE_OBJECTS and view.lemma(i + 1) not in HEADLINE_PREPS:
            return None
        for stem in (lemma, word[:-1], word[:-2]):
            if stem in self.lex.verbs and stem not in self.lex.nouns:
                return stem
        return None

    def _past_form(self, word: str, lemma: str) -> str | None:
        """The trigger verb whose past tense ``word`` is, when the parser left it unlemmatised
        as a noun ("protested", "rallied", "demonstrated")."""
        if lemma != word or not word.endswith("ed") or len(word) < 6:
            return None
        for stem in (word[:-2], word[:-1], word[:-3] + "y", word[:-3]):
            if stem in self.lex.verbs:
                return stem
        return None

    def _match(
        self,
        view: SentenceView,
        anchors: Anchors,
        i: int,
        specs: tuple[TriggerSpec, ...],
        nominal: bool,
    ) -> Candidate | None:
        t = view.tok(i)
        obj = object_head(view, i, nominal)
        # "seize the opportunity", "take part": an idiom's direct object, not a target
        if (
            obj is not None
            and not nominal
            and view.tok(obj).dep in ("dobj", "obj")
            and view.lemma(obj) in self.abstract
            and not any(spec.needs == "base" for spec in specs)  # "opened an office"
            and not all(spec.plover_type == "PROTEST" for spec in specs)  # "picketed the office"
            and not any(view.lemma(p) == "of" for p in view.children(obj, frozenset({"prep"})))
            # "stormed the electoral commission office", "the governor's office": a building
            and not (
                view.lemma(obj) in self.owned
                and view.children(obj, frozenset({"compound", "poss", "amod"}))
            )
        ):
            return None
        for spec in specs:
            start, end = t.start, t.end
            hit: int | None = None
            if spec.extra is not None:
                hit = self._extra(view, i, spec.extra, nominal)
                if hit is None:
                    continue
                start, end = min(start, view.tok(hit).start), max(end, view.tok(hit).end)
                if spec.needs is None:
                    return Candidate(i, spec, nominal, start, end)
            if spec.needs == "projectile":
                # "rockets landed near the embassy", "a shell fell on a house": what fell
                subject = view.child(i, frozenset({"nsubj"}))
                if (
                    subject is not None
                    and view.lemma(subject) in self.lex.word_sets["quantity_nouns"]
                ):  # "scores of Grad rockets rained down": what is counted
                    what = counted(view, subject)
                    subject = subject if what is None else what
                # a sentence's first word may be left a plural proper noun ("Rockets")
                said = view.lemma(subject) if subject is not None else ""
                if said not in self.projectiles and said.removesuffix("s") not in self.projectiles:
                    continue
                return Candidate(i, spec, nominal, start, end)
            if spec.needs is not None:
                target = obj
                if spec.extra is not None and obj is not None and view.lemma(obj) == spec.extra:
                    target = object_head(view, obj, True)
                if hit is not None and view.tok(hit).dep == "prep":
                    # "turned the hotel into a base": what the preposition names
                    target = view.child(hit, frozenset({"pobj"}))
                if spec.needs == "armed":
                    if not self._armed(view, anchors, target):
                        continue
                elif spec.needs == "leader":
                    leaders = self.lex.word_sets["leader_nouns"]
                    if target is None or view.lemma(target) not in leaders:
                        continue
                elif not _satisfied(
                    spec.needs, object_class(view, anchors, self.lex, target)
                ) and not (not nominal and "person" in spec.needs and _to_death(view, i)):
                    continue
            return Candidate(i, spec, nominal, start, end)
        return None

    def _armed(self, view: SentenceView, anchors: Anchors, target: int | None) -> bool:
        """Whether an object names armed men ("engaged Maoist rebels", "engaged Boko Haram"):
        forces or armed fighters by their noun, or an armed group the actors stage found."""
        if target is None:
            return False
        if noun_forms(view, target) & self.armed:
            return True
        t = view.tok(target)
        ref = anchors.actor_at(t.start, t.end)
        return ref is not None and anchors.actor_kind(ref) in ARMED_KINDS

    def _extra(self, view: SentenceView, i: int, word: str, nominal: bool) -> int | None:
        if nominal and word.startswith("of "):
            # "an exchange of fire": the word is the object of the noun's "of"
            for p in view.children(i, frozenset({"prep"})):
                if view.lemma(p) == "of":
                    for k in view.children(p, frozenset({"pobj"})):
                        if view.lemma(k) == word[3:] or view.tok(k).text.lower() == word[3:]:
                            return k
            return None
        if nominal:
            for k in view.children(i, NOUN_MODIFIERS):
                if view.lemma(k) == word or view.tok(k).text.lower() == word:
                    return k
            prev = i - 1
            if prev >= view.first and view.lemma(prev) == word:
                return prev
            up = view.head(i)
            if view.tok(i).dep == "pobj" and up is not None and view.lemma(up) == word:
                return up  # "went on a strike": the noun's preposition
            return None
        up = view.head(i)
        reduced = view.tok(i).dep == "acl" and view.tok(i).tag == "VBN"
        if up is not None and reduced and word in (view.lemma(up), view.tok(up).text.lower()):
            return up  # "the poisonous gas used by the militants": a reduced relative
        for k in view.children(i, EXTRA_DEPS):
            if view.lemma(k) == word or view.tok(k).text.lower() == word:
                return k  # "found the bodies", and "bodies were found"
            # "set a police station on fire": the word as a preposition's object
            if view.tok(k).dep == "prep":
                for q in view.children(k, frozenset({"pobj"})):
                    if view.lemma(q) == word:
                        return q
        return None
