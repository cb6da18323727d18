"""Prior correction of the learned opinion toward the CASE dev split's label distribution
(ninth events session, declared in BENCHMARKS before ``typer_select --compare --prior``
was run).

The learned models are trained mostly on snippets written for sitrep, whose labels are
spread far more evenly than real news's (mob violence: 108 written snippets against 2 of
340 CASE dev snippets; "other" 83 against 1), so their probabilities carry the written
sets' prior. The usual correction for a shift of the label prior multiplies each label's
probability by the ratio of the target prior (the CASE dev split's label frequencies, add-one
smoothed) to the training prior (the weighted label frequencies of the training items),
raised to ``alpha`` (0: no correction, 1: the full one), and renormalises. For a logistic
regression that is a shift of its biases, so the shipped weights carry it in their biases
(``shifted_bias``) and nothing changes at run time; the geometric mixture of models each
shifted by the same amount is the mixture shifted by it.
"""

from __future__ import annotations

import math

from ..events.embed import mixture
from .embed_train import SHIPPED
from .typer_compare import (
    Prepared,
    default_family,
    encoded,
    held_out,
    rules_of,
    tie_choice,
    value_means,
)
from .typer_train import Shift, prior_shift

PRIOR_ALPHAS = (0.0, 0.5, 1.0)
SHIPPED_DEFAULT = (0.0, 1.0)  # (alpha, margin) when the comparison was declared
SHIPPED_EXTRA = (0.0, 2.0)
WRITTEN = ("sentences", "news")  # the written training sets of the compared family


def shifted(probs: dict[str, float], shift: Shift) -> dict[str, float]:
    """``probs`` times ``exp(shift)``, renormalised."""
    raw = {k: p * math.exp(shift.get(k, 0.0)) for k, p in probs.items()}
    total = sum(raw.values())
    return {k: v / total for k, v in raw.items()}


def held_out_shifts(sets: Prepared, alpha: float) -> dict[str, list[Shift]]:
    """The shift of each held-out item of the compared family: a validation item's from all
    of CASE dev and the written sets, a CASE dev item's from the other four folds (its own
    fold is neither trained on nor counted in the target prior)."""
    written = [lab for name in WRITTEN for lab in sets[name][1]]
    _, dev, folds = sets["CASE dev"]
    every = prior_shift(dev + written, [1.0] * (len(dev) + len(written)), dev, alpha)
    per_fold = {}
    for fold in range(5):
        rest = [lab for lab, f in zip(dev, folds, strict=True) if f != fold]
        per_fold[fold] = prior_shift(
            rest + written, [1.0] * (len(rest) + len(written)), rest, alpha
        )
    return {
        "validation": [every] * len(sets["validation"][1]),
        "CASE dev": [per_fold[f] for f in folds],
    }


def apply_shifts(
    probs: dict[str, list[dict[str, float]]], shifts: dict[str, list[Shift]]
) -> dict[str, list[dict[str, float]]]:
    return {
        n: [shifted(p, s) for p, s in zip(ps, shifts[n], strict=True)] for n, ps in probs.items()
    }


def compare_prior(sets: Prepared) -> tuple[float, float]:
    """The default install (sparse ``tuned-free`` and the static table at 0.7, both
    corrected) for each ``alpha`` and margin; the mean of validation and CASE dev 5-fold;
    ties go to the shipped (0, 1.0), else to the smallest alpha, then the largest margin.
    Returns the chosen (alpha, margin)."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    base = default_family(sets, static)
    means = value_means(
        sets,
        rules,
        "prior alpha",
        PRIOR_ALPHAS,
        lambda a: apply_shifts(base, held_out_shifts(sets, a)),
    )
    return tie_choice(means, SHIPPED_DEFAULT, lambda k: (k[0], -k[1]))


def compare_prior_minilm(sets: Prepared, base_alpha: float) -> tuple[float, float]:
    """The optional extra: MiniLM's model (shipped l2 and share) corrected by ``alpha``,
    mixed onto the default mixture corrected by ``base_alpha`` (the default's choice), each
    margin; the same mean; ties go to the shipped (0, 2.0), else the smallest alpha, then
    the largest margin. Returns the chosen (alpha, margin)."""
    static, minilm, rules = encoded(sets, "static"), encoded(sets, "minilm"), rules_of(sets)
    base = apply_shifts(default_family(sets, static), held_out_shifts(sets, base_alpha))
    extra = SHIPPED["minilm"]
    opinions = held_out(sets, "tuned-free", 1.0, [(minilm, extra["l2"])], WRITTEN, sparse_l2=0.0)
    dense = {n: opinions[n][1][0] for n in base}

    def probs_of(alpha: float) -> dict[str, list[dict[str, float]]]:
        own = apply_shifts(dense, held_out_shifts(sets, alpha))
        return {
            n: [mixture(b, d, extra["mix"]) for b, d in zip(base[n], own[n], strict=True)]
            for n in base
        }

    means = value_means(sets, rules, "minilm prior alpha", PRIOR_ALPHAS, probs_of)
    return tie_choice(means, SHIPPED_EXTRA, lambda k: (k[0], -k[1]))
