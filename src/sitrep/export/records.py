"""What exports read: each stored event with its article, sentence, actors and incident."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from ..fuse.incidents import Incident
from ..fuse.persist import load_incidents
from ..models import FACTUAL_MODALITIES, Actor, Article, Document, Event, EventDate
from ..serialize import document_to_dict
from ..store import Store
from ..store import schema as t


@dataclass(frozen=True, slots=True)
class IncidentInfo:
    id: str
    n_mentions: int
    sources_count: int
    independent_sources: int
    corroboration: float
    contradicted: bool
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event and what an export row needs around it."""

    event: Event
    article: Article
    sentence: str
    actor1: Actor | None
    actor2: Actor | None
    incident: IncidentInfo | None
    contract: dict[str, Any] | None = None

    @property
    def date(self) -> dt.date | None:
        return self.event.date.value or self.article.published


def _incidents(store: Store) -> dict[str, IncidentInfo]:
    """Event id -> its incident, from the fused tables (empty before ``fuse_store``)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.events.c.id, t.incidents.c.id, t.incidents.c.n_mentions,
                   t.incidents.c.sources_count, t.incidents.c.independent_sources,
                   t.incidents.c.corroboration, t.incidents.c.contradicted,
                   t.incidents.c.data_json)
            .join(t.incidents, t.incidents.c.id == t.events.c.incident_id)
        ).all()
    cache: dict[str, IncidentInfo] = {}
    out = {}
    for eid, iid, n, sc, ind, corr, contra, data in rows:
        if iid not in cache:
            outlets = tuple(json.loads(data).get("outlets", ()))
            cache[iid] = IncidentInfo(iid, n, sc, ind, corr, bool(contra), outlets)
        out[eid] = cache[iid]
    return out


def in_range(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day <= until)


def records_of(
    doc: Document, incidents: dict[str, IncidentInfo], with_contract: bool = False
) -> Iterator[EventRecord]:
    """The records of one document; ``with_contract`` adds each event's contract dict."""
    actors = {a.id: a for a in doc.actors}
    contracts = (
        {d["id"]: d for d in document_to_dict(doc)["events"]} if with_contract else {}
    )
    text = doc.article.text
    for e in doc.events:
        if 0 <= e.sentence < len(doc.sentences):
            s = doc.sentences[e.sentence]
            sentence = text[s.start : s.end].strip()
        else:
            sentence = e.trigger.text
        yield EventRecord(
            event=e, article=doc.article, sentence=sentence,
            actor1=actors.get(e.actor1.id) if e.actor1 else None,
            actor2=actors.get(e.actor2.id) if e.actor2 else None,
            incident=incidents.get(e.id),
            contract=contracts.get(e.id),
        )


def load_event_records(
    store: Store, since: dt.date | None = None, until: dt.date | None = None,
    with_contract: bool = False,
) -> list[EventRecord]:
    """Stored events dated in ``[since, until]`` (inclusive), by date then event id."""
    incidents = _incidents(store)
    out = [
        r
        for doc in store.iter_documents()
        for r in records_of(doc, incidents, with_contract)
        if in_range(r.date, since, until)
    ]
    return sorted(out, key=lambda r: (r.date or dt.date.min, r.event.id))


def incident_record(incident: Incident, mentions: list[EventRecord]) -> EventRecord:
    """One incident as an export record: its representative mention (the first factual
    one) with the incident's place, date, actors, modality and lowest fatality figure."""
    rep = next((r for r in mentions if r.event.modality in FACTUAL_MODALITIES), mentions[0])
    event = replace(
        rep.event, id=incident.id, plover_type=incident.plover_type,
        plover_mode=incident.plover_mode, acled_event_type=incident.acled_event_type,
        acled_sub_event_type=incident.acled_sub_event_type,
        actor1=incident.actor1 or rep.event.actor1, actor2=incident.actor2 or rep.event.actor2,
        place=incident.place, date=EventDate(incident.date, incident.date_precision),
        modality=incident.modality, fatalities=incident.fatalities,
        sources=tuple(s for r in mentions for s in r.event.sources),
    )
    info = rep.incident or IncidentInfo(
        incident.id, len(incident.mentions), incident.sources_count,
        incident.independent_sources, incident.corroboration, incident.contradicted,
        incident.outlets,
    )
    return replace(rep, event=event, incident=info, contract=None)


def load_incident_records(
    store: Store, since: dt.date | None = None, until: dt.date | None = None
) -> list[EventRecord]:
    """Stored incidents dated in ``[since, until]``, one record each, by date then id."""
    by_id = {r.event.id: r for r in load_event_records(store)}
    out = []
    for incident in load_incidents(store):
        if not in_range(incident.date, since, until):
            continue
        mentions = [by_id[m] for m in incident.mentions if m in by_id]
        if mentions:
            out.append(incident_record(incident, mentions))
    return out
