"""Evidence for events: each source sentence, with its article, speaker, outlet, stance and date."""

from __future__ import annotations

from typing import Any

from ..errors import NotFoundError
from ..models import Claim, Document
from ..store import Store

JSON = dict[str, Any]


def _claims_for(doc: Document, event: JSON) -> list[Claim]:
    """Claims that name the event, else claims whose span covers its trigger."""
    named = [c for c in doc.claims if event["id"] in c.events]
    if named:
        return named
    start, end = event["trigger"]["start"], event["trigger"]["end"]
    return [c for c in doc.claims if c.start <= start and end <= c.end]


def evidence_for(store: Store, events: list[JSON]) -> list[JSON]:
    """One evidence item per event row (as ``sitrep.query.event_row`` makes them)."""
    docs: dict[str, Document | None] = {}
    out: list[JSON] = []
    for event in events:
        aid = event["article_id"]
        if aid not in docs:
            try:
                docs[aid] = store.document(aid)
            except NotFoundError:
                docs[aid] = None
        doc = docs[aid]
        if doc is None or not 0 <= event["sentence"] < len(doc.sentences):
            continue
        out.append(_item(doc, event))
    return out


def _item(doc: Document, event: JSON) -> JSON:
    a = doc.article
    s = doc.sentences[event["sentence"]]
    claims = _claims_for(doc, event)
    speakers = [c.speaker.name for c in claims if c.speaker] or [
        x["name"] for x in event.get("sources") or ()
    ]
    trig = event["trigger"]
    return {
        "event_id": event["id"],
        "article": {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url,
                    "published": a.published.isoformat() if a.published else None},
        "sentence": {"i": s.i, "start": s.start, "end": s.end,
                     "text": a.text[s.start : s.end]},
        "mark": [max(0, trig["start"] - s.start), max(0, trig["end"] - s.start)],
        "speaker": speakers[0] if speakers else None,
        "speakers": speakers,
        "stance": claims[0].stance if claims else None,
        "claims": [{"id": c.id, "speaker": c.speaker.name if c.speaker else None,
                    "cue": c.cue, "stance": c.stance, "quote": c.quote} for c in claims],
        "date": event["date"]["value"],
        "modality": event["modality"],
    }
