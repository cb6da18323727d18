"""The focus country follows the places as finally resolved: a village first read as a
namesake abroad and then put in its bracketed area ("X village (Y LGA, Z state)") takes
the story with it. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["NG", "CN", "NE", "MM"]


def test_places_recount_bracketed_area_sets_the_focus(
    places: Callable[[str], Document],
) -> None:
    doc = places("Gunmen kidnapped three farmers in Kuchi village (Munya LGA, Niger state).")
    kuchi = [p for p in doc.places if p.text == "Kuchi"]
    assert kuchi and kuchi[0].country in ("NG", None)
    assert doc.focus.country == "NG"


def test_places_recount_leaves_a_plain_story_alone(places: Callable[[str], Document]) -> None:
    doc = places("Flooding cut the road between Wuhan and Changsha on Sunday.")
    assert doc.focus.country == "CN"
    assert {p.country for p in doc.places if p.role == "mention"} == {"CN"}


def test_places_recount_container_settled_before_what_it_holds(
    places: Callable[[str], Document],
) -> None:
    # "Munya" alone may read as a Burmese town; outside Niger State it is dropped, and
    # Kuchi looks past it to the state instead of being pulled abroad
    doc = places("Bandits attacked Kuchi village in Munya LGA of Niger State, abducting 20.")
    found = {p.text: p.country for p in doc.places if p.role == "mention"}
    assert found.get("Kuchi") == "NG"
    assert found.get("Munya") in ("NG", None)
    assert doc.focus.country == "NG"
