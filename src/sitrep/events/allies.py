"""Foreign forces on a host government's side: ground they take with it is the government's.

ACLED codes ground a foreign state's forces take as a non-state actor overtaking territory
(Russia's in Ukraine): only a country's own government regains its territory. Forces a
host government invited and that fight with it are another matter: Rwandan troops
retaking a town in Cabo Delgado, FAMa and Wagner forces taking Kidal. They count as the
government's side when its own forces act with them (among the agents, or named just
after an alliance word: "alongside the Mozambican army"), or when the deployment is a
known one on the event's date (``foreign_gain.allies`` in ``acled_rules.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..actors.entries import in_period
from ..actors.lookup import actor_by_id
from ..geo import alpha2
from ..models import Actor, ActorRef, Document, Place

_HOST_KINDS = frozenset({"state-forces", "government"})
_CUE_WINDOW = 40  # characters before a mention of the host's forces read for alliance cues


@dataclass(frozen=True, slots=True)
class Deployment:
    """Foreign forces (``ally``: ISO alpha-3 or an actor id) deployed at ``host``'s request."""

    host: str
    ally: str
    start: str | None = None
    end: str | None = None

    def on(self, day: str | None) -> bool:
        """Whether the deployment held on ISO date ``day`` (see ``registry.in_period``)."""
        return in_period(self.start, self.end, day)


class Allies:
    """Whether the forces that took a place fought on its government's side."""

    def __init__(self, deployments: Sequence[Deployment], cues: Sequence[str]):
        self.deployments = tuple(deployments)
        self.cues = tuple(f" {c.casefold()} " for c in cues)

    @classmethod
    def from_rules(cls, rules: Mapping[str, Any]) -> Allies:
        """From the ``foreign_gain`` mapping of ``acled_rules.yaml``."""
        rows = rules.get("allies", ())
        deployments = [
            Deployment(
                str(r["host"]),
                str(r["ally"]),
                str(r["from"]) if r.get("from") else None,
                str(r["until"]) if r.get("until") else None,
            )
            for r in rows
        ]
        return cls(deployments, rules.get("alliance_cues", ()))

    def allied(self, doc: Document, agents: Sequence[ActorRef], place: Place) -> bool:
        """Whether the agents are (or fight with) the place's government."""
        if not place.country:
            return False
        host = place.country.upper()
        actors = {a.id: a for a in doc.actors}
        found = [actors[r.id] for r in agents if r.id in actors]
        if any(_hosts(a, host) for a in found):
            return True  # "FAMa and Wagner forces took control of Kidal"
        day = doc.article.published.isoformat() if doc.article.published else None
        if found and self._deployed(found[0], host, day):
            return True
        return bool(agents) and self._named_with_host(doc, agents[0], host)

    def _deployed(self, actor: Actor, host: str, day: str | None) -> bool:
        own = {actor.id, actor.country or ""}
        return any(alpha2(d.host) == host and d.ally in own and d.on(day) for d in self.deployments)

    def _named_with_host(self, doc: Document, agent: ActorRef, host: str) -> bool:
        """The host's forces named in the agent's sentence right after an alliance word
        ("Rwandan troops, alongside the Mozambican army, retook ...")."""
        actor = actor_by_id(doc, agent.id)
        mention = next((m for m in actor.mentions if m.text == agent.text), None) if actor else None
        if mention is None:
            return False
        sentence = doc.sentence_at(mention.start)
        if sentence is None:
            return False
        text = doc.article.text
        for other in doc.actors:
            if not _hosts(other, host):
                continue
            for m in other.mentions:
                if not sentence.start <= m.start < sentence.end or m.start == mention.start:
                    continue
                window = text[max(sentence.start, m.start - _CUE_WINDOW) : m.start]
                words = " " + " ".join(window.casefold().replace(",", " ").split()) + " "
                if any(words.endswith((c, c + "the ")) for c in self.cues):
                    return True
        return False


def _hosts(actor: Actor, host: str) -> bool:
    """Whether the actor is the host state's own forces or government."""
    return actor.kind in _HOST_KINDS and actor.country is not None and alpha2(actor.country) == host
