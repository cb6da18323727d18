"""The contextual static table's corpus passages and the comparison's table reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitrep.bench.static_distil import CHUNK_WORDS, learn_texts, learnt_table, passages
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


def test_static_distil_learn_texts_are_each_passage_and_its_sentences_once() -> None:
    passage = "Rebels took the town. Troops shelled the rebel positions overnight. Ok."
    out = learn_texts([passage, passage])
    assert out == [
        passage,
        "Rebels took the town.",
        "Troops shelled the rebel positions overnight.",
    ]


class _Teacher:
    """A stand-in sentence encoder: a text's vector says whether it is about fighting."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.array([[1.0, 0.0] if "shelled" in t else [0.0, 1.0] for t in texts])
        return out.astype(np.float32)


def test_static_distil_learnt_table_moves_only_the_rows_met_toward_the_teacher() -> None:
    pytest.importorskip("torch")
    vocab = ["troops", "shelled", "the", "town", "marched", "unseen"]
    # every row alike: at the start no mean tells fighting from marching
    start = StaticEncoder({p: i for i, p in enumerate(vocab)}, np.ones((6, 4), dtype=np.float32))
    texts = ["troops shelled the town", "the town marched"] * 20
    rows, note = learnt_table(_Teacher(), start, texts)  # type: ignore[arg-type]
    assert rows.shape == start.table.shape
    assert np.array_equal(rows[vocab.index("unseen")], start.table[vocab.index("unseen")])
    before, after = (float(x) for x in note.split("cosine ")[1].split(" (")[0].split(" -> "))
    assert after > before  # the teacher is learnable: the held-out texts come closer
