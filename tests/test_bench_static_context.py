"""The contextual static table's corpus passages and the comparison's table reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitrep.bench.static_distil import CHUNK_WORDS, passages
from sitrep.bench.typer_table import read_table
from sitrep.errors import SitrepError
from sitrep.events.static import StaticEncoder


def test_static_distil_passages_cut_at_sentence_ends_into_about_sixty_words() -> None:
    sentence = "Troops shelled the eastern villages of the district overnight, officials said."
    text = " ".join([sentence] * 20)
    out = passages(text)
    assert len(out) > 1
    assert all(p.endswith("said.") for p in out)
    assert all(len(p.split()) >= CHUNK_WORDS for p in out[:-1])
    assert " ".join(out) == text  # nothing lost, nothing repeated


def test_static_distil_passages_of_a_short_or_empty_text() -> None:
    assert passages("Police arrested two men in Kano.") == ["Police arrested two men in Kano."]
    assert passages("") == []


def test_typer_table_reads_a_written_table(tmp_path: Path) -> None:
    vocab = {"the": 0, "shell": 1, "##ed": 2}
    enc = StaticEncoder(vocab, np.arange(12, dtype=np.float32).reshape(3, 4) - 5.0)
    path = tmp_path / "table.npz"
    path.write_bytes(enc.to_bytes())
    back = read_table(path)
    assert back.vocab == vocab
    assert np.allclose(back.table, enc.table, atol=0.05)


def test_typer_table_names_a_missing_table(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="static_distil --out"):
        read_table(tmp_path / "absent.npz")
