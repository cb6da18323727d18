"""``typer_select --compare --gate``: which documents the optional extra's MiniLM need
encode (twelfth events session; the rule declared in BENCHMARKS before it was run).

MiniLM costs about as much as the spaCy parse of a CASE snippet, yet its share of the
mixture turns the default install's label on few documents. A gated MiniLM model
(``EmbeddingTyper.gate``) encodes a document only when the default's decision lies within
the gate of another label (``typer.decision_margin``); the others keep the default's
label. Each gate is scored as the other comparisons are, on the validation set and by
CASE dev 5-fold cross-validation, with the shipped settings (the default mixture, MiniLM's
l2 and share, margin 2.0). The rule: the smallest gate under which every document of both
sets gets the label the ungated extra gives it (none: no gate). Prints figures only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import cast

import numpy as np

from ..events.embed import mixture
from ..events.typer import decision_margin, document_choice
from .case2021 import f1_report
from .case_label import THRESHOLD
from .embed_train import SHIPPED
from .typer_compare import CANDIDATE_TIE, Prepared, encoded, held_out, rules_of

GATES = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
SETS = ("validation", "CASE dev")
BUDGET = 25.0  # percent of the parse the issue allows the events stage, learned parts included


def gated_labels(
    sets: Prepared,
    rules: dict[str, list[tuple[str, float]]],
    base: dict[str, list[dict[str, float]]],
    extra: dict[str, list[dict[str, float]]],
    margin: float,
) -> dict[str, tuple[list[str], list[str], list[float]]]:
    """Per set: the default's labels, the ungated extra's, and the default's decision
    margins."""
    out = {}
    for name in SETS:
        docs = sets[name][0]
        rows = list(zip(docs, base[name], extra[name], rules[name], strict=True))
        default = [document_choice(d, b, r, c >= THRESHOLD, margin) for d, b, _, (r, c) in rows]
        full = [document_choice(d, e, r, c >= THRESHOLD, margin) for d, _, e, (r, c) in rows]
        near = [decision_margin(d, b, r, c >= THRESHOLD, margin) for d, b, _, (r, c) in rows]
        out[name] = (default, full, near)
    return out


def choose_gate(figures: Mapping[float, Sequence[int]]) -> float:
    """The declared rule: the smallest gate with no document labelled otherwise than by the
    ungated extra on any set (``figures``: gate -> such documents per set); else none."""
    exact = [gate for gate, differ in figures.items() if not any(differ)]
    return min(exact) if exact else math.inf


def choose_budgeted(
    figures: Mapping[float, tuple[float, float]], cost: tuple[float, float]
) -> float | None:
    """The sixteenth session's rule (module docstring): ``figures`` gate -> (share of CASE
    dev encoded out of fold, mean weighted F1 of the two sets); ``cost`` (D, M) in percent.
    The best mean among the gates projected within ``BUDGET``, ties to the larger gate;
    ``None`` when no gate is allowed."""
    default, minilm = cost
    allowed = {g: f1 for g, (share, f1) in figures.items() if default + share * minilm <= BUDGET}
    if not allowed:
        return None
    best = max(allowed.values())
    return max(g for g, f1 in allowed.items() if f1 >= best - CANDIDATE_TIE)


def compare_gate(sets: Prepared, cost: tuple[float, float] | None = None) -> float:
    """Prints, per gate, the share of documents MiniLM encodes and the weighted F1 of each
    set (with ``cost``, the projected cost on unseen snippets too); returns the chosen gate:
    by ``choose_gate``, or with ``cost`` by ``choose_budgeted`` where it allows a gate."""
    static, minilm = encoded(sets, "static"), encoded(sets, "minilm")
    rules = rules_of(sets)
    default, extra = SHIPPED["static"], SHIPPED["minilm"]
    specs = [(static, default["l2"]), (minilm, extra["l2"])]
    opinions = held_out(sets, "tuned-free", 1.0, specs)
    base = {
        n: [mixture(s, d, default["mix"]) for s, d in zip(sp, dn[0], strict=True)]
        for n, (sp, dn) in opinions.items()
    }
    mixed = {
        n: [mixture(b, m, extra["mix"]) for b, m in zip(base[n], opinions[n][1][1], strict=True)]
        for n in base
    }
    labels = gated_labels(sets, rules, base, mixed, extra["document_margin"])
    for name, (default_labels, full, _) in labels.items():
        gold = sets[name][1]
        print(
            f"{name}: default {f1_report(gold, default_labels)['weighted_f1']:.3f}, "
            f"ungated extra {f1_report(gold, full)['weighted_f1']:.3f}"
        )
    figures: dict[float, list[int]] = {}
    budgeted: dict[float, tuple[float, float]] = {}
    for gate in GATES:
        row: list[str] = []
        f1s: list[float] = []
        dev_share = 0.0
        for name, (default_labels, full, near) in labels.items():
            encode = [m < gate for m in near]
            pred = [f if e else d for d, f, e in zip(default_labels, full, encode, strict=True)]
            differ = sum(p != f for p, f in zip(pred, full, strict=True))
            figures.setdefault(gate, []).append(differ)
            f1 = cast(float, f1_report(sets[name][1], pred)["weighted_f1"])
            f1s.append(f1)
            if name == "CASE dev":
                dev_share = float(np.mean(encode))
            row.append(f"{name} encodes {np.mean(encode):.3f}, F1 {f1:.3f}, {differ} differ")
        budgeted[gate] = (dev_share, float(np.mean(f1s)))
        if cost is not None:
            projected = cost[0] + dev_share * cost[1]
            row.append(f"mean F1 {np.mean(f1s):.3f}, projected {projected:.1f} %")
        print(f"gate {gate:<4}: " + "; ".join(row), flush=True)
    chosen = choose_gate(figures)
    if cost is not None:
        within = choose_budgeted(budgeted, cost)
        if within is None:
            print(f"no gate within {BUDGET:g} % of the parse: the extra stays over the budget")
        else:
            chosen = within
    return chosen
