"""The query layer: one set of read functions behind the JSON API, the web pages and reports.

Each function takes a ``Store`` and (where it filters) a frozen filter dataclass, queries the
tables with SQLAlchemy Core, and returns JSON-ready dicts or frozen dataclasses.
"""

from .control import control_as_of, control_entry
from .events import (
    MAX_LIMIT,
    SORT_KEYS,
    EventFilter,
    MapPoints,
    Page,
    event_row,
    get_event,
    get_incident,
    incident_row,
    list_events,
    list_incidents,
    map_points,
    parse_bbox,
    stats,
    timeline,
)
from .records import (
    ClaimFilter,
    get_actor,
    get_article,
    get_place,
    list_actors,
    list_articles,
    list_claims,
    list_places,
)

__all__ = [
    "MAX_LIMIT",
    "SORT_KEYS",
    "ClaimFilter",
    "EventFilter",
    "MapPoints",
    "Page",
    "control_as_of",
    "control_entry",
    "event_row",
    "get_actor",
    "get_article",
    "get_event",
    "get_incident",
    "get_place",
    "incident_row",
    "list_actors",
    "list_articles",
    "list_claims",
    "list_events",
    "list_incidents",
    "list_places",
    "map_points",
    "parse_bbox",
    "stats",
    "timeline",
]
