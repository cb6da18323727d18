"""``typer_select --compare --domain``: whether the learned models learn real news apart
from written snippets by feature augmentation (``typer_domain``; ninth events session,
declared in BENCHMARKS before it was run). Prints weighted F1 per candidate, never a
snippet.
"""

from __future__ import annotations

from ..events.embed import mixture
from .embed_train import SHIPPED
from .typer_compare import (
    Augment,
    Prepared,
    default_family,
    encoded,
    held_out,
    rules_of,
    scored,
    shown,
    tie_choice,
)

# (sparse model, static model) trained on domain copies: none (as shipped), the sparse
# model's only, both
AUGMENTS: tuple[Augment, ...] = ((False, False), (True, False), (True, True))
SHIPPED_DEFAULT = ((False, False), 1.0)  # (augment, margin) when the comparison was declared
SHIPPED_EXTRA = (False, 2.0)


def compare_domain(sets: Prepared) -> tuple[Augment, float]:
    """The default install (sparse ``tuned-free``, static table at 0.7) for each
    ``AUGMENTS`` and margin; the mean of validation and CASE dev 5-fold; ties go to the
    shipped (none, 1.0), else to the fewer augmented models, then the largest margin.
    Returns the chosen (augment, margin)."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    means = {}
    for augment in AUGMENTS:
        probs = default_family(sets, static, augment=augment)
        what = f"augment sparse {augment[0]!s:5} static {augment[1]!s:5}"
        for m, x in shown(what, scored(sets, rules, probs)).items():
            means[(augment, m)] = x
    return tie_choice(means, SHIPPED_DEFAULT, lambda k: (AUGMENTS.index(k[0]), -k[1]))


def compare_domain_minilm(sets: Prepared, base: Augment) -> tuple[bool, float]:
    """The optional extra: MiniLM's model (shipped l2 and share) with and without domain
    copies, mixed onto the default mixture as chosen (``base``), each margin; the same
    mean; ties go to the shipped (without, 2.0), else without, then the largest margin.
    Returns the chosen (augmented, margin)."""
    static, minilm, rules = encoded(sets, "static"), encoded(sets, "minilm"), rules_of(sets)
    under = default_family(sets, static, augment=base)
    extra = SHIPPED["minilm"]
    means = {}
    for own in (False, True):
        specs = [(minilm, extra["l2"])]
        opinions = held_out(sets, "tuned-free", 1.0, specs, sparse_l2=0.0, augment=(False, own))
        probs = {
            n: [
                mixture(b, d, extra["mix"])
                for b, d in zip(under[n], opinions[n][1][0], strict=True)
            ]
            for n in under
        }
        for m, x in shown(f"minilm augment {own!s:5}", scored(sets, rules, probs)).items():
            means[(own, m)] = x
    return tie_choice(means, SHIPPED_EXTRA, lambda k: (k[0], -k[1]))
