"""People through their offices, and capitals speaking for their governments."""

from __future__ import annotations

import pytest

from sitrep.models import Document


def _ids(doc: Document, text: str) -> set[str]:
    return {a.id for a in doc.actors for m in a.mentions if m.text == text}


def test_actors_office_title_names_the_holder_on_the_date(actors_of) -> None:  # type: ignore[no-untyped-def]
    text = "The Syrian president met army commanders in Damascus on Friday."
    assert _ids(actors_of(text, published="2024-12-06"), "Syrian president") == {
        "person.bashar-al-assad"
    }
    assert _ids(actors_of(text, published="2025-03-01"), "Syrian president") == {"SYR.government"}


def test_actors_leader_possessive_names_the_state(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Erdogan's troops crossed the border. Forces loyal to Netanyahu fired on a village.",
        published="2024-11-20",
    )
    assert _ids(doc, "Erdogan's troops") == {"TUR.state-forces"}
    assert _ids(doc, "Forces loyal to Netanyahu") == {"ISR.state-forces"}
    assert not _ids(doc, "troops")


def test_actors_capital_speaks_only_when_it_acts(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("Moscow said it would keep its base. Fighting spread to the suburbs of Beirut.")
    assert _ids(doc, "Moscow") == {"RUS.government"}
    assert not _ids(doc, "Beirut")


def test_actors_title_before_a_name_is_the_persons_affiliation(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("Russian Foreign Minister Sergey Lavrov spoke in Doha.")
    lavrov = next(a for a in doc.actors if a.id == "person.sergey-lavrov")
    assert lavrov.affiliation == "RUS.government"
    assert not _ids(doc, "Russian Foreign Minister")


@pytest.mark.parametrize(
    ("published", "forces", "movement_kind"),
    [
        ("2019-05-02", "AFG.taliban", "rebel-group"),  # an insurgency
        ("1999-03-01", "AFG.state-forces", "government"),  # the first emirate
        ("2023-05-02", "AFG.state-forces", "government"),  # since August 2021
    ],
)
def test_actors_office_governing_movement_by_date(  # type: ignore[no-untyped-def]
    actors_of, published: str, forces: str, movement_kind: str
) -> None:
    doc = actors_of(
        "Taliban fighters attacked a checkpoint in Kunduz province. The Taliban said the "
        "raid answered an earlier arrest.",
        published=published,
    )
    assert _ids(doc, "Taliban fighters") == {forces}
    movement = next(a for a in doc.actors if a.id == "AFG.taliban")
    assert movement.kind == movement_kind


def test_actors_office_undated_movement_forces_by_their_words(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Taliban fighters stormed a district centre in Ghazni. Taliban forces later "
        "closed the road to Kabul."
    )
    assert _ids(doc, "Taliban fighters") == {"AFG.taliban"}
    assert _ids(doc, "Taliban forces") == {"AFG.state-forces"}
