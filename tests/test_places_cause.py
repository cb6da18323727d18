"""Places named in what a protest demands or calls for are no scene of the protest:
"rallied outside the newspaper to demand an end to U.S. aid to Israel". Documents built
by hand."""

from __future__ import annotations

from sitrep.models import Article, Document, Sentence
from sitrep.places.cause import in_cause


def _doc(text: str) -> Document:
    return Document(Article(id="t", text=text), sentences=(Sentence(0, 0, len(text)),))


def test_places_cause_demand_names_no_scene() -> None:
    text = "Thousands rallied in Chicago to demand an end to U.S. aid to Israel."
    doc = _doc(text)
    assert not in_cause(doc, text.index("Chicago"))
    assert in_cause(doc, text.index("U.S."))
    assert in_cause(doc, text.index("Israel"))


def test_places_cause_call_for_names_no_scene() -> None:
    text = "Students marched in Rabat, calling for a ceasefire in Gaza; police watched in Sale."
    doc = _doc(text)
    assert not in_cause(doc, text.index("Rabat"))
    assert in_cause(doc, text.index("Gaza"))
    assert not in_cause(doc, text.index("Sale"))  # past the semicolon


def test_places_cause_demanding_after_the_place() -> None:
    text = "Teachers held a sit-in in Agadir demanding the release of colleagues held in Rabat."
    doc = _doc(text)
    assert not in_cause(doc, text.index("Agadir"))
    assert in_cause(doc, text.index("Rabat"))
