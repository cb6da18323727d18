"""A town the small model labels LANGUAGE is still looked up in the gazetteer."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["ML", "ID"]  # Indonesia has a village Kidal too


def test_places_a_town_the_small_model_calls_a_language_is_looked_up(
    places: Callable[[str], Document],
) -> None:
    # en_core_web_sm labels "Kidal" LANGUAGE here; a language's name is still no place
    doc = places("Gunmen attacked a village near Kidal, Mali.")
    assert any(p.text == "Kidal" and p.country == "ML" for p in doc.places)
    said = places("The statement was written in Arabic and English.")
    assert not said.places
