"""Source resolution, event sources, modality and corroboration on an article written here.

The article mirrors the founding article's shape (two described sources of opposite
alignment in the lead, both named later; a director with an apposition; analysts; state
media dismissing rumours; a wire credit) about an invented withdrawal from Idlib.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.claims import ClaimsStage, event_corroboration
from sitrep.models import Claim, Document, Event, Mention

ARTICLE = "\n".join(
    [
        (
            "IDLIB — Government troops have reportedly withdrawn from the centre of Idlib, "
            "according to both a Syrian opposition war monitor and a pro-government radio "
            "station."
        ),
        (
            "The pro-government broadcaster Sham FM reported that the army had regrouped south of"
            " the city."
        ),
        (
            "Rami Abdurrahman, the director of the Syrian Observatory for Human Rights, said that"
            " soldiers had abandoned their checkpoints. According to Abdurrahman, rebel fighters "
            "have entered the eastern districts."
        ),
        "Analysts say the retreat could mark a turning point in the war.",
        (
            "Rumours about the governor's flight spread on social media, but state media "
            "dismissed them, insisting the governor remained in his office."
        ),
        "The ministry denied that its aircraft had bombed the bakery.",
        "Rebel sources said fighters captured three villages on Friday.",
        "The army's pullback left the province's capital largely empty.",
        "(With files from AP)",
    ]
)

TRIGGERS = ("withdrawn", "regrouped", "abandoned", "entered", "bombed", "captured", "pullback")


def build(parse_text: Callable[..., Document], text: str = ARTICLE, triggers=TRIGGERS) -> Document:
    doc = parse_text(text, outlet="Example Daily")
    events = []
    for word in triggers:
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


@pytest.fixture(scope="module")
def doc(parse_text) -> Document:
    return build(parse_text)


def event(doc: Document, trigger: str) -> Event:
    return next(e for e in doc.events if e.trigger.text == trigger)


def claim(doc: Document, cue: str, nth: int = 0) -> Claim:
    return [c for c in doc.claims if c.cue.casefold() == cue.casefold()][nth]


def test_claims_descriptors_resolve_to_sources_named_later(doc: Document) -> None:
    monitor, radio = claim(doc, "according to", 0), claim(doc, "according to", 1)
    assert monitor.speaker is not None and radio.speaker is not None
    assert monitor.speaker.text == "a Syrian opposition war monitor"
    assert monitor.speaker.name == "Syrian Observatory for Human Rights"
    assert radio.speaker.text == "a pro-government radio station"
    assert radio.speaker.name == "Sham FM"


def test_claims_withdrawal_is_sourced_to_both_sides_and_cross_aligned(doc: Document) -> None:
    withdrawal = event(doc, "withdrawn")
    assert {s.name for s in withdrawal.sources} == {
        "Syrian Observatory for Human Rights",
        "Sham FM",
    }
    assert withdrawal.modality == "reported"
    corr = event_corroboration(doc, withdrawal)
    assert corr.independent_sources == 2
    assert corr.cross_alignment
    assert not corr.contradicted


def test_claims_apposition_names_the_organisation_a_director_speaks_for(doc: Document) -> None:
    said = claim(doc, "said", 0)
    assert said.speaker is not None and said.speaker.text == "Rami Abdurrahman"
    assert [s.name for s in event(doc, "abandoned").sources] == [
        "Syrian Observatory for Human Rights"
    ]


def test_claims_short_name_continues_with_the_same_source(doc: Document) -> None:
    first = claim(doc, "said", 0)
    second = next(c for c in doc.claims if c.speaker and c.speaker.text == "Abdurrahman")
    assert second.cue == "According to"
    assert second.speaker is not None and first.speaker is not None
    assert second.speaker.id == first.speaker.id
    assert second.events == ("e-entered",)


def test_claims_typed_unnamed_sources(doc: Document) -> None:
    analysts = claim(doc, "say")
    rebels = next(c for c in doc.claims if c.speaker and c.speaker.text == "Rebel sources")
    assert analysts.speaker is not None and analysts.speaker.id == "src:analysts"
    assert analysts.stance == "opinion"
    assert rebels.speaker is not None and rebels.speaker.id == "src:rebel-sources"
    assert event(doc, "captured").sources[0].id == "src:rebel-sources"


def test_claims_state_media_dismissal_and_rumour(doc: Document) -> None:
    assert claim(doc, "Rumours").stance == "rumour"
    dismissed = claim(doc, "dismissed")
    assert dismissed.stance == "denies"
    assert dismissed.speaker is not None and dismissed.speaker.text == "state media"
    assert claim(doc, "insisting").speaker == dismissed.speaker


def test_claims_denial_makes_the_event_denied(doc: Document) -> None:
    bombing = event(doc, "bombed")
    assert bombing.modality == "denied"
    assert claim(doc, "denied").events == ("e-bombed",)


def test_claims_unattributed_event_is_sourced_to_outlet_and_wire(doc: Document) -> None:
    retreat = event(doc, "pullback")
    assert retreat.modality == "asserted"
    assert [s.id for s in retreat.sources] == ["outlet:example-daily", "ap"]
    corr = event_corroboration(doc, retreat)
    assert corr.independent_sources == 1  # the outlet and its wire credit are one source


def test_claims_content_skips_the_dateline(doc: Document) -> None:
    lead = claim(doc, "according to", 0)
    assert doc.article.text[lead.start : lead.end].startswith("Government troops")


def test_claims_reportedly_marks_an_event_reported(parse_text) -> None:
    text = "Militants have reportedly seized the border post. The army said nothing."
    doc = build(parse_text, text, ("seized",))
    assert event(doc, "seized").modality == "reported"


def test_claims_hypothetical_event_keeps_its_modality(parse_text) -> None:
    text = "The minister said the army would retake the town."
    doc = parse_text(text)
    start = text.index("retake")
    future = Event(
        id="e-retake",
        sentence=0,
        trigger=Mention("retake", start, start + 6),
        plover_type="ASSAULT",
        modality="future",
    )
    out = ClaimsStage()(dataclasses.replace(doc, events=(future,)))
    assert out.events[0].modality == "future"
    assert out.events[0].sources[0].text == "The minister"


class _Entry:
    def __init__(self, id: str, name: str) -> None:
        self.id, self.name = id, name


class _Registry:
    def lookup(self, phrase: str) -> _Entry | None:
        return _Entry("syria-daily", "Syria Daily") if phrase == "Syria Daily" else None


def test_claims_outlet_ids_come_from_profiles_then_registry_then_slug() -> None:
    stage = ClaimsStage(_Registry())
    assert stage.outlet_ref("AFP").id == "afp"
    assert stage.outlet_ref("Syria Daily").id == "syria-daily"
    assert stage.outlet_ref("Example Weekly").id == "outlet:example-weekly"


def test_claims_with_the_actors_stage_keep_registry_ids(parse_text) -> None:
    registry = pytest.importorskip("sitrep.actors.registry").Registry.load()
    actors = pytest.importorskip("sitrep.actors.stage").ActorsStage(registry)
    doc = parse_text(ARTICLE, outlet="Example Daily")
    start = ARTICLE.index("withdrawn")
    withdrawal = Event(
        id="e-withdrawn",
        sentence=0,
        trigger=Mention("withdrawn", start, start + 9),
        plover_type="RETREAT",
    )
    out = ClaimsStage(registry)(dataclasses.replace(actors(doc), events=(withdrawal,)))
    assert {s.id for s in out.events[0].sources} == {"sohr", "sham-fm"}
    assert event_corroboration(out, out.events[0]).cross_alignment
    said = claim(out, "said", 0)
    assert said.speaker is not None and said.speaker.text == "Rami Abdurrahman"
