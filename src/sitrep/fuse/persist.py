"""Fusion against the store: recompute incidents and control, and read control back.

``fuse_store`` is deterministic and idempotent: it replaces the ``incidents`` and ``control``
rows and every ``events.incident_id`` with what the stored documents give now.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..ids import digest
from ..models import ActorRef
from ..serialize import place_from_dict, place_to_dict
from ..store import Store
from ..store import schema as t
from . import index
from .contract import (
    control_to_contract,
    incident_from_dict,
    incident_to_dict,
    render_control_table,
)
from .control import ControlEntry, as_of, control_timelines
from .incidents import Incident, fuse_incidents

__all__ = [
    "FuseSummary", "control_as_of", "control_table", "control_timeline", "control_to_contract",
    "fuse_store", "load_incidents",
]

control_table = render_control_table  # the name ``sitrep control --format table`` imports

# Control details the shared ``control`` table has no column for (one row per control row).
control_detail = Table(
    "control_detail",
    t.metadata,
    Column("id", String(40), primary_key=True),
    Column("place_key", String(120), nullable=False),
    Column("not_held_by", Text, nullable=False),
    Column("contested_by", Text, nullable=False),
    Column("controller_text", Text),
)


@dataclass(frozen=True, slots=True)
class FuseSummary:
    mentions: int
    incidents: int
    multi_mention_incidents: int
    statements: int
    places: int
    control_rows: int

    def as_dict(self) -> dict[str, int]:
        return {
            "mentions": self.mentions, "incidents": self.incidents,
            "multi_mention_incidents": self.multi_mention_incidents,
            "statements": self.statements, "places": self.places,
            "control_rows": self.control_rows,
        }


_FUSING = threading.Lock()
_PG_FUSE_LOCK = 0x5173_7265  # advisory lock key shared by every sitrep process on a server


@contextmanager
def exclusive(store: Store) -> Iterator[None]:
    """One fusion at a time: in this process, and across processes on PostgreSQL.

    Fusion reads every document and replaces the derived tables; two at once would fight
    over the same incident ids and could write an older snapshot last.
    """
    with _FUSING:
        if store.dialect != "postgresql":
            yield
            return
        with store.engine.connect() as conn:
            conn.execute(select(func.pg_advisory_lock(_PG_FUSE_LOCK)))
            conn.commit()
            try:
                yield
            finally:
                conn.execute(select(func.pg_advisory_unlock(_PG_FUSE_LOCK)))
                conn.commit()


def fuse_store(store: Store) -> FuseSummary:
    """Recompute incidents (and ``events.incident_id``) and control from every stored
    document, replacing what was there, and rebuild the fusion index (``index.py``)."""
    with exclusive(store):
        return fuse_all_locked(store)


def fuse_all_locked(store: Store) -> FuseSummary:
    """``fuse_store``'s work, for a caller that already holds the fusion lock."""
    batch = index.read_documents(store.iter_documents())
    incidents = fuse_incidents(batch.mentions)
    timelines = control_timelines(batch.observations)
    try:
        with store.engine.begin() as conn:
            ensure_tables(conn)
            write_incidents(conn, incidents)
            write_control(conn, [e for tl in timelines.values() for e in tl])
            index.reset(conn)
            index.add(conn, batch)
            index.mark_current(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not write incidents and control: {exc}") from exc
    return summarise(len(batch.mentions), incidents, batch.statements, timelines)


def summarise(
    mentions: int, incidents: Sequence[Incident], statements: int,
    timelines: dict[str, list[ControlEntry]],
) -> FuseSummary:
    return FuseSummary(
        mentions=mentions,
        incidents=len(incidents),
        multi_mention_incidents=sum(1 for i in incidents if len(i.mentions) > 1),
        statements=statements,
        places=len(timelines),
        control_rows=sum(len(v) for v in timelines.values()),
    )


def ensure_tables(conn: Connection) -> None:
    t.metadata.create_all(conn, tables=[control_detail])
    index.ensure_tables(conn)


def _incident_row(i: Incident) -> dict[str, object]:
    p = i.place
    return {
        "id": i.id, "plover_type": i.plover_type, "plover_mode": i.plover_mode,
        "acled_event_type": i.acled_event_type, "acled_sub_event_type": i.acled_sub_event_type,
        "actor1_id": i.actor1.id if i.actor1 else None,
        "actor1_name": i.actor1.name if i.actor1 else None,
        "actor2_id": i.actor2.id if i.actor2 else None,
        "actor2_name": i.actor2.name if i.actor2 else None,
        "place_id": p.id if p else None, "place_name": p.name if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "geo_precision": p.precision if p else None,
        "date": i.date, "date_min": i.date_min, "date_max": i.date_max,
        "time_precision": i.time_precision, "modality": i.modality,
        "fatalities": i.fatalities, "fatalities_max": i.fatalities_max,
        "n_mentions": len(i.mentions), "sources_count": i.sources_count,
        "independent_sources": i.independent_sources, "cross_alignment": i.cross_alignment,
        "contradicted": i.contradicted, "corroboration": i.corroboration,
        "data_json": json.dumps(incident_to_dict(i), ensure_ascii=False),
    }


def write_incidents(
    conn: Connection, incidents: Sequence[Incident], replacing: Sequence[str] | None = None,
    mention_ids: Sequence[str] = (),
) -> None:
    """Write ``incidents`` and link their events. By default they replace every incident;
    with ``replacing`` (incident ids) only those, and the links of ``mention_ids``."""
    if replacing is None:
        conn.execute(delete(t.incidents))
        conn.execute(update(t.events).values(incident_id=None))
    else:
        for ids in index.chunks(replacing):
            conn.execute(delete(t.incidents).where(t.incidents.c.id.in_(ids)))
        for ids in index.chunks(mention_ids):
            conn.execute(update(t.events).where(t.events.c.id.in_(ids)).values(incident_id=None))
    if not incidents:
        return
    conn.execute(t.incidents.insert(), [_incident_row(i) for i in incidents])
    conn.execute(
        update(t.events).where(t.events.c.id == bindparam("eid")).values(
            incident_id=bindparam("iid")
        ),
        [{"eid": m, "iid": i.id} for i in incidents for m in i.mentions],
    )


def _control_id(e: ControlEntry) -> str:
    return "ctl-" + digest(e.place_key, e.since, e.status, e.side, e.not_held_by)


def _controller(e: ControlEntry) -> dict[str, str]:
    controller = control_to_contract(e)["controller"]
    assert controller is not None
    return {"id": controller["id"], "name": controller["name"]}


def write_control(
    conn: Connection, entries: list[ControlEntry], places: Sequence[str] | None = None
) -> None:
    """Write control ``entries``, replacing every place's, or only those of ``places``."""
    if places is None:
        conn.execute(delete(t.control))
        conn.execute(delete(control_detail))
    else:
        for keys in index.chunks(places):
            conn.execute(delete(t.control).where(t.control.c.place_id.in_(keys)))
            conn.execute(delete(control_detail).where(control_detail.c.place_key.in_(keys)))
    if not entries:
        return
    conn.execute(
        t.control.insert(),
        [
            {
                "id": _control_id(e), "place_id": e.place_key, "since": e.since,
                "place_name": e.place.name,
                "place_json": json.dumps(place_to_dict(e.place), ensure_ascii=False),
                "controller_id": _controller(e)["id"] if e.side else None,
                "controller_name": _controller(e)["name"] if e.side else None,
                "side": e.side, "status": e.status,
                "evidence_json": json.dumps(list(e.evidence)),
            }
            for e in entries
        ],
    )
    conn.execute(
        control_detail.insert(),
        [
            {
                "id": _control_id(e), "place_key": e.place_key,
                "not_held_by": json.dumps(list(e.not_held_by)),
                "contested_by": json.dumps(list(e.contested_by)),
                "controller_text": e.controller.text if e.controller else None,
            }
            for e in entries
        ],
    )


def control_timeline(store: Store) -> dict[str, list[ControlEntry]]:
    """Every stored control entry, per place key, oldest first."""
    with store.engine.begin() as conn:
        t.metadata.create_all(conn, tables=[control_detail])
        rows = conn.execute(
            select(t.control, control_detail.c.not_held_by, control_detail.c.contested_by,
                   control_detail.c.controller_text)
            .outerjoin(control_detail, control_detail.c.id == t.control.c.id)
            .order_by(t.control.c.place_id, t.control.c.since)
        ).mappings().all()
    out: dict[str, list[ControlEntry]] = {}
    for r in rows:
        place = place_from_dict(json.loads(r["place_json"]))
        assert place is not None
        controller = None
        if r["controller_id"] and not r["controller_id"].startswith("side:"):
            controller = ActorRef(r["controller_id"], r["controller_name"] or "",
                                  r["controller_text"] or r["controller_name"] or "")
        out.setdefault(r["place_id"], []).append(
            ControlEntry(
                place_key=r["place_id"], place=place, status=r["status"], side=r["side"],
                controller=controller, since=r["since"],
                evidence=tuple(json.loads(r["evidence_json"])),
                not_held_by=tuple(json.loads(r["not_held_by"] or "[]")),
                contested_by=tuple(json.loads(r["contested_by"] or "[]")),
            )
        )
    return out


def control_as_of(store: Store, date: dt.date) -> list[ControlEntry]:
    """Who held each known place on ``date``, by place name."""
    return as_of(control_timeline(store), date)


def load_incidents(store: Store) -> list[Incident]:
    """Every stored incident, by date then id."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.incidents.c.data_json).order_by(t.incidents.c.date, t.incidents.c.id)
        ).all()
    return [incident_from_dict(json.loads(r[0])) for r in rows]
