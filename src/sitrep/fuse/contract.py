"""Incidents and control entries as contract dicts, and control as a text table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..serialize import place_from_dict, place_to_dict, ref_from_dict, ref_to_dict
from .control import ControlEntry
from .incidents import Incident

JSON = dict[str, Any]


def control_to_contract(entry: ControlEntry) -> JSON:
    """``{"place", "controller": {"id","name","side"}|null, "status", "since", "evidence"}``
    plus ``not_held_by`` and ``contested_by`` (sides)."""
    controller = None
    if entry.side is not None:
        ref = entry.controller
        controller = {
            "id": ref.id if ref else f"side:{entry.side}",
            "name": ref.name if ref else entry.side,
            "side": entry.side,
        }
    return {
        "place": place_to_dict(entry.place),
        "controller": controller,
        "status": entry.status,
        "since": entry.since.isoformat() if entry.since else None,
        "evidence": list(entry.evidence),
        "not_held_by": list(entry.not_held_by),
        "contested_by": list(entry.contested_by),
    }


def incident_to_dict(i: Incident) -> JSON:
    return {
        "id": i.id,
        "family": i.family,
        "plover": {"type": i.plover_type, "mode": i.plover_mode},
        "acled": None
        if i.acled_event_type is None
        else {"event_type": i.acled_event_type, "sub_event_type": i.acled_sub_event_type},
        "actor1": ref_to_dict(i.actor1),
        "actor2": ref_to_dict(i.actor2),
        "place": place_to_dict(i.place),
        "date": {
            "value": i.date.isoformat() if i.date else None,
            "min": i.date_min.isoformat() if i.date_min else None,
            "max": i.date_max.isoformat() if i.date_max else None,
            "precision": i.date_precision,
        },
        "modality": i.modality,
        "contradicted": i.contradicted,
        "contradictions": list(i.contradictions),
        "fatalities": i.fatalities,
        "fatalities_max": i.fatalities_max,
        "mentions": list(i.mentions),
        "articles": list(i.articles),
        "outlets": list(i.outlets),
        "sources": list(i.sources),
        "sources_count": i.sources_count,
        "independent_sources": i.independent_sources,
        "cross_alignment": i.cross_alignment,
        "corroboration": i.corroboration,
        "note": i.note,
    }


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def incident_from_dict(d: JSON) -> Incident:
    """The inverse of ``incident_to_dict``."""
    acled = d.get("acled") or {}
    date = d.get("date") or {}
    return Incident(
        id=d["id"], family=d["family"], plover_type=d["plover"]["type"],
        plover_mode=d["plover"].get("mode"), acled_event_type=acled.get("event_type"),
        acled_sub_event_type=acled.get("sub_event_type"),
        actor1=ref_from_dict(d.get("actor1")), actor2=ref_from_dict(d.get("actor2")),
        place=place_from_dict(d.get("place")), date=_day(date.get("value")),
        date_min=_day(date.get("min")), date_max=_day(date.get("max")),
        date_precision=date.get("precision"), modality=d["modality"],
        contradicted=d["contradicted"], fatalities=d.get("fatalities"),
        fatalities_max=d.get("fatalities_max"), mentions=tuple(d["mentions"]),
        articles=tuple(d["articles"]), outlets=tuple(d["outlets"]),
        sources=tuple(d["sources"]), sources_count=d["sources_count"],
        independent_sources=d["independent_sources"], cross_alignment=d["cross_alignment"],
        corroboration=d["corroboration"], contradictions=tuple(d["contradictions"]),
        note=d.get("note", ""),
    )


def render_control_table(entries: Sequence[ControlEntry]) -> str:
    """A fixed-width table: place, province, status, controller, since, evidence count."""
    header = ("place", "province", "status", "controller", "since", "evidence")
    rows = [header]
    for e in entries:
        if e.side is not None:
            who = e.side + (f" ({e.controller.name})" if e.controller else "")
        elif e.contested_by:
            who = " vs ".join(e.contested_by)
        elif e.not_held_by:
            who = "not " + "/".join(e.not_held_by)
        else:
            who = "-"
        province = e.place_key.startswith("admin1:") or e.place.feature in ("ADM1", "ADM1H")
        name = e.place.name + (" province" if province else "")
        rows.append((
            name, e.place.admin1 or "-", e.status, who,
            e.since.isoformat() if e.since else "-", str(len(e.evidence)),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
