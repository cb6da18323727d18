"""The events stage: sentences to PLOVER/ACLED events with roles, place and modality.

For each sentence that is not a heading or boilerplate: find triggers (``detect``), give
each its agent and patient from the parse (``roles``), merge what is one event ("targeted by
Israeli airstrikes" is the airstrikes; "killing 6" gives fatalities to the attack), then
code it: PLOVER type and mode from the lexicon, ACLED sub-type from the trigger's family
and the words around it (``acled``), modality (``modality``), fatalities
(``fatalities``), and a place: from the event's own clause or the clauses above it, else
the last place named one or two sentences before in the same paragraph, else the
document's focus (``fallback``: not a foreign dateline city for fighting elsewhere).
A list of places taken or left ("Aleppo and Hama") gives one event each.

Confidence starts from the trigger's lexicon weight, gains for a specific weapon or
target cue, a resolved actor and a place in the clause, loses for vague violence and
background phrases ("after ...", "amid ..."), and is scaled by modality (a hypothetical
counts half). Events under ``min_confidence`` are dropped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..actors.registry import Registry
from ..ids import digest
from ..models import FACTUAL_MODALITIES, ActorRef, Document, Event, Mention, Place
from .acled import AcledCoder
from .acled_context import AcledContext
from .anchors import Anchors
from .clauses import accidental, apart_tokens, cause_tokens, grievance_tokens
from .crowds import PlaceActors, state_opposite
from .dates import DatesStage
from .detect import Candidate, TriggerFinder, object_class, object_head
from .fallback import document_votes, fallback_place
from .fatalities import FatalityCounter, killer_trigger
from .lexicon import Lexicon, load_lexicon
from .modality import ModalityJudge
from .resolver import ActorResolver
from .roles import (
    RoleHeads,
    agent_head_lemma,
    crowd_first,
    noun_roles,
    verb_roles,
)
from .salience import (
    ADDITION_FACTOR,
    BACKGROUND_FACTOR,
    DESCRIPTION_FACTOR,
    addition,
    agent_clauses,
    background,
    charge_discount,
    description,
    grievance_discount,
    in_subject_clause,
    property_yields,
    speech_discount,
)
from .scene import bracketed_scene, clause_places, finer_place, sentence_place
from .sequel import protests_met
from .syntax import SentenceView
from .tags import NoteTags
from .typer import Retyper

__all__ = ["DatesStage", "EventsStage"]

MODALITY_FACTOR = {
    "asserted": 1.0,
    "reported": 0.95,
    "alleged": 0.85,
    "future": 0.6,
    "hypothetical": 0.5,
    "negated": 0.5,
    "denied": 0.5,
}
VIOLENT_TYPES = frozenset({"ASSAULT", "PROTEST"})
LIST_PRUNE = frozenset({"appos", "relcl", "acl", "poss", "advcl", "parataxis"})
PLACE_LOOKBACK = 2  # sentences of the same paragraph an event may take its place from
VAGUE_FAMILIES = frozenset({"VIOLENCE"})
HARM_CODES = frozenset({"DESTROY", "PROPERTY_DISTRUCT", "VIOLENCE"})
VAGUE_PENALTY = 0.1
# a violent participle or clause on a deployment noun ("a patrol ambushed on the road"):
# the deployed are the target, no deployment is the news
VICTIM_CLAUSES = frozenset({"acl", "relcl", "amod"})
TERRITORIAL = frozenset({("COERCE", "seize"), ("RETREAT", "withdraw"), ("MOBILIZE", "troops")})


@dataclass(slots=True)
class Draft:
    cand: Candidate
    roles: RoleHeads
    agents: list[ActorRef] = field(default_factory=list)
    patients: list[ActorRef] = field(default_factory=list)
    dropped: bool = False


class EventsStage:
    """Trigger lexicon plus dependency rules; one pass over the parsed sentences."""

    name = "events"
    requires = ("sentences", "tokens", "entities", "actors", "places", "focus")
    assigns = ("events",)

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        min_confidence: float = 0.2,
        *,
        learned: bool = True,
        registry: Registry | None = None,
    ):
        self.lex = lexicon or load_lexicon()
        # the packaged sub-type model's second opinion (``typer``); off to train it
        self.typer = Retyper.load() if learned else None
        self.min_confidence = min_confidence
        self.finder = TriggerFinder(self.lex)
        self.judge = ModalityJudge(self.lex.modality)
        self.counter = FatalityCounter(self.lex.numbers)
        self.coder = AcledCoder(self.lex)
        # explosion nouns, and what makes one an accident when it names their source
        self.blasts = self.lex.word_sets["explosion_nouns"]
        self.accident_sources = self.lex.word_sets["explosion_sources"]
        self.place_actors = PlaceActors(registry or Registry.load(), self.coder)
        self.tags = NoteTags(self.lex)
        # nouns for the people of an event ("protesters"): their "from" phrase is an origin
        self.participants = self.lex.word_sets["agent_nouns"] | self.lex.word_sets["person_nouns"]

    def __call__(self, doc: Document) -> Document:
        anchors = Anchors(doc)
        events: list[Event] = []
        attacked = False  # a factual attack told so far
        for sentence in doc.sentences:
            if sentence.heading or sentence.boilerplate:
                continue
            view = SentenceView(doc, sentence)
            cands = self.finder.find(view, anchors)
            if attacked:
                # "fired rockets toward the posts. ... the rockets likely fell in open areas":
                # the landing of what an attack told before it fired
                cands = [c for c in cands if c.spec.needs != "projectile"]
            if cands:
                told = self._sentence_events(doc, view, anchors, cands)
                events.extend(told)
                attacked = attacked or any(
                    e.plover_type == "ASSAULT" and e.modality in FACTUAL_MODALITIES for e in told
                )
        if self.typer is not None:
            events = list(self.typer(doc, events))
        return dataclasses.replace(doc, events=tuple(self.tags(doc, protests_met(events))))

    def _drafts(self, view: SentenceView, anchors: Anchors, cands: list[Candidate]) -> list[Draft]:
        resolver = ActorResolver(view, anchors, self.lex)
        drafts: list[Draft] = []
        for c in cands:
            roles = (
                noun_roles(view, c.index, self.lex, anchors)
                if c.nominal
                else verb_roles(view, c.index)
            )
            agents = resolver.resolve(roles.agent)
            for extra in roles.more_agents:
                agents += [r for r in resolver.resolve(extra) if all(r.id != a.id for a in agents)]
            d = Draft(c, roles, agents, resolver.resolve(roles.patient))
            drafts.append(d)
        by_index = {d.cand.index: d for d in drafts}
        violent = [
            d
            for d in drafts
            if d.cand.spec.plover_type in VIOLENT_TYPES
            and not d.cand.spec.consequence
            # property burned does not take "killed ten" as its consequence
            and d.cand.spec.acled not in HARM_CODES - VAGUE_FAMILIES
        ]
        for d in drafts:
            c = d.cand
            if c.nominal and c.spec.plover_type == "MOBILIZE" and any(
                v.cand.index in view.children(c.index, VICTIM_CLAUSES) for v in violent
            ):
                d.dropped = True  # "a patrol ambushed on the road": the patrol is the target
                continue
            if c.nominal:
                if c.spec.key in self.blasts and any(
                    view.lemma(k) in self.accident_sources
                    for k in view.children(c.index, frozenset({"compound", "nmod"}))
                ):
                    d.dropped = True  # "a gas cylinder blast at a restaurant": an accident
                continue
            # "proxies have been targeted by Israeli airstrikes": the noun is the event
            for head in (d.roles.agent,):
                noun = by_index.get(head) if head is not None else None
                if noun is not None and noun.cand.nominal and noun is not d:
                    if not noun.patients:
                        noun.patients = d.patients
                    d.dropped = True
            # "killed five in a market, two days after a suicide bomber struck a mosque": a
            # result told apart from another attack is not that attack's
            apart = apart_tokens(view, c.index) if c.spec.consequence else set()
            if c.spec.consequence and any(
                v is not d and not v.dropped and v.cand.index not in apart for v in violent
            ):
                d.dropped = True
            if c.spec.needs == "projectile" and any(
                v is not d and not v.dropped and v.cand.spec.needs != "projectile" for v in violent
            ):
                d.dropped = True  # "fired rockets that landed near the post": one attack
            if (c.spec.consequence or c.spec.acled in HARM_CODES) and accidental(
                view, anchors, self.lex, d.roles.agent, object_head(view, c.index, c.nominal)
            ):
                d.dropped = True  # "a fire in a hospital ward killed four babies"
            if c.spec.plover_type == "COERCE":
                # "dismantled an IED", "seized a car bomb": the weapon is what was stopped
                obj = by_index.get(object_head(view, c.index, False) or -1)
                if obj is not None and obj.cand.nominal and obj.cand.spec.plover_type == "ASSAULT":
                    obj.dropped = True
            if c.spec.plover_type == "CONSULT":
                for a in view.ancestors(c.index):
                    up = by_index.get(a)
                    if up is not None and up.cand.spec.plover_type == "CONSULT":
                        d.dropped = True
                        break
        return [d for d in drafts if not d.dropped]

    def _sentence_events(
        self, doc: Document, view: SentenceView, anchors: Anchors, cands: list[Candidate]
    ) -> list[Event]:
        drafts = self._drafts(view, anchors, cands)
        deaths: int | None = None
        violent = [d for d in drafts if d.cand.spec.plover_type in VIOLENT_TYPES]
        killer: Draft | None = None
        if violent:
            deaths, word = self.counter.count_at(view)
            cause = cause_tokens(view, self.coder.crowd_words)
            at = killer_trigger(view, [d.cand.index for d in violent], word, cause)
            killer = next((d for d in violent if d.cand.index == at), None) or max(
                violent, key=lambda d: d.cand.spec.weight
            )
        out: list[Event] = []
        for d in sorted(drafts, key=lambda d: -d.cand.spec.weight):
            fatalities = deaths if d is killer else None
            out.extend(self._events(doc, view, anchors, d, fatalities))
        out = grievance_discount(view, out, self.coder.grievance_heads, self.coder.grievance_preps)
        out = speech_discount(view, out)
        out = property_yields(charge_discount(view, out, self.coder.charge_heads))
        out.sort(key=lambda e: (e.trigger.start, e.place.start if e.place else -1))
        return [e for e in out if e.confidence >= self.min_confidence]

    def _events(
        self, doc: Document, view: SentenceView, anchors: Anchors, d: Draft, fatalities: int | None
    ) -> list[Event]:
        c, spec = d.cand, d.cand.spec
        modality = self.judge.judge(view, c.index, c.nominal)
        obj = object_head(view, c.index, c.nominal)
        obj_cls = object_class(view, anchors, self.lex, obj)
        agent_text = ""
        if d.roles.agent is not None:
            a, b = view.compact_span(d.roles.agent)
            agent_text = view.text(a, b)
        agent_kind = anchors.actor_kind(d.agents[0]) if d.agents else ""
        target = d.roles.patient if d.roles.patient is not None else obj
        patient_text = view.span_string(view.subtree(target)) if target is not None else ""
        agent_span = set(view.subtree(d.roles.agent)) if d.roles.agent is not None else set()
        context = view.span_string([k for k in range(view.first, view.last) if k not in agent_span])
        ctx = AcledContext(
            agent_text + " " + " ".join(r.name for r in d.agents),
            agent_kind,
            patient_text,
            obj_cls,
            context,
            view.span_string([target]) if target is not None else "",
            view.span_string(sorted(agent_span)),
            agent_clauses(view, d.roles.agent, c.index),
            c.index,
            agent_head_lemma(view, d.roles.agent, c.index, c.nominal),
        )
        code, specific = self.coder.code(spec.acled, view, ctx)

        exclude = [view.compact_span(h) for h in (d.roles.agent,) if h is not None]
        exclude += [(m.start, m.end) for r in d.agents for m in _mentions(doc, r)]
        if spec.plover_type == "PROTEST":
            # "a protest against the killing of workers in Zamfara": what the protest is
            # against happened elsewhere
            grievance = grievance_tokens(
                view, self.coder.grievance_heads, self.coder.grievance_preps
            )
            exclude += [(view.tok(k).start, view.tok(k).end) for k in grievance if k != c.index]
        found = self._places(view, anchors, d, obj, exclude)
        found = [
            anchors.known_near(anchors.coded(p), view.sentence.i, PLACE_LOOKBACK) for p in found
        ]
        in_clause = bool(found)
        found = bracketed_scene(anchors, view.sentence, found)
        if not found:
            earlier = anchors.place_before(view.sentence.i, PLACE_LOOKBACK)
            earlier = earlier or sentence_place(view, anchors, exclude)
            found = [earlier] if earlier is not None else []
        places: list[Place | None] = list(found)
        if not found:
            votes = document_votes(doc)
            roles = [*d.agents, *d.patients]
            places = [fallback_place(doc, view.sentence, spec.plover_type, roles, votes)]
        if anchors.coded_all is not None:  # "Coded at Tel Aviv.": the note says where
            places = [anchors.coded_all]
        acled_type, acled_sub = self.coder.types(self.coder.foreign(code, doc, d.agents, places[0]))

        conf = spec.weight + (0.15 if specific else 0.0) + (0.05 if d.agents else 0.0)
        if spec.acled in VAGUE_FAMILIES and not specific:
            conf -= VAGUE_PENALTY  # "attacked", "hit": violence of no known kind
        if c.nominal and any(
            view.tok(a).dep == "appos" for a in [c.index, *view.ancestors(c.index)]
        ):
            conf *= 0.7  # "Aleppo, the scene of fierce fighting": background, not news
        if background(view, c.index):
            conf *= BACKGROUND_FACTOR
        if addition(view, c.index):
            conf *= ADDITION_FACTOR  # "Russian forces also shelled ..." after the lead
        if description(view, c) or in_subject_clause(view, c.index):
            conf *= DESCRIPTION_FACTOR  # "the captured soldiers", "a detained trader"
        conf += 0.03 if in_clause else 0.0
        conf = max(0.01, min(0.99, conf * MODALITY_FACTOR[modality]))

        agents = crowd_first(anchors, view, acled_type, acled_sub, d.agents)
        if spec.plover_type == "ASSAULT":
            agents = self.place_actors.armed(anchors, agents)
        if modality in FACTUAL_MODALITIES:  # no crowd for "to prevent potential protests"
            agents = self.place_actors.crowd(anchors, acled_type, acled_sub, places[0], agents)
        agents, patients = state_opposite(anchors, view, acled_sub, agents, d.patients)
        guard = self.place_actors.guard(view, code, c.index, places[0], agents)
        if guard is not None:  # who fired is the interception's target
            agents, patients = [guard], agents[:1]
        actor1 = agents[0] if agents else None
        more = tuple(agents[1:])
        actor2 = patients[0] if patients else None
        if actor2 is not None and actor1 is not None and actor2.id == actor1.id:
            actor2 = None
        if actor2 is None and more and acled_sub == "Armed clash":
            actor2, more = more[0], more[1:]  # "the SAF and the RSF clashed": two sides
        trigger = Mention(
            doc.article.text[c.start : c.end], c.start, c.end, "noun" if c.nominal else "verb"
        )
        events = []
        for place in places:
            key = place.start if (place is not None and len(places) > 1) else -1
            events.append(
                Event(
                    id="ev-" + digest(doc.article.id, c.start, c.end, key),
                    sentence=view.sentence.i,
                    trigger=trigger,
                    plover_type=spec.plover_type,
                    plover_mode=spec.plover_mode,
                    acled_event_type=acled_type,
                    acled_sub_event_type=acled_sub,
                    actor1=actor1,
                    actor2=actor2,
                    actor1_more=more,
                    place=place,
                    modality=modality,
                    fatalities=fatalities,
                    confidence=round(conf, 3),
                    method=f"lexicon:{spec.key}",
                )
            )
        return events

    def _places(
        self,
        view: SentenceView,
        anchors: Anchors,
        d: Draft,
        obj: int | None,
        exclude: list[tuple[int, int]],
    ) -> list[Place]:
        spec = d.cand.spec
        if obj is not None and (spec.plover_type, spec.plover_mode) in TERRITORIAL:
            # coordinated or listed places only: "the city of Daraa, the cradle of Syria's
            # uprising" names one place taken, not two
            listed: list[Place] = []
            objects = [obj]
            # "pulled out of Deir ez-Zor and of the town of Mayadeen": coordinated
            # prepositions up the chain from the object
            prep = view.head(obj) if view.tok(obj).dep == "pobj" else None
            while prep is not None and view.tok(prep).dep == "prep":
                for q in view.children(prep, frozenset({"conj"})):
                    objects.extend(view.children(q, frozenset({"pobj"})))
                prep = view.head(prep)
            tokens = [k for o in objects for k in view.pruned_subtree(o, LIST_PRUNE)]
            for k in tokens:
                t = view.tok(k)
                p = anchors.place_for_span(t.start, t.end)
                if p is not None and t.dep != "poss" and all(p is not q for q in listed):
                    listed.append(p)
            if len(listed) > 1:
                # "the seizure of key cities, including Aleppo and Hama": one event per city
                return listed
        heads = [d.cand.index]
        if d.cand.nominal and d.roles.verb is not None:
            heads.append(d.roles.verb)
        # "protesters from Puno marched in Lima": where the people came from is no scene
        origin = d.cand.nominal and view.lemma(d.cand.index) in self.participants
        for h in heads:
            found = clause_places(view, anchors, h, exclude, skip_from=origin and h == heads[0])
            aimed = spec.plover_type == "ASSAULT"
            if aimed and found and all(anchors.launched_from(p) for p in found):
                # "The missiles were fired from the Berdiansk area": where they were fired
                # from is no scene; the sentences before say where they fell
                return []
            if found:
                s = view.sentence
                return [
                    finer_place(
                        view, anchors, anchors.scene(found, s.start, s.end, exclude, aimed), exclude
                    )
                ]
        return []


def _mentions(doc: Document, ref: ActorRef) -> list[Mention]:
    for actor in doc.actors:
        if actor.id == ref.id:
            return [m for m in actor.mentions if m.text == ref.text]
    return []
