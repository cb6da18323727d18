"""Fifteenth events session: general rules, each with sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events import EventsStage
from sitrep.models import Document


def test_events_engaging_armed_men_is_a_clash_engaging_others_is_not(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "Police commandos engaged Maoist rebels in a forest of Bijapur district on Sunday.",
        "Troops engaged Boko Haram fighters near Bama on Friday, the army said.",
        "Soldiers engaged the gunmen for two hours before they fled into the hills.",
    ):
        doc = stage(parse_text(text))
        engaged = [e for e in doc.events if e.trigger.text.lower() == "engaged"]
        assert [e.acled_sub_event_type for e in engaged] == ["Armed clash"], text
        assert case_label(doc) == "ARMED_CLASH", text
    for text in (
        "The campaign engaged voters across the state ahead of the poll.",
        "The minister engaged in talks with the union on Monday.",
        "The company engaged a law firm to review the contract.",
    ):
        doc = stage(parse_text(text))
        assert not any(e.trigger.text.lower() == "engaged" for e in doc.events), text
