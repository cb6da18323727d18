"""Choose how the learned sub-type models join the rules, on snippets nothing was tuned on.

    python -m sitrep.bench.typer_select [--data ../shared/data] [--encoder static|minilm]
    python -m sitrep.bench.typer_select --compare [--encoder minilm | --batch] [--cache F]

Cross-validation on the CASE dev split and the written training sentences favours the
rules, because the rules were tuned on both. This command trains the models as
``typer_train`` / ``embed_train`` do but without the validation set (on the written
sentences and the CASE dev split) and scores every setting on
``data/events/typer_validation.yaml``: snippets written for sitrep that no rule was tuned on
and no model here trained on (the shipped weights are then trained on it too, settings
fixed: the last step of ``typer_train`` and ``embed_train``). It prints weighted F1 per
setting, never a snippet or an error, so the set stays unseen by rule work. The sparse
model's document margin always; with ``--encoder`` the embedding model's L2 weight, its
share of the mixture and the mixture's margin (``static``: the packaged table;
``minilm``: the optional extra).

``--compare`` (eighth events session; how the shipped settings are chosen now): the
validation set flatters the learned models (its writers wrote the training snippets too),
so each candidate also gets CASE dev 5-fold cross-validation of the joined system, which
flatters the rules instead, and the rule declared in BENCHMARKS takes the best mean of the
two (``choose_candidate``).
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ..errors import SitrepError
from ..events.embed import WEIGHTS, Encoder, embedding_text, load_encoder, mixture
from ..events.typer import document_features
from ..models import Document
from .case2021 import THRESHOLD, CaseLabeller, f1_report, written_sentences
from .corpora import DEFAULT_DATA
from .embed_train import L2S, MIXES, SHIPPED, fit_dense, margin_scores
from .typer_train import (
    L2,
    dev_weights,
    fit,
    named_documents,
    rule_documents,
    set_features,
    training_sets,
)

# 0: the model always decides; inf: only when the rules are unsure
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, math.inf)
TIE = 0.003  # settings this close to the best count as ties: the largest margin wins

Setting = tuple[float, float, float]  # l2, mix, margin (l2 and mix 0 for the sparse model)


def line(figures: Sequence[tuple[float, float]]) -> str:
    return "  ".join(f"{margin:>4}: {f1:.3f}" for margin, f1 in figures)


def choose(results: dict[Setting, float]) -> Setting:
    """The declared rule: the best figure, and among settings within ``TIE`` of it the
    largest margin (closest to the rules), then the smallest mix, then the largest l2."""
    best = max(results.values())
    near = [k for k, f1 in results.items() if f1 >= best - TIE]
    return max(near, key=lambda k: (k[2], -k[1], k[0]))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--encoder", choices=tuple(WEIGHTS), help="also this encoder's mixtures")
    ap.add_argument(
        "--compare",
        action="store_true",
        help="the candidates of the eighth events session: validation and CASE dev 5-fold",
    )
    ap.add_argument("--cache", type=Path, help="with --compare: keep the rule documents here")
    ap.add_argument(
        "--batch", action="store_true", help="with --compare: with and without typer_pairs.yaml"
    )
    ap.add_argument(
        "--thresholds", action="store_true", help="with --compare: the rules' confidence bar"
    )
    ap.add_argument("--l2", action="store_true", help="with --compare: the sparse model's L2")
    args = ap.parse_args(argv)
    if args.compare and args.l2:
        l2, margin = compare_l2(prepared(args.data, args.cache))
        print(f"chosen: sparse l2 {l2}, margin {margin}")
        return 0
    if args.compare and args.thresholds:
        threshold, margin = compare_thresholds(prepared(args.data, args.cache))
        print(f"chosen: threshold {threshold}, margin {margin}")
        return 0
    if args.compare and args.batch:
        kept = compare_batch(prepared(args.data, args.cache))
        print(f"typer_pairs.yaml is {'kept' if kept else 'not kept'}")
        return 0
    if args.compare and args.encoder == "minilm":
        l2, share, margin = compare_minilm(prepared(args.data, args.cache))
        print(f"chosen for the extra: MiniLM l2 {l2}, share {share}, margin {margin}")
        return 0
    if args.compare:
        table = compare(prepared(args.data, args.cache))
        mode, weight, mix, margin = choose_candidate(table)
        v, d = table[(mode, weight, mix, margin)]
        print(
            f"chosen: features {mode}, dev weight {weight}, static mix {mix}, margin {margin} "
            f"(validation {v:.3f}, CASE dev CV {d:.3f}, mean {(v + d) / 2:.3f})"
        )
        return 0
    try:
        held = written_sentences("validation")
        encoder = load_encoder(args.encoder) if args.encoder else None
    except SitrepError as exc:
        print(f"typer_select: {exc}", file=sys.stderr)
        return 2
    named = training_sets(args.data, validation=False)
    train = [s for items in named.values() for s in items]
    by_set = named_documents(named)
    train_docs, docs = [d for ds in by_set.values() for d in ds], rule_documents(held)
    labels = [s.label for s in train]
    gold = [s.label for s in held]
    classes = sorted(set(labels) | set(gold))
    labeller = CaseLabeller()
    rules = [labeller.label(d) for d in docs]
    weights = dev_weights(train)
    train_feats = [f for name, ds in by_set.items() for f in set_features(name, ds)]
    sparse = fit(train_feats, labels, classes, weights)
    sparse_probs = [sparse.probabilities(document_features(d)) for d in docs]
    print(
        f"validation set: {len(held)} snippets; trained on {len(train)} "
        "(CASE dev split + written sentences); weighted F1"
    )
    print(f"rules alone: {f1_report(gold, [r[0] for r in rules])['weighted_f1']:.3f}")
    figures = margin_scores(docs, gold, rules, sparse_probs, MARGINS)
    print(f"sparse model, margin {line(figures)}")
    _, _, margin = choose({(0.0, 0.0, m): f1 for m, f1 in figures})
    print(f"chosen for the sparse model alone: document margin {margin}")
    if encoder is None:
        return 0
    texts = [embedding_text(d) for d in train_docs], [embedding_text(d) for d in docs]
    fitted = (labels, classes, weights)
    results = grid(encoder, texts, fitted, sparse_probs, (docs, gold, rules), "")
    l2, mix, margin = choose(results)
    print(f"chosen for {args.encoder}: l2 {l2}, mix {mix}, document margin {margin}")
    if args.encoder != "minilm":
        return 0
    # the three-way mixture (declared in BENCHMARKS, seventh events session): the sparse
    # model mixed with the static table at its shipped setting, then with MiniLM
    static = SHIPPED["static"]
    static_model = fit_dense(
        np.asarray(load_encoder("static").encode(texts[0])),
        labels,
        classes,
        l2=static["l2"],
        weights=weights,
    )
    base = [
        mixture(s, d, static["mix"])
        for s, d in zip(
            sparse_probs,
            static_model.probabilities(np.asarray(load_encoder("static").encode(texts[1]))),
            strict=True,
        )
    ]
    three = grid(encoder, texts, fitted, base, (docs, gold, rules), "sparse+static, ")
    l2, mix, margin = choose(three)
    print(f"chosen for sparse+static+minilm: l2 {l2}, mix {mix}, document margin {margin}")
    better = max(three.values()) > max(results.values()) + TIE
    print(f"three-way mixture {'replaces' if better else 'does not replace'} the two-way one")
    return 0


def grid(
    encoder: Encoder,
    texts: tuple[list[str], list[str]],
    fitted: tuple[list[str], list[str], list[float]],
    base: Sequence[dict[str, float]],
    held: tuple[list[Document], list[str], list[tuple[str, float]]],
    what: str,
) -> dict[Setting, float]:
    """Weighted F1 on the held-out documents of ``base`` probabilities mixed with an
    embedding model's (trained on ``texts[0]`` with ``fitted``: labels, classes, item
    weights), for every l2, share of the mixture and margin."""
    docs, gold, rules = held
    labels, classes, weights = fitted
    train_vecs, vecs = np.asarray(encoder.encode(texts[0])), np.asarray(encoder.encode(texts[1]))
    results: dict[Setting, float] = {}
    for l2 in L2S:
        dense = fit_dense(train_vecs, labels, classes, l2=l2, weights=weights)
        dense_probs = dense.probabilities(vecs)
        for mix in MIXES:
            mixed = [mixture(s, d, mix) for s, d in zip(base, dense_probs, strict=True)]
            figures = margin_scores(docs, gold, rules, mixed, MARGINS)
            results.update({(l2, mix, m): f1 for m, f1 in figures})
            print(f"{what}l2 {l2:<6} mix {mix:<4} margin {line(figures)}")
    return results


# --- eighth events session: a selection rule that also weighs CASE dev (declared in
# BENCHMARKS before it was run) ---------------------------------------------------------

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
Candidate = tuple[str, float, float, float]  # feature mode, dev weight, static mix, margin
K = TypeVar("K")
Prepared = dict[str, tuple[list[Document], list[str], list[int]]]


def prepared(data: Path, cache: Path | None) -> Prepared:
    """Every set's rule documents, gold labels and cross-validation folds (dev fold
    ``id // 3 % 5``), read from ``cache`` when given and present."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            loaded: Prepared = pickle.load(fh)
        return loaded
    sets = training_sets(data, validation=True)
    if "pairs" not in sets:  # a candidate batch of training snippets (compare_batch)
        sets["pairs"] = written_sentences("pairs")
    out: Prepared = {}
    for name, items in sets.items():
        folds = [s.id // 3 % 5 if s.id >= 0 else i % 5 for i, s in enumerate(items)]
        out[name] = (rule_documents(items), [s.label for s in items], folds)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def mode_features(docs: Sequence[Document], mode: str, own: str) -> list[list[str]]:
    """Training features of set ``own`` under feature ``mode``."""
    drop = {"all": (), "dev-free": ("CASE dev",), "tuned-free": ("CASE dev", "sentences")}
    keep = mode != "none" and own not in drop.get(mode, ())
    return [document_features(d, rules=keep) for d in docs]


Opinions = tuple[list[dict[str, float]], list[list[dict[str, float]]]]  # sparse, dense ones
DenseSpec = tuple[dict[str, np.ndarray], float]  # an encoder's vectors per set, its l2


def opinions_on(
    sets: Prepared,
    train: list[tuple[str, int]],
    held: list[tuple[str, int]],
    mode: str,
    weight: float,
    specs: Sequence[DenseSpec],
    sparse_l2: float = L2,
) -> Opinions:
    """The sparse model's and each dense model's probabilities on ``held``, all trained on
    ``train`` ((set, index) pairs) with CASE dev snippets counting ``weight`` times."""
    feats = {n: mode_features(sets[n][0], mode, n) for n in {n for n, _ in train}}
    labels = [sets[n][1][i] for n, i in train]
    classes = sorted({lab for docs, labs, _ in sets.values() for lab in labs})
    weights = [weight if n == "CASE dev" else 1.0 for n, _ in train]
    sparse = fit([feats[n][i] for n, i in train], labels, classes, weights, sparse_l2)
    run = [document_features(sets[n][0][i], rules=mode != "none") for n, i in held]
    dense = []
    for vectors, l2 in specs:
        model = fit_dense(
            np.array([vectors[n][i] for n, i in train]), labels, classes, l2=l2, weights=weights
        )
        dense.append(model.probabilities(np.array([vectors[n][i] for n, i in held])))
    return [sparse.probabilities(f) for f in run], dense


def held_out(
    sets: Prepared,
    mode: str,
    weight: float,
    specs: Sequence[DenseSpec],
    written_sets: Sequence[str] = ("sentences", "news"),
    sparse_l2: float = L2,
) -> dict[str, Opinions]:
    """The opinions on the validation set (models trained on the CASE dev split and the
    ``written_sets``) and on the CASE dev split by 5-fold cross-validation."""
    written = [(n, i) for n in written_sets for i in range(len(sets[n][0]))]
    dev = sets["CASE dev"]
    every = [("CASE dev", i) for i in range(len(dev[0]))]
    val = [("validation", i) for i in range(len(sets["validation"][0]))]
    out = {"validation": opinions_on(sets, every + written, val, mode, weight, specs, sparse_l2)}
    cv: Opinions = ([{}] * len(every), [[{}] * len(every) for _ in specs])
    for fold in range(5):
        train = [("CASE dev", i) for i, f in enumerate(dev[2]) if f != fold] + written
        held = [("CASE dev", i) for i, f in enumerate(dev[2]) if f == fold]
        sparse, dense = opinions_on(sets, train, held, mode, weight, specs, sparse_l2)
        for k, (_, i) in enumerate(held):
            cv[0][i] = sparse[k]
            for j, probs in enumerate(dense):
                cv[1][j][i] = probs[k]
    out["CASE dev"] = cv
    return out


def encoded(sets: Prepared, name: str) -> dict[str, np.ndarray]:
    encoder = load_encoder(name)
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
) -> dict[str, list[dict[str, float]]]:
    """The chosen default's held-out probabilities per set (``tuned-free``, weight 1, the
    static table's at 0.7), trained with the ``written`` sets and ``sparse_l2``."""
    opinions = held_out(sets, "tuned-free", 1.0, [(static, STATIC_L2)], written, sparse_l2)
    return {
        n: [mixture(s, d, 0.7) for s, d in zip(sp, dn[0], strict=True)]
        for n, (sp, dn) in opinions.items()
    }


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
    the shipped (0.4, 1.5), else to the smallest threshold, then the largest margin.
    Returns the chosen (threshold, margin)."""
    rules = rules_of(sets)
    probs = default_family(sets, encoded(sets, "static"))
    means = {
        (t, m): x
        for t in THRESHOLDS
        for m, x in shown(f"threshold {t:<4}", scored(sets, rules, probs, t)).items()
    }
    return tie_choice(means, (THRESHOLD, 1.5), lambda k: (k[0], -k[1]))


def compare_l2(sets: Prepared) -> tuple[float, float]:
    """The sparse model's L2 weight (declared in BENCHMARKS, eighth events session): the
    chosen default family (bar 0.4) for each L2 and margin, the same mean rule; ties go to
    the shipped (0.3, 1.0), else to the largest L2, then the largest margin. Returns the
    chosen (l2, margin)."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    means = {}
    for l2 in SPARSE_L2S:
        probs = default_family(sets, static, sparse_l2=l2)
        for m, x in shown(f"sparse l2 {l2:<4}", scored(sets, rules, probs)).items():
            means[(l2, m)] = x
    return tie_choice(means, (L2, 1.0), lambda k: (-k[0], -k[1]))


def compare_batch(sets: Prepared) -> bool:
    """Whether the batch ``typer_pairs.yaml`` is kept (declared in BENCHMARKS, eighth events
    session): the chosen default family at every margin, trained without and with it on
    the same rule documents; kept when its best mean beats the best mean without it by
    more than ``CANDIDATE_TIE``."""
    static, rules = encoded(sets, "static"), rules_of(sets)
    best = [
        max(
            shown(
                f"{'+'.join(w):22s}", scored(sets, rules, default_family(sets, static, w))
            ).values()
        )
        for w in (("sentences", "news"), ("sentences", "news", "pairs"))
    ]
    return best[1] > best[0] + CANDIDATE_TIE


if __name__ == "__main__":
    raise SystemExit(main())
