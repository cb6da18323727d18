"""Claims: who says what, how they say it, and how many independent sources agree.

- ``ClaimsStage(registry)`` requires (sentences, tokens, actors, events) and assigns
  (claims, events): claims with speakers, cues, content spans, quote flags and stances;
  each event's ``sources`` (the speakers of the claims about it, else the outlet and its
  wire credits); and ``reported`` / ``alleged`` / ``denied`` modality from attribution.
- ``corroboration(sources, stances)`` counts independent sources, flags cross-alignment
  agreement and contradiction; ``event_corroboration(doc, event)`` applies it to one event.
- Source profiles (``data/claims/sources.yaml``): kind, alignment, seat and reach of the
  outlets and monitors that conflict reporting cites.
"""

from .corroboration import Corroboration, corroboration, event_corroboration, event_support
from .profiles import SourceProfile, SourceProfiles, default_profiles
from .stage import ClaimsStage

__all__ = [
    "ClaimsStage",
    "Corroboration",
    "SourceProfile",
    "SourceProfiles",
    "corroboration",
    "default_profiles",
    "event_corroboration",
    "event_support",
]
