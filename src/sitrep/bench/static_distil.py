"""Distil all-MiniLM-L6-v2 into the static word-piece table of ``sitrep.events.static``.

    python -m sitrep.bench.static_distil      # needs the optional extra; about 30 s

Every piece of the model's vocabulary written in Latin letters, digits or punctuation is
passed through the model alone (with its start and end marks) and mean-pooled as the model
pools sentences. The outputs are centred, projected on their first ``DIMENSIONS + 1``
principal directions, the first (common to every piece) dropped, and each piece weighted by
``log(1 + rank)`` of its place in the vocabulary (later pieces are rarer), so common pieces
weigh less in a mean. The table is written to ``data/events/static_minilm.npz``.

``--context`` (eleventh events session) also passes a corpus of unlabelled news through the
model and averages each piece's outputs where it stands in real sentences, blended with its
isolated output (``CONTEXT_PRIOR`` pseudo-occurrences), before the same projection. The
corpus (``context_texts``): the written training sentences and news leads, ACLED's notes on
the development rows and the even-numbered (development) documents of GeoWebNews, LGL and
TR-News; never CASE 2021 (its dev split is one of the selection rule's two figures), the
validation set or any held-out text. ``--out`` writes elsewhere (for a comparison).

``--learn`` (thirteenth events session, implies ``--context``) then fits the table to the
model's sentence embeddings: every passage of that corpus and each of its sentences is
embedded by the model, and the rows of the pieces met, with a linear map from the table to
the model's dimensions, are moved by Adam so that the mapped mean of a text's rows points
where the model's embedding of the text points (mean cosine distance), held near the
contextual rows by ``LEARN_L2``; every tenth text is held out and the epoch of their best
mean cosine is kept (``learnt_table``). The map is thrown away: the encoder stays a mean of
rows.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import SitrepError
from ..events.embed import TRAINING, MiniLMEncoder
from ..events.static import RESOURCE, StaticEncoder, pieces, words
from .corpora import DEFAULT_DATA

DIMENSIONS = 256
BATCH = 512
CONTEXT_PRIOR = 4.0  # an isolated output counts as this many occurrences in context
CHUNK_WORDS = 60  # sentences are grouped into passages of about this many words
LEARN_L2 = 1.0  # times the mean squared change of a row from its contextual start
LEARN_EPOCHS = 30
LEARN_BATCH = 256
LEARN_RATE = 1e-3
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
KEPT = re.compile(r"(##)?[a-z0-9\u00c0-\u024f'\-.,;:!?\"()&%$/]+")


def piece_vectors(encoder: MiniLMEncoder) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The kept pieces, their vocabulary ranks and their pooled outputs."""
    import torch  # the optional extra

    tokenizer = encoder.model.tokenizer
    transformer = encoder.model[0].auto_model.eval()
    ranked = sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    kept = [(p, i) for p, i in ranked if not p.startswith("[") and KEPT.fullmatch(p)]
    start, end = tokenizer.cls_token_id, tokenizer.sep_token_id
    out = np.zeros((len(kept), transformer.config.hidden_size), dtype=np.float64)
    with torch.no_grad():
        for s in range(0, len(kept), BATCH):
            ids = torch.tensor([[start, i, end] for _, i in kept[s : s + BATCH]])
            hidden = transformer(
                input_ids=ids, attention_mask=torch.ones_like(ids)
            ).last_hidden_state
            out[s : s + len(ids)] = hidden.mean(dim=1).numpy()
    return [p for p, _ in kept], np.array([i for _, i in kept], dtype=np.float64), out


def passages(text: str) -> list[str]:
    """``text`` cut at sentence ends into passages of about ``CHUNK_WORDS`` words."""
    out: list[str] = []
    current: list[str] = []
    for sentence in SENTENCE_END.split(text):
        current.append(sentence.strip())
        if sum(len(s.split()) for s in current) >= CHUNK_WORDS:
            out.append(" ".join(current))
            current = []
    if any(current):
        out.append(" ".join(current))
    return [p for p in out if p]


def context_texts(data: Path) -> list[str]:
    """The unlabelled corpus of ``--context`` (see the module's doc)."""
    from .case_sets import written_sentences
    from .geoparse import CORPORA, corpus_docs, in_split
    from .typer_train import acled_notes

    texts = [s.text for name in ("sentences", "news") for s in written_sentences(name)]
    texts += [s.text for s in acled_notes(data)]
    for name in CORPORA:
        docs = corpus_docs(data, name) or iter(())
        texts += [d.text for i, d in enumerate(docs) if in_split(i, "dev")]
    return [p for t in texts for p in passages(t)]


def context_vectors(
    encoder: MiniLMEncoder, texts: Sequence[str], vocab: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per kept piece (``vocab``), the sum of its model outputs over ``texts`` and its count."""
    import torch  # the optional extra

    tokenizer = encoder.model.tokenizer
    transformer = encoder.model[0].auto_model.eval()
    ids = tokenizer.get_vocab()
    row = np.full(len(ids), -1, dtype=np.int64)
    for k, piece in enumerate(vocab):
        row[ids[piece]] = k
    sums = np.zeros((len(vocab), transformer.config.hidden_size), dtype=np.float64)
    counts = np.zeros(len(vocab), dtype=np.float64)
    with torch.no_grad():
        for s in range(0, len(texts), 32):
            batch = tokenizer(
                list(texts[s : s + 32]),
                padding=True,
                truncation=True,
                max_length=256,
                return_tensors="pt",
            )
            hidden = transformer(**batch).last_hidden_state.numpy()
            rows = row[batch["input_ids"].numpy()]
            keep = (rows >= 0) & (batch["attention_mask"].numpy() == 1)
            np.add.at(sums, rows[keep], hidden[keep])
            np.add.at(counts, rows[keep], 1.0)
    return sums, counts


def learn_texts(passages_: Sequence[str]) -> list[str]:
    """The texts the table is fitted on: each passage and each of its sentences, once."""
    seen: dict[str, None] = {}
    for passage in passages_:
        seen.setdefault(passage, None)
        for sentence in SENTENCE_END.split(passage):
            if len(sentence.split()) >= 3:
                seen.setdefault(sentence.strip(), None)
    return list(seen)


def learnt_table(
    encoder: MiniLMEncoder, start: StaticEncoder, texts: Sequence[str]
) -> tuple[np.ndarray, str]:
    """``start``'s table fitted to the model's embeddings of ``texts`` (see the module's
    doc), and a line on how it went."""
    import torch  # the optional extra

    torch.manual_seed(0)
    ids = [[i for w in words(t) for i in pieces(w, start.vocab)] for t in texts]
    keep = [k for k, row in enumerate(ids) if row]
    targets = torch.tensor(encoder.encode([texts[k] for k in keep]))
    ids = [ids[k] for k in keep]
    held = [k for k in range(len(ids)) if k % 10 == 9]
    train = [k for k in range(len(ids)) if k % 10 != 9]
    t0 = torch.tensor(start.table, dtype=torch.float32)
    rows = torch.nn.Parameter(t0.clone())

    def means(batch: Sequence[int], weight: torch.Tensor) -> torch.Tensor:
        flat = torch.tensor([i for k in batch for i in ids[k]])
        offsets = torch.tensor(np.cumsum([0] + [len(ids[k]) for k in batch[:-1]]))
        return torch.nn.functional.embedding_bag(flat, weight, offsets, mode="mean")

    with torch.no_grad():  # the map's start: least squares from the starting means
        start_means = means(train, t0)
        solved = torch.linalg.lstsq(start_means, targets[train]).solution
    mapping = torch.nn.Parameter(solved)
    optimiser = torch.optim.Adam([rows, mapping], lr=LEARN_RATE)

    def held_cosine() -> float:
        with torch.no_grad():
            mapped = means(held, rows) @ mapping
            return float(torch.nn.functional.cosine_similarity(mapped, targets[held]).mean())

    first = best = held_cosine()
    best_rows, epochs = rows.detach().clone(), 0
    order = np.random.default_rng(0)
    for epoch in range(1, LEARN_EPOCHS + 1):
        shuffled = [train[k] for k in order.permutation(len(train))]
        for s in range(0, len(shuffled), LEARN_BATCH):
            batch = shuffled[s : s + LEARN_BATCH]
            mapped = means(batch, rows) @ mapping
            distance = 1 - torch.nn.functional.cosine_similarity(mapped, targets[batch]).mean()
            penalty = LEARN_L2 * ((rows - t0) ** 2).sum(dim=1).mean()
            optimiser.zero_grad()
            (distance + penalty).backward()
            optimiser.step()
        cosine = held_cosine()
        if cosine > best:
            best, best_rows, epochs = cosine, rows.detach().clone(), epoch
    note = (
        f"learn: {len(train)} texts, {len(held)} held out; held-out mean cosine "
        f"{first:.4f} -> {best:.4f} (epoch {epochs} of {LEARN_EPOCHS})"
    )
    return best_rows.numpy().astype(np.float32), note


def table(ranks: np.ndarray, outputs: np.ndarray, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Centred, projected on principal directions 2 .. dimensions + 1, rank-weighted."""
    centred = outputs - outputs.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ directions[1 : dimensions + 1].T
    weight = np.log1p(ranks + 1.0)
    return (projected * (weight / weight.max())[:, None]).astype(np.float32)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dimensions", type=int, default=DIMENSIONS)
    ap.add_argument("--context", action="store_true", help="average pieces in a news corpus")
    ap.add_argument(
        "--learn", action="store_true", help="then fit the table to the model's sentences"
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, help="write the table here, not into the package")
    args = ap.parse_args(argv)
    try:
        encoder = MiniLMEncoder.load(TRAINING)
    except SitrepError as exc:
        print(f"static_distil: {exc}", file=sys.stderr)
        return 2
    vocab, ranks, outputs = piece_vectors(encoder)
    if args.context or args.learn:
        texts = context_texts(args.data)
        sums, counts = context_vectors(encoder, texts, vocab)
        outputs = (sums + CONTEXT_PRIOR * outputs) / (counts + CONTEXT_PRIOR)[:, None]
        seen = int((counts > 0).sum())
        print(f"context: {len(texts)} passages, {seen} of {len(vocab)} pieces seen")
    static = StaticEncoder(
        {p: i for i, p in enumerate(vocab)}, table(ranks, outputs, args.dimensions)
    )
    if args.learn:
        rows, note = learnt_table(encoder, static, learn_texts(texts))
        static = StaticEncoder(static.vocab, rows)
        print(note)
    target = args.out or Path(__file__).resolve().parents[1] / RESOURCE
    target.write_bytes(static.to_bytes())
    size = target.stat().st_size / 1e6
    print(f"wrote {target}: {len(vocab)} pieces x {args.dimensions} dimensions, {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
