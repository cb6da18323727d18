"""Fusion over a set of documents: incidents and control timelines, with no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Document
from .control import ControlEntry, control_timelines
from .incidents import Incident, fuse_incidents
from .mentions import EventMention, mentions_from_document
from .observations import observations_from_mentions, observations_from_statements
from .statements import ControlStatement, statements_from_document


@dataclass(frozen=True, slots=True)
class Fusion:
    incidents: tuple[Incident, ...]
    timelines: dict[str, list[ControlEntry]]
    mentions: int
    statements: int


def fuse_documents(docs: Iterable[Document]) -> Fusion:
    """Incidents and control timelines over ``docs`` (any order gives the same result)."""
    mentions: list[EventMention] = []
    statements: list[ControlStatement] = []
    for doc in docs:
        mentions.extend(mentions_from_document(doc))
        statements.extend(statements_from_document(doc))
    return fuse_mentions(mentions, statements)


def fuse_mentions(
    mentions: list[EventMention], statements: list[ControlStatement]
) -> Fusion:
    observations = observations_from_mentions(mentions) + observations_from_statements(statements)
    return Fusion(
        incidents=fuse_incidents(mentions),
        timelines=control_timelines(observations),
        mentions=len(mentions),
        statements=len(statements),
    )
