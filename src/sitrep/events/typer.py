"""A learned second opinion on event types: a linear model over an event's words.

The rules (``acled``) decide a sub-type from the trigger's family and cue words; this model
reads the same sentence more broadly (its content lemmas and word pairs, the trigger and its
dependents, the rule's own code, the actors' kinds) and scores every ACLED sub-type and the
five CASE 2021 extra labels. ``Retyper.document_label`` gives a document's label: the
model's choice when the rules are not confident, else the rules' unless the model prefers
another label by a log-odds margin. ``Retyper.__call__`` can do the same per event inside
the events stage; that is off by default (``event_margin``). Neither moves anything into a
protest or violent-demonstration type when no demonstration is named.

The weights ship as ``data/events/typer.json``: a multinomial logistic regression trained
by ``python -m sitrep.bench.typer_train`` on snippets written for sitrep
(``data/events/typer_sentences.yaml``, ``typer_news.yaml``, ``typer_validation.yaml``) and
the CASE 2021 dev split (``id % 3 == 0``) only; the items of the sets the rules were tuned
on (CASE dev, the written sentences) are learned from without the rules' own code
(``RULE_FEATURES``), which is right there far more often than on unseen news. The margin was
chosen by ``sitrep.bench.typer_select --compare`` (the mean of the validation set's figure
and CASE dev cross-validation, models trained without the held-out items). Scoring is a few
dictionary look-ups per feature, no numpy at run time.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np

from ..errors import SitrepError
from ..models import Document, Event, Sentence
from .lexicon import load_lexicon
from .rank import main_event

RESOURCE = "data/events/typer.json"
SKIP_POS = frozenset(
    {"PUNCT", "NUM", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "SPACE", "SYM", "X"}
)
NO_CODE = "NONE"
# features that carry the rules' own decision (their code, PLOVER type, method): the rest
# reads only the text around the typing event the rules chose
RULE_FEATURES = ("r:", "tr:", "p:", "m:")
CONTEXT = 2  # sentences either side of the event that count as its context


def _content(doc: Document, sentence: Sentence) -> list[str]:
    toks = doc.tokens[sentence.token_start : sentence.token_end]
    return [t.lemma.lower() for t in toks if t.pos not in SKIP_POS and len(t.lemma) > 1]


def _trigger_index(doc: Document, sentence: Sentence, start: int) -> int | None:
    for k in range(sentence.token_start, sentence.token_end):
        if doc.tokens[k].start == start:
            return k
    return None


def event_features(doc: Document, event: Event | None, code: str | None = None) -> list[str]:
    """Features of ``event`` (its sentence, trigger, rule code) or, with no event, of the
    whole document."""
    if event is None:
        words = [w for s in doc.sentences for w in _content(doc, s)]
        return [f"s:{w}" for w in dict.fromkeys(words)] + [f"r:{NO_CODE}"]
    sentence = doc.sentences[event.sentence]
    words = _content(doc, sentence)
    feats = [f"s:{w}" for w in dict.fromkeys(words)]
    feats += [f"b:{a}_{b}" for a, b in dict.fromkeys(pairwise(words))]
    rule = code or event.acled_sub_event_type or f"plover:{event.plover_type}"
    feats += [f"r:{rule}", f"p:{event.plover_type}", f"m:{event.method.split('+')[0]}"]
    i = _trigger_index(doc, sentence, event.trigger.start)
    if i is not None:
        tok = doc.tokens[i]
        lemma = tok.lemma.lower()
        feats += [f"t:{lemma}", f"tr:{lemma}|{rule}"]
        for k in range(sentence.token_start, sentence.token_end):
            t = doc.tokens[k]
            if t.head == i and k != i and t.pos not in SKIP_POS:
                feats.append(f"c:{t.dep}:{t.lemma.lower()}")
        if tok.head != i:
            feats.append(f"h:{tok.dep}:{doc.tokens[tok.head].lemma.lower()}")
    # the rest of the snippet, apart: context, not the event's own words
    for k, other in enumerate(doc.sentences):
        if k != event.sentence and abs(k - event.sentence) <= CONTEXT:
            feats += [f"o:{w}" for w in dict.fromkeys(_content(doc, other))]
    kinds = {a.id: a.kind for a in doc.actors}
    for role, ref in (("a1", event.actor1), ("a2", event.actor2)):
        if ref is not None and kinds.get(ref.id):
            feats.append(f"{role}:{kinds[ref.id]}")
    return feats


@dataclass(frozen=True)
class SubtypeModel:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[int, float]]  # feature -> {label index: weight}

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        index, table = self._table
        rows = [index[f] for f in set(features) if f in index]
        scores = (np.asarray(self.bias) + table[rows].sum(axis=0)).tolist()
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {lab: e / total for lab, e in zip(self.labels, exps, strict=True)}

    @cached_property
    def _table(self) -> tuple[dict[str, int], np.ndarray]:
        """The weights as one row of label weights per feature, for one sum a document."""
        index = {f: k for k, f in enumerate(self.weights)}
        table = np.zeros((len(index), len(self.labels)))
        for f, ws in self.weights.items():
            for k, w in ws.items():
                table[index[f], k] = w
        return index, table

    def to_json(
        self, source: str, settings: dict[str, float], trained_on: Sequence[str] = ()
    ) -> str:
        payload = {
            "_source": source,
            "trained_on": list(trained_on),
            "labels": list(self.labels),
            "bias": [round(b, 4) for b in self.bias],
            "settings": settings,
            "weights": {f: {str(k): w for k, w in ws.items()} for f, ws in self.weights.items()},
        }
        return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> SubtypeModel:
        labels = raw["labels"]
        bias = raw["bias"]
        weights = raw["weights"]
        if not (isinstance(labels, list) and isinstance(bias, list) and isinstance(weights, dict)):
            raise SitrepError(f"{RESOURCE} is malformed: retrain it with sitrep.bench.typer_train")
        return cls(
            tuple(labels),
            tuple(float(b) for b in bias),
            {f: {int(k): float(w) for k, w in ws.items()} for f, ws in weights.items()},
        )


def typing_event(doc: Document) -> Event | None:
    """The event a document-level opinion reads: the main ACLED event, else the main one."""
    return main_event(doc) or main_event(doc, acled_only=False)


def document_features(doc: Document, rules: bool = True) -> list[str]:
    """The typing event's features; without the rules' own code when not ``rules``."""
    ev = typing_event(doc)
    code = code_of(ev.acled_sub_event_type) if ev is not None and ev.acled_sub_event_type else None
    feats = event_features(doc, ev, code)
    return feats if rules else without_rules(feats)


def without_rules(features: Iterable[str]) -> list[str]:
    """``features`` less those that carry the rules' decision (``RULE_FEATURES``)."""
    return [f for f in features if not f.startswith(RULE_FEATURES)]


def demonstrated(doc: Document, sentences: Iterable[Sentence]) -> bool:
    """Whether the sentences name a demonstration (ACLED's protest and riot types need one)."""
    cues = _padded_demonstration_cues()
    for sentence in sentences:
        toks = doc.tokens[sentence.token_start : sentence.token_end]
        # the lemmas, then the words: a cue of several words ("sit - in", "tear gas") is
        # found in either, not in the two interleaved
        lemmas = " ".join(t.lemma.lower() for t in toks)
        words = " ".join(t.text.lower() for t in toks)
        text = f" {lemmas} | {words} "
        if any(map(text.__contains__, cues)):
            return True
    return False


@lru_cache(maxsize=1)
def _padded_demonstration_cues() -> tuple[str, ...]:
    return tuple(f" {c} " for c in load_lexicon().demonstration_cues)


def _choices(probs: dict[str, float], demonstration: bool) -> dict[str, float]:
    if demonstration:
        return probs
    barred = load_lexicon().demonstration_codes
    return {k: p for k, p in probs.items() if k not in barred}


def margin_choice(probs: dict[str, float], current: str, margin: float) -> str:
    """The model's label unless its log-odds over ``current`` are below ``margin``."""
    return max(_margin_scores(probs, current, margin).items(), key=lambda kv: kv[1])[0]


def _margin_scores(probs: dict[str, float], current: str, margin: float) -> dict[str, float]:
    """Each label's log-probability, ``current``'s raised by ``margin`` (``current`` first,
    so that it wins a tie)."""
    out = {current: math.log(probs.get(current, 0.0) + 1e-9) + margin}
    for label, p in probs.items():
        out.setdefault(label, math.log(p + 1e-9))
    return out


@dataclass(frozen=True)
class Retyper:
    """Replace a rule's ACLED sub-type when the model prefers another by a clear margin."""

    model: SubtypeModel
    # log-odds the model needs over a rule's code; off (infinite) by default: at 1.5 it gained
    # on held-out sentences (+0.02) but not on CASE dev, and lost 0.05 on the ACLED sample
    event_margin: float = math.inf
    document_margin: float = 3.0  # the same for a document's CASE label (the benchmark's)

    @classmethod
    def load(cls) -> Retyper | None:
        """The packaged model, or ``None`` when it has not been trained."""
        return _packaged()

    def __call__(self, doc: Document, events: Sequence[Event]) -> tuple[Event, ...]:
        if math.isinf(self.event_margin):
            return tuple(events)
        acled = load_lexicon().acled
        out = []
        for ev in events:
            if ev.acled_sub_event_type is not None:
                code = code_of(ev.acled_sub_event_type)
                probs = self.model.probabilities(event_features(doc, ev, code))
                shown = demonstrated(doc, [doc.sentences[ev.sentence]])
                best = margin_choice(
                    {k: p for k, p in _choices(probs, shown).items() if k in acled},
                    code,
                    self.event_margin,
                )
                if best != code:
                    kind, sub = acled[best]
                    ev = dataclasses.replace(
                        ev,
                        acled_event_type=kind,
                        acled_sub_event_type=sub,
                        method=ev.method + "+typer",
                    )
            out.append(ev)
        return tuple(out)

    def document_probabilities(self, doc: Document) -> dict[str, float]:
        return self.model.probabilities(document_features(doc))

    def document_label(
        self,
        doc: Document,
        current: str,
        confident: bool,
        probs: dict[str, float] | None = None,
        margin: float | None = None,
    ) -> str:
        """A document's label (CASE 2021: ACLED codes and the five extra labels): the
        model's choice when the rules are not confident, else the margin rule. ``probs``
        and ``margin`` replace the model's own (``embed`` mixes a second model in)."""
        return document_choice(
            doc,
            self.document_probabilities(doc) if probs is None else probs,
            current,
            confident,
            self.document_margin if margin is None else margin,
        )


def document_choice(
    doc: Document, probs: dict[str, float], current: str, confident: bool, margin: float
) -> str:
    """A document's label from a model's ``probs``: their choice when the rules are not
    confident, else the rules' ``current`` label unless beaten by ``margin``; never a
    demonstration type when no demonstration is named."""
    probs = _choices(probs, demonstrated(doc, doc.sentences))
    if not confident:
        return max(probs, key=probs.__getitem__)
    return margin_choice(probs, current, margin)


def decision_margin(
    doc: Document, probs: dict[str, float], current: str, confident: bool, margin: float
) -> float:
    """How far ``document_choice`` is from another label: the log-score of the label it
    chooses over the next best (with ``current`` raised by ``margin`` when the rules are
    confident). A small one is a decision another model's opinion could turn."""
    probs = _choices(probs, demonstrated(doc, doc.sentences))
    if confident:
        scores = sorted(_margin_scores(probs, current, margin).values(), reverse=True)
    else:
        scores = sorted((math.log(p + 1e-9) for p in probs.values()), reverse=True)
    return scores[0] - scores[1] if len(scores) > 1 else math.inf


@lru_cache(maxsize=1)
def _packaged() -> Retyper | None:
    ref = resources.files("sitrep").joinpath(RESOURCE)
    if not ref.is_file():
        return None
    raw = json.loads(ref.read_text(encoding="utf-8"))
    settings = raw.get("settings", {})
    return Retyper(SubtypeModel.from_json(raw), **{k: float(v) for k, v in settings.items()})


def trained_on(resource: str = RESOURCE) -> frozenset[str]:
    """The sets a packaged model (``RESOURCE`` or an ``embed`` weights file) was trained
    on, as its training command recorded them ("CASE dev", "sentences", "validation")."""
    ref = resources.files("sitrep").joinpath(resource)
    if not ref.is_file():
        return frozenset()
    return frozenset(json.loads(ref.read_text(encoding="utf-8")).get("trained_on", ()))


@lru_cache(maxsize=64)
def code_of(sub_type: str) -> str:
    """The short code of an ACLED sub-event type ("Armed clash" -> "ARMED_CLASH")."""
    for code, (_, sub) in load_lexicon().acled.items():
        if sub == sub_type:
            return code
    raise SitrepError(f"unknown ACLED sub-event type {sub_type!r}: check data/events/acled.yaml")
