"""Event mentions and observations as JSON, for the fusion index (``index.py``).

The round trip is exact: ``mention_from_dict(mention_to_dict(m)) == m`` for every mention
built from a stored document, so fusing decoded mentions gives what fusing the documents
gives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..serialize import (
    _event_from_dict,
    _event_to_dict,
    place_from_dict,
    place_to_dict,
    ref_from_dict,
    ref_to_dict,
)
from .mentions import EventMention
from .observations import Observation

JSON = dict[str, Any]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def mention_to_dict(m: EventMention) -> JSON:
    return {
        "event": _event_to_dict(m.event),
        "article_id": m.article_id,
        "outlet": m.outlet,
        "published": _day(m.published),
        "wire": m.wire,
        "sentence_text": m.sentence_text,
        "sentence_start": m.sentence_start,
        "actor1_side": m.actor1_side,
        "actor2_side": m.actor2_side,
        "actor1_country": m.actor1_country,
        "source_sides": [list(x) for x in m.source_sides],
        "denied_by": list(m.denied_by),
        "deniers": [ref_to_dict(r) for r in m.deniers],
        "claim_ids": list(m.claim_ids),
        "anaphor_place": place_to_dict(m.anaphor_place),
    }


def mention_from_dict(d: JSON) -> EventMention:
    return EventMention(
        event=_event_from_dict(d["event"]),
        article_id=d["article_id"],
        outlet=d["outlet"],
        published=_parse_day(d["published"]),
        wire=d["wire"],
        sentence_text=d["sentence_text"],
        sentence_start=d["sentence_start"],
        actor1_side=d["actor1_side"],
        actor2_side=d["actor2_side"],
        actor1_country=d["actor1_country"],
        source_sides=tuple((s, side) for s, side in d["source_sides"]),
        denied_by=tuple(d["denied_by"]),
        deniers=tuple(r for r in map(ref_from_dict, d["deniers"]) if r is not None),
        claim_ids=tuple(d["claim_ids"]),
        anaphor_place=place_from_dict(d["anaphor_place"]),
    )


def observation_to_dict(o: Observation) -> JSON:
    return {
        "place_key": o.place_key,
        "place": place_to_dict(o.place),
        "date": _day(o.date),
        "published": _day(o.published),
        "kind": o.kind,
        "side": o.side,
        "actor": ref_to_dict(o.actor),
        "partial": o.partial,
        "disputed": o.disputed,
        "evidence": o.evidence,
        "other": o.other,
    }


def observation_from_dict(d: JSON) -> Observation:
    place = place_from_dict(d["place"])
    date, published = _parse_day(d["date"]), _parse_day(d["published"])
    assert place is not None and date is not None and published is not None
    return Observation(
        place_key=d["place_key"], place=place, date=date, published=published,
        kind=d["kind"], side=d["side"], actor=ref_from_dict(d["actor"]), partial=d["partial"],
        disputed=d["disputed"], evidence=d["evidence"], other=d["other"],
    )
