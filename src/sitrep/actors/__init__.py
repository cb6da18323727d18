"""Actors: the registry of who is who, and the stage that finds them in an article."""

from .lookup import actor_at, actor_ref, actors_in_span, generic_actor
from .registry import Registry, RegistryEntry
from .stage import ActorsStage

__all__ = [
    "ActorsStage",
    "Registry",
    "RegistryEntry",
    "actor_at",
    "actor_ref",
    "actors_in_span",
    "generic_actor",
]
