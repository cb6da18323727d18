"""What a situation report holds: frozen dataclasses, built by ``build.py``, read by renderers.

Every line carries the ids that trace it back: incident ids (``/incidents/<id>`` in the web
app), and for control changes the event or claim ids given as evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class Scope:
    """The period and area a report covers. ``bbox`` is (west, south, east, north)."""

    since: dt.date
    until: dt.date
    bbox: tuple[float, float, float, float] | None = None
    region: str | None = None

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def area(self) -> str:
        if self.region:
            return self.region
        if self.bbox:
            return "box " + ", ".join(f"{v:g}" for v in self.bbox)
        return "all areas"


@dataclass(frozen=True, slots=True)
class Side:
    """Who holds a place: an actor (or None when nobody is known to) and its side."""

    name: str | None
    side: str | None

    @property
    def known(self) -> bool:
        return bool(self.name or self.side)

    @property
    def label(self) -> str:
        """"Syrian Arab Army (government)"; a descriptor such as "his fighters" yields to
        its side: "opposition forces (his fighters)"."""
        if self.name and self.side and not self.name[:1].isupper():
            return f"{self.side} forces ({self.name})"
        if self.name and self.side and self.side.casefold() not in self.name.casefold():
            return f"{self.name} ({self.side})"
        return self.name or (f"{self.side} forces" if self.side else "unknown")


@dataclass(frozen=True, slots=True)
class ControlChange:
    """A place changing hands (or becoming contested) on a date inside the period."""

    place_id: str
    place: str
    date: dt.date
    before: Side
    after: Side
    status: str
    evidence: tuple[str, ...]
    incident_ids: tuple[str, ...]
    lat: float | None = None
    lon: float | None = None
    before_status: str = "unknown"
    not_held_by: tuple[str, ...] = ()
    contested_by: tuple[str, ...] = ()
    country: str | None = None
    feature: str | None = None
    headline: bool = False
    article_ids: tuple[str, ...] = ()

    @property
    def evidence_count(self) -> int:
        return len(self.evidence)


@dataclass(frozen=True, slots=True)
class ControlPoint:
    """Control of one place at the end of the period, for the map and the contested list."""

    place_id: str
    place: str
    holder: Side
    status: str
    since: dt.date | None
    evidence: tuple[str, ...]
    lat: float | None
    lon: float | None
    contested_by: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One voice reporting an incident, through one outlet, with alignments when known."""

    source: str
    alignment: str | None
    outlet: str | None
    outlet_alignment: str | None
    modality: str

    @property
    def label(self) -> str:
        who = self.source + (f" [{self.alignment}]" if self.alignment else "")
        if self.outlet and self.outlet != self.source:
            who += f" via {self.outlet}" + (
                f" [{self.outlet_alignment}]" if self.outlet_alignment else ""
            )
        return who + (" (denies)" if self.modality == "denied" else "")


@dataclass(frozen=True, slots=True)
class Score:
    """The ranking score and its three parts, each 0..1 (see ``scoring.py``)."""

    total: float
    fatalities: float
    corroboration: float
    novelty: float


@dataclass(frozen=True, slots=True)
class KeyIncident:
    id: str
    date: dt.date | None
    kind: str
    place: str | None
    actors: tuple[str, ...]
    fatalities: int | None
    fatalities_max: int | None
    modality: str
    independent_sources: int
    sources_count: int
    contradicted: bool
    score: Score
    sources: tuple[SourceLine, ...] = ()
    note: str = ""
    related: tuple[tuple[str, str], ...] = ()  # (incident id, kind) at the same place and day

    @property
    def fatalities_label(self) -> str:
        if self.fatalities is None:
            return "-"
        if self.fatalities_max is not None and self.fatalities_max != self.fatalities:
            return f"{self.fatalities}-{self.fatalities_max}"
        return str(self.fatalities)

    @property
    def flag(self) -> str:
        if self.contradicted or self.modality == "denied":
            return "denied or contradicted"
        return ""


@dataclass(frozen=True, slots=True)
class WatchItem:
    """A claim to watch: ``reason`` is single-source, denied, unverified-figure or claim."""

    reason: str
    date: dt.date | None
    text: str
    who: str
    incident_ids: tuple[str, ...] = ()
    claim_id: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts under the report's filter; equal to the query layer's for the same filter."""

    incidents: int
    by_type: tuple[tuple[str, int], ...]
    per_day: tuple[tuple[dt.date, str, int], ...]
    fatalities: int
    incidents_with_fatalities: int
    denied_or_contradicted: int
    single_source: int
    previous_incidents: int = 0


@dataclass(frozen=True, slots=True)
class Method:
    articles: int
    outlets: tuple[str, ...]
    articles_published: int
    events: int
    store_articles: int
    score_note: str


@dataclass(frozen=True, slots=True)
class MapPoint:
    lat: float
    lon: float
    kind: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    scope: Scope
    totals: Totals
    changes: tuple[ControlChange, ...]
    contested: tuple[ControlPoint, ...]
    control_end: tuple[ControlPoint, ...]
    key_incidents: tuple[KeyIncident, ...]
    watch: tuple[WatchItem, ...]
    method: Method
    points: tuple[MapPoint, ...] = ()
    generated: dt.datetime | None = None
    link_base: str = ""
    focus_country: str | None = None

    @property
    def headlines(self) -> tuple[ControlChange, ...]:
        return tuple(ch for ch in self.changes if ch.headline)

    @property
    def empty(self) -> bool:
        return self.totals.incidents == 0 and not self.changes

    def incident_url(self, incident_id: str) -> str:
        return f"{self.link_base}/incidents/{quote(incident_id, safe=':')}"

    def article_url(self, article_id: str) -> str:
        return f"{self.link_base}/articles/{quote(article_id, safe=':')}"

    def place_url(self, place_id: str) -> str:
        return f"{self.link_base}/places/{quote(place_id, safe=':')}"
