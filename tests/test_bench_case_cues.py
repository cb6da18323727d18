"""The CASE labeller's cue search by first word finds what a plain search finds."""

from __future__ import annotations

from sitrep.bench.case_label import CueIndex


def plain(cues: tuple[str, ...], text: str) -> bool:
    return any(cue in text for cue in cues)


def test_cue_index_finds_exactly_what_a_plain_search_finds() -> None:
    cues = (
        " claim responsibility ",
        " claimed the attack ",
        " blamed for ",
        " fire ",
        " tear gas ",
        " - ",
        "  odd spacing ",  # not of the indexed shape: always searched for
        "gas ",
    )
    index = CueIndex.of(cues)
    assert "  odd spacing " in index.always and "gas " in index.always
    assert index.by_first["claim"] == (" claim responsibility ",)
    texts = [
        " the group claim responsibility for it | claim it ",
        " they were blamed for the fire ",
        " police fired tear gas | police fire tear gas ",
        " a teargas canister ",
        " the gas station ",
        " no cue here ",
        "  odd spacing again ",
        " a - b ",
        "",
    ]
    for text in texts:
        assert index.found(text, set(text.split())) == plain(cues, text), text


def test_cue_index_of_nothing_finds_nothing() -> None:
    index = CueIndex.of(())
    assert not index.found(" claim responsibility ", {"claim", "responsibility"})
