"""The web application: JSON API and dashboard pages over one store.

>>> from sitrep.settings import Settings
>>> from sitrep.store import open_store
>>> settings = Settings.from_env()
>>> app = create_app(settings, open_store(settings.db_url))  # then: uvicorn.run(app)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError, NotFoundError, SitrepError
from ..settings import Settings
from ..store import Store
from . import api, pages

ResourcesLoader = Callable[[], Any]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every HTTP response it does not set."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware answering ``HEAD`` like ``GET``, without the body.

    FastAPI routes declared with ``get`` answer only ``GET``; HTTP wants ``HEAD`` to give the
    same status and headers (``Content-Length`` included) as ``GET`` would.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class LazyPipeline:
    """Loads the ingest pipeline once, on the first authorised ingest request."""

    def __init__(self, loader: ResourcesLoader):
        self._loader = loader
        self._value: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        with self._lock:
            if self._value is None:
                self._value = self._loader()
        return self._value


def standard_pipeline(settings: Settings) -> Any:
    from ..engine import Resources, build_pipeline

    return build_pipeline(Resources.load(settings))


def static_dir() -> Path:
    return Path(str(importlib_resources.files("sitrep.web") / "static"))


def create_app(
    settings: Settings,
    store: Store,
    resources_loader: ResourcesLoader | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """Build the app over ``store``.

    ``resources_loader`` returns the pipeline ``POST /api/ingest`` runs; it is called once, on
    the first authorised ingest. By default it loads the standard pipeline from ``settings``.
    ``allowed_hosts`` (e.g. ``["127.0.0.1", "localhost"]`` for a loopback server) refuses
    requests for any other Host, which stops DNS-rebinding pages from reading the API.
    """
    app = FastAPI(
        title="sitrep",
        summary="Sourced, geolocated, time-stamped conflict events, claims and control.",
        version="0.1.0",
        docs_url=None,  # the Swagger UI loads scripts from a CDN; /openapi.json is enough
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pipeline = LazyPipeline(resources_loader or partial(standard_pipeline, settings))

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    _add_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _status_for(exc: SitrepError) -> tuple[int, str]:
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, InputError):
        return 422, "bad_input"
    return 400, type(exc).__name__.removesuffix("Error").lower() or "error"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> Response:
        status, code = _status_for(exc)
        if _wants_html(request):
            return pages.error_page(request, status, str(exc))
        return error_response(status, code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}"
        return error_response(422, "bad_input", message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "too_large"}.get(exc.status_code, "error")
        if _wants_html(request):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        response = error_response(exc.status_code, code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api", "/static", "/openapi"))
