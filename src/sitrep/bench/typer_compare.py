"""``typer_select --compare``: the selection rule of the eighth events session, which also
weighs CASE dev (declared in BENCHMARKS before it was run).

The validation set flatters the learned models (its writers wrote the training snippets
too), so each candidate also gets CASE dev 5-fold cross-validation of the joined system,
which flatters the rules instead, and the rule takes the best mean of the two
(``choose_candidate``; ties within ``CANDIDATE_TIE`` go to the shipped or simplest setting).
Each comparison (feature modes and mixes, the MiniLM extra, the rules' confidence bar, the
sparse model's L2, a batch of written snippets) prints weighted F1 per candidate, never a
snippet.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..events.embed import TRAINING, Encoder, embedding_text, load_encoder, mixture
from ..events.typer import document_features
from ..models import Document
from .case2021 import f1_report
from .case_label import THRESHOLD, CaseLabeller
from .case_sets import written_sentences
from .embed_train import SHIPPED, fit_dense, margin_scores
from .typer_domain import REAL_SETS, augment_dense, augment_sparse, fold_dense, fold_sparse
from .typer_train import (
    ACLED,
    ACLED_WEIGHT,
    L2,
    fit,
    named_documents,
    training_sets,
)

# 0: the model always decides; inf: only when the rules are unsure
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, math.inf)


# how the sparse model sees the rules' own decision (typer.RULE_FEATURES) in training:
# "all" everywhere (as shipped before), "dev-free" not for the CASE dev snippets (the rules
# were tuned on them), "tuned-free" neither for them nor for the written sentences (tuned on
# too), "none" nowhere, at run time neither (a text-only model joined to the rules by the
# margin alone)
FEATURE_MODES = ("all", "dev-free", "tuned-free", "none")
DEV_WEIGHTS = (1.0, 3.0)
STATIC_MIXES = (0.0, 0.5, 0.7, 0.85)  # 0: the sparse model alone
STATIC_L2 = 1e-4
CANDIDATE_TIE = 0.005
# the fresh CASE-like leads of the tenth and eleventh events sessions: the rules' development
# sets (their errors were read), so never with the rules' own code when trained on
FRESH = ("fresh", "fresh11")
# candidate batches of written training snippets for compare_batch: the eighth session's
# pairs, the eleventh's trial of the fresh leads
BATCHES = {"pairs": ("pairs",), "fresh": FRESH}
BATCHES_READ = ("pairs", *FRESH)
Candidate = tuple[str, float, float, float]  # feature mode, dev weight, static mix, margin
K = TypeVar("K")
Prepared = dict[str, tuple[list[Document], list[str], list[int]]]


def prepared(data: Path, cache: Path | None) -> Prepared:
    """Every set's rule documents, gold labels and cross-validation folds (dev fold
    ``id // 3 % 5``), read from ``cache`` when given and present."""
    out: Prepared = {}
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            out = pickle.load(fh)
    sets = training_sets(data, validation=True, acled=True)
    for name in BATCHES_READ:  # candidate batches of training snippets (compare_batch)
        if name not in sets:
            sets[name] = written_sentences(name)
    missing = {name: items for name, items in sets.items() if name not in out}
    if not missing:
        return out
    # (a cache of an older session lacks the newer sets)
    for name, docs in named_documents(missing).items():
        items = missing[name]
        folds = [s.id // 3 % 5 if s.id >= 0 else i % 5 for i, s in enumerate(items)]
        out[name] = (docs, [s.label for s in items], folds)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def mode_features(docs: Sequence[Document], mode: str, own: str) -> list[list[str]]:
    """Training features of set ``own`` under feature ``mode``."""
    tuned = ("CASE dev", "sentences", ACLED, *FRESH)
    drop = {"all": (), "dev-free": ("CASE dev",), "tuned-free": tuned}
    keep = mode != "none" and own not in drop.get(mode, ())
    return [document_features(d, rules=keep) for d in docs]


Opinions = tuple[list[dict[str, float]], list[list[dict[str, float]]]]  # sparse, dense ones
DenseSpec = tuple[dict[str, np.ndarray], float]  # an encoder's vectors per set, its l2
Augment = tuple[bool, bool]  # domain copies for the sparse model, for the dense ones


def opinions_on(
    sets: Prepared,
    train: list[tuple[str, int]],
    held: list[tuple[str, int]],
    mode: str,
    weight: float,
    specs: Sequence[DenseSpec],
    sparse_l2: float = L2,
    acled: float = 1.0,
    augment: Augment = (False, False),
) -> Opinions:
    """The sparse model's (none when ``sparse_l2`` is 0) and each dense model's
    probabilities on ``held``, all trained on ``train`` ((set, index) pairs) with CASE dev
    snippets counting ``weight`` times and ACLED's notes ``acled`` times; ``augment``: the
    sparse and the dense models trained on domain copies (``typer_domain``) and folded."""
    labels = [sets[n][1][i] for n, i in train]
    classes = sorted({lab for docs, labs, _ in sets.values() for lab in labs})
    weights = [weight if n == "CASE dev" else acled if n == ACLED else 1.0 for n, _ in train]
    real = [n in REAL_SETS for n, _ in train]
    sparse_probs: list[dict[str, float]] = [{} for _ in held]
    if sparse_l2 > 0:
        feats = {n: mode_features(sets[n][0], mode, n) for n in {n for n, _ in train}}
        xs = [feats[n][i] for n, i in train]
        if augment[0]:
            xs = [augment_sparse(x, r) for x, r in zip(xs, real, strict=True)]
        sparse = fit(xs, labels, classes, weights, sparse_l2)
        sparse = fold_sparse(sparse) if augment[0] else sparse
        run = [document_features(sets[n][0][i], rules=mode != "none") for n, i in held]
        sparse_probs = [sparse.probabilities(f) for f in run]
    dense = []
    for vectors, l2 in specs:
        x = np.array([vectors[n][i] for n, i in train])
        x = augment_dense(x, real) if augment[1] else x
        model = fit_dense(x, labels, classes, l2=l2, weights=weights)
        model = fold_dense(model) if augment[1] else model
        dense.append(model.probabilities(np.array([vectors[n][i] for n, i in held])))
    return sparse_probs, dense


def held_out(
    sets: Prepared,
    mode: str,
    weight: float,
    specs: Sequence[DenseSpec],
    written_sets: Sequence[str] = ("sentences", "news"),
    sparse_l2: float = L2,
    acled: float = 1.0,
    augment: Augment = (False, False),
) -> dict[str, Opinions]:
    """The opinions on the validation set (models trained on the CASE dev split and the
    ``written_sets``, ACLED's notes among them counting ``acled`` times) and on the CASE dev
    split by 5-fold cross-validation."""
    written = [(n, i) for n in written_sets for i in range(len(sets[n][0]))]
    dev = sets["CASE dev"]
    every = [("CASE dev", i) for i in range(len(dev[0]))]
    val = [("validation", i) for i in range(len(sets["validation"][0]))]
    args = (mode, weight, specs, sparse_l2, acled, augment)
    out = {"validation": opinions_on(sets, every + written, val, *args)}
    cv: Opinions = ([{}] * len(every), [[{}] * len(every) for _ in specs])
    for fold in range(5):
        train = [("CASE dev", i) for i, f in enumerate(dev[2]) if f != fold] + written
        held = [("CASE dev", i) for i, f in enumerate(dev[2]) if f == fold]
        sparse, dense = opinions_on(sets, train, held, *args)
        for k, (_, i) in enumerate(held):
            cv[0][i] = sparse[k]
            for j, probs in enumerate(dense):
                cv[1][j][i] = probs[k]
    out["CASE dev"] = cv
    return out


def encoded(sets: Prepared, name: str) -> dict[str, np.ndarray]:
    return encoded_by(sets, load_encoder(name, TRAINING))


def encoded_by(sets: Prepared, encoder: Encoder) -> dict[str, np.ndarray]:
    """Every set's documents through ``encoder`` (their ``embedding_text``)."""
    return {
        n: np.asarray(encoder.encode([embedding_text(d) for d in docs]))
        for n, (docs, _, _) in sets.items()
    }


def rules_of(sets: Prepared) -> dict[str, list[tuple[str, float]]]:
    labeller = CaseLabeller()
    rules = {n: [labeller.label(d) for d in sets[n][0]] for n in ("CASE dev", "validation")}
    alone = {n: f1_report(sets[n][1], [r[0] for r in rules[n]])["weighted_f1"] for n in rules}
    print(f"rules alone: validation {alone['validation']:.3f}  CASE dev {alone['CASE dev']:.3f}")
    return rules


def scored(
    sets: Prepared,
    rules: dict[str, list[tuple[str, float]]],
    probs: dict[str, list[dict[str, float]]],
    threshold: float = THRESHOLD,
) -> list[tuple[float, float, float]]:
    """(margin, validation F1, CASE dev F1) of mixed ``probs`` per set, for each margin."""
    figures = []
    for name in ("validation", "CASE dev"):
        docs, gold, _ = sets[name]
        figures.append(margin_scores(docs, gold, rules[name], probs[name], MARGINS, threshold))
    return [(m, v, d) for (m, v), (_, d) in zip(*figures, strict=True)]


def compare(sets: Prepared) -> dict[Candidate, tuple[float, float]]:
    """(validation, CASE dev 5-fold) weighted F1 of every candidate; prints the table."""
    static = encoded(sets, "static")
    rules = rules_of(sets)
    out: dict[Candidate, tuple[float, float]] = {}
    for mode in FEATURE_MODES:
        for weight in DEV_WEIGHTS:
            opinions = held_out(sets, mode, weight, [(static, STATIC_L2)])
            for mix in STATIC_MIXES:
                probs = {
                    n: [mixture(s, d, mix) for s, d in zip(sp, dn[0], strict=True)]
                    for n, (sp, dn) in opinions.items()
                }
                for margin, v, d in scored(sets, rules, probs):
                    out[(mode, weight, mix, margin)] = (v, d)
                    print(
                        f"{mode:10s} w {weight:<3} mix {mix:<4} margin {margin:<4}: "
                        f"validation {v:.3f}  dev CV {d:.3f}  mean {(v + d) / 2:.3f}",
                        flush=True,
                    )
    return out


SHIPPED_CANDIDATE: Candidate = ("all", 1.0, 0.7, 0.0)


def choose_candidate(results: dict[Candidate, tuple[float, float]]) -> Candidate:
    """The declared rule: the best mean of the validation and CASE dev figures; among
    candidates within ``CANDIDATE_TIE`` of it the shipped one, else the simplest: dev weight
    1 first, then the feature modes in ``FEATURE_MODES`` order, then the largest margin,
    then the smallest mix."""
    means = {k: (v + d) / 2 for k, (v, d) in results.items()}
    return tie_choice(
        means, SHIPPED_CANDIDATE, lambda k: (k[1], FEATURE_MODES.index(k[0]), -k[3], k[2])
    )


def tie_choice(means: dict[K, float], shipped: K, simplest: Callable[[K], Any]) -> K:
    """Among the keys whose mean is within ``CANDIDATE_TIE`` of the best, ``shipped`` if it
    is one of them, else the first by ``simplest``."""
    best = max(means.values())
    near = [k for k, m in means.items() if m >= best - CANDIDATE_TIE]
    return shipped if shipped in near else min(near, key=simplest)


MINILM_L2S = (3e-5, 1e-4)
MINILM_SHARES = (0.0, 0.5, 0.7, 0.85)  # 0: the default install's mixture alone
SHIPPED_MINILM = (3e-5, 0.5, 0.0)  # l2, share, margin (seventh events session)


def compare_minilm(sets: Prepared) -> tuple[float, float, float]:
    """The optional extra's candidates (declared in BENCHMARKS, eighth events session):
    MiniLM's model (l2, share) mixed onto the chosen default mixture (the sparse model
    without the rules' code on the tuned-on sets, mixed with the static table's at 0.7),
    each margin; the same mean rule. Returns the chosen (l2, share, margin)."""
    static, minilm = encoded(sets, "static"), encoded(sets, "minilm")
    rules = rules_of(sets)
    specs = [(static, STATIC_L2), *((minilm, l2) for l2 in MINILM_L2S)]
    opinions = held_out(sets, "tuned-free", 1.0, specs)
    base = {
        n: [mixture(s, d, 0.7) for s, d in zip(sp, dn[0], strict=True)]
        for n, (sp, dn) in opinions.items()
    }
    means: dict[tuple[float, float, float], float] = {}
    for j, l2 in enumerate(MINILM_L2S, start=1):
        for share in MINILM_SHARES:
            probs = {
                n: [mixture(b, d, share) for b, d in zip(base[n], opinions[n][1][j], strict=True)]
                for n in base
            }
            for m, x in shown(
                f"minilm l2 {l2:<6} share {share:<4}", scored(sets, rules, probs)
            ).items():
                means[(l2, share, m)] = x
    return tie_choice(means, SHIPPED_MINILM, lambda k: (-k[2], k[1], -k[0]))


THRESHOLDS = (0.4, 0.6, 0.75)  # the rules' confidence below which the model decides
SPARSE_L2S = (0.3, 1.0, 3.0)  # the sparse model's L2 weight (0.3 since the third session)


def default_family(
    sets: Prepared,
    static: dict[str, np.ndarray],
    written: Sequence[str] = ("sentences", "news"),
    sparse_l2: float = L2,
    acled: float = ACLED_WEIGHT,
    augment: Augment = (False, False),
) -> dict[str, list[dict[str, float]]]:
    """The chosen default's held-out probabilities per set (``tuned-free``, weight 1, the
    static table's at 0.7), trained with the ``written`` sets and ``sparse_l2``, with
    ACLED's notes counting ``acled`` times (none at 0), domain copies per ``augment``."""
    written = acled_sets(written, acled)
    specs = [(static, STATIC_L2)]
    opinions = held_out(sets, "tuned-free", 1.0, specs, written, sparse_l2, acled, augment)
    return {
        n: [mixture(s, d, 0.7) for s, d in zip(sp, dn[0], strict=True)]
        for n, (sp, dn) in opinions.items()
    }


def acled_sets(written: Sequence[str], acled: float) -> tuple[str, ...]:
    """The ``written`` training sets, with ACLED's notes when they count (``acled`` > 0)."""
    return tuple(w for w in written if w != ACLED) + ((ACLED,) if acled > 0 else ())


def shown(what: str, figures: Sequence[tuple[float, float, float]]) -> dict[float, float]:
    """Print each margin's (margin, validation, CASE dev) figures after ``what``; returns
    the mean of the two per margin."""
    for margin, v, d in figures:
        print(
            f"{what} margin {margin:<4}: validation {v:.3f}  dev CV {d:.3f}  "
            f"mean {(v + d) / 2:.3f}",
            flush=True,
        )
    return {margin: (v + d) / 2 for margin, v, d in figures}


def compare_thresholds(sets: Prepared) -> tuple[float, float]:
    """The rules' confidence threshold (declared in BENCHMARKS, eighth events session): the
    chosen default family at every threshold and margin, the same mean rule; ties go to
    the shipped (the bar and the static mixture's shipped margin, ``embed_train.SHIPPED``),
    else to the smallest threshold, then the largest margin. Returns the chosen (threshold,
    margin)."""
    rules = rules_of(sets)
    probs = default_family(sets, encoded(sets, "static"))
    means = {
        (t, m): x
        for t in THRESHOLDS
        for m, x in shown(f"threshold {t:<4}", scored(sets, rules, probs, t)).items()
    }
    shipped = (THRESHOLD, float(SHIPPED["static"]["document_margin"]))
    return tie_choice(means, shipped, lambda k: (k[0], -k[1]))


def compare_l2(sets: Prepared) -> tuple[float, float]:
    """The sparse model's L2 weight (declared in BENCHMARKS, eighth events session): the
    chosen default family (bar 0.4) for each L2 and margin, the same mean rule; ties go to
    the shipped (0.3, 1.0), else to the largest L2, then the largest margin. Returns the
    chosen (l2, margin)."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    means = value_means(
        sets, rules, "sparse l2", SPARSE_L2S, lambda l2: default_family(sets, static, sparse_l2=l2)
    )
    return tie_choice(means, (L2, 1.0), lambda k: (-k[0], -k[1]))


def value_means(
    sets: Prepared,
    rules: dict[str, list[tuple[str, float]]],
    what: str,
    values: Sequence[float],
    probs_of: Callable[[float], dict[str, list[dict[str, float]]]],
) -> dict[tuple[float, float], float]:
    """The mean of the validation and CASE dev figures per (value, margin), the held-out
    probabilities of each of ``values`` given by ``probs_of``; prints each."""
    means = {}
    for value in values:
        figures = scored(sets, rules, probs_of(value))
        for m, x in shown(f"{what} {value:<4}", figures).items():
            means[(value, m)] = x
    return means


def compare_batch(sets: Prepared, batch: str = "pairs") -> bool:
    """Whether a batch of written snippets (``BATCHES``: ``typer_pairs.yaml``, declared in
    BENCHMARKS, eighth events session; the fresh leads, eleventh) is kept: the chosen
    default family at every margin, trained without and with it on the same rule documents;
    kept when its best mean beats the best mean without it by more than ``CANDIDATE_TIE``."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    best = [
        max(
            shown(
                f"{'+'.join(w):22s}", scored(sets, rules, default_family(sets, static, w))
            ).values()
        )
        for w in (("sentences", "news"), ("sentences", "news", *BATCHES[batch]))
    ]
    return best[1] > best[0] + CANDIDATE_TIE
