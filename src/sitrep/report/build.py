"""Build a situation report from the store, through the query layer the API uses.

>>> report = build_report(open_store("sqlite:///sitrep.db"),
...                       Scope(dt.date(2024, 11, 27), dt.date(2024, 12, 10)))

Incidents, the per-day timeline and claims come from ``sitrep.query`` with one
``EventFilter``, so the report's counts equal the API's for the same filter. Control comes
from ``query.control_as_of`` plus the change list in ``control.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .. import query
from ..claims.profiles import SourceProfiles, default_profiles
from ..fuse.persist import control_timeline
from ..models import FACTUAL_MODALITIES
from ..store import Store
from . import scoring
from .control import control_at_end, control_changes, mark_headlines
from .lines import key_incident
from .method import method_note
from .model import MapPoint, Report, Scope, Totals
from .watch import watch_items

JSON = dict[str, Any]


def incident_filter(scope: Scope, **overrides: Any) -> query.EventFilter:
    """The query-layer filter a report uses; the API's ``/api/incidents`` takes the same."""
    values: JSON = {"since": scope.since, "until": scope.until, "bbox": scope.bbox,
                    "sort": "date", "limit": query.MAX_LIMIT}
    values.update(overrides)
    return query.EventFilter(**values)


def all_incidents(store: Store, f: query.EventFilter) -> list[JSON]:
    """Every incident under ``f``, page by page."""
    items: list[JSON] = []
    offset = f.offset
    while True:
        page = query.list_incidents(store, _with_offset(f, offset))
        items.extend(page.items)
        if not page.has_more:
            return items
        offset += page.limit


def _with_offset(f: query.EventFilter, offset: int) -> query.EventFilter:
    return replace(f, offset=offset)


def totals(store: Store, scope: Scope, items: list[JSON]) -> Totals:
    per_day = tuple(
        (dt.date.fromisoformat(r["date"]), r["type"], int(r["n"]))
        for r in query.timeline(store, incident_filter(scope), "incidents")
    )
    by_type = Counter[str]()
    for _, kind, n in per_day:
        by_type[kind] += n
    factual = [i for i in items if i["modality"] in FACTUAL_MODALITIES]
    before = incident_filter(scope, since=scope.since - dt.timedelta(days=scope.days),
                             until=scope.since - dt.timedelta(days=1))
    return Totals(
        incidents=len(items),
        by_type=tuple(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        per_day=per_day,
        fatalities=sum(i["fatalities"] or 0 for i in factual),
        incidents_with_fatalities=sum(1 for i in factual if i["fatalities"]),
        denied_or_contradicted=sum(
            1 for i in items if i["contradicted"] or i["modality"] == "denied"
        ),
        single_source=sum(1 for i in factual if i["independent_sources"] <= 1),
        previous_incidents=sum(int(r["n"]) for r in query.timeline(store, before, "incidents")),
    )


def points(items: Iterable[JSON]) -> tuple[MapPoint, ...]:
    return tuple(
        MapPoint(i["place"]["lat"], i["place"]["lon"], i["plover"]["type"], i["place"]["country"])
        for i in items
        if i["place"] and i["place"]["lat"] is not None and i["place"]["lon"] is not None
    )


def key_selection(ranked: list[JSON], limit: int) -> tuple[list[JSON], dict[str, list[JSON]]]:
    """The ``limit`` best factual incidents, one per place and day: a lower-ranked incident
    at the same place on the same day (the withdrawal beside the capture) is listed with it
    as related rather than as a key incident of its own."""
    top: list[JSON] = []
    related: dict[str, list[JSON]] = {}
    lead: dict[tuple[str, str], str] = {}
    for item in ranked:
        if item["modality"] not in FACTUAL_MODALITIES:
            continue
        where = (item["place"]["id"], item["date"]["value"]) if item["place"] else None
        if where is not None and where in lead:
            related[lead[where]].append(item)
        elif len(top) < limit:
            top.append(item)
            related[item["id"]] = []
            if where is not None:
                lead[where] = item["id"]
    return top, related


def focus_country(items: Iterable[JSON]) -> str | None:
    """The country most incidents lie in (ties: alphabetical), None when none has one."""
    counts = Counter(i["place"]["country"] for i in items if i["place"] and i["place"]["country"])
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], c))


def build_report(
    store: Store,
    scope: Scope,
    *,
    profiles: SourceProfiles | None = None,
    key_limit: int = 12,
    watch_limit: int = 8,
    link_base: str = "",
    generated: dt.datetime | None = None,
) -> Report:
    """The situation report for ``scope``: control, key incidents, claims to watch, method."""
    profiles = profiles or default_profiles()
    items = all_incidents(store, incident_filter(scope))
    history = all_incidents(store, incident_filter(
        scope, since=scope.since - dt.timedelta(days=scoring.NOVELTY_DAYS),
        until=scope.since - dt.timedelta(days=1)))
    novelty = scoring.novelty(items, history)
    scores = {i["id"]: scoring.score(i, novelty[i["id"]]) for i in items}
    ranked = sorted(items, key=lambda i: scoring.rank_key(i, scores[i["id"]]))
    details: dict[str, JSON] = {}

    def detail(incident_id: str) -> JSON:
        if incident_id not in details:
            details[incident_id] = query.get_incident(store, incident_id)
        return details[incident_id]

    top, related = key_selection(ranked, key_limit)
    key = [key_incident(i, scores[i["id"]], detail(i["id"]), profiles, related[i["id"]])
           for i in top]
    watch = watch_items(store, scope, ranked, detail, profiles, watch_limit)
    timelines = control_timeline(store)
    end = control_at_end(store, scope, timelines)
    focus = focus_country(items)
    return Report(
        scope=scope,
        totals=totals(store, scope, items),
        changes=mark_headlines(control_changes(store, scope, timelines), focus),
        contested=tuple(p for p in end if p.status == "contested"),
        control_end=end,
        key_incidents=tuple(key),
        watch=watch,
        method=method_note(store, scope, scoring.SCORE_NOTE),
        points=points(items),
        generated=generated,
        link_base=link_base.rstrip("/"),
        focus_country=focus,
    )
