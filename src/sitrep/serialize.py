"""The contract: a ``Document`` as the JSON object ``sitrep extract`` prints, and back.

``document_from_dict`` restores everything the contract carries (not tokens), so stored
documents can be fused, queried and shown without parsing again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Dateline,
    Document,
    Event,
    EventDate,
    Focus,
    Mention,
    Place,
    Sentence,
    Span,
)

JSON = dict[str, Any]

PLACE_FIELDS = (
    "id",
    "name",
    "text",
    "start",
    "end",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature",
    "geonames_id",
    "precision",
)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def place_to_dict(p: Place | None) -> JSON | None:
    if p is None:
        return None
    d: JSON = {f: getattr(p, f) for f in PLACE_FIELDS}
    d["method"] = p.method
    d["role"] = p.role
    return d


def place_from_dict(d: JSON | None) -> Place | None:
    if d is None:
        return None
    fields: dict[str, Any] = {f: d.get(f) for f in PLACE_FIELDS}
    return Place(**fields, method=d.get("method", ""), role=d.get("role", "mention"))


def ref_to_dict(r: ActorRef | None) -> JSON | None:
    return None if r is None else {"id": r.id, "name": r.name, "text": r.text}


def ref_from_dict(d: JSON | None) -> ActorRef | None:
    return None if d is None else ActorRef(d["id"], d["name"], d.get("text", ""))


def _refs(d: list[JSON] | None) -> tuple[ActorRef, ...]:
    return tuple(r for r in (ref_from_dict(x) for x in d or ()) if r is not None)


def document_to_dict(doc: Document, dateline_place: Place | None = None) -> JSON:
    """The contract object for one document."""
    a = doc.article
    if dateline_place is None and a.dateline is not None:
        dl = a.dateline
        dateline_place = next(
            (p for p in doc.places if dl.start <= p.start and p.end <= dl.end), None
        )
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "published": _date(a.published),
            "language": a.language,
            "text": a.text,
            "dateline": None
            if a.dateline is None
            else {
                "text": a.dateline.text,
                "start": a.dateline.start,
                "end": a.dateline.end,
                "place_text": a.dateline.place_text,
                "place": place_to_dict(dateline_place),
            },
            "credits": list(a.credits),
            "headings": [[s.start, s.end] for s in a.headings],
            "boilerplate": [[s.start, s.end] for s in a.boilerplate],
            "source_format": a.source_format,
        },
        "sentences": [
            {
                "i": s.i,
                "start": s.start,
                "end": s.end,
                "heading": s.heading,
                "boilerplate": s.boilerplate,
            }
            for s in doc.sentences
        ],
        "actors": [
            {
                "id": x.id,
                "name": x.name,
                "kind": x.kind,
                "country": x.country,
                "side": x.side,
                "provisional": x.provisional,
                "affiliation": x.affiliation,
                "attributes": dict(x.attributes),
                "mentions": [
                    {"text": m.text, "start": m.start, "end": m.end, "method": m.method}
                    for m in x.mentions
                ],
            }
            for x in doc.actors
        ],
        "places": [place_to_dict(p) for p in doc.places],
        "focus": {"country": doc.focus.country, "place": place_to_dict(doc.focus.place)},
        "events": [_event_to_dict(e) for e in doc.events],
        "claims": [
            {
                "id": c.id,
                "sentence": c.sentence,
                "speaker": ref_to_dict(c.speaker),
                "cue": c.cue,
                "start": c.start,
                "end": c.end,
                "quote": c.quote,
                "stance": c.stance,
                "events": list(c.events),
                "method": c.method,
            }
            for c in doc.claims
        ],
    }


def _event_to_dict(e: Event) -> JSON:
    return {
        "id": e.id,
        "sentence": e.sentence,
        "trigger": {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end},
        "plover": {"type": e.plover_type, "mode": e.plover_mode},
        "acled": None
        if e.acled_event_type is None
        else {"event_type": e.acled_event_type, "sub_event_type": e.acled_sub_event_type},
        "actor1": ref_to_dict(e.actor1),
        "actor2": ref_to_dict(e.actor2),
        "actor1_more": [ref_to_dict(r) for r in e.actor1_more],
        "place": place_to_dict(e.place),
        "date": {
            "value": _date(e.date.value),
            "precision": e.date.precision,
            "text": e.date.text,
            "start": e.date.start,
            "end": e.date.end,
        },
        "modality": e.modality,
        "sources": [ref_to_dict(r) for r in e.sources],
        "fatalities": e.fatalities,
        "confidence": e.confidence,
        "method": e.method,
    }


def _event_from_dict(d: JSON) -> Event:
    t = d["trigger"]
    acled = d.get("acled") or {}
    date = d.get("date") or {}
    return Event(
        id=d["id"],
        sentence=d["sentence"],
        trigger=Mention(t["text"], t["start"], t["end"]),
        plover_type=d["plover"]["type"],
        plover_mode=d["plover"].get("mode"),
        acled_event_type=acled.get("event_type"),
        acled_sub_event_type=acled.get("sub_event_type"),
        actor1=ref_from_dict(d.get("actor1")),
        actor2=ref_from_dict(d.get("actor2")),
        actor1_more=_refs(d.get("actor1_more")),
        place=place_from_dict(d.get("place")),
        date=EventDate(
            _parse_date(date.get("value")),
            date.get("precision"),
            date.get("text") or "",
            date.get("start"),
            date.get("end"),
        ),
        modality=d.get("modality", "asserted"),
        sources=_refs(d.get("sources")),
        fatalities=d.get("fatalities"),
        confidence=d.get("confidence", 0.5),
        method=d.get("method", ""),
    )


def document_from_dict(d: JSON) -> Document:
    a = d["article"]
    dl = a.get("dateline")
    article = Article(
        id=a["id"],
        text=a["text"],
        title=a.get("title"),
        outlet=a.get("outlet"),
        url=a.get("url"),
        published=_parse_date(a.get("published")),
        language=a.get("language") or "en",
        dateline=None
        if not dl
        else Dateline(dl["text"], dl.get("start", 0), dl.get("end", 0), dl.get("place_text")),
        credits=tuple(a.get("credits") or ()),
        headings=tuple(Span(s, e) for s, e in a.get("headings") or ()),
        boilerplate=tuple(Span(s, e) for s, e in a.get("boilerplate") or ()),
        source_format=a.get("source_format", "text"),
    )
    focus = d.get("focus") or {}
    return Document(
        article=article,
        sentences=tuple(
            Sentence(
                s["i"], s["start"], s["end"], s.get("heading", False), s.get("boilerplate", False)
            )
            for s in d.get("sentences") or ()
        ),
        actors=tuple(
            Actor(
                id=x["id"],
                name=x["name"],
                kind=x["kind"],
                country=x.get("country"),
                mentions=tuple(
                    Mention(m["text"], m["start"], m["end"], m.get("method", ""))
                    for m in x.get("mentions") or ()
                ),
                provisional=x.get("provisional", False),
                side=x.get("side"),
                affiliation=x.get("affiliation"),
                attributes=tuple(sorted((x.get("attributes") or {}).items())),
            )
            for x in d.get("actors") or ()
        ),
        places=tuple(p for p in (place_from_dict(x) for x in d.get("places") or ()) if p),
        focus=Focus(focus.get("country"), place_from_dict(focus.get("place"))),
        events=tuple(_event_from_dict(e) for e in d.get("events") or ()),
        claims=tuple(
            Claim(
                id=c["id"],
                sentence=c["sentence"],
                speaker=ref_from_dict(c.get("speaker")),
                cue=c["cue"],
                start=c["start"],
                end=c["end"],
                quote=c.get("quote", False),
                stance=c.get("stance", "asserts"),
                events=tuple(c.get("events") or ()),
                method=c.get("method", ""),
            )
            for c in d.get("claims") or ()
        ),
        done=frozenset({"article", "sentences", "actors", "places", "focus", "events", "claims"}),
    )
