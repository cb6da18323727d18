"""Feature augmentation for two domains (Daume III, "Frustratingly easy domain adaptation",
2007): the learned models' training items are mostly snippets written for sitrep, a few
real news (the CASE dev split); every input gets a general copy and a copy of its own
domain's, so that what holds in written snippets only is learned apart from what holds in
real news (ninth events session, declared in BENCHMARKS before ``typer_select --compare
--domain`` was run).

Everything sitrep reads at run time is real news, so a model is folded before it ships or is
scored: each general weight plus its real-news copy's (and the real-news indicator into the
bias), the written copies dropped. The folded model has the plain form, and nothing
changes at run time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..events.embed import EmbeddingTyper
from ..events.typer import SubtypeModel

REAL_SETS = frozenset({"CASE dev"})  # the training sets of real news; the others are written
REAL, WRITTEN = "R|", "W|"  # the domain copies' prefixes; the prefix alone is the indicator


def augment_sparse(features: Sequence[str], real: bool) -> list[str]:
    """The general features, their copies for the item's domain and its indicator."""
    prefix = REAL if real else WRITTEN
    return [*features, prefix, *(prefix + f for f in features)]


def fold_sparse(model: SubtypeModel) -> SubtypeModel:
    """The real-news model: general weights plus real copies, the indicator in the bias."""
    table: dict[str, dict[int, float]] = {}
    for name, ws in model.weights.items():
        if name.startswith(WRITTEN) or name == REAL:
            continue
        plain = name.removeprefix(REAL)
        row = table.setdefault(plain, {})
        for k, w in ws.items():
            row[k] = round(row.get(k, 0.0) + w, 3)
    indicator = model.weights.get(REAL, {})
    bias = tuple(b + indicator.get(k, 0.0) for k, b in enumerate(model.bias))
    return SubtypeModel(model.labels, bias, table)


def augment_dense(vectors: np.ndarray, real: Sequence[bool]) -> np.ndarray:
    """[x, x if real, x if written, real, written] per row."""
    x = np.asarray(vectors, dtype=np.float64)
    r = np.asarray(real, dtype=np.float64)[:, None]
    return np.hstack([x, x * r, x * (1 - r), r, 1 - r])


def fold_dense(model: EmbeddingTyper) -> EmbeddingTyper:
    """The real-news model of one trained on ``augment_dense`` vectors."""
    d = (model.weights.shape[0] - 2) // 3
    w = model.weights
    return EmbeddingTyper(
        model.labels,
        model.bias + w[3 * d],
        w[:d] + w[d : 2 * d],
        mix=model.mix,
        document_margin=model.document_margin,
        static_base=model.static_base,
    )
