"""A CASE 2021 snippet's label: the rules' most confident event or cue, then the learned
opinions (``case2021`` runs it on the splits).

The rules' label is the ACLED sub-type of the document's most confident event; the task's
five labels that are not ACLED types come from diplomatic PLOVER events (DIPLO) and the cue
tiers of ``data/events/case_extra.yaml`` (ATTRIB, NATURAL_DISASTER, MAN_MADE_DISASTER,
ORG_CRIME). The sparse model (``events.typer``) then has its say, its probabilities mixed in
turn with each embedding model's (``events.embed``); a gated embedding model encodes only
the documents whose decision without it is close (``needs``, ``embed_documents``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar, cast

import numpy as np

from ..events.clauses import cue_strings, grievance_tokens
from ..events.embed import EmbeddingTyper, Encoder, embedding_text
from ..events.governs import subordinate, trigger_token
from ..events.lexicon import load_lexicon, read_data, token_forms
from ..events.modality import ModalityJudge
from ..events.rank import NOT_HAPPENED, PROTEST_TYPES, competing, event_score
from ..events.syntax import SentenceView
from ..events.typer import Retyper, decision_margin
from ..models import Document, Event

FALLBACK = "ARMED_CLASH"
THRESHOLD = 0.4  # below this the rules are not confident and the model decides
T = TypeVar("T")
KEPT = 4096  # documents whose rules' label and sparse opinion the labeller keeps


def _padded(cues: Sequence[str]) -> tuple[str, ...]:
    """Cues lower-cased, each also as the parser's tokens spell it (``token_forms``), with
    a space either side."""
    return tuple(f" {c} " for c in token_forms(c.lower() for c in cues))


class CaseLabeller:
    """A document's CASE label: its most confident event, or an unseen-category cue."""

    def __init__(self, typer: Retyper | None = None, dense: Sequence[EmbeddingTyper] = ()) -> None:
        self.typer = typer
        # embedding models' opinions, mixed in turn onto the typer's; the last one's margin
        self.dense = tuple(dense)
        lex = load_lexicon()
        extra = read_data("case_extra.yaml")
        self.code_of = {sub: code for code, (_, sub) in lex.acled.items()}
        self.categories = [
            (
                row[0],
                float(row[1]),
                _padded(row[2]),
                _padded(row[3] if len(row) > 3 else ()),
            )
            for row in extra["categories"]
        ]
        self.diplomatic = frozenset(extra["diplomatic_plover"])
        self.diplomatic_factor = float(extra["diplomatic_factor"])
        self.overrides = [(a, b, float(c)) for a, b, c in extra["overrides"]]
        self.attribution_verbs = frozenset(extra.get("attribution_verbs", ()))
        self.claim_verbs = frozenset(extra.get("claim_verbs", ()))
        self.responsibility_words = frozenset(extra.get("responsibility_words", ()))
        self.unclaimable = frozenset(extra.get("unclaimable", ()))
        self.modality = ModalityJudge(lex.modality)
        ref = lex.refinements
        self.grievance_heads = frozenset(ref.get("grievance_heads", ()))
        self.grievance_preps = tuple(ref.get("grievance_preps", ()))
        # per document (by identity): the rules' label and the sparse model's opinion
        self._memo: dict[int, tuple[Document, dict[str, object]]] = {}

    def label(self, doc: Document, vectors: Sequence[np.ndarray] = ()) -> tuple[str, float]:
        """The document's label and the rules' confidence; ``vectors`` are the embeddings of
        ``embed.embedding_text(doc)`` by the first embedding models (none: the typer alone;
        fewer than the models when a gated one was not needed)."""
        best, best_conf = self.rules_label(doc)
        if self.typer is None:
            return best, best_conf
        confident = best_conf >= THRESHOLD
        if not self.dense or not vectors:
            return self.typer.document_label(doc, best, confident), best_conf
        probs = self._mixed(doc, vectors)
        margin = self.dense[-1].document_margin
        return self.typer.document_label(doc, best, confident, probs, margin), best_conf

    def needs(self, doc: Document, vectors: Sequence[np.ndarray]) -> bool:
        """Whether the next embedding model (after those of ``vectors``) is to encode
        ``doc``: always unless it is gated; gated, when the decision without it lies within
        its gate of another label (``typer.decision_margin``)."""
        gate = self.dense[len(vectors)].gate
        if math.isinf(gate):
            return True
        if self.typer is None:
            return False
        best, conf = self.rules_label(doc)
        probs = self._mixed(doc, vectors)
        margin = self.dense[-1].document_margin
        return decision_margin(doc, probs, best, conf >= THRESHOLD, margin) < gate

    def _mixed(self, doc: Document, vectors: Sequence[np.ndarray]) -> dict[str, float]:
        """The sparse model's probabilities for ``doc`` (kept per document), mixed in turn
        with those of the embedding models whose ``vectors`` are given."""
        assert self.typer is not None
        typer = self.typer
        probs = self._kept(doc, "sparse", lambda: typer.document_probabilities(doc))
        for model, vector in zip(self.dense[: len(vectors)], vectors, strict=True):
            probs = model.mixed(probs, model.probabilities(vector[None, :])[0])
        return probs

    def rules_label(self, doc: Document) -> tuple[str, float]:
        """The rules' label (the most confident event or cue) and its confidence, kept per
        document."""
        return self._kept(doc, "rules", lambda: self._rules_label(doc))

    def _kept(self, doc: Document, what: str, compute: Callable[[], T]) -> T:
        """``compute()`` for ``doc``, computed once while the document is among the last
        ``KEPT`` asked about: a gate (``needs``) asks for what ``label`` asks for again."""
        entry = self._memo.get(id(doc))
        if entry is None or entry[0] is not doc:
            if len(self._memo) >= KEPT:
                self._memo.clear()
            entry = self._memo[id(doc)] = (doc, {})
        found = entry[1]
        if what not in found:
            found[what] = compute()
        return cast(T, found[what])

    def _rules_label(self, doc: Document) -> tuple[str, float]:
        best, best_conf = FALLBACK, 0.0
        attributed = self._attributed(doc)
        # not an event told inside another's clause ("handed over ... under the peace deal")
        for ev in competing(doc):
            if ev.modality in ("negated", "denied"):
                continue
            if ev.id in attributed:
                code = "ATTRIB"  # "the army blamed the guerrillas for the bombing"
            elif ev.acled_sub_event_type is not None:
                code = self.code_of[ev.acled_sub_event_type]
            elif ev.plover_type in self.diplomatic:
                code = "DIPLO"
            else:
                continue
            score = event_score(ev) * (self.diplomatic_factor if code == "DIPLO" else 1.0)
            if score > best_conf:
                best, best_conf = code, score
        cues = self._cues(doc)
        for label, conf, hit in cues:
            if hit and conf > best_conf:
                best, best_conf = label, conf
        for winner, label, tier in self.overrides:
            if best == winner and any(h and lab == label and c == tier for lab, c, h in cues):
                best = label
        return best, best_conf

    def _attributed(self, doc: Document) -> set[str]:
        """Ids of the ACLED events told inside a clause of blame ("blamed the guerrillas for
        the bombing", "accused the militia of the massacre"): the document is about who did
        it, not about the event."""
        tokens = {t.start: t for t in doc.tokens}
        blamers = [
            e
            for e in doc.events
            if e.plover_type == "ACCUSE"
            and e.modality not in NOT_HAPPENED
            and (t := tokens.get(e.trigger.start)) is not None
            and t.lemma.lower() in self.attribution_verbs
        ]
        told = [e for e in doc.events if e.acled_sub_event_type is not None]
        claimed = self._claimed(doc, told)
        if not blamers:
            return claimed
        return claimed | subordinate(doc, told, blamers)

    def _claimed(self, doc: Document, told: list[Event]) -> set[str]:
        """Ids of the violent events named as what someone claims or is responsible for
        ("claimed the rocket attack on the airport", "was responsible for last month's
        massacre", "took credit for the ambush"): the object of a ``claim_verbs`` verb, or of
        "for" after a ``responsibility_words`` word. Not ground taken ("claimed the capture
        of the town" claims a victory, not an attack: ``unclaimable``)."""
        out: set[str] = set()
        for e in told:
            k = trigger_token(doc, e)  # "rocket attack": the phrase's head noun
            if k is None or e.acled_sub_event_type in self.unclaimable:
                continue
            t = doc.tokens[k]
            head = doc.tokens[t.head] if 0 <= t.head < len(doc.tokens) else t
            if t.dep == "dobj" and head.lemma.lower() in self.claim_verbs:
                if not self._unclaimed(doc, e.sentence, t.head):  # "no group has claimed"
                    out.add(e.id)
            elif t.dep == "pobj" and head.lemma.lower() == "for" and head.head != t.head:
                owner = doc.tokens[head.head]
                if owner.lemma.lower() in self.responsibility_words:
                    out.add(e.id)
            elif t.dep == "nsubj" and head.lemma.lower() == "be" and self._to_blame(doc, e, t.head):
                out.add(e.id)  # "Moscow said Ukrainian shelling was to blame"
        return out

    def _to_blame(self, doc: Document, e: Event, verb: int) -> bool:
        """Whether the verb "be" at token ``verb`` says its subject is to blame or
        responsible ("shelling was to blame"): a ``responsibility_words`` complement."""
        view = SentenceView(doc, doc.sentences[e.sentence])
        if not view.first <= verb < view.last:
            return False
        return any(
            view.lemma(k) in self.responsibility_words
            for k in view.children(verb, frozenset({"xcomp"}))
        )

    def _unclaimed(self, doc: Document, sentence: int, verb: int) -> bool:
        """Whether the claim verb at token ``verb`` is denied or did not happen ("no group
        has claimed the attack", "the group denied it had claimed ...")."""
        if not 0 <= sentence < len(doc.sentences):
            return False
        view = SentenceView(doc, doc.sentences[sentence])
        if not view.first <= verb < view.last:
            return False
        return self.modality.judge(view, verb, nominal=False) in NOT_HAPPENED

    def _grievance(self, doc: Document, i: int, view: SentenceView) -> set[int]:
        """The words of sentence ``i`` that say what its protest is about ("protested
        against the train collision", "marched against drug peddlers"): no cue for the
        unseen categories, since the snippet is about the protest. Only when a protest of
        the sentence is told outside them (not "rallied to denounce the protest ban")."""
        triggers = [
            e.trigger.start
            for e in doc.events
            if e.sentence == i
            and e.acled_event_type in PROTEST_TYPES
            and e.modality not in NOT_HAPPENED
        ]
        if not triggers:
            return set()
        inside = grievance_tokens(view, self.grievance_heads, self.grievance_preps)
        starts = {doc.tokens[k].start for k in inside}
        return inside if any(t not in starts for t in triggers) else set()

    def _cues(self, doc: Document) -> list[tuple[str, float, bool]]:
        strings = []
        for i, s in enumerate(doc.sentences):
            view = SentenceView(doc, s)
            lemmas, words = cue_strings(view, self._grievance(doc, i, view))
            strings.append(lemmas + words)
        text = " ".join(strings)
        present = set(text.split())
        return [
            (label, conf, cues.found(text, present) and not unless.found(text, present))
            for label, conf, cues, unless in self._indexed
        ]

    @cached_property
    def _indexed(self) -> list[tuple[str, float, CueIndex, CueIndex]]:
        """``categories`` with each cue list indexed by its first word."""
        return [
            (label, conf, CueIndex.of(cues), CueIndex.of(unless))
            for label, conf, cues, unless in self.categories
        ]


@dataclass(frozen=True)
class CueIndex:
    """Padded cues (" claim responsibility ") by their first word. A padded cue stands in a
    padded string only where its first word stands there as a whole word, so a text is
    searched only for the cues whose first word it has (``found``); a cue not of that shape
    is always searched for."""

    by_first: dict[str, tuple[str, ...]]
    always: tuple[str, ...]

    @classmethod
    def of(cls, cues: Sequence[str]) -> CueIndex:
        by_first: dict[str, list[str]] = {}
        always = []
        for cue in cues:
            parts = cue.split()
            if parts and cue.startswith(f" {parts[0]} "):
                by_first.setdefault(parts[0], []).append(cue)
            else:
                always.append(cue)
        return cls({k: tuple(v) for k, v in by_first.items()}, tuple(always))

    def found(self, text: str, present: set[str]) -> bool:
        """Whether any cue stands in ``text``, whose whitespace-split words are
        ``present``."""
        if any(cue in text for cue in self.always):
            return True
        by_first = self.by_first
        return any(cue in text for word in present & by_first.keys() for cue in by_first[word])


def embed_documents(
    labeller: CaseLabeller, encoders: Sequence[Encoder], docs: Sequence[Document]
) -> tuple[list[list[np.ndarray]], list[int]]:
    """Each document's vectors by the ``encoders`` in turn (those of the labeller's embedding
    models), each encoding only the documents the labeller ``needs`` it for (a gated model
    not those whose decision it cannot turn); and how many documents each encoded."""
    vectors: list[list[np.ndarray]] = [[] for _ in docs]
    counts = []
    for k, encoder in enumerate(encoders):
        todo = [
            i for i, d in enumerate(docs) if len(vectors[i]) == k and labeller.needs(d, vectors[i])
        ]
        if todo:
            encoded = encoder.encode([embedding_text(docs[i]) for i in todo])
            for i, vector in zip(todo, encoded, strict=True):
                vectors[i].append(vector)
        counts.append(len(todo))
    return vectors, counts
