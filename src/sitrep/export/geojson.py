"""GeoJSON FeatureCollections of events, incidents and control entries (points)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..fuse.contract import control_to_contract, incident_to_dict
from ..fuse.control import ControlEntry
from ..fuse.incidents import Incident
from ..models import Place
from .acled import acled_row
from .records import EventRecord

JSON = dict[str, Any]


def _point(p: Place | None) -> JSON | None:
    if p is None or p.lat is None or p.lon is None:
        return None
    return {"type": "Point", "coordinates": [p.lon, p.lat]}


def collection(features: list[JSON]) -> JSON:
    return {"type": "FeatureCollection", "features": features}


def event_features(records: Iterable[EventRecord]) -> list[JSON]:
    """One feature per located event; properties are the ACLED-style row."""
    return [
        {"type": "Feature", "id": r.event.id, "geometry": geom, "properties": acled_row(r)}
        for r in records
        if (geom := _point(r.event.place)) is not None
    ]


def incident_features(incidents: Iterable[Incident]) -> list[JSON]:
    out = []
    for i in incidents:
        geom = _point(i.place)
        if geom is None:
            continue
        props = incident_to_dict(i)
        props.pop("place")
        props["place_name"] = i.place.name if i.place else None
        out.append({"type": "Feature", "id": i.id, "geometry": geom, "properties": props})
    return out


def control_features(entries: Iterable[ControlEntry]) -> list[JSON]:
    out = []
    for e in entries:
        geom = _point(e.place)
        if geom is None:
            continue
        props = control_to_contract(e)
        place = props.pop("place")
        props["place_name"] = place["name"] if place else None
        props["place_id"] = e.place_key
        out.append({"type": "Feature", "id": e.place_key, "geometry": geom, "properties": props})
    return out


def write_geojson(features: list[JSON], out: TextIO) -> int:
    json.dump(collection(features), out, ensure_ascii=False)
    out.write("\n")
    return len(features)
