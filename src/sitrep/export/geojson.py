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


def _feature(fid: str, place: Place | None, props: JSON, extra: JSON) -> JSON | None:
    geom = _point(place)
    if geom is None:
        return None
    props.pop("place", None)
    props.update(extra)
    return {"type": "Feature", "id": fid, "geometry": geom, "properties": props}


def incident_features(incidents: Iterable[Incident]) -> list[JSON]:
    """One feature per located incident; properties are the incident dict."""
    features = (
        _feature(i.id, i.place, incident_to_dict(i),
                 {"place_name": i.place.name if i.place else None})
        for i in incidents
    )
    return [f for f in features if f is not None]


def control_features(entries: Iterable[ControlEntry]) -> list[JSON]:
    """One feature per place; properties are the control contract dict."""
    features = (
        _feature(e.place_key, e.place, control_to_contract(e),
                 {"place_name": e.place.name, "place_id": e.place_key})
        for e in entries
    )
    return [f for f in features if f is not None]


def write_geojson(features: list[JSON], out: TextIO) -> int:
    json.dump(collection(features), out, ensure_ascii=False)
    out.write("\n")
    return len(features)
