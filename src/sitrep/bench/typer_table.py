"""``typer_select --compare --table F``: whether a static table learnt in context replaces
the packaged one (declared in BENCHMARKS, eleventh events session, before it was run).

The packaged table (``sitrep.events.static``) holds each word piece's output when the piece
is passed through all-MiniLM-L6-v2 alone; ``static_distil --context --out F`` averages the
pieces' outputs over an unlabelled news corpus instead. Both tables are scored on the chosen
default family (sparse ``tuned-free``, CASE dev weight 1, static table l2 1e-4 at mix 0.7,
the rules' bar 0.4) at every margin by the eighth session's rule: the mean of the written
validation set's weighted F1 and CASE dev 5-fold cross-validation of the joined system;
ties within ``CANDIDATE_TIE`` go to the shipped table and margin, else to the largest
margin. Prints figures only, never a snippet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import SitrepError
from ..events.embed import load_encoder
from ..events.static import StaticEncoder
from .case_label import THRESHOLD
from .embed_train import SHIPPED
from .typer_compare import (
    Prepared,
    default_family,
    encoded_by,
    rules_of,
    scored,
    shown,
    tie_choice,
)

PACKAGED = "packaged"


def read_table(path: Path) -> StaticEncoder:
    """A table written by ``static_distil --out``."""
    if not path.is_file():
        raise SitrepError(f"{path} does not exist: write it with sitrep.bench.static_distil --out")
    with np.load(path) as arrays:
        return StaticEncoder.from_arrays(
            [str(p) for p in arrays["vocab"]], arrays["codes"], arrays["scale"]
        )


def compare_tables(sets: Prepared, path: Path) -> tuple[str, float]:
    """Scores the packaged table and the one at ``path``; returns the chosen (table, margin)."""
    rules = rules_of(sets)
    tables = {PACKAGED: load_encoder("static"), path.name: read_table(path)}
    means: dict[tuple[str, float], float] = {}
    for name, encoder in tables.items():
        probs = default_family(sets, encoded_by(sets, encoder))
        for margin, mean in shown(f"{name:<18}", scored(sets, rules, probs, THRESHOLD)).items():
            means[(name, margin)] = mean
    shipped = (PACKAGED, float(SHIPPED["static"]["document_margin"]))
    return tie_choice(means, shipped, lambda k: (k[0] != PACKAGED, -k[1]))
