"""Actor1 as ACLED codes it: the crowd of a demonstration or a riot ("Protesters
(Kenya)", "Rioters (Israel)") before whoever organised it, and an unidentified armed group
for ordinary people who do political violence."""

from __future__ import annotations

from ..actors.registry import Registry
from ..models import ActorRef, Place
from .acled import AcledCoder
from .anchors import Anchors
from .syntax import SentenceView

# ACLED codes the crowd as the actor of a demonstration or a riot ("Protesters (Jordan)"),
# the group that organised it as an associated actor; force used against protesters is
# the state's act, not the crowd's
CROWD_OF_TYPE = {"Protests": "protesters", "Riots": "rioters"}
STATE_ACTS = frozenset({"Excessive force against protesters"})
CROWD_KINDS = frozenset(CROWD_OF_TYPE.values())
STATE_KINDS = frozenset({"state-forces", "government"})
# a demonstration the state intervened in: ACLED's actor2 is who intervened (excessive
# force is the state's own act, ``STATE_ACTS``)
INTERVENED = frozenset({"Protest with intervention"})
# people who riot without being a crowd actor: ACLED codes them as the crowd of their
# country, an identity militia ("Israeli settlers", "tribesmen") as its associated actor
COMMUNAL_KINDS = frozenset({"civilians", "identity-militia"})
# ACLED codes no civilians as the perpetrators of political violence: "two men shot a
# trader" is an unidentified armed group's attack on a civilian (not explosions: "a farmer's
# tractor hit a mine" names the victim as the subject)
ARMED_TYPES = frozenset({"Battles", "Violence against civilians"})
# a generic actor's id suffix, name of a country's and name without a country, as the
# registry's templates (templates.yaml) give them
RECODED = {
    "protesters": ("protesters", "Protesters", "Protesters"),
    "rioters": ("rioters", "Rioters", "Rioters"),
    "unidentified": (
        "unidentified-armed-group",
        "Unidentified Armed Group",
        "Unidentified armed group",
    ),
}


def crowd_first(
    anchors: Anchors,
    view: SentenceView,
    acled_type: str | None,
    acled_sub: str | None,
    agents: list[ActorRef],
) -> list[ActorRef]:
    """The agents of an event coded as ACLED codes them. A demonstration's or a riot's
    crowd comes first: "IHD members staged a demonstration" has the protesters as actor1
    and IHD after them. The crowd is the document's crowd actor named in the event's
    sentence, else the first one named in the document; a crowd of the other kind is
    recoded ("protesters threw stones" riot as rioters) and so are civilians and communal
    militias who riot ("villagers beat a man", "settlers set cars on fire"). Ordinary
    people who do political violence ("two men shot a trader") are an unidentified armed
    group; with no crowd the agents stay as they are."""
    kind = CROWD_OF_TYPE.get(acled_type or "")
    if kind is None or acled_sub in STATE_ACTS:
        if acled_type in ARMED_TYPES and agents and anchors.actor_kind(agents[0]) == "civilians":
            return [recoded(agents[0], "unidentified"), *agents[1:]]
        return agents
    if agents and anchors.actor_kind(agents[0]) == kind:
        return agents
    sentence = view.sentence
    crowds = [(s, ref) for s, _, ref, k in anchors.actor_mentions if k in CROWD_KINDS]
    here = [ref for s, ref in crowds if sentence.start <= s < sentence.end]
    if agents and anchors.actor_kind(agents[0]) in CROWD_KINDS:
        crowd = agents[0]
    elif here:
        crowd = here[0]
    elif agents and anchors.actor_kind(agents[0]) in COMMUNAL_KINDS and "." in agents[0].id:
        # "residents stoned the house": the residents are the crowd; "settlers set cars on
        # fire": rioters of the settlers' country, the settlers associated with them
        crowd = agents[0]
        if anchors.actor_kind(crowd) != "civilians":
            return [recoded(crowd, kind), *agents]
    elif crowds:
        crowd = crowds[0][1]
    else:
        return agents
    coded = crowd if anchors.actor_kind(crowd) == kind else recoded(crowd, kind)
    return [coded, *(a for a in agents if a.id != crowd.id)]


def recoded(ref: ActorRef, kind: str) -> ActorRef:
    """The same people as another generic actor of their country: "Protesters (Kenya)"
    who riot are "Rioters (Kenya)" (``KEN.rioters``), as the registry's templates name them."""
    suffix, named, generic = RECODED[kind]
    country, dot, _ = ref.id.rpartition(".")
    tail = ref.name[ref.name.rfind(" (") :] if ref.name.endswith(")") else ""
    name = named + tail if dot and tail else generic
    return ActorRef(id=f"{country}{dot}{suffix}", name=name, text=ref.text)


def state_opposite(
    anchors: Anchors,
    view: SentenceView,
    acled_sub: str | None,
    agents: list[ActorRef],
    patients: list[ActorRef],
) -> tuple[list[ActorRef], list[ActorRef]]:
    """The state agents who met a demonstration are its actor2, not the crowd's associates:
    "police detained several protesters during a rally", "police dispersed a sit-in" are
    Protesters with the police opposite them."""
    if acled_sub not in INTERVENED or not agents:
        return agents, patients
    if patients and patients[0].id != agents[0].id:
        return agents, patients
    state = next((a for a in agents[1:] if anchors.actor_kind(a) in STATE_KINDS), None)
    if state is not None:
        return [a for a in agents if a is not state], [state]
    sentence = view.sentence
    named = (
        ref
        for start, _, ref, kind in anchors.actor_mentions
        if sentence.start <= start < sentence.end and kind in STATE_KINDS
    )
    state = next(named, None)
    return (agents, [state]) if state is not None else (agents, patients)


class PlaceActors:
    """Actors ACLED names that a note need not: the crowd of a demonstration named by no
    one ("BNP activists clashed with Awami League supporters during a hartal": Rioters
    (Bangladesh)), and the state whose forces intercepted ("six rockets were intercepted
    over Ashdod": Israel's act, the firer its actor2). Both are of the place's country."""

    def __init__(self, registry: Registry, coder: AcledCoder):
        self.registry = registry
        self.cues = coder.intercept_cues
        # the lemmas of a trigger that is itself the interception ("intercepted", "shot down")
        self.words = frozenset(c.split()[0] for c in self.cues) | {"shoot"}

    def _of(self, place: Place | None, suffix: str) -> ActorRef | None:
        if place is None or not place.country:
            return None
        iso3 = self.registry.iso3_of_iso2(place.country)
        entry = self.registry.get(f"{iso3}.{suffix}") if iso3 else None
        return ActorRef(entry.id, entry.name, "") if entry is not None else None

    def crowd(
        self,
        anchors: Anchors,
        acled_type: str | None,
        acled_sub: str | None,
        place: Place | None,
        agents: list[ActorRef],
    ) -> list[ActorRef]:
        """A demonstration's or a riot's agents with a crowd first: when ``crowd_first``
        found no crowd actor, the crowd of the place's country, whoever else acted after it."""
        kind = CROWD_OF_TYPE.get(acled_type or "")
        if kind is None or acled_sub in STATE_ACTS:
            return agents
        if agents and (
            anchors.actor_kind(agents[0]) in CROWD_KINDS
            or agents[0].id.rpartition(".")[2] in CROWD_KINDS  # recoded: "ISR.rioters"
            or anchors.actor_kind(agents[0]) in STATE_KINDS  # "troops deployed to prevent protests"
        ):
            return agents
        crowd = self._of(place, RECODED[kind][0])
        return [crowd, *agents] if crowd is not None else agents

    def armed(self, anchors: Anchors, agents: list[ActorRef]) -> list[ActorRef]:
        """A state named as the agent of violence is its military forces ("North Korea
        launched a missile", "Israel struck Gaza": Military Forces of Israel)."""
        if not agents or anchors.actor_kind(agents[0]) != "country":
            return agents
        entry = self.registry.get(f"{agents[0].id}.state-forces")
        if entry is None:
            return agents
        return [ActorRef(entry.id, entry.name, agents[0].text), *agents[1:]]

    def guard(
        self,
        view: SentenceView,
        code: str | None,
        trigger: int,
        place: Place | None,
        agents: list[ActorRef],
    ) -> ActorRef | None:
        """The state forces that intercepted what the trigger fired, or that intercepted
        with no interceptor named ("rockets were intercepted over Sderot"). ``None`` when the
        interception's own subject is named ("air defence shot down 12 drones"), when the
        place's forces are the first agent already, or when nothing was intercepted."""
        if code != "DISR_WEAP" or not any(view.has_cue(c) for c in self.cues):
            return None
        if view.lemma(trigger) in self.words and agents:
            return None
        forces = self._of(place, "state-forces")
        if forces is None or (agents and agents[0].id == forces.id):
            return None
        return forces
