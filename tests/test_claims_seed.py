"""The founding article's claim targets (read from ../shared/seed; skipped when absent)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sitrep.claims import ClaimsStage, event_corroboration
from sitrep.models import Claim, Document, Event, Mention


@pytest.fixture(scope="module")
def seed(parse_text, seed_path: Path) -> Document:
    text = seed_path.read_text(encoding="utf-8")
    doc = parse_text(text, published="2024-12-07")
    events = []
    for word in ("pulled out", "repositioned", "vacated"):
        start = text.index(word)
        sent = next(s.i for s in doc.sentences if s.start <= start < s.end)
        events.append(
            Event(
                id=f"e-{word}",
                sentence=sent,
                trigger=Mention(word, start, start + len(word)),
                plover_type="RETREAT",
            )
        )
    return ClaimsStage()(dataclasses.replace(doc, events=tuple(events)))


def about(doc: Document, words: str) -> list[Claim]:
    return [c for c in doc.claims if words in doc.article.text[c.start : c.end]]


@pytest.mark.parametrize(
    ("words", "speaker", "stance"),
    [
        ("vacated much of the city", "Rami Abdurrahman", "asserts"),
        ("repositioned to areas outside Homs", "Sham FM", "reports"),
        ("game-changer", "Analysts", "opinion"),
        ("these rumors", "Syrian state media", "denies"),
        ("changing by the minute", "Pedersen", "opinion"),
        ("feels sorry", "Sergey Lavrov", "asserts"),
        ("avoid getting entangled", "Donald Trump", "opinion"),
        ("seize this opportunity", "Sheikh Mohammed", "asserts"),
        ("territorial integrity", "Sheikh Mohammed", "asserts"),
        ("political solution", "Turkey", "asserts"),
    ],
)
def test_claims_seed_targets(seed: Document, words: str, speaker: str, stance: str) -> None:
    found = about(seed, words)
    assert found, f"no claim about {words!r}"
    claim = found[0]
    assert claim.speaker is not None
    assert speaker in claim.speaker.text or speaker in claim.speaker.name
    assert claim.stance == stance


def test_claims_seed_withdrawal_is_cross_alignment_corroborated(seed: Document) -> None:
    withdrawal = next(e for e in seed.events if e.id == "e-pulled out")
    assert {s.name for s in withdrawal.sources} == {
        "Syrian Observatory for Human Rights",
        "Sham FM",
    }
    corr = event_corroboration(seed, withdrawal)
    assert corr.cross_alignment and corr.independent_sources == 2


def test_claims_seed_observatory_sources_the_vacating(seed: Document) -> None:
    vacated = next(e for e in seed.events if e.id == "e-vacated")
    assert [s.name for s in vacated.sources] == ["Syrian Observatory for Human Rights"]
    assert vacated.modality == "reported"
