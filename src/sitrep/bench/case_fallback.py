"""A small naive Bayes fallback for CASE snippets where the events give no clear answer.

Trained only on the CASE dev split (``id % 3 == 0``) by
``python -m sitrep.bench.case2021 --train-fallback``; its counts ship as
``data/events/case_fallback.json``. It sees content-word lemmas only, and it is consulted
only when the document's best event or cue scores below ``THRESHOLD``.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..models import Document

THRESHOLD = 0.4
SKIP_POS = frozenset(
    {"PUNCT", "NUM", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "SPACE", "SYM", "X"}
)
RESOURCE = "data/events/case_fallback.json"


def features(doc: Document) -> set[str]:
    return {t.lemma.lower() for t in doc.tokens if t.pos not in SKIP_POS and len(t.lemma) > 2}


@dataclass(frozen=True)
class FallbackModel:
    classes: dict[str, int]
    words: dict[str, dict[str, int]]

    @classmethod
    def train(cls, docs: Sequence[Document], labels: Sequence[str]) -> FallbackModel:
        classes = Counter(labels)
        words: dict[str, Counter[str]] = defaultdict(Counter)
        for doc, label in zip(docs, labels, strict=True):
            words[label].update(features(doc))
        # words seen once carry no signal and would only bloat the file
        kept = {w for c in words.values() for w, n in c.items() if n > 1}
        return cls(
            dict(classes), {k: {w: n for w, n in c.items() if w in kept} for k, c in words.items()}
        )

    def predict(self, doc: Document) -> str:
        total = sum(self.classes.values())
        vocab = {w for c in self.words.values() for w in c}
        feats = features(doc) & vocab
        best, best_score = "", -math.inf
        for label, n in self.classes.items():
            counts = self.words.get(label, {})
            score = math.log(n / total) + sum(
                math.log((counts.get(w, 0) + 0.5) / (n + 1.0)) for w in feats
            )
            if score > best_score:
                best, best_score = label, score
        return best

    def save(self, path: Path) -> None:
        payload = {
            "_source": "naive Bayes counts of content-word lemmas, trained by sitrep on the CASE "
            "2021 task 2 dev split (id % 3 == 0) only; see sitrep/bench/case_fallback.py",
            "classes": self.classes,
            "words": self.words,
        }
        path.write_text(json.dumps(payload, sort_keys=True, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls) -> FallbackModel | None:
        ref = resources.files("sitrep").joinpath(RESOURCE)
        if not ref.is_file():
            return None
        raw = json.loads(ref.read_text(encoding="utf-8"))
        return cls(raw["classes"], raw["words"])
