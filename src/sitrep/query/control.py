"""Control of places: who holds what, as of a date, from the ``control`` table."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Row, or_, select

from ..store import Store
from ..store import schema as t
from .events import JSON, iso_date


def control_entry(r: Row[Any]) -> JSON:
    controller = None
    if r.controller_id is not None:
        controller = {"id": r.controller_id, "name": r.controller_name, "side": r.side}
    return {"place": json.loads(r.place_json), "controller": controller, "status": r.status,
            "since": iso_date(r.since), "evidence": json.loads(r.evidence_json)}


def control_as_of(store: Store, as_of: dt.date) -> list[JSON]:
    """Per place, the latest control entry dated on or before ``as_of`` (contract shape)."""
    c = t.control.c
    stmt = (select(t.control).where(or_(c.since.is_(None), c.since <= as_of))
            .order_by(c.place_id, c.since.is_not(None), c.since, c.id))
    latest: dict[str, Row[Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            latest[row.place_id] = row
    return [control_entry(r) for r in sorted(latest.values(), key=lambda r: r.place_name)]
