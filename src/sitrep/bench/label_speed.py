"""What the CASE document label costs next to the spaCy parse, on the same texts.

    python -m sitrep.bench.label_speed [--data ../shared/data] [--texts case|news|fresh|test]
                                       [--limit 300] [--embeddings] [--repeat 3]

The issue allows the events stage, learned parts included, 25 percent of the parse. This
times, on CASE dev snippets (``case``, never the test split), on the speed benchmark's
news texts (``news``) or on the written fresh leads (``fresh``, see ``texts_of``); and
``test``, CASE's test split, for the report only, run once per session with the test
figures (sixteenth events session: what the extra's gate lets through on unseen snippets,
which CASE dev, the learned models' training data, understates; no label is read): the
parse; the events and dates stages; the labeller's rules and sparse model; and each
embedding model's encoding, as ``case2021`` runs them (the static table by default, with
``--embeddings`` the optional extra's MiniLM too, encoding only the
documents its gate lets through). Loading models and a first warm-up document are left
out (once per process: dateparser alone builds its regexes in about 0.3 s on first use);
the actors and places stages run untimed, as the events stage needs them. The whole
measurement runs ``--repeat`` times and each part's median is shown, with the added share
of every run (timings on two shared cores swing by a fifth from run to run). Each run
starts with the stages' per-phrase memos empty, so a repeat does not find the same texts'
dates already resolved.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..actors.context import _place_countries
from ..actors.words import fold, phrase_key
from ..errors import SitrepError
from ..events.dates import _dateparser
from ..events.embed import WEIGHTS, EmbeddingTyper, Encoder, load_encoder, opinions
from ..events.static import StaticEncoder
from ..events.typer import Retyper
from ..ids import article_id
from ..models import Article, Document
from ..places.normalise import normalise_name
from .case2021 import build_stages
from .case_label import CaseLabeller, embed_documents
from .case_sets import WRITTEN, load_snippets, split, written_sentences
from .corpora import DEFAULT_DATA, news_texts

# written for the warm-up: an event and a date dateparser reads, so each stage meets its first
WARM_UP = "Rebels seized the town of Kafr Nabl on 3 March 2019, late on a Monday."


@dataclass
class Timed:
    """An encoder that keeps the seconds it spent and the texts it encoded."""

    encoder: Encoder
    seconds: float = 0.0
    texts: int = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        t0 = time.perf_counter()
        out = self.encoder.encode(texts)
        self.seconds += time.perf_counter() - t0
        self.texts += len(texts)
        return out


class Part(NamedTuple):
    """One timed part: its name, seconds, a note, and for an encoder the documents it
    encoded."""

    name: str
    seconds: float
    note: str = ""
    encoded: int = 0


def texts_of(data: Path, which: str, limit: int) -> list[str]:
    """The texts to time: the speed benchmark's news texts, CASE dev snippets, or the
    CASE-like leads written for sitrep's fresh development sets, taken evenly across the
    sets (``fresh``: no learned model trained on them, unlike CASE dev; but being easier
    than real snippets, they let the optional extra's gate through no more often: 22-28 of
    300 in the fifteenth events session, against 31-32 of 300 CASE dev snippets and 168 of
    the 679 of CASE's test split)."""
    if which == "news":
        texts = news_texts(data)
    elif which == "fresh":
        texts = [
            s.text for name in WRITTEN if name.startswith("fresh") for s in written_sentences(name)
        ]
        if limit and len(texts) > limit:
            step = len(texts) / limit
            texts = [texts[int(k * step)] for k in range(limit)]
    else:
        texts = [s.text for s in split(load_snippets(data), "test" if which == "test" else "dev")]
    return texts[:limit] if limit else texts


def forget_texts() -> None:
    """Empty the per-phrase memos of the stages (date phrases, names) and the static
    table's split words, which outlive a run:
    a repeated run on the same texts would otherwise find every phrase already resolved
    (dateparser alone: 0.28 s on 300 CASE snippets cold, 0.03 s warm)."""
    for memo in (_dateparser, fold, phrase_key, _place_countries, normalise_name):
        memo.cache_clear()
    static = StaticEncoder.load()  # and the words the static table has split
    if static is not None:
        static.known.clear()


def measure(texts: Sequence[str], names: Sequence[str]) -> list[Part]:
    """(part, seconds, note) for the parse, events + dates, the labeller and each encoder,
    each run starting with the stages' memos empty (``forget_texts``)."""
    forget_texts()
    typer = Retyper.load()
    if typer is None:
        raise SitrepError("no sparse model: train it with sitrep.bench.typer_train")
    dense, encoders = [], []
    for name in names:
        model = EmbeddingTyper.load(WEIGHTS[name])
        if model is None:
            raise SitrepError(f"no {name} weights: train them with sitrep.bench.embed_train")
        dense.append(model)
        encoder = Timed(load_encoder(name))
        encoder.encode([texts[0]])  # warm-up, left out
        encoder.seconds, encoder.texts = 0.0, 0
        encoders.append(encoder)
    parse, *rest = build_stages("full")
    warm = list(parse.pipe([Document(Article(id=article_id(WARM_UP), text=WARM_UP))]))  # type: ignore[attr-defined]
    for stage in rest:  # warm-up, left out: dateparser builds its regexes on first use
        warm = [stage(d) for d in warm]  # type: ignore[operator]
    docs = [Document(Article(id=article_id(t), text=t)) for t in texts]
    t0 = time.perf_counter()
    docs = list(parse.pipe(docs))  # type: ignore[attr-defined]
    parts = [Part("parse", time.perf_counter() - t0, f"{sum(len(d.tokens) for d in docs)} tokens")]
    events = 0.0
    for stage in rest:
        t0 = time.perf_counter()
        docs = [stage(d) for d in docs]  # type: ignore[operator]
        if stage.name in ("events", "dates"):  # type: ignore[attr-defined]
            events += time.perf_counter() - t0
    parts.append(Part("events + dates", events))
    labeller = CaseLabeller(typer, dense)
    t0 = time.perf_counter()
    vectors, counts = embed_documents(labeller, encoders, docs)
    for d, v in zip(docs, vectors, strict=True):
        labeller.label(d, v)
    spent = time.perf_counter() - t0
    encoding = sum(e.seconds for e in encoders)
    parts.append(Part("labeller: rules, sparse model, gates", spent - encoding))
    for name, encoder, n in zip(names, encoders, counts, strict=True):
        parts.append(Part(f"{name} encoding", encoder.seconds, f"{n} of {len(docs)} documents", n))
    return parts


def repeated(
    texts: Sequence[str], names: Sequence[str], repeat: int
) -> tuple[list[Part], list[float]]:
    """``measure`` ``repeat`` times: each part's median seconds (timings on a shared
    two-core machine swing by a fifth from run to run), and each run's added share."""
    runs = [measure(texts, names) for _ in range(max(1, repeat))]
    parts = [
        part._replace(seconds=float(np.median([run[k].seconds for run in runs])))
        for k, part in enumerate(runs[0])
    ]
    shares = [
        sum(p.seconds for p in run[1:]) / run[0].seconds for run in runs if run[0].seconds > 0
    ]
    return parts, shares


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--texts", choices=("case", "news", "fresh", "test"), default="case")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--embeddings", action="store_true", help="the optional extra's MiniLM too")
    ap.add_argument("--repeat", type=int, default=3, help="runs; each part's median is shown")
    args = ap.parse_args(argv)
    try:
        texts = texts_of(args.data, args.texts, args.limit)
        names = opinions("minilm" if args.embeddings else "static")
        parts, shares = repeated(texts, names, args.repeat)
    except SitrepError as exc:
        print(f"label_speed: {exc}", file=sys.stderr)
        return 2
    parse = parts[0].seconds
    print(f"{len(texts)} {args.texts} texts, median of {len(shares)} runs")
    for part in parts:
        share = "" if part.name == "parse" else f"  {100 * part.seconds / parse:6.1f} % of parse"
        print(f"  {part.name:38s} {part.seconds:7.2f} s{share}  {part.note}".rstrip())
    added = sum(p.seconds for p in parts[1:])
    print(
        f"  {'in all, added to the parse':38s} {added:7.2f} s  "
        f"{100 * added / parse:6.1f} % of parse"
    )
    if len(shares) > 1:
        low, high = 100 * min(shares), 100 * max(shares)
        print(f"  {'added, run by run':38s} {low:.1f} - {high:.1f} % of parse")
    for line in gate_costs(parts, len(texts)):
        print(line)
    return 0


def gate_costs(parts: Sequence[Part], texts: int) -> list[str]:
    """With MiniLM among ``parts``, the two figures ``typer_select --compare --gate --cost``
    projects the cost on unseen snippets from: the added share without MiniLM, and MiniLM's
    cost of one encoded document as a share of one document's parse."""
    parse = parts[0].seconds
    minilm = [p for p in parts if p.name == "minilm encoding"]
    if not minilm or parse <= 0 or texts <= 0:
        return []
    without = sum(p.seconds for p in parts[1:] if p.name != "minilm encoding")
    lines = [f"  {'added without MiniLM (D)':38s} {100 * without / parse:6.1f} % of parse"]
    if minilm[0].encoded:
        per = (minilm[0].seconds / minilm[0].encoded) / (parse / texts)
        lines.append(f"  {'MiniLM per encoded document (M)':38s} {100 * per:6.1f} % of its parse")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
