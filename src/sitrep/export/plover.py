"""PLOVER-style JSON: one object per event with PLOVER's field names."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .acled import country_facts
from .records import EventRecord


def _actor(record: EventRecord, which: int) -> dict[str, Any]:
    ref = record.event.actor1 if which == 1 else record.event.actor2
    actor = record.actor1 if which == 1 else record.actor2
    country = actor.country if actor and actor.country else None
    return {
        f"actor{which}": ref.name if ref else None,
        f"actor{which}_id": ref.id if ref else None,
        f"actor{which}_country": country,
        f"actor{which}_role": actor.kind if actor else None,
        f"actor{which}_text": ref.text if ref else None,
    }


def plover_dict(record: EventRecord) -> dict[str, Any]:
    e, p, day = record.event, record.event.place, record.date
    return {
        "id": e.id,
        "date": day.isoformat() if day else None,
        "date_precision": e.date.precision,
        "event_type": e.plover_type,
        "mode": e.plover_mode,
        "context": [e.modality] if e.modality != "asserted" else [],
        **_actor(record, 1),
        **_actor(record, 2),
        "location": None if p is None else {
            "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
            "country_iso3": country_facts(p.country)[0] if p.country else None,
            "admin1": p.admin1, "geonames_id": p.geonames_id, "precision": p.precision,
        },
        "fatalities": e.fatalities,
        "modality": e.modality,
        "sources": [s.name for s in e.sources],
        "incident_id": record.incident.id if record.incident else None,
        "article_id": record.article.id,
        "publisher": record.article.outlet,
        "url": record.article.url,
        "text": record.sentence,
        "trigger": e.trigger.text,
    }


def write_plover_json(records: Iterable[EventRecord], out: TextIO) -> int:
    items = [plover_dict(r) for r in records]
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)
