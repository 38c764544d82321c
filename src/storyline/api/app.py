"""The FastAPI application: routers, error mapping and security headers. ``create_app`` takes ready services."""

from __future__ import annotations

import logging
import math
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .. import __version__, web
from ..exceptions import Conflict, InputError, NotFound, StorylineError
from ..sources.decode import without_surrogates
from . import exports, feeds, read, write
from .limits import BodyLimit
from .services import Services

log = logging.getLogger("storyline.api")

# Scraped text is shown in the UI: no inline scripts or foreign origins, even if escaping ever failed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "no-referrer"}
_STATUS = ((NotFound, 404), (Conflict, 409), (InputError, 422))


def create_app(services: Services) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        services.start()  # the ingest worker runs while the app does
        try:
            yield
        finally:
            services.stop()

    # No Swagger UI at /docs: it runs scripts from a CDN and an inline one, which the CSP rightly refuses.
    app = FastAPI(title="Storyline", version=__version__, openapi_url="/openapi.json", docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.services = services
    app.include_router(exports.router, prefix="/api/v1")  # before read: /articles/export.csv is not an article id
    app.include_router(read.router, prefix="/api/v1")
    app.include_router(write.router, prefix="/api/v1")
    app.include_router(feeds.router, prefix="/api/v1")
    app.include_router(web.router)
    app.add_middleware(BodyLimit, max_bytes=services.settings.max_request_bytes)

    @app.exception_handler(StorylineError)
    async def storyline_error(_request: Request, exc: StorylineError) -> JSONResponse:
        status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)
        if status == 500:
            log.error("request failed: %s", exc)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(Exception)
    async def unexpected_error(_request: Request, _exc: Exception) -> JSONResponse:
        # Starlette answers an unhandled exception outside every middleware, so this answer gets its headers
        # here; it then re-raises the exception to the server, which logs its traceback.
        return JSONResponse({"detail": "internal error; the server log has the details"}, status_code=500,
                            headers=SECURITY_HEADERS)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """FastAPI's own 422, except that it can always be written: the default answer echoes the input and
        failed with a 500 on 1e999 (JSON has no infinity; now "inf") and on a lone surrogate (now U+FFFD)."""
        return JSONResponse({"detail": _writable(jsonable_encoder(exc.errors()))}, status_code=422)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def _writable(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return without_surrogates(value)[0]
    if isinstance(value, dict):
        return {_writable(key): _writable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_writable(item) for item in value]
    return value
