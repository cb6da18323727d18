"""A small invented store for tests, demos and benchmarks of the API and dashboard.

The articles are written for sitrep (invented events in real places); offsets are computed
from the text, so the documents obey the contract without running the NLP stages.
Incidents and control rows are written straight to their tables, as fusion would.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update

from ..ids import article_id
from ..models import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Sentence,
)
from ..store import Store, open_store
from ..store import schema as t

D = dt.date
HOMS = (34.7308, 36.7094)
SARAQIB = (35.8647, 36.8006)
HAMA = (35.1318, 36.7578)
DAMASCUS = (33.5102, 36.2913)
HOSTILE = '<script>window.pwned=1</script> and <img src=x onerror="window.pwned=2">'

TEXTS = {
    "homs": (
        "Army leaves Homs",
        "Levant Wire",
        D(2024, 12, 7),
        "HOMS — Government forces withdrew from the city of Homs on Saturday, according to the "
        "Syrian Observatory for Human Rights. Rebel fighters entered the city hours later, a "
        "rebel commander told reporters. The defence ministry denied that troops had left Homs.",
    ),
    "saraqib": (
        "Air strikes on Saraqib",
        "Idlib Monitor",
        D(2024, 12, 5),
        "Air strikes hit the town of Saraqib on Thursday, killing four people, residents said. "
        "Rebels could attack Hama next week if the front collapses, an analyst said.",
    ),
    "hostile": (
        "Statement on Hama " + HOSTILE,
        "Damascus Daily",
        D(2024, 12, 6),
        "Officials said " + HOSTILE + " that the army shelled positions near Hama on Friday.",
    ),
}


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, piece in enumerate(text.split(". ")):
        end = start + len(piece) + (1 if start + len(piece) < len(text) else 0)
        out.append(Sentence(i, start, min(end, len(text))))
        start = end + 1
    return tuple(out)


def _place(text: str, name: str, where: tuple[float, float], admin1: str,
           feature: str = "PPLA", after: int = 0) -> Place:
    s, e = _span(text, name, after)
    return Place(id=f"gn-{name.lower()}", name=name, text=name, start=s, end=e, lat=where[0],
                 lon=where[1], country="SY", admin1=admin1, feature=feature, precision=1)


def _actor(text: str, id_: str, name: str, kind: str, side: str | None, *needles: str) -> Actor:
    mentions = tuple(Mention(n, *_span(text, n)) for n in needles)
    return Actor(id=id_, name=name, kind=kind, country="SY", mentions=mentions, side=side)


def _ref(actor: Actor) -> ActorRef:
    return ActorRef(actor.id, actor.name, actor.mentions[0].text)


def _event(text: str, id_: str, sentence: int, trigger: str, kind: str, mode: str | None,
           **fields: Any) -> Event:
    return Event(id=id_, sentence=sentence, trigger=Mention(trigger, *_span(text, trigger)),
                 plover_type=kind, plover_mode=mode, **fields)


def sample_documents() -> list[Document]:
    """Three invented articles: a withdrawal with a denial, an air strike, hostile markup."""
    docs = []
    title, outlet, published, text = TEXTS["homs"]
    gov = _actor(text, "SYR.gov-forces", "Syrian government forces", "military", "government",
                 "Government forces")
    rebels = _actor(text, "SYR.rebels", "Syrian rebels", "armed_group", "opposition",
                    "Rebel fighters")
    sohr = _actor(text, "SYR.sohr", "Syrian Observatory for Human Rights", "ngo", None,
                  "Syrian Observatory for Human Rights")
    mod = _actor(text, "SYR.mod", "Syrian Ministry of Defence", "government", "government",
                 "defence ministry")
    homs = _place(text, "Homs", HOMS, "Homs", after=10)
    date = EventDate(published, "day", "Saturday")
    withdraw = _event(text, "e-homs-withdraw", 0, "withdrew", "RETREAT", "withdraw",
                      actor1=_ref(gov), place=homs, date=date, modality="reported",
                      sources=(_ref(sohr),), confidence=0.8,
                      acled_event_type="Strategic developments",
                      acled_sub_event_type="Non-violent transfer of territory")
    enter = _event(text, "e-homs-enter", 1, "entered", "COERCE", "seize", actor1=_ref(rebels),
                   place=homs, date=date, modality="reported", confidence=0.7)
    claims = (
        Claim("c-homs-sohr", 0, _ref(sohr), "according to", *_span(text, "Government forces "
              "withdrew from the city of Homs on Saturday"), stance="asserts",
              events=("e-homs-withdraw",)),
        Claim("c-homs-mod", 2, _ref(mod), "denied", *_span(text, "troops had left Homs"),
              stance="denies", events=("e-homs-withdraw",)),
    )
    docs.append(_document(title, outlet, published, text, (gov, rebels, sohr, mod), (homs,),
                          (withdraw, enter), claims))

    title, outlet, published, text = TEXTS["saraqib"]
    saraqib = _place(text, "Saraqib", SARAQIB, "Idlib")
    hama = _place(text, "Hama", HAMA, "Hama")
    rebels2 = _actor(text, "SYR.rebels", "Syrian rebels", "armed_group", "opposition", "Rebels")
    strike = _event(text, "e-saraqib-strike", 0, "Air strikes", "ASSAULT", "aerial",
                    place=saraqib, date=EventDate(D(2024, 12, 5), "day", "Thursday"),
                    fatalities=4, modality="asserted", confidence=0.9,
                    acled_event_type="Explosions/Remote violence",
                    acled_sub_event_type="Air/drone strike")
    maybe = _event(text, "e-hama-attack", 1, "attack", "ASSAULT", None, actor1=_ref(rebels2),
                   place=hama, modality="hypothetical", confidence=0.3)
    docs.append(_document(title, outlet, published, text, (rebels2,), (saraqib, hama),
                          (strike, maybe), ()))

    title, outlet, published, text = TEXTS["hostile"]
    hama2 = _place(text, "Hama", HAMA, "Hama")
    shell = _event(text, "e-hama-shell", 0, "shelled", "ASSAULT", "heavy-weapons", place=hama2,
                   date=EventDate(D(2024, 12, 6), "day", "Friday"), modality="reported")
    docs.append(_document(title, outlet, published, text, (), (hama2,), (shell,), ()))
    return docs


def _document(title: str, outlet: str, published: dt.date, text: str,
              actors: tuple[Actor, ...], places: tuple[Place, ...], events: tuple[Event, ...],
              claims: tuple[Claim, ...]) -> Document:
    article = Article(id=article_id(text), text=text, title=title, outlet=outlet,
                      published=published)
    return Document(article=article, sentences=_sentences(text), actors=actors, places=places,
                    events=events, claims=claims)


def incident_row(id_: str, event: Event, **extra: Any) -> dict[str, Any]:
    """An incidents-table row for one event, with fusion's figures given in ``extra``."""
    p = event.place
    row: dict[str, Any] = {
        "id": id_, "plover_type": event.plover_type, "plover_mode": event.plover_mode,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "actor1_id": event.actor1.id if event.actor1 else None,
        "actor1_name": event.actor1.name if event.actor1 else None,
        "actor2_id": None, "actor2_name": None,
        "place_id": p.id if p else None, "place_name": p.name if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "geo_precision": p.precision if p else None, "date": event.date.value,
        "date_min": event.date.value, "date_max": event.date.value, "time_precision": 1,
        "modality": event.modality, "fatalities": event.fatalities,
        "fatalities_max": event.fatalities, "n_mentions": 1, "sources_count": 1,
        "independent_sources": 1, "cross_alignment": False, "contradicted": False,
        "corroboration": 0.5, "data_json": json.dumps({"method": "synthetic"}),
    }
    row.update(extra)
    return row


def control_row(place: Place, since: dt.date, status: str, controller: ActorRef | None,
                side: str | None) -> dict[str, Any]:
    from ..serialize import place_to_dict

    return {
        "id": f"ctl-{place.id}-{since.isoformat()}", "place_id": place.id, "since": since,
        "place_name": place.name, "place_json": json.dumps(place_to_dict(place)),
        "controller_id": controller.id if controller else None,
        "controller_name": controller.name if controller else None, "side": side,
        "status": status, "evidence_json": json.dumps([]),
    }


def _place_of(event: Event) -> Place:
    if event.place is None:
        raise ValueError(f"sample event {event.id} has no place")
    return event.place


def fill_sample(store: Store) -> list[Document]:
    """Store the sample articles, one incident per factual event and a control timeline."""
    docs = sample_documents()
    store.add_documents(docs)
    events = {e.id: e for d in docs for e in d.events}
    incidents = [
        incident_row("i-homs-withdraw", events["e-homs-withdraw"], sources_count=2,
                     independent_sources=2, n_mentions=1, contradicted=True, corroboration=0.6),
        incident_row("i-homs-enter", events["e-homs-enter"]),
        incident_row("i-saraqib", events["e-saraqib-strike"], sources_count=3,
                     independent_sources=2, corroboration=0.8),
        incident_row("i-hama-attack", events["e-hama-attack"]),
        incident_row("i-hama-shell", events["e-hama-shell"]),
    ]
    members = dict(zip([r["id"] for r in incidents], ["e-homs-withdraw", "e-homs-enter",
                   "e-saraqib-strike", "e-hama-attack", "e-hama-shell"], strict=True))
    gov = ActorRef("SYR.gov-forces", "Syrian government forces", "")
    rebels = ActorRef("SYR.rebels", "Syrian rebels", "")
    homs = _place_of(events["e-homs-withdraw"])
    hama = _place_of(events["e-hama-shell"])
    damascus = Place("gn-damascus", "Damascus", "Damascus", 0, 0, *DAMASCUS, country="SY",
                     admin1="Damascus", feature="PPLC")
    aleppo = Place("ocha-SY02", "Aleppo", "Aleppo", 0, 0, 36.2, 37.15, country="SY",
                   admin1="Aleppo", feature="ADM1")
    control = [
        control_row(homs, D(2024, 11, 1), "held", gov, "government"),
        control_row(homs, D(2024, 12, 7), "held", rebels, "opposition"),
        control_row(hama, D(2024, 11, 1), "held", gov, "government"),
        control_row(hama, D(2024, 12, 5), "contested", None, None),
        control_row(damascus, D(2024, 11, 1), "held", gov, "government"),
        control_row(aleppo, D(2024, 11, 30), "held", rebels, "opposition"),
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(t.incidents), incidents)
        for incident, event_id in members.items():
            conn.execute(update(t.events).where(t.events.c.id == event_id)
                         .values(incident_id=incident))
        conn.execute(insert(t.control), control)
    return docs


def sample_store(path: Path) -> Store:
    """A new SQLite store at ``path`` holding the sample (for tests and demos)."""
    store = open_store(f"sqlite:///{path}")
    fill_sample(store)
    return store
