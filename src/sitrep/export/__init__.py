"""Exports of stored events, incidents and control: JSON, ACLED-style CSV, PLOVER JSON,
GeoJSON and Parquet.

``export_events(store, "csv", since, until, out)`` is what ``sitrep events --format`` calls;
``export_incidents`` writes one row per incident (the fused event) in the same formats.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import BinaryIO, TextIO, cast

from ..errors import InputError
from ..fuse.contract import incident_to_dict
from ..fuse.persist import control_as_of, load_incidents
from ..store import Store
from .acled import write_acled_csv
from .geojson import control_features, event_features, incident_features, write_geojson
from .parquet import write_parquet
from .plover import write_plover_json
from .records import EventRecord, in_range, load_event_records, load_incident_records

TEXT_FORMATS = ("json", "csv", "geojson", "plover")
BINARY_FORMATS = ("parquet",)
FORMATS = TEXT_FORMATS + BINARY_FORMATS


def export_events(
    store: Store, fmt: str, since: dt.date | None, until: dt.date | None,
    out: TextIO | BinaryIO,
) -> int:
    """Write the events dated in ``[since, until]`` to ``out`` as ``fmt``; returns the count.

    ``parquet`` needs a binary stream, every other format a text stream.
    """
    _check(fmt, FORMATS)
    records = load_event_records(store, since, until, with_contract=fmt == "json")
    return _write(records, fmt, out)


def export_incidents(
    store: Store, fmt: str, since: dt.date | None, until: dt.date | None,
    out: TextIO | BinaryIO,
) -> int:
    """Write one record per incident dated in ``[since, until]`` (csv, plover, geojson,
    parquet: the representative mention with the incident's place, date, fatalities and
    source counts; json: the incident dicts)."""
    _check(fmt, FORMATS)
    if fmt == "json":
        items = [incident_to_dict(i) for i in load_incidents(store)
                 if in_range(i.date, since, until)]
        text = _text(out)
        json.dump(items, text, ensure_ascii=False, indent=1)
        text.write("\n")
        return len(items)
    return _write(load_incident_records(store, since, until), fmt, out)


def _check(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(allowed)}")


def _write(records: list[EventRecord], fmt: str, out: TextIO | BinaryIO) -> int:
    if fmt == "parquet":
        return write_parquet(records, _binary(out))
    text = _text(out)
    if fmt == "csv":
        return write_acled_csv(records, text)
    if fmt == "plover":
        return write_plover_json(records, text)
    if fmt == "geojson":
        return write_geojson(event_features(records), text)
    items = [
        {**(r.contract or {}), "article_id": r.article.id,
         "incident_id": r.incident.id if r.incident else None}
        for r in records
    ]
    json.dump(items, text, ensure_ascii=False, indent=1)
    text.write("\n")
    return len(items)


def export_incidents_geojson(
    store: Store, since: dt.date | None, until: dt.date | None, out: TextIO
) -> int:
    incidents = [i for i in load_incidents(store) if in_range(i.date, since, until)]
    return write_geojson(incident_features(incidents), out)


def export_control_geojson(store: Store, as_of: dt.date, out: TextIO) -> int:
    return write_geojson(control_features(control_as_of(store, as_of)), out)


def _binary(out: TextIO | BinaryIO) -> BinaryIO:
    if hasattr(out, "encoding"):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise InputError("parquet is binary: write it to a file (--out FILE)")
        return cast(BinaryIO, buffer)
    return cast(BinaryIO, out)


def _text(out: TextIO | BinaryIO) -> TextIO:
    if hasattr(out, "encoding"):
        return cast(TextIO, out)
    raise InputError(f"this format is text: pass a text stream, not {type(out).__name__}")
