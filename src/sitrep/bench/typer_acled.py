"""``typer_select --compare --acled``: whether ACLED's notes on the ACLED sample's
development rows (``typer_train.ACLED``) join the learned models' training, and at what
weight (ninth events session, declared in BENCHMARKS before it was run).

The notes are real news-like text that the learned models had not been trained on (the
rules were tuned on them, so they are learned from without the rules' own code). Neither
figure of the rule contains them: the written validation set and CASE dev 5-fold
cross-validation of the joined system, so the comparison asks whether training on real
news transfers to other news. Prints weighted F1 per candidate, never a note.
"""

from __future__ import annotations

from ..events.embed import mixture
from .embed_train import SHIPPED
from .typer_compare import (
    Prepared,
    acled_sets,
    default_family,
    encoded,
    held_out,
    rules_of,
    tie_choice,
    value_means,
)

# how many times one of ACLED's notes counts in the loss (0: as shipped before, left out)
ACLED_WEIGHTS = (0.0, 0.5, 1.0, 2.0)
# the settings shipped when the comparison was declared: (ACLED weight, margin)
SHIPPED_DEFAULT = (0.0, 1.0)
SHIPPED_EXTRA = (0.0, 2.0)


def compare_acled(sets: Prepared) -> tuple[float, float]:
    """The default install (sparse model ``tuned-free``, static table at 0.7, both trained
    with ACLED's notes counting w times) for each w in ``ACLED_WEIGHTS`` and each margin;
    the mean of validation and CASE dev 5-fold; ties within the band go to the shipped
    (0, 1.0), else to the smallest weight, then the largest margin. Returns the chosen
    (weight, margin)."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    means = value_means(
        sets, rules, "acled weight", ACLED_WEIGHTS, lambda w: default_family(sets, static, acled=w)
    )
    return tie_choice(means, SHIPPED_DEFAULT, lambda k: (k[0], -k[1]))


def compare_acled_minilm(sets: Prepared) -> tuple[float, float]:
    """The optional extra: MiniLM's model (its shipped l2 and share) trained with ACLED's
    notes counting w times, mixed onto the default mixture as shipped (its ACLED weight
    ``typer_train.ACLED_WEIGHT``, the static choice), each margin; the same mean; ties go to
    the shipped (0, 2.0), else to the smallest weight, then the largest margin. Returns the
    chosen (weight, margin)."""
    static, minilm, rules = encoded(sets, "static"), encoded(sets, "minilm"), rules_of(sets)
    base = default_family(sets, static)
    extra = SHIPPED["minilm"]

    def probs_of(w: float) -> dict[str, list[dict[str, float]]]:
        written = acled_sets(("sentences", "news"), w)
        specs = [(minilm, extra["l2"])]
        opinions = held_out(sets, "tuned-free", 1.0, specs, written, sparse_l2=0.0, acled=w)
        return {
            n: [
                mixture(b, d, extra["mix"]) for b, d in zip(base[n], opinions[n][1][0], strict=True)
            ]
            for n in base
        }

    means = value_means(sets, rules, "minilm acled weight", ACLED_WEIGHTS, probs_of)
    return tie_choice(means, SHIPPED_EXTRA, lambda k: (k[0], -k[1]))
