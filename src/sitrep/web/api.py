"""JSON API routes: thin edges that parse parameters, call ``sitrep.query`` and render JSON."""

from __future__ import annotations

import datetime as dt
import hmac
import json
from dataclasses import asdict, is_dataclass, replace
from importlib import resources as importlib_resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from .. import query
from ..engine import ingest_payload
from ..errors import NotFoundError
from ..ingest import Defaults
from ..settings import Settings
from ..store import Store
from .evidence import evidence_for
from .params import (
    BBOX_PATTERN,
    ERRORS,
    INGEST_ERRORS,
    MAX_COUNT,
    Kind,
    Modality,
    Offset,
    PloverType,
    SortKey,
    date_param,
    parse_date,
    reject_empty,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
Boundary = Literal["world", "syria-admin0", "syria-admin1", "syria-admin2"]


# dependencies are async (they do no I/O) so FastAPI runs them inline, not in the threadpool
async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def json_response(data: Any, status: int = 200, max_age: int | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_encode)
    headers = {"Cache-Control": f"max-age={max_age}"} if max_age else None
    return Response(body, status_code=status, media_type="application/json", headers=headers)


async def event_filter(
    request: Request,
    since: Annotated[str | None, date_param("first date, YYYY-MM-DD")] = None,
    until: Annotated[str | None, date_param("last date, YYYY-MM-DD")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees; "
                                      "west > east crosses the antimeridian",
                                      pattern=BBOX_PATTERN)] = None,
    place: Annotated[str | None, Query(description="place id")] = None,
    actor: Annotated[str | None, Query(description="actor id, either side")] = None,
    type: Annotated[list[PloverType] | None, Query(description="PLOVER type(s)")] = None,
    modality: Annotated[list[Modality] | None, Query(description="modality(ies)")] = None,
    min_sources: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
    sort: Annotated[SortKey, Query(description="sort key; a leading - is descending")] = "-date",
    limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100,
    offset: Offset = 0,
    after: Annotated[str | None, Query(description="id of the previous page's last row "
                                       "(its next_after): keyset paging, offset ignored")] = None,
) -> query.EventFilter:
    reject_empty(request, "since", "until")
    return query.EventFilter(
        since=parse_date(since, "since"), until=parse_date(until, "until"),
        bbox=query.parse_bbox(bbox), place=place, actor=actor, types=tuple(type or ()),
        modalities=tuple(modality or ()), min_sources=min_sources, sort=sort, limit=limit,
        offset=offset, after=after or None,
    )


FilterDep = Annotated[query.EventFilter, Depends(event_filter)]


@router.get("/events", summary="Events, filtered, sorted and paginated")
def events(store: StoreDep, f: FilterDep,
           article: str | None = None, incident: str | None = None) -> Response:
    f = replace(f, article=article, incident=incident)
    return json_response(query.list_events(store, f).to_dict())


@router.get("/events/{event_id}", summary="One event with its source sentence")
def event(store: StoreDep, event_id: str) -> Response:
    row = query.get_event(store, event_id)
    row["evidence"] = evidence_for(store, [row])
    return json_response(row)


@router.get("/incidents", summary="Incidents (events fused across articles), filtered")
def incidents(store: StoreDep, f: FilterDep) -> Response:
    return json_response(query.list_incidents(store, f).to_dict())


@router.get("/incidents/{incident_id}", summary="One incident with every source sentence")
def incident(store: StoreDep, incident_id: str) -> Response:
    row = query.get_incident(store, incident_id)
    row["evidence"] = evidence_for(store, row["mentions"])
    return json_response(row)


@router.get("/map", summary="Located events or incidents as compact columns, for the map")
def map_points(store: StoreDep, f: FilterDep, kind: Kind = "incidents") -> Response:
    return json_response(query.map_points(store, f, kind).to_dict())


@router.get("/timeline", summary="Counts per day and PLOVER type under the filter")
def timeline(store: StoreDep, f: FilterDep, kind: Kind = "incidents") -> Response:
    return json_response(query.timeline(store, f, kind))


@router.get("/articles", summary="Stored articles, newest first")
def articles(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
             offset: Offset = 0) -> Response:
    return json_response(query.list_articles(store, limit, offset).to_dict())


@router.get("/articles/{article_id}", summary="One article with sentences and annotations")
def article(store: StoreDep, article_id: str) -> Response:
    return json_response(query.get_article(store, article_id))


@router.get("/actors", summary="Actors by number of articles naming them")
def actors(store: StoreDep, q: str | None = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100,
           offset: Offset = 0) -> Response:
    return json_response(query.list_actors(store, q, limit, offset).to_dict())


@router.get("/actors/{actor_id}", summary="One actor with articles, events and claims")
def actor(store: StoreDep, actor_id: str) -> Response:
    return json_response(query.get_actor(store, actor_id))


@router.get("/places", summary="Resolved places by number of articles naming them")
def places(store: StoreDep, q: str | None = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100,
           offset: Offset = 0) -> Response:
    return json_response(query.list_places(store, q, limit, offset).to_dict())


@router.get("/places/{place_id}", summary="One place with events, incidents and control")
def place(store: StoreDep, place_id: str) -> Response:
    return json_response(query.get_place(store, place_id))


@router.get("/claims", summary="Claims: who says what, with stance")
def claims(store: StoreDep, speaker: str | None = None, article: str | None = None,
           stance: str | None = None, event: str | None = None,
           limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT)] = 100,
           offset: Offset = 0) -> Response:
    f = query.ClaimFilter(speaker, article, stance, event, limit, offset)
    return json_response(query.list_claims(store, f).to_dict())


@router.get("/control", summary="Who controls each place as of a date (contract shape)")
def control(request: Request, store: StoreDep,
            as_of: Annotated[str | None, date_param("the date; today if absent")] = None,
            ) -> Response:
    reject_empty(request, "as_of")
    day = parse_date(as_of, "as_of") or dt.date.today()
    return json_response(query.control_as_of(store, day))


@router.get("/stats", summary="Counts, date spans and counts by type")
def stats(store: StoreDep) -> Response:
    return json_response(query.stats(store))


@router.get("/boundaries/{name}", summary="Simplified boundary GeoJSON for the offline map",
            responses={200: {"content": {"application/geo+json": {}}}})
def boundaries(name: Boundary) -> Response:
    path = importlib_resources.files("sitrep.data") / "boundaries" / f"{name}.geojson"
    if not path.is_file():
        raise NotFoundError(f"boundary layer {name!r} is not installed")
    return Response(path.read_bytes(), media_type="application/geo+json",
                    headers={"Cache-Control": "max-age=86400"})


@router.post("/ingest", summary="Ingest text, HTML, a feed or JSON Lines (bearer token)",
             responses=INGEST_ERRORS)
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    content_type: Annotated[str, Header()] = "text/plain",
    published: Annotated[str | None, date_param("publication date for undated input")] = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Response:
    settings = get_settings(request)
    _authorise(settings, authorization)
    data = await _read_body(request, settings.max_html_bytes)
    defaults = Defaults(published=parse_date(published, "published"), outlet=outlet, url=url,
                        max_chars=settings.max_article_chars, max_bytes=settings.max_html_bytes,
                        max_records=settings.max_request_articles)
    pipeline = await run_in_threadpool(request.app.state.pipeline.get)
    report = await run_in_threadpool(
        ingest_payload, data, content_type, request.app.state.store, pipeline, defaults
    )
    return json_response(report.as_dict())


def _authorise(settings: Settings, authorization: str | None) -> None:
    if not settings.api_token:
        raise HTTPException(403, "this server is read-only: set SITREP_TOKEN to allow ingest")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.api_token.encode()
    ):
        raise HTTPException(401, "send 'Authorization: Bearer <token>' with the server's token",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit} bytes; split the input")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over {limit} bytes; split the input")
        chunks.append(chunk)
    return b"".join(chunks)

