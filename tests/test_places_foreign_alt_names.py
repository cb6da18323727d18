"""A small place abroad known only by another name it shares with other places is no match
in a story placed elsewhere ("the Tirah valley" beside Pakistani troops is no Israeli
town once called Tirah); a place's own name abroad still is. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["IL", "PK", "LB"]


def _countries(doc: Document, text: str) -> list[str | None]:
    return [p.country for p in doc.places if p.text == text and p.lat is not None]


def test_places_shared_other_name_abroad_is_no_match(places: Callable[[str], Document]) -> None:
    doc = places("Pakistani troops cleared the Tirah valley of Pakistani militants on Sunday.")
    assert "IL" not in _countries(doc, "Tirah")


def test_places_shared_other_name_at_home_still_matches(
    places: Callable[[str], Document],
) -> None:
    doc = places("Israeli police said a man was stabbed in Tirah on Monday.")
    assert _countries(doc, "Tirah") == ["IL"]


def test_places_own_name_abroad_still_matches(places: Callable[[str], Document]) -> None:
    doc = places("An Israeli drone struck a car in Bint Jbeil on Tuesday, the army said.")
    assert _countries(doc, "Bint Jbeil") == ["LB"]
