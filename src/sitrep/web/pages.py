"""Server-rendered pages (Jinja2, autoescaped). They call the same query functions as the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from .. import query
from .api import StoreDep
from .assets import leaflet_installed
from .evidence import evidence_for
from .highlight import segments

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=Environment(loader=PackageLoader("sitrep.web", "templates"), autoescape=True)
)
PAGE = 100


def _render(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return _render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep) -> Response:
    return _render(request, "dashboard.html", counts=store.counts(),
                   leaflet=leaflet_installed())


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: StoreDep,
             offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    page = query.list_articles(store, PAGE, offset)
    return _render(request, "articles.html", page=page.to_dict())


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, article_id: str,
            focus: str | None = None) -> Response:
    doc = query.get_article(store, article_id)
    return _render(request, "article.html", doc=doc, a=doc["article"],
                   segments=segments(doc, focus))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, store: StoreDep, incident_id: str) -> Response:
    x = query.get_incident(store, incident_id)
    x["evidence"] = evidence_for(store, x["mentions"])
    return _render(request, "incident.html", x=x)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, store: StoreDep, event_id: str) -> Response:
    x = query.get_event(store, event_id)
    x["evidence"] = evidence_for(store, [x])
    return _render(request, "incident.html", x=x)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: StoreDep, q: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    page = query.list_actors(store, q, PAGE, offset)
    return _render(request, "actors.html", page=page.to_dict(), q=q or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, actor_id: str) -> Response:
    return _render(request, "actor.html", actor=query.get_actor(store, actor_id))


@router.get("/places", response_class=HTMLResponse)
def places(request: Request, store: StoreDep, q: str | None = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    page = query.list_places(store, q, PAGE, offset)
    return _render(request, "places.html", page=page.to_dict(), q=q or "")


@router.get("/places/{place_id}", response_class=HTMLResponse)
def place(request: Request, store: StoreDep, place_id: str) -> Response:
    return _render(request, "place.html", place=query.get_place(store, place_id))
