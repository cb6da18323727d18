"""Places: the gazetteer, place recognition and resolution, and the places stage."""

from .build import build_gazetteer
from .gazetteer import Entry, Gazetteer, ensure_gazetteer

__all__ = ["Entry", "Gazetteer", "build_gazetteer", "ensure_gazetteer"]
