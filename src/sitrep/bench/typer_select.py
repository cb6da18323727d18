"""Choose how the learned sub-type models join the rules, on snippets nothing was tuned on.

    python -m sitrep.bench.typer_select [--data ../shared/data] [--encoder static|minilm]
    python -m sitrep.bench.typer_select --compare [--encoder minilm | --batch [fresh]] [--cache F]
    python -m sitrep.bench.typer_select --compare --acled [--encoder minilm] [--cache F]
    python -m sitrep.bench.typer_select --compare --prior [--encoder minilm] [--cache F]
    python -m sitrep.bench.typer_select --compare --domain [--encoder minilm] [--cache F]
    python -m sitrep.bench.typer_select --compare --table F [--cache F]
    python -m sitrep.bench.typer_select --compare --gate [--cost D,M] [--cache F]  (the extra)

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
two (``choose_candidate``). ``--acled`` (ninth events session): whether ACLED's notes on
the ACLED sample's development rows join the training, and at what weight
(``typer_acled``); ``--prior``: a prior correction of the learned opinion toward CASE dev's
label frequencies (``typer_prior``); ``--domain``: real news learned apart from written
snippets by feature augmentation (``typer_adapt``). ``--table`` (eleventh events session):
a static table learnt in context against the packaged one (``typer_table``). ``--gate``
(twelfth): which documents the optional extra's MiniLM encodes (``typer_gate``); with
``--cost`` (sixteenth) the gate is chosen within the issue's budget on unseen snippets.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import SitrepError
from ..events.embed import TRAINING, WEIGHTS, Encoder, embedding_text, load_encoder, mixture
from ..events.typer import document_features
from ..models import Document
from .case2021 import f1_report
from .case_label import CaseLabeller
from .case_sets import written_sentences
from .corpora import DEFAULT_DATA
from .embed_train import L2S, MIXES, SHIPPED, fit_dense, margin_scores
from .typer_acled import compare_acled, compare_acled_minilm
from .typer_adapt import compare_domain, compare_domain_minilm
from .typer_compare import (
    MARGINS,
    choose_candidate,
    compare,
    compare_batch,
    compare_l2,
    compare_minilm,
    compare_thresholds,
    prepared,
)
from .typer_gate import compare_gate
from .typer_prior import compare_prior, compare_prior_minilm
from .typer_table import compare_tables
from .typer_train import (
    ACLED_WEIGHT,
    DOMAIN_AUGMENT,
    PRIOR_ALPHA,
    fit,
    named_documents,
    rule_documents,
    set_features,
    set_weights,
    training_sets,
)

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


def costs(raw: str) -> tuple[float, float]:
    """``D,M`` as two non-negative percentages."""
    try:
        default, minilm = (float(x) for x in raw.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected two numbers D,M, not {raw!r}") from exc
    if not (0 <= default < 1000 and 0 <= minilm < 1000):
        raise argparse.ArgumentTypeError(f"percentages out of range: {raw!r}")
    return default, minilm


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
        "--batch",
        nargs="?",
        const="pairs",
        choices=("pairs", "fresh"),
        help="with --compare: with and without a batch of written snippets (typer_pairs.yaml, "
        "or the fresh CASE-like leads case_fresh.yaml and case_fresh11.yaml)",
    )
    ap.add_argument(
        "--thresholds", action="store_true", help="with --compare: the rules' confidence bar"
    )
    ap.add_argument("--l2", action="store_true", help="with --compare: the sparse model's L2")
    ap.add_argument(
        "--acled", action="store_true", help="with --compare: ACLED's development notes' weight"
    )
    ap.add_argument(
        "--prior", action="store_true", help="with --compare: prior correction toward CASE dev"
    )
    ap.add_argument(
        "--domain", action="store_true", help="with --compare: domain copies of the inputs"
    )
    ap.add_argument(
        "--table", type=Path, help="with --compare: this static table against the packaged one"
    )
    ap.add_argument(
        "--gate", action="store_true", help="with --compare: the optional extra's MiniLM gate"
    )
    ap.add_argument(
        "--cost",
        type=costs,
        metavar="D,M",
        help="with --gate: the default's added share of the parse and MiniLM's per encoded "
        "snippet, in percent (label_speed --texts case --embeddings)",
    )
    args = ap.parse_args(argv)
    if args.compare and args.gate:
        try:
            gate = compare_gate(prepared(args.data, args.cache), args.cost)
        except SitrepError as exc:
            print(f"typer_select: {exc}", file=sys.stderr)
            return 2
        print(f"chosen for the extra: MiniLM gate {gate}")
        return 0
    if args.compare and args.table:
        try:
            name, margin = compare_tables(prepared(args.data, args.cache), args.table)
        except SitrepError as exc:
            print(f"typer_select: {exc}", file=sys.stderr)
            return 2
        print(f"chosen: static table {name}, margin {margin}")
        return 0
    if args.compare and args.domain:
        sets = prepared(args.data, args.cache)
        if args.encoder == "minilm":
            under = (DOMAIN_AUGMENT, bool(SHIPPED["static"]["domain"]))
            own, margin = compare_domain_minilm(sets, under)
            print(f"chosen for the extra: MiniLM domain copies {own}, margin {margin}")
        else:
            augment, margin = compare_domain(sets)
            print(f"chosen: domain copies (sparse, static) {augment}, margin {margin}")
        return 0
    if args.compare and args.prior:
        sets = prepared(args.data, args.cache)
        minilm = args.encoder == "minilm"
        alpha, margin = compare_prior_minilm(sets, PRIOR_ALPHA) if minilm else compare_prior(sets)
        print(f"chosen{' for the extra' if minilm else ''}: alpha {alpha}, margin {margin}")
        return 0
    if args.compare and args.acled:
        sets = prepared(args.data, args.cache)
        minilm = args.encoder == "minilm"
        weight, margin = (compare_acled_minilm if minilm else compare_acled)(sets)
        print(f"chosen{' for the extra' if minilm else ''}: ACLED weight {weight}, margin {margin}")
        return 0
    if args.compare and args.l2:
        l2, margin = compare_l2(prepared(args.data, args.cache))
        print(f"chosen: sparse l2 {l2}, margin {margin}")
        return 0
    if args.compare and args.thresholds:
        threshold, margin = compare_thresholds(prepared(args.data, args.cache))
        print(f"chosen: threshold {threshold}, margin {margin}")
        return 0
    if args.compare and args.batch:
        kept = compare_batch(prepared(args.data, args.cache), args.batch)
        print(f"the batch {args.batch} is {'kept' if kept else 'not kept'}")
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
        encoder = load_encoder(args.encoder, TRAINING) if args.encoder else None
    except SitrepError as exc:
        print(f"typer_select: {exc}", file=sys.stderr)
        return 2
    named = training_sets(args.data, validation=False, acled=ACLED_WEIGHT > 0)
    train = [s for items in named.values() for s in items]
    by_set = named_documents(named)
    train_docs, docs = [d for ds in by_set.values() for d in ds], rule_documents(held)
    labels = [s.label for s in train]
    gold = [s.label for s in held]
    classes = sorted(set(labels) | set(gold))
    labeller = CaseLabeller()
    rules = [labeller.label(d) for d in docs]
    weights = set_weights(named)
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


if __name__ == "__main__":
    raise SystemExit(main())
