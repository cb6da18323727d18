"""Property tests for extract: odd text through the parser (and the full pipeline) keeps
every offset inside ``article.text`` and every index consistent.

Quick: 60 examples (parse) and 25 (full pipeline). ``SITREP_HYPOTHESIS_PROFILE=slow``: 10,000
each; the full-pipeline target then takes hours on two cores (see BENCHMARKS.md Robustness).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.readers import Defaults, make_article
from sitrep.models import Document
from sitrep.parse import ParseStage

SLOW = os.environ.get("SITREP_HYPOTHESIS_PROFILE") == "slow"
QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
parse_settings = settings(
    max_examples=10_000 if SLOW else 60, deadline=None, suppress_health_check=QUIET
)
# SITREP_HYPOTHESIS_EXAMPLES=N overrides the count (to run the slow target in chunks, each
# with its own --hypothesis-seed)
PIPELINE_EXAMPLES = int(os.environ.get("SITREP_HYPOTHESIS_EXAMPLES", 10_000 if SLOW else 25))
pipeline_settings = settings(
    max_examples=PIPELINE_EXAMPLES, deadline=None, suppress_health_check=QUIET
)

WORDS = [
    "Rebels",
    "seized",
    "Aleppo",
    "on",
    "Saturday",
    ",",
    "a",
    "monitor",
    "said",
    ".",
    "HTS",
    "(",
    "Hayat",
    "Tahrir",
    "al-Sham",
    ")",
    "government",
    "forces",
    "withdrew",
    "from",
    "Homs",
    '"',
    "We",
    "will",
    "never",
    "surrender",
    "”",
    "according",
    "to",
    "SANA",
    "Turkey-backed",
    "shelled",
    "Idlib",
    "killing",
    "12",
    "civilians",
    "denied",
    "reports",
    "حمص",
    "دمشق",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\t",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\x00",
    "\x7f",
    "e\u0301",
    "🇸🇾",
    "—",
    "BEIRUT",
    "(Reuters)",
    "-",
    "\n",
    "\n\n",
    "  ",
]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
)


def article_or_none(text: str) -> Any:
    try:
        return make_article(text, Defaults())
    except InputError:
        return None


def assert_parse_consistent(doc: Document) -> None:
    text = doc.article.text
    n = len(text)
    for i, s in enumerate(doc.sentences):
        assert s.i == i
        assert 0 <= s.start < s.end <= n
        assert 0 <= s.token_start < s.token_end <= len(doc.tokens)
        toks = doc.sentence_tokens(i)
        assert toks[0].start >= s.start and toks[-1].end <= s.end
    for k, t in enumerate(doc.tokens):
        assert t.i == k
        assert 0 <= t.start <= t.end <= n
        assert text[t.start : t.end] == t.text
        assert 0 <= t.head < len(doc.tokens)
        assert 0 <= t.sent < len(doc.sentences)
    for e in doc.entities:
        assert 0 <= e.start < e.end <= n
        assert text[e.start : e.end] == e.text
        assert 0 <= e.token_start < e.token_end <= len(doc.tokens)
        assert 0 <= e.sent < len(doc.sentences)


@parse_settings
@given(texts)
@example("Rebels seized Aleppo.\u2028Troops left Homs.\u2029Talks in Doha.")
@example("\ufeffBEIRUT (Reuters) - \u200bRebels\u00a0seized\x85Aleppo")
@example("e\u0301" * 50)
def test_fuzz_parse_offsets_inside_text(nlp: Any, text: str) -> None:
    article = article_or_none(text)
    if article is None:
        return
    doc = ParseStage(nlp)(Document(article=article))
    assert doc.article.text == text
    assert_parse_consistent(doc)


@pytest.mark.slow
def test_fuzz_parse_long_line_and_many_lines(nlp: Any) -> None:
    """A 30,000-character line and 1,000 one-word lines parse with consistent offsets."""
    stage = ParseStage(nlp)
    for text in (
        "Rebels shelled the town of Hama and " * 840 + "withdrew.",
        "\n".join(f"Line{i}" for i in range(1000)),
    ):
        doc = stage(Document(article=make_article(text, Defaults())))
        assert_parse_consistent(doc)
        assert doc.sentences


@pytest.fixture(scope="module")
def full_pipeline() -> Any:
    from sitrep.engine import Resources, build_pipeline
    from sitrep.settings import Settings

    try:
        return build_pipeline(Resources.load(Settings.from_env()))
    except ImportError as exc:  # another stage is still being written
        pytest.skip(f"the full pipeline cannot be built yet: {exc}")


def _inside(text: str, start: int | None, end: int | None, what: str) -> None:
    if start is None or end is None:
        return
    assert 0 <= start <= end <= len(text), f"{what} {start}..{end} outside {len(text)}"


@pytest.mark.slow
@pipeline_settings
@given(texts)
@example("Government forces withdrew from Homs on Saturday, SANA said, but rebels denied it.")
@example("\u202eRebels seized Aleppo\u202c; \u200bHTS (Hayat Tahrir al-Sham) said.\n\nحمص")
def test_fuzz_parse_full_pipeline_offsets(full_pipeline: Any, text: str) -> None:
    """Every stage survives odd text; every derived span lies inside the article text."""
    article = article_or_none(text)
    if article is None:
        return
    doc = full_pipeline(Document(article=article))
    assert_parse_consistent(doc)
    text = doc.article.text
    for actor in doc.actors:
        for m in actor.mentions:
            _inside(text, m.start, m.end, f"actor {actor.id} mention")
    for p in doc.places:
        _inside(text, p.start, p.end, f"place {p.id}")
    for e in doc.events:
        _inside(text, e.trigger.start, e.trigger.end, f"event {e.id} trigger")
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert 0 <= e.sentence < len(doc.sentences)
        _inside(text, e.date.start, e.date.end, f"event {e.id} date")
        assert 0.0 <= e.confidence <= 1.0
    for c in doc.claims:
        _inside(text, c.start, c.end, f"claim {c.id}")
        assert 0 <= c.sentence < len(doc.sentences)
