"""Span lookups over hand-built documents (no parser needed)."""

from __future__ import annotations

from sitrep.actors import actor_at, actors_in_span
from sitrep.models import Actor, Article, Document, Mention

TEXT = "Turkey-backed rebel forces shelled positions held by the SDF near Manbij."


def _doc() -> Document:
    rebels = Actor(
        "SYR.rebels",
        "Opposition Rebels (Syria)",
        "rebel-group",
        "SYR",
        (Mention("Turkey-backed rebel forces", 0, 26),),
    )
    turkey = Actor("TUR", "Turkey", "country", "TUR", (Mention("Turkey", 0, 6),))
    sdf = Actor(
        "SYR.sdf", "Syrian Democratic Forces", "rebel-group", "SYR", (Mention("SDF", 57, 60),)
    )
    return Document(article=Article(id="a-test", text=TEXT), actors=(rebels, turkey, sdf))


def test_actors_lookup_fixture_offsets_are_right() -> None:
    assert TEXT[57:60] == "SDF" and TEXT[0:26] == "Turkey-backed rebel forces"


def test_actors_lookup_prefers_the_mention_containing_the_span() -> None:
    ref = actor_at(_doc(), 14, 26)
    assert ref is not None and ref.id == "SYR.rebels" and ref.text == "Turkey-backed rebel forces"


def test_actors_lookup_nested_span_prefers_the_longest_containing_mention() -> None:
    ref = actor_at(_doc(), 0, 6)
    assert ref is not None and ref.id == "SYR.rebels"


def test_actors_lookup_no_actor_where_none_is_mentioned() -> None:
    assert actor_at(_doc(), 27, 34) is None


def test_actors_lookup_actors_in_span_leaves_out_nested_mentions() -> None:
    found = actors_in_span(_doc(), 0, len(TEXT))
    assert [a.id for a, _ in found] == ["SYR.rebels", "SYR.sdf"]


def test_actors_lookup_generic_actor_of_a_country() -> None:
    from sitrep.actors import Registry, generic_actor

    registry = Registry.load()
    ref = generic_actor(registry, "protesters", "JOR", "hundreds of people")
    assert ref.id == "JOR.protesters" and ref.name == "Protesters (Jordan)"
    assert generic_actor(registry, "civilians", None, "a man").id == "civilians"
