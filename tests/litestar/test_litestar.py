"""The Litestar plugin through Litestar's own test client: every error path it answers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar, get
from litestar.exceptions import NotFoundException
from litestar.logging.config import LoggingConfig
from litestar.response import Response
from litestar.testing import TestClient

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    Forbidden,
    ImATeapot,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
)
from httpfault.adapters.litestar import HTTPFaultPlugin, JSONRequest
from tests.starlette.helpers import RID, assert_rendered, body_of

from . import apps

HEADERS = {"x-request-id": RID}


@pytest.fixture
def client() -> Iterator[TestClient[Litestar]]:
    with TestClient(apps.make(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/conflict", Conflict("Email already registered")),
        ("/custom", apps.EmailTaken("ada@example.com is taken", field_name="email")),
        ("/nowhere", NotFound()),
        ("/post-only", MethodNotAllowed(allow=["POST", "OPTIONS"])),
        ("/mapped", NotFound()),
        ("/crash", InternalServerError()),
        ("/guarded", Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')),
        ("/dependency", Conflict("Dependency refused")),
        ("/mw-error", Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')),
        ("/mw-crash", InternalServerError()),
        ("/own/not-found", NotFound()),
        ("/own/not-found-detail", NotFound("No widget 7")),
        ("/own/forbidden", Forbidden("Admins only")),
        ("/own/unauthorized", Unauthorized(www_authenticate='Bearer realm="api"')),
        ("/own/throttled", TooManyRequests(retry_after=30)),
        ("/own/teapot", ImATeapot()),
    ],
)  # fmt: skip
def test_error_paths(client: TestClient[Litestar], path: str, error: Any) -> None:
    """Handlers, guards, dependencies, middleware, routing and Litestar's own exceptions
    all answer render()'s bytes, with the headers the error carries."""
    response = client.get(path, headers=HEADERS)
    assert_rendered(response, error, path=path)


def test_status_not_an_error_is_answered_bare(client: TestClient[Litestar]) -> None:
    """An HTTPException with a status that is not an error (304) is answered empty."""
    response = client.get("/own/not-modified", headers=HEADERS)
    assert response.status_code == 304
    assert response.content == b""


def test_validation_exception_raised_by_the_app(client: TestClient[Litestar]) -> None:
    """A ValidationException of the app keeps its detail, its extra becomes field errors."""
    response = client.get("/own/validation", headers=HEADERS)
    assert response.status_code == 422
    body = body_of(response)
    assert body["message"] == "Check the name"
    assert body["errors"] == [
        {"in": "body", "pointer": "#/name", "message": "Too short", "code": "invalid"}
    ]


def test_pydantic_body_errors_have_pointers_and_no_input(client: TestClient[Litestar]) -> None:
    """A pydantic model as data: 422 with pydantic's codes and pointers; input never echoed."""
    response = client.post(
        "/users", json={"name": "", "age": "secret-value-7", "tags": ["ok", 3]}, headers=HEADERS
    )
    assert response.status_code == 422
    errors = body_of(response)["errors"]
    assert {e["pointer"] for e in errors} == {"#/name", "#/age", "#/tags/1"}
    assert {e["code"] for e in errors} == {"string_too_short", "int_parsing", "string_type"}
    assert b"secret-value-7" not in response.content


def test_query_errors_point_into_the_query(client: TestClient[Litestar]) -> None:
    """msgspec's errors for a parameter: in query, its name as pointer; a missing one too."""
    bad = client.get("/query?page=abc", headers=HEADERS)
    assert bad.status_code == 422
    assert body_of(bad)["errors"] == [
        {"in": "query", "pointer": "#/page", "message": "Expected `int`, got `str`",
         "code": "invalid"}
    ]  # fmt: skip
    missing = client.get("/query", headers=HEADERS)
    assert missing.status_code == 422
    assert body_of(missing)["errors"] == [
        {"in": "query", "pointer": "#/page", "message": "Field required", "code": "missing"}
    ]
    assert "message" not in body_of(missing) or "/query" not in body_of(missing)["message"]


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b'{"name": ', 400),
        ("application/json", b"[" * 100_000, 400),
        ("application/json", b'{"name": "\xff"}', 400),
        ("application/json", b"", 400),
        ("text/plain", b"{}", 415),
        ("application/x-www-form-urlencoded", b"name=x", 415),
    ],
)
def test_bodies_that_are_not_json(
    client: TestClient[Litestar], content_type: str, body: bytes, status: int
) -> None:
    """Where the app reads JSON itself: malformed, too deep, empty -> 400; not JSON -> 415."""
    response = client.post(
        "/raw-json", content=body, headers={**HEADERS, "content-type": content_type}
    )
    expected = BadRequest() if status == 400 else UnsupportedMediaType()
    assert_rendered(response, expected, method="POST", path="/raw-json")


def test_head_has_no_body(client: TestClient[Litestar]) -> None:
    """A HEAD error keeps status and headers, no body and no Content-Length of one."""
    response = client.head("/nowhere", headers=HEADERS)
    assert response.status_code == 404
    assert response.content == b""
    assert response.headers["x-request-id"] == RID


def test_auto_format_negotiates_with_vary() -> None:
    """format="auto": problem+json when asked for, with Vary: Accept."""
    app = apps.make(Config(format="auto"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get(
            "/conflict", headers={**HEADERS, "accept": "application/problem+json"}
        )
    assert response.headers["content-type"] == "application/problem+json"
    assert "Accept" in response.headers["vary"]
    assert body_of(response)["detail"] == "Email already registered"


@pytest.mark.parametrize("path", ["/crash", "/nowhere", "/mw-error"])
def test_cors_headers_kept_on_errors(client: TestClient[Litestar], path: str) -> None:
    """Litestar's own CORS support puts its headers on every error response."""
    response = client.get(path, headers={"origin": apps.ORIGIN})
    assert response.status_code >= 400
    assert response.headers["access-control-allow-origin"] == apps.ORIGIN


def test_hooks_see_each_error_once(client: TestClient[Litestar]) -> None:
    """on_error hooks are called once per error, with the request."""
    apps.SEEN.clear()
    client.get("/conflict")
    client.get("/crash")
    assert apps.SEEN == [(409, "/conflict"), (500, "/crash")]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.parametrize("debug", [False, True])
def test_500_logged_once(debug: bool) -> None:
    """An unhandled exception is logged once, with its traceback, even with Litestar's
    exception logging on (debug, log_exceptions="always")."""
    app = apps.make(debug=debug, logging_config=LoggingConfig(log_exceptions="always"))
    seen = _Records()
    with TestClient(app, raise_server_exceptions=False) as c:
        # Litestar configures logging at start-up: listen where both would log.
        loggers = [logging.getLogger(n) for n in ("httpfault", "litestar", "")]
        for logger in loggers:
            logger.addHandler(seen)
        try:
            response = c.get("/crash")
        finally:
            for logger in loggers:
                logger.removeHandler(seen)
    assert response.status_code == 500
    assert b"hunter2" not in response.content
    tracebacks = {id(r): r for r in seen.records if r.exc_info or "Traceback" in r.getMessage()}
    assert len(tracebacks) == 1, [r.getMessage() for r in seen.records]
    assert next(iter(tracebacks.values())).name == "httpfault"


def test_handlers_of_the_app_keep_priority() -> None:
    """Exception handlers the app registers (by status or type) win over the plugin's."""

    def own_404(request: Any, exc: Exception) -> Response[str]:
        return Response("custom 404", status_code=404, media_type="text/plain")

    @get("/x")
    async def x() -> None:
        raise NotFoundException()

    app = Litestar([x], exception_handlers={404: own_404}, plugins=[HTTPFaultPlugin()])
    with TestClient(app) as c:
        assert c.get("/x").text == "custom 404"
        assert c.get("/y").text == "custom 404"


def test_request_class_of_the_app_is_kept() -> None:
    """The app's own request class keeps its behaviour, with the 415 check mixed in."""
    from litestar import Request

    class MyRequest(Request[Any, Any, Any]):
        marker = "mine"

    @get("/kind")
    async def kind(request: Request[Any, Any, Any]) -> dict[str, Any]:
        return {"mine": getattr(request, "marker", None), "json": isinstance(request, JSONRequest)}

    app = Litestar([kind], request_class=MyRequest, plugins=[HTTPFaultPlugin()])
    with TestClient(app) as c:
        assert c.get("/kind").json() == {"mine": "mine", "json": True}


def test_success_left_alone(client: TestClient[Litestar]) -> None:
    """A success carries no request id and the handler's own body."""
    response = client.get("/health", headers=HEADERS)
    assert response.status_code == 200
    assert "x-request-id" not in response.headers
    assert response.json() == {"status": "ok"}
