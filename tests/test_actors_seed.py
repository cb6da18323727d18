"""The founding article: each group of mentions resolves to one actor."""

from __future__ import annotations

import pytest

from sitrep.models import Document


@pytest.fixture(scope="module")
def seed_doc(actors_of, seed_path) -> Document:  # type: ignore[no-untyped-def]
    return actors_of(seed_path.read_text(encoding="utf-8"))


def _ids_of(doc: Document, text: str) -> set[str]:
    return {a.id for a in doc.actors for m in a.mentions if m.text == text}


@pytest.mark.parametrize(
    "group",
    [
        ("Hayat Tahrir al-Sham", "HTS", "al Nusra Front"),
        ("Bashar Assad", "Assad"),
        ("Syrian government forces", "Syrian troops", "Syrian army"),
        ("Sheikh Mohammed bin Abdulrahman Al Thani", "Sheikh Mohammed"),
    ],
)
def test_actors_seed_groups_resolve_to_one_actor(
    seed_doc: Document, group: tuple[str, ...]
) -> None:
    ids = set().union(*(_ids_of(seed_doc, text) for text in group))
    assert len(ids) == 1, ids
    assert all(_ids_of(seed_doc, text) for text in group)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Geir Pedersen", "person.geir-pedersen"),
        ("Sergey Lavrov", "person.sergey-lavrov"),
        ("Rami Abdurrahman", "person.rami-abdulrahman"),
        ("Sham FM", "sham-fm"),
    ],
)
def test_actors_seed_people_and_outlets_are_found(
    seed_doc: Document, text: str, actor_id: str
) -> None:
    assert _ids_of(seed_doc, text) == {actor_id}


def test_actors_seed_monitor_and_affiliation(seed_doc: Document) -> None:
    sohr = [a for a in seed_doc.actors if a.id == "sohr"]
    assert sohr and "Syrian Observatory for Human Rights" in sohr[0].mentions[0].text
    rami = next(a for a in seed_doc.actors if a.id == "person.rami-abdulrahman")
    assert rami.affiliation == "sohr"


def test_actors_seed_cities_are_not_actors(seed_doc: Document) -> None:
    texts = {m.text for a in seed_doc.actors for m in a.mentions}
    assert not texts & {"Homs", "Aleppo", "Hama", "Latakia", "Tartus", "Geneva"}
