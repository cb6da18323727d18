"""The written validation set: it loads, uses only known labels, and is disjoint from training."""

from __future__ import annotations

from collections import Counter

from sitrep.bench.case_sets import written_sentences
from sitrep.events.lexicon import load_lexicon, read_data

EXTRA = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def test_events_validation_set_uses_known_labels_only() -> None:
    labels = {s.label for s in written_sentences("validation")}
    assert labels == set(load_lexicon().acled) | EXTRA


def test_events_validation_set_has_ten_per_label() -> None:
    counts = Counter(s.label for s in written_sentences("validation"))
    assert min(counts.values()) >= 10, counts.most_common()[-3:]


def test_events_validation_set_has_no_duplicates() -> None:
    texts = [s.text for s in written_sentences("validation")]
    assert all(isinstance(t, str) and t.strip() for t in texts)
    assert len(texts) == len(set(texts)), "a snippet is listed twice"


def test_events_validation_set_is_disjoint_from_training() -> None:
    training = {t for texts in read_data("typer_sentences.yaml").values() for t in texts}
    shared = [s.text for s in written_sentences("validation") if s.text in training]
    assert not shared, f"validation snippets copied from typer_sentences.yaml: {shared[:2]}"
