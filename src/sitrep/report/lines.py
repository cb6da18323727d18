"""One line of a report about one incident: its kind, its sources and alignments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..claims.profiles import SourceProfiles
from ..models import ActorRef
from .model import KeyIncident, Score, SourceLine

JSON = dict[str, Any]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def kind_label(item: JSON) -> str:
    plover = item["plover"]
    label = plover["type"] + (f"/{plover['mode']}" if plover.get("mode") else "")
    acled = item.get("acled")
    if acled and acled.get("sub_event_type"):
        label += f" ({acled['sub_event_type']})"
    return label


def describe(item: JSON) -> str:
    """Text like "COERCE/seize at Hama by HTS against Syrian Army", from structured fields."""
    text = kind_label(item)
    if item["place"]:
        text += f" at {item['place']['name']}"
    a1, a2 = item["actor1"], item["actor2"]
    if a1:
        text += f" by {a1['name'] or a1['id']}"
    if a2:
        text += f" against {a2['name'] or a2['id']}"
    return text


def source_lines(detail: JSON, profiles: SourceProfiles) -> tuple[SourceLine, ...]:
    """One line per (voice, outlet, modality) among an incident's mentions."""
    lines: dict[tuple[str, str | None, str], SourceLine] = {}
    for m in detail.get("mentions", ()):
        outlet = m.get("outlet")
        outlet_profile = profiles.find(outlet) if outlet else None
        outlet_alignment = outlet_profile.alignment if outlet_profile else None
        voices = m.get("sources") or []
        if not voices:
            key = (outlet or m["article_id"], outlet, m["modality"])
            lines.setdefault(key, SourceLine(outlet or m["article_id"], outlet_alignment,
                                             None, None, m["modality"]))
            continue
        for v in voices:
            ref = ActorRef(v["id"], v.get("name") or v["id"], v.get("text") or "")
            key = (ref.name, outlet, m["modality"])
            lines.setdefault(key, SourceLine(ref.name, profiles.alignment(ref), outlet,
                                             outlet_alignment, m["modality"]))
    return tuple(sorted(lines.values(), key=lambda s: (s.modality == "denied", s.source,
                                                        s.outlet or "")))


def key_incident(item: JSON, s: Score, detail: JSON | None, profiles: SourceProfiles,
                 related: list[JSON] | None = None) -> KeyIncident:
    actors = tuple(a["name"] or a["id"] for a in (item["actor1"], item["actor2"]) if a)
    data = (detail or {}).get("data") or {}
    return KeyIncident(
        id=item["id"],
        date=_day(item["date"]["value"]),
        kind=kind_label(item),
        place=item["place"]["name"] if item["place"] else None,
        actors=actors,
        fatalities=item["fatalities"],
        fatalities_max=item["fatalities_max"],
        modality=item["modality"],
        independent_sources=item["independent_sources"],
        sources_count=item["sources_count"],
        contradicted=bool(item["contradicted"]),
        score=s,
        sources=source_lines(detail, profiles) if detail else (),
        note=str(data.get("note") or ""),
        related=tuple((r["id"], kind_label(r)) for r in related or ()),
    )


