"""Every mention's offsets index the article text, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "Hayat",
    "Tahrir",
    "al-Sham",
    "(HTS)",
    "Assad's",
    "forces",
    "rebels",
    "Turkey-backed",
    "Syrian",
    "troops",
    "in",
    "Homs",
    ",",
    ".",
    "said",
    "the",
    "group",
    "U.S.",
    "Pedersen",
    "Geir",
    "SOHR",
    "’s",
    "Sheikh",
    "Mohammed",
    "\n",
    "formerly",
    "known",
    "as",
    "al-Nusra",
    "Front",
    "pro-Iranian",
    "militias",
    "Damascus",
    "Ş",
    "—",
    "protesters",
    "Kurdish-led",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_actors_offsets_always_index_the_text(parse_text, actors_stage, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(words)
    if not text.strip():
        return
    doc = actors_stage(parse_text(text))
    for actor in doc.actors:
        assert actor.mentions, actor.id
        for m in actor.mentions:
            assert doc.article.text[m.start : m.end] == m.text
