"""Claims to watch: what rests on one voice, what one side denies, figures nobody confirmed.

- ``denied``: incidents that a source denies or that sources contradict;
- ``single-source``: factual incidents with one independent source;
- ``unverified-figure``: fatality figures that only one source gives, or that sources give
  differently (the range is shown);
- ``claim``: denials and rumours in articles published in the period (claims with stance
  ``denies`` or ``rumour``), kept to the area when they are linked to events in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from .. import query
from ..claims.profiles import SourceProfiles
from ..models import FACTUAL_MODALITIES
from ..store import Store
from .control import incidents_for_evidence
from .lines import describe, source_lines
from .model import Scope, WatchItem

JSON = dict[str, Any]
WATCHED_STANCES = ("denies", "rumour")
PAGE = 1000


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _voices(detail: JSON, profiles: SourceProfiles, denied: bool | None = None) -> str:
    lines = source_lines(detail, profiles)
    if denied is not None:
        lines = tuple(s for s in lines if (s.modality == "denied") == denied) or lines
    return "; ".join(s.label for s in lines) or "no named source"


def _item(reason: str, item: JSON, text: str, who: str) -> WatchItem:
    return WatchItem(reason=reason, date=_day(item["date"]["value"]), text=text, who=who,
                     incident_ids=(item["id"],))


def watch_items(
    store: Store,
    scope: Scope,
    ranked: Sequence[JSON],
    detail: Callable[[str], JSON],
    profiles: SourceProfiles,
    limit: int,
) -> tuple[WatchItem, ...]:
    """Up to ``limit`` items per reason, highest-ranked incidents first."""
    out: list[WatchItem] = []
    denied = [i for i in ranked if i["contradicted"] or i["modality"] == "denied"][:limit]
    for i in denied:
        out.append(_item("denied", i, describe(i), _voices(detail(i["id"]), profiles, True)))
    single = [i for i in ranked if i["modality"] in FACTUAL_MODALITIES
              and i["independent_sources"] <= 1 and not i["contradicted"]][:limit]
    for i in single:
        out.append(_item("single-source", i, describe(i), _voices(detail(i["id"]), profiles)))
    figures = [i for i in ranked if i["fatalities"] is not None and (
        i["independent_sources"] <= 1
        or (i["fatalities_max"] is not None and i["fatalities_max"] != i["fatalities"]))][:limit]
    for i in figures:
        shown = str(i["fatalities"])
        if i["fatalities_max"] is not None and i["fatalities_max"] != i["fatalities"]:
            shown += f" to {i['fatalities_max']}"
        out.append(_item("unverified-figure", i, f"{shown} killed: {describe(i)}",
                         _voices(detail(i["id"]), profiles)))
    out.extend(watched_claims(store, scope, {i["id"] for i in ranked}, limit))
    return tuple(out)


def _claims_in_period(store: Store, scope: Scope, stance: str) -> list[JSON]:
    """Claims with ``stance`` from articles published in the period, newest first; paging
    stops at the first claim published before the period (the query orders by date)."""
    out: list[JSON] = []
    offset = 0
    while True:
        page = query.list_claims(store, query.ClaimFilter(stance=stance, limit=PAGE,
                                                          offset=offset))
        for c in page.items:
            day = _day(c["published"])
            if day is not None and day < scope.since:
                return out
            if day is not None and day <= scope.until:
                out.append(c)
        if not page.has_more:
            return out
        offset += PAGE


def _sentence(store: Store, claim: JSON) -> str:
    """The sentence a claim was made in (the claim's own span is often just "it")."""
    doc = store.document(claim["article_id"])
    if 0 <= claim["sentence"] < len(doc.sentences):
        return doc.sentence_text(claim["sentence"])
    return str(claim["text"])


def watched_claims(store: Store, scope: Scope, in_scope: set[str], limit: int) -> list[WatchItem]:
    """Denials and rumours published in the period, linked to in-scope incidents when the
    report is limited to an area."""
    found = [c for stance in WATCHED_STANCES for c in _claims_in_period(store, scope, stance)]
    links = incidents_for_evidence(store, [e for c in found for e in c["events"]])
    out: list[WatchItem] = []
    for c in sorted(found, key=lambda c: (c["published"], c["id"])):
        incidents = tuple(sorted({i for e in c["events"] for i in links.get(e, ())}))
        if scope.bbox is not None and not (set(incidents) & in_scope):
            continue
        speaker = c["speaker"]["name"] if c["speaker"] else "unnamed source"
        who = f"{speaker} ({c['stance']})" + (f" in {c['outlet']}" if c["outlet"] else "")
        out.append(WatchItem(reason="claim", date=_day(c["published"]),
                             text=_sentence(store, c), who=who, incident_ids=incidents,
                             claim_id=c["id"], article_id=c["article_id"]))
        if len(out) == limit:
            break
    return out
