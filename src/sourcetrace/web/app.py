"""The FastAPI application factory: pages, REST API, static files, security.

:func:`create_app` wires the HTML pages (:mod:`sourcetrace.web.pages`), the
REST API under ``/api/v1`` (:mod:`sourcetrace.api`), the static CSS/JS, the
security middleware and the one mapping of the exception tree to HTTP statuses
(:data:`STATUS`). It serves what :class:`~sourcetrace.web.data.WebData` reads;
it never fetches anything from the network for the pages (no CDN, no web fonts;
the interactive API docs are off because they would load scripts from a CDN;
the OpenAPI schema is at ``/api/v1/openapi.json``).

Templates are Jinja2 with autoescaping on for every template, and undefined
names are errors. Limits: one process; the snapshot of provenance is shared by
its threads (see :mod:`sourcetrace.web.data`).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import (
    InputError,
    MissingExtraError,
    NotFoundError,
    SourcetraceError,
    StoreError,
    UsageError,
)
from ..ingest_job import Extractor
from .data import WebData, source_key
from .ingest import FetcherFactory, IngestJobs
from .pagecache import PageCache
from .settings import ServerSettings

HERE = Path(__file__).resolve().parent
STATUS: tuple[tuple[type[SourcetraceError], int], ...] = (
    (NotFoundError, 404),
    (UsageError, 400),
    (InputError, 422),
    (MissingExtraError, 501),
    (StoreError, 503),
    (SourcetraceError, 500),
)


def status_of(exc: SourcetraceError) -> int:
    """The HTTP status of a sourcetrace error (the first matching class of :data:`STATUS`)."""
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def make_templates() -> Jinja2Templates:
    """The page templates: autoescaped, strict about undefined names, with URL helpers."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["seg"] = lambda value: quote(str(value), safe="")
    env.globals["qs"] = _query_string
    env.globals["version"] = __version__
    env.globals["source_key"] = source_key
    return Jinja2Templates(env=env)


def _query_string(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", 0)}
    return ("?" + urlencode(kept)) if kept else ""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(
    data: WebData | str | None = None,
    settings: ServerSettings | None = None,
    *,
    extractor: Extractor | None = None,
    fetcher_factory: FetcherFactory | None = None,
) -> FastAPI:
    """The app over ``data`` (a :class:`WebData`, or a store URL to open).

    Refuses (``UsageError``) settings that bind to a non-loopback address
    without a write token. ``extractor`` and ``fetcher_factory`` replace the
    spaCy extraction and the HTTP fetcher of web ingests (tests).
    """
    settings = settings or ServerSettings()
    settings.check()
    owned = not isinstance(data, WebData)
    web_data = data if isinstance(data, WebData) else WebData(
        data, refresh_seconds=settings.refresh_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        web_data.snapshot()  # link the corpus before the first request
        yield
        if owned:
            web_data.close()

    app = FastAPI(
        title="sourcetrace", version=__version__, lifespan=lifespan,
        description="Read-only access to a sourcetrace evidence store (articles, attributions, "
                    "sources, claims with their provenance trees, stories, search) plus "
                    "ingest. Lists are paginated with `limit` (1-200, default 50) and "
                    "`offset` (default 0); each page says `total` (null when unknown) and "
                    "`next_offset` (null on the last page). Writes need "
                    "`Authorization: Bearer TOKEN` when the server has a token.",
        docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
    )
    app.state.data = web_data
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.page_cache = PageCache(settings.page_cache_bytes)
    app.state.jobs = IngestJobs(web_data, settings, fetcher_factory=fetcher_factory,
                                extractor=extractor)

    from ..api import router as api_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(SourcetraceError)
    async def _sourcetrace_error(request: Request, exc: SourcetraceError) -> Response:
        return error_response(request, status_of(exc), str(exc), type(exc).__name__)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        response = error_response(request, exc.status_code, message, "HTTPError")
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": {"type": "ValidationError",
                                           "message": "invalid request",
                                           "details": _plain_errors(exc)}}, status_code=422)
        return error_response(request, 422, "invalid request: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in _plain_errors(exc)),
            "ValidationError")

    app.add_middleware(_security_middleware(), settings=settings)
    return app


def _plain_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]


def _security_middleware() -> Any:
    from .security import SecurityMiddleware

    return SecurityMiddleware


def error_response(request: Request, status: int, message: str, kind: str) -> Response:
    """A JSON error under ``/api/``, else the error page."""
    if _wants_json(request):
        return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "message": message, "title": f"{status} error",
    }, status_code=status)


def app_from_env() -> FastAPI:
    """An app for ``uvicorn --factory sourcetrace.web.app:app_from_env`` ($SOURCETRACE_DB)."""
    from .settings import TOKEN_ENV

    settings = ServerSettings(token=os.environ.get(TOKEN_ENV) or None)
    return create_app(None, settings)
