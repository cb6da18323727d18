"""A static sentence encoder for the default install: one vector per word piece, averaged.

The optional ``embeddings`` extra runs all-MiniLM-L6-v2 through torch. This is the same
model's knowledge with no torch at run time: ``sitrep.bench.static_distil --context`` (run
once with the extra) averages each word piece's outputs where it stands in an unlabelled
news corpus, blended with its output when passed through the model alone (eleventh events
session; pieces never seen in the corpus keep the latter), keeps the first principal
directions of those outputs (the very first, shared by all pieces, dropped), weights rarer
pieces up, and stores them as 8-bit integers with one scale per piece
(``data/events/static_minilm.npz``). Encoding a text is a lower-cased
word-piece split (the BERT scheme, written here) and a mean of table rows: microseconds.
Its opinion is mixed with the sparse model's exactly like the MiniLM one (``embed``).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import SitrepError

RESOURCE = "data/events/static_minilm.npz"
MAX_WORD = 100  # longer "words" are noise (URLs, base64) and get no vector
KNOWN = 200_000  # words whose pieces an encoder keeps


def _punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def words(text: str) -> list[str]:
    """Lower-cased, accent-free words and single punctuation marks."""
    text = unicodedata.normalize("NFD", text.lower())
    if not text.isascii():  # ASCII has no combining marks to drop
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    out: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():  # letters and digits only: one word (most chunks)
            out.append(chunk)
            continue
        start = 0
        for k, ch in enumerate(chunk):
            if _punctuation(ch):
                if k > start:
                    out.append(chunk[start:k])
                out.append(ch)
                start = k + 1
        if start < len(chunk):
            out.append(chunk[start:])
    return out


def pieces(word: str, vocab: dict[str, int]) -> list[int]:
    """The longest-first split of ``word`` into known pieces (later ones marked ``##``), or
    nothing when some part is unknown."""
    if len(word) > MAX_WORD:
        return []
    out: list[int] = []
    start = 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                out.append(vocab[piece])
                start = end
                break
        else:
            return []
    return out


@dataclass(frozen=True)
class StaticEncoder:
    vocab: dict[str, int]
    table: np.ndarray  # (pieces, dimensions), float32
    # each word's pieces, split once (``split``)
    known: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> StaticEncoder | None:
        """The packaged table, or ``None`` when it has not been distilled."""
        return _packaged()

    @classmethod
    def from_arrays(
        cls, vocab: Sequence[str], codes: np.ndarray, scale: np.ndarray
    ) -> StaticEncoder:
        if codes.ndim != 2 or codes.shape[0] != len(vocab) or scale.shape != (len(vocab),):
            raise SitrepError(f"{RESOURCE} has mismatched shapes: rerun sitrep.bench.static_distil")
        table = codes.astype(np.float32) * scale.astype(np.float32)[:, None]
        return cls({piece: i for i, piece in enumerate(vocab)}, table)

    def to_bytes(self) -> bytes:
        """The table as 8-bit integers with one scale per piece (an ``.npz``)."""
        scale = np.abs(self.table).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        codes = np.round(self.table / scale[:, None]).astype(np.int8)
        buffer = io.BytesIO()
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            buffer, vocab=np.array(vocab), codes=codes, scale=scale.astype(np.float32)
        )
        return buffer.getvalue()

    def split(self, word: str) -> list[int]:
        """``pieces(word, self.vocab)``, kept per word (at most ``KNOWN`` words)."""
        found = self.known.get(word)
        if found is None:
            if len(self.known) >= KNOWN:
                self.known.clear()
            found = self.known[word] = pieces(word, self.vocab)
        return found

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one per text (zeros for a text with no known piece)."""
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for k, text in enumerate(texts):
            ids = [i for w in words(text) for i in self.split(w)]
            if ids:
                out[k] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


@lru_cache(maxsize=1)
def _packaged() -> StaticEncoder | None:
    ref = resources.files("sitrep").joinpath(RESOURCE)
    if not ref.is_file():
        return None
    try:
        with np.load(io.BytesIO(ref.read_bytes()), allow_pickle=False) as raw:
            return StaticEncoder.from_arrays(list(raw["vocab"]), raw["codes"], raw["scale"])
    except (KeyError, ValueError, OSError) as exc:
        raise SitrepError(
            f"{RESOURCE} is unreadable ({exc}): rerun sitrep.bench.static_distil"
        ) from exc
