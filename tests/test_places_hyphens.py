"""A hyphenated village the gazetteer does not know, written before its areas in brackets
as ACLED writes it, lends none of its parts to a namesake town ("Buda" of
"Seredyna-Buda", "Sainte" of "Sainte-Soline"); a known hyphened name is found though spaCy
takes its first word for a common noun ("Port-au-Prince"). Notes written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["UA", "FR", "KE", "HU", "HT"]


def test_places_hyphens_known_whole_name_wins_over_its_part(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "On 7 December 2023, Russian forces shelled Seredyna-Buda (Shostkynskyi, Sumy) "
        "with mortars."
    )
    names = {p.text: p for p in doc.places}
    assert "Buda" not in names
    assert names["Seredyna-Buda"].country == "UA"


def test_places_hyphens_unknown_village_lends_no_part(places: Callable[[str], Document]) -> None:
    doc = places(
        "On 25 March 2023, in Sainte-Soline (Deux-Sevres, Nouvelle-Aquitaine), protesters "
        "clashed with gendarmes."
    )
    texts = [p.text for p in doc.places]
    assert "Sainte" not in texts and "Soline" not in texts
    assert "Deux-Sevres" in texts  # the bracket still names the village's department


def test_places_hyphens_pair_of_places_keeps_both(places: Callable[[str], Document]) -> None:
    doc = places("On 20 March 2023, protesters blocked the Kisumu-Busia highway in Kenya.")
    assert {"Kisumu", "Busia"} <= {p.text for p in doc.places}


def test_places_hyphens_name_opened_by_a_word_taken_for_a_noun(
    places: Callable[[str], Document],
) -> None:
    # spaCy tags "Port" (and "au") of the bracket as common nouns
    doc = places("On 17 August 2023, in Cite Soleil (Port-au-Prince, Ouest), the gangs clashed.")
    assert ("Port-au-Prince", "HT") in [(p.text, p.country) for p in doc.places]
