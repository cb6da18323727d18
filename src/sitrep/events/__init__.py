"""Events: who did what to whom, where and when, and whether it happened at all.

``EventsStage`` finds triggers and codes them (PLOVER type and mode, ACLED type and
sub-type, actors, place, modality, fatalities, confidence); ``DatesStage`` dates them.
"""

from .dates import DatesStage
from .stage import EventsStage

__all__ = ["DatesStage", "EventsStage"]
