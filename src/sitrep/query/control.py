"""Control of places: who holds what as of a date, in the contract shape.

``control_as_of`` is fusion's own reading of the ``control`` table, so the API, the pages,
reports and ``sitrep control`` agree; ``control_entry`` renders one raw row for histories.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Row

from ..fuse.contract import control_to_contract
from ..fuse.persist import control_as_of as fused_control_as_of
from ..store import Store
from .events import JSON, iso_date


def control_entry(r: Row[Any]) -> JSON:
    """One stored control row (a dated change at a place), contract-shaped."""
    controller = None
    if r.side is not None or r.controller_id is not None:
        controller = {"id": r.controller_id or f"side:{r.side}",
                      "name": r.controller_name or r.side, "side": r.side}
    return {"place": json.loads(r.place_json), "controller": controller, "status": r.status,
            "since": iso_date(r.since), "evidence": json.loads(r.evidence_json)}


def control_as_of(store: Store, as_of: dt.date) -> list[JSON]:
    """Per place, who held it on ``as_of`` (as ``sitrep control --format json`` prints)."""
    return [control_to_contract(e) for e in fused_control_as_of(store, as_of)]
