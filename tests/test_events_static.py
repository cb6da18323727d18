"""The static word-piece encoder distilled from MiniLM: its split, its storage, its sense."""

from __future__ import annotations

import io

import numpy as np
import pytest

from sitrep.events.static import StaticEncoder, pieces, words

VOCAB = {"the": 0, "shell": 1, "##ed": 2, "town": 3, ",": 4, "cafe": 5}


def test_static_words_lowercase_strip_accents_and_split_punctuation() -> None:
    assert words("Rebels SHELLED the town, Café!") == [
        "rebels", "shelled", "the", "town", ",", "cafe", "!",
    ]  # fmt: skip


def test_static_words_keep_symbols_in_words_and_split_every_mark() -> None:
    # curly quotes, dashes and ellipses are marks; a symbol that is no mark (the degree
    # sign) stays in its word; no-break spaces and tabs separate words; "_" is a mark
    text = "Ḩamāh’s “fighters” — 12,000 (approx.) 30°c	x_y…"
    assert words(text) == [
        "hamah", "’", "s", "“", "fighters", "”", "—", "12", ",", "000",
        "(", "approx", ".", ")", "30°c", "x", "_", "y", "…",
    ]  # fmt: skip
    assert words("") == [] and words(" \n\t ") == []


def test_static_pieces_longest_first_and_unknown_parts_give_nothing() -> None:
    assert pieces("shelled", VOCAB) == [1, 2]
    assert pieces("town", VOCAB) == [3]
    assert pieces("shellfish", VOCAB) == []  # "##fish" unknown: no vector at all
    assert pieces("x" * 101, VOCAB) == []


def test_static_encode_gives_unit_vectors_and_zeros_for_unknown_text() -> None:
    table = np.eye(6, 4, dtype=np.float32) + 0.1
    enc = StaticEncoder(VOCAB, table)
    out = enc.encode(["The town shelled", "zzz qqq", ""])
    assert out.shape == (3, 4)
    assert np.linalg.norm(out[0]) == pytest.approx(1.0, abs=1e-5)
    assert not out[1].any() and not out[2].any()


def test_static_table_round_trips_through_eight_bits() -> None:
    rng = np.random.default_rng(7)
    enc = StaticEncoder(VOCAB, rng.normal(size=(6, 8)).astype(np.float32))
    with np.load(io.BytesIO(enc.to_bytes()), allow_pickle=False) as raw:
        back = StaticEncoder.from_arrays(list(raw["vocab"]), raw["codes"], raw["scale"])
    assert back.vocab == VOCAB
    assert np.allclose(back.table, enc.table, atol=np.abs(enc.table).max() / 127)


def test_static_packaged_table_puts_like_events_together() -> None:
    enc = StaticEncoder.load()
    assert enc is not None, "data/events/static_minilm.npz is missing: run static_distil"
    shelling, bombardment, budget = enc.encode(
        [
            "Artillery shells hit the village overnight, killing two farmers.",
            "Heavy shelling struck the town and killed several residents.",
            "Parliament approved the annual budget after a long debate.",
        ]
    )
    assert float(shelling @ bombardment) > float(shelling @ budget) + 0.1
