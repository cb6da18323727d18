"""Romance place names joined by "do", "del", "de la" ... are read whole when the
gazetteer spells them ("Rio Grande do Norte", "Valle del Cauca"), so the town named
before them is placed in that state. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["BR", "CO", "NG", "HT", "RE"]


def _mentions(doc: Document) -> dict[str, tuple[str | None, str | None]]:
    return {p.text: (p.name, p.admin1) for p in doc.places if p.role == "mention"}


def test_places_romance_state_cut_at_its_link_word(places: Callable[[str], Document]) -> None:
    doc = places("On Monday, in Natal (Rio Grande do Norte), inmates rioted in a prison.")
    found = _mentions(doc)
    assert found.get("Rio Grande do Norte") == ("Rio Grande do Norte", "Rio Grande do Norte")
    assert "Rio Grande" not in found
    assert found.get("Natal") == ("Natal", "Rio Grande do Norte")


def test_places_romance_department_found_by_the_scan(places: Callable[[str], Document]) -> None:
    doc = places("On Monday, in Buenaventura (Valle del Cauca), two gangs clashed.")
    found = _mentions(doc)
    assert found.get("Valle del Cauca") == ("Valle del Cauca", "Valle del Cauca")
    assert "Cauca" not in found


def test_places_romance_quarter_after_a_dash_is_part_of_the_town(
    places: Callable[[str], Document],
) -> None:
    # "Boa" (of "Boa Viagem", cut short) is no Nigerian town, and it does not unresolve
    # the city written before the dash
    doc = places("On Monday, in Recife - Boa Viagem (Pernambuco), armed men killed a lawyer.")
    found = {p.text: p for p in doc.places if p.role == "mention"}
    assert found["Recife"].country == "BR"
    assert found["Recife"].admin1 == "Pernambuco"
    assert found.get("Boa") is None or found["Boa"].country in (None, "BR")


def test_places_romance_french_link_word(places: Callable[[str], Document]) -> None:
    # inside a bracket spaCy tags nothing: "au" must join "Port-au-Prince", or "Port" reads
    # Le Port on Reunion and the town before the bracket is left to it
    doc = places(
        "On Monday, in Petion-Ville (Port-au-Prince, Ouest), gang members kidnapped a doctor."
    )
    found = {p.text: p for p in doc.places if p.role == "mention"}
    assert found["Port-au-Prince"].country == "HT"
    assert "Port" not in found
