"""Distil all-MiniLM-L6-v2 into the static word-piece table of ``sitrep.events.static``.

    python -m sitrep.bench.static_distil      # needs the optional extra; about 30 s

Every piece of the model's vocabulary written in Latin letters, digits or punctuation is
passed through the model alone (with its start and end marks) and mean-pooled as the model
pools sentences. The outputs are centred, projected on their first ``DIMENSIONS + 1``
principal directions, the first (common to every piece) dropped, and each piece weighted by
``log(1 + rank)`` of its place in the vocabulary (later pieces are rarer), so common pieces
weigh less in a mean. The table is written to ``data/events/static_minilm.npz``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import SitrepError
from ..events.embed import MiniLMEncoder
from ..events.static import RESOURCE, StaticEncoder

DIMENSIONS = 256
BATCH = 512
KEPT = re.compile(r"(##)?[a-z0-9\u00c0-\u024f'\-.,;:!?\"()&%$/]+")


def piece_vectors(encoder: MiniLMEncoder) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The kept pieces, their vocabulary ranks and their pooled outputs."""
    import torch  # the optional extra

    tokenizer = encoder.model.tokenizer
    transformer = encoder.model[0].auto_model.eval()
    ranked = sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    kept = [(p, i) for p, i in ranked if not p.startswith("[") and KEPT.fullmatch(p)]
    start, end = tokenizer.cls_token_id, tokenizer.sep_token_id
    out = np.zeros((len(kept), transformer.config.hidden_size), dtype=np.float64)
    with torch.no_grad():
        for s in range(0, len(kept), BATCH):
            ids = torch.tensor([[start, i, end] for _, i in kept[s : s + BATCH]])
            hidden = transformer(
                input_ids=ids, attention_mask=torch.ones_like(ids)
            ).last_hidden_state
            out[s : s + len(ids)] = hidden.mean(dim=1).numpy()
    return [p for p, _ in kept], np.array([i for _, i in kept], dtype=np.float64), out


def table(ranks: np.ndarray, outputs: np.ndarray, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Centred, projected on principal directions 2 .. dimensions + 1, rank-weighted."""
    centred = outputs - outputs.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ directions[1 : dimensions + 1].T
    weight = np.log1p(ranks + 1.0)
    return (projected * (weight / weight.max())[:, None]).astype(np.float32)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dimensions", type=int, default=DIMENSIONS)
    args = ap.parse_args(argv)
    try:
        encoder = MiniLMEncoder.load()
    except SitrepError as exc:
        print(f"static_distil: {exc}", file=sys.stderr)
        return 2
    vocab, ranks, outputs = piece_vectors(encoder)
    static = StaticEncoder(
        {p: i for i, p in enumerate(vocab)}, table(ranks, outputs, args.dimensions)
    )
    target = Path(__file__).resolve().parents[1] / RESOURCE
    target.write_bytes(static.to_bytes())
    size = target.stat().st_size / 1e6
    print(f"wrote {target}: {len(vocab)} pieces x {args.dimensions} dimensions, {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
