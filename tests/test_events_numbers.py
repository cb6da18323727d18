"""Number words and vague quantities for fatality counts (no parser needed)."""

from __future__ import annotations

import pytest

from sitrep.events.fatalities import FatalityCounter, _compose
from sitrep.events.lexicon import load_lexicon


@pytest.fixture(scope="module")
def counter() -> FatalityCounter:
    return FatalityCounter(load_lexicon().numbers)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("6", 6),
        ("1,200", 1200),
        ("sixteen", 16),
        ("twenty-five", 25),
        ("dozens", 12),
        ("hundreds", 100),
        ("several", 10),
        ("a", 1),
        ("no", 0),
        ("Scores", 20),
        ("gunmen", None),
    ],
)
def test_events_number_values_follow_acled(counter, word, value):
    assert counter.value(word) == value


def test_events_number_multipliers_compose():
    assert _compose([2, 100]) == [200]
    assert _compose([5, None, 6]) == [5, 6]
