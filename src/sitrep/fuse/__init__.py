"""Fusion across articles: incidents from event mentions, and a dated control timeline."""

from .control import ControlEntry, control_timelines
from .incidents import Incident, fuse_incidents
from .mentions import EventMention, mentions_from_document
from .observations import Observation
from .statements import ControlStatement, statements_from_document

__all__ = [
    "ControlEntry",
    "ControlStatement",
    "EventMention",
    "Incident",
    "Observation",
    "control_timelines",
    "fuse_incidents",
    "mentions_from_document",
    "statements_from_document",
]
