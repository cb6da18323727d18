from __future__ import annotations

import pytest

from sitrep.places.normalise import is_indexable, loose_key, normalise_name


@pytest.mark.parametrize(
    ("name", "norm"),
    [
        ("Deir ez-Zor", "deir ez zor"),
        ("Dar'a", "dara"),
        ("Dar\u2018\u0101", "dara"),
        ("\u1e28am\u0101h", "hamah"),
        ("The Hague", "hague"),
        ("  Al-Qamishli ", "al qamishli"),
        ("St. Louis", "st louis"),
        ("U.S.", "us"),
        ("B.C.", "bc"),
        ("Washington, D.C.", "washington dc"),
    ],
)
def test_gazetteer_normalise_name(name: str, norm: str) -> None:
    assert normalise_name(name) == norm


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Hasakah", "Hasakah"),
        ("Deir el-Zor", "Deir ez-Zor"),
        ("Lattakia", "Latakia"),
        ("As-Suwayda", "Suwayda"),
        ("Ar-Raqqah", "Raqqah"),
    ],
)
def test_gazetteer_loose_key_joins_variants(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


def test_gazetteer_loose_key_keeps_distinct_names_apart() -> None:
    assert loose_key("Homs") != loose_key("Hama")


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Aleppo", True),
        ("Tall Rif\u2018at", True),
        ("\u062d\u0644\u0628", True),
        ("ALP", False),
        ("\u0410\u043b\u0435\u043f\u043f\u043e", False),
        ("X", False),
    ],
)
def test_gazetteer_indexable_scripts_and_codes(name: str, ok: bool) -> None:
    assert is_indexable(name) is ok
