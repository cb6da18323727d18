"""Factuality of annotated events (MEANTIME, unified -3..3 scale), judged by events modality.

    python -m sitrep.bench.factuality [--data ../shared/data] [--split test|dev]

Each annotated predicate is factual when its gold value is above 0. sitrep parses the
sentence, finds the same word, and asks the modality judge of the events stage: asserted,
reported and alleged count as factual; hypothetical, negated and denied do not. The unified
scale grades certainty, so a certain future ("will have to refuel", 3.0) is factual there:
sitrep's ``future`` counts as factual in this benchmark only.
Prints accuracy, the majority-class baseline, and precision/recall of "non-factual".
Tune on dev only.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..events.lexicon import load_lexicon
from ..events.modality import ModalityJudge
from ..events.syntax import SentenceView
from ..models import FACTUAL_MODALITIES, Article, Document
from .corpora import DEFAULT_DATA, require

CERTAIN = FACTUAL_MODALITIES | {"future"}


@dataclass(frozen=True, slots=True)
class Annotated:
    text: str
    offsets: tuple[tuple[int, int, float], ...]  # (start, end, gold value) per predicate


def read_conll(path: Path) -> Iterator[Annotated]:
    words: list[str] = []
    gold: list[tuple[int, float]] = []

    def flush() -> Annotated | None:
        if not words:
            return None
        text, spans, pos = "", [], 0
        for w in words:
            spans.append((pos, pos + len(w)))
            text += w + " "
            pos += len(w) + 1
        marks = tuple((spans[i][0], spans[i][1], v) for i, v in gold)
        return Annotated(text.rstrip(), marks) if marks else None

    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 3:
            done = flush()
            if done is not None:
                yield done
            words, gold = [], []
            continue
        words.append(cols[1])
        if cols[2] != "_":
            gold.append((len(words) - 1, float(cols[2])))
    done = flush()
    if done is not None:
        yield done


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    args = ap.parse_args(argv)

    from ..parse import ParseStage, load_model
    from ..settings import Settings

    path = require(args.data, "factuality-meantime", f"meantime_{args.split}.conll")
    items = list(read_conll(path))
    parse = ParseStage(load_model(Settings().spacy_model))
    docs = list(parse.pipe(Document(Article(id=f"f{i}", text=a.text)) for i, a in enumerate(items)))
    judge = ModalityJudge(load_lexicon().modality)
    gold: list[bool] = []
    pred: list[bool] = []
    for item, doc in zip(items, docs, strict=True):
        for start, end, value in item.offsets:
            tok = next(
                (t for t in doc.tokens if t.start <= start < t.end or start <= t.start < end), None
            )
            if tok is None:
                continue
            view = SentenceView(doc, doc.sentences[tok.sent])
            mode = judge.judge(view, tok.i, tok.pos in ("NOUN", "PROPN"))
            gold.append(value > 0)
            pred.append(mode in CERTAIN)
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    majority = max(sum(gold), n - sum(gold)) / n
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and not p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    print(
        f"MEANTIME factuality, {args.split} split: {n} annotated events "
        f"({n - sum(gold)} non-factual)"
    )
    print(f"  accuracy {acc:.3f}  (majority baseline {majority:.3f})")
    print(f"  non-factual precision {prec:.3f} recall {rec:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
