"""The label's cost benchmark: every part it times, on texts written for the test."""

from __future__ import annotations

from pathlib import Path

from sitrep.bench.case_sets import WRITTEN, written_sentences
from sitrep.bench.label_speed import measure, texts_of

TEXTS = [
    "Gunmen opened fire on a market in Maiduguri on Tuesday, killing four traders.",
    "Thousands of nurses marched peacefully through Nairobi on Friday to demand back pay.",
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss the border.",
]


def test_label_speed_times_parse_events_labeller_and_each_encoder() -> None:
    parts = measure(TEXTS, ("static",))
    names = [part.name for part in parts]
    assert names == [
        "parse",
        "events + dates",
        "labeller: rules, sparse model, gates",
        "static encoding",
    ]
    assert all(part.seconds >= 0.0 for part in parts)
    assert parts[0].seconds > 0.0 and parts[0].note.endswith("tokens")
    # the static table has no gate: it encodes every document
    assert parts[-1].note == "3 of 3 documents" and parts[-1].encoded == 3


def test_label_speed_repeats_and_keeps_each_parts_median() -> None:
    from sitrep.bench.label_speed import repeated

    parts, shares = repeated(TEXTS, ("static",), 2)
    assert parts[0][0] == "parse" and len(parts) == 4
    assert len(shares) == 2 and all(share > 0.0 for share in shares)
    assert parts[-1][2] == "3 of 3 documents"


def test_label_speed_runs_start_with_the_stages_phrase_memos_empty() -> None:
    import datetime as dt

    from sitrep.actors.words import fold
    from sitrep.bench.label_speed import forget_texts
    from sitrep.events.dates import _dateparser

    _dateparser("last Tuesday", dt.date(2024, 12, 8))
    fold("Maiduguri")
    assert _dateparser.cache_info().currsize > 0 and fold.cache_info().currsize > 0
    from sitrep.events.static import StaticEncoder

    static = StaticEncoder.load()
    assert static is not None
    static.encode(["Gunmen stormed the village."])
    assert static.known  # the words it split are kept ...
    forget_texts()
    assert _dateparser.cache_info().currsize == 0 and fold.cache_info().currsize == 0
    assert not static.known  # ... until a run forgets them
    # measure forgets too: only its own warm-up and texts are left in the date memo
    measure(TEXTS[:1], ("static",))
    assert _dateparser.cache_info().misses == _dateparser.cache_info().currsize


def test_label_speed_fresh_texts_are_taken_evenly_across_the_written_sets() -> None:
    every = [s.text for n in WRITTEN if n.startswith("fresh") for s in written_sentences(n)]
    texts = texts_of(Path("unused"), "fresh", 300)
    assert len(texts) == 300 and len(set(texts)) == 300
    assert set(texts) <= set(every)
    # the first and the last sets both give texts: not the first 300 only
    first = {s.text for s in written_sentences("fresh")}
    last = {s.text for s in written_sentences([n for n in WRITTEN if n.startswith("fresh")][-1])}
    assert set(texts) & first and set(texts) & last


def test_label_speed_gives_the_figures_the_budgeted_gate_projects_from() -> None:
    from sitrep.bench.label_speed import Part, gate_costs

    parts = [
        Part("parse", 10.0, "4000 tokens"),
        Part("events + dates", 1.0),
        Part("labeller: rules, sparse model, gates", 0.5),
        Part("static encoding", 0.1, "100 of 100 documents", 100),
        Part("minilm encoding", 1.2, "20 of 100 documents", 20),
    ]
    lines = gate_costs(parts, 100)
    # D: everything but MiniLM, 1.6 s of 10 s; M: 0.06 s a document against 0.1 s of parse
    assert "16.0 % of parse" in lines[0] and "(D)" in lines[0]
    assert "60.0 % of its parse" in lines[1] and "(M)" in lines[1]
    # the default install has no MiniLM: nothing to project
    assert gate_costs(parts[:4], 100) == []


def test_label_speed_reads_the_test_split_only_when_asked() -> None:
    from sitrep.bench.case_sets import load_snippets, split
    from sitrep.bench.corpora import DEFAULT_DATA

    if not (DEFAULT_DATA / "case2021-task2").exists():
        import pytest

        pytest.skip("the CASE 2021 data is not on this machine")
    snippets = load_snippets(DEFAULT_DATA)
    assert texts_of(DEFAULT_DATA, "test", 5) == [s.text for s in split(snippets, "test")][:5]
    assert texts_of(DEFAULT_DATA, "case", 5) == [s.text for s in split(snippets, "dev")][:5]
