"""Claims: who says what, how they say it, and how many independent sources agree."""

from .corroboration import Corroboration, corroboration, event_corroboration
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
]
