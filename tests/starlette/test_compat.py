"""The Starlette internals httpfault relies on, pinned on the installed release.

The version matrix runs these on the oldest and the newest supported Starlette: a
release that renames or reshapes one of them fails here, by name, before anything else.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from httpfault.adapters._asgi import starlette_compat as compat
from httpfault.adapters._asgi.stack import walk

from .helpers import TestClient


async def _teapot(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("teapot", status_code=418)


async def _boom(request: Request) -> Response:
    raise HTTPException(418)


def _built() -> Starlette:
    app = Starlette(
        routes=[Route("/", _boom)],
        exception_handlers={418: _teapot, KeyError: _teapot},
    )
    TestClient(app).get("/")  # builds the middleware stack
    return app


def test_handler_tables_are_the_exception_middlewares() -> None:
    """``ExceptionMiddleware`` keeps its handlers by class and by status, readable as dicts."""
    app = _built()
    middleware = next(n for n in walk(app.middleware_stack) if type(n) is ExceptionMiddleware)
    tables = compat.handler_tables(middleware)
    assert tables is not None
    by_class, by_status = tables
    assert by_class[KeyError] is _teapot
    assert by_status[418] is _teapot
    middleware.add_exception_handler(ValueError, _teapot)  # the public writer
    assert by_class[ValueError] is _teapot
    assert compat.handler_tables(object()) is None


def test_middleware_built_follows_the_first_request() -> None:
    """An app has no middleware stack until its first request, then it has one."""
    app = Starlette(routes=[Route("/", _boom)])
    assert not compat.middleware_built(app)
    TestClient(app).get("/")
    assert compat.middleware_built(app)


def test_the_handlers_scope_key_is_what_routes_read() -> None:
    """Routes answer a raised ``HTTPException`` from the tables under the scope key."""
    app = _built()
    response = TestClient(app).get("/")
    assert (response.status_code, response.text) == (418, "teapot")
    assert compat.HANDLERS_SCOPE_KEY == "starlette.exception_handlers"


def test_a_cors_copy_keeps_its_settings_around_another_app() -> None:
    """A shallow copy of CORS middleware wraps another app with the same settings."""

    async def inner(scope: object, receive: object, send: object) -> None:
        raise AssertionError("not called")

    cors = CORSMiddleware(inner, allow_origins=["https://a.example"])
    clone = compat.with_app(cors, _teapot)  # type: ignore[arg-type]
    assert clone.app is _teapot  # type: ignore[attr-defined]
    assert cors.app is inner
    assert clone.allow_origins == cors.allow_origins  # type: ignore[attr-defined]


def test_the_body_limit_signal_exists_where_the_limiter_does() -> None:
    """Starlette 1.0's body limiter signals its own 413 with an exception class."""
    try:
        from starlette.middleware import body_limit
    except ImportError:
        pytest.skip("this Starlette has no body limiter")  # the oldest releases
    assert (body_limit._RequestBodyLimitResponseSent,) == compat.SIGNALS
