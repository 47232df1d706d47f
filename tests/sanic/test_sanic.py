"""The Sanic adapter through Sanic's ASGI test client (sanic-testing)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.exceptions import Unauthorized as SanicUnauthorized

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    Forbidden,
    ImATeapot,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
)
from httpfault.adapters.sanic import install, translate
from tests.starlette.helpers import RID, assert_rendered

from .apps import CONFIG, EmailTaken, make_app

HEADERS = {"x-request-id": RID}


def call(app: Sanic, method: str, path: str, **kw: Any) -> httpx.Response:  # type: ignore[type-arg]
    """One request to *app* through Sanic's ASGI test client."""
    headers = {**HEADERS, **kw.pop("headers", {})}
    request = app.asgi_client.request(method, path, headers=headers, **kw)
    _, response = asyncio.run(request)
    return response  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "/conflict", Conflict("Email already registered")),
        ("GET", "/sanic-404", NotFound("No such widget")),
        ("GET", "/unauthorized", Unauthorized("Token expired",
                                              www_authenticate='Bearer realm="api"')),
        ("GET", "/forbidden", Forbidden()),
        ("GET", "/bad-request", BadRequest("Missing ?q")),
        ("GET", "/teapot", ImATeapot("Short and stout")),
        ("GET", "/unavailable", ServiceUnavailable()),
        ("GET", "/server-error", InternalServerError()),
        ("GET", "/nowhere", NotFound()),
        ("GET", "/post-only", MethodNotAllowed(allow=["POST", "PUT"])),
        ("GET", "/405-raised", MethodNotAllowed("nope", allow=["POST", "PUT"])),
        ("GET", "/mapped", NotFound()),
        ("GET", "/crash", InternalServerError()),
        ("GET", "/admin/x", Forbidden()),
        ("GET", "/items/3", NotFound("No such item")),
        ("GET", "/items/crash", InternalServerError()),
        ("GET", "/items/x", NotFound()),
        ("GET", "/group/inner/conflict", Conflict("In a group")),
        ("GET", "/html-route", Conflict("Email already registered")),
    ],
)  # fmt: skip
def test_error_paths(method: str, path: str, error: Conflict) -> None:
    """SanicExceptions (headers kept, Sanic's own wording dropped, 5xx text hidden),
    routing 404/405 with Allow, errors in middleware, Blueprints and blueprint groups, a
    route with error_format="html", mapped and unhandled exceptions: render()'s bytes."""
    assert_rendered(call(make_app(), method, path), error, CONFIG, method=method, path=path)


def test_fallback_error_format_overridden() -> None:
    """With FALLBACK_ERROR_FORMAT="html" (or "text"), errors still answer in the contract."""
    for fmt in ("html", "text"):
        response = call(make_app(FALLBACK_ERROR_FORMAT=fmt), "GET", "/nowhere")
        assert_rendered(response, NotFound(), CONFIG, path="/nowhere")


def test_redirects_and_successes_left_alone() -> None:
    """A redirect and a success are the app's own: no request id, their own bodies."""
    app = make_app()
    response = call(app, "GET", "/redirect", follow_redirects=False)
    assert response.status_code == 302
    assert "x-request-id" not in response.headers
    ok = call(app, "GET", "/health")
    assert json.loads(ok.content) == {"ok": True}
    assert "x-request-id" not in ok.headers


@pytest.mark.parametrize(
    ("path", "content_type", "body", "error"),
    [
        ("/users", "text/plain", b"{}", UnsupportedMediaType()),
        ("/users", "application/json", b'{"name": ', BadRequest()),
        ("/native-json", "application/json", b'{"name": ', BadRequest()),
        ("/native-json", "application/json", b'{"name": "\xff"}', BadRequest()),
        ("/native-json", "application/json", b"[" * 100_000, BadRequest()),
    ],
)
def test_bodies_that_are_not_json(path: str, content_type: str, body: bytes, error: Any) -> None:
    """read_json() refuses another media type with 415; a body that does not decode,
    through read_json() or Sanic's request.json, is the malformed-body status."""
    response = call(make_app(), "POST", path, content=body, headers={"content-type": content_type})
    assert_rendered(response, error, CONFIG, method="POST", path=path)


def test_malformed_body_status_is_configurable() -> None:
    """Config.malformed_body_status applies to request.json and read_json() alike."""
    app = make_app(CONFIG.replace(malformed_body_status=422))
    for path in ("/users", "/native-json"):
        response = call(app, "POST", path, content=b"{",
                        headers={"content-type": "application/json"})  # fmt: skip
        assert response.status_code == 422


def test_validation_and_custom_type() -> None:
    """A pydantic error is a 422 echoing no input; a custom type keeps its extensions."""
    app = make_app()
    response = call(app, "POST", "/users", json={"name": "", "email": "secret-value"})
    assert response.status_code == 422
    assert b"secret-value" not in response.content
    taken = call(app, "POST", "/users", json={"name": "A", "email": "taken@example.com"})
    assert_rendered(taken, EmailTaken("Email already registered", field_name="email"), CONFIG,
                    method="POST", path="/users")  # fmt: skip


def test_head_and_auto_format() -> None:
    """HEAD: status and headers, no body; format="auto" answers problem+json with Vary."""
    app = make_app(CONFIG.replace(format="auto"))
    head = call(app, "HEAD", "/conflict")
    assert (head.status_code, head.content, head.headers["x-request-id"]) == (409, b"", RID)
    accept = {"accept": "application/problem+json"}
    response = call(app, "GET", "/conflict", headers=accept)
    assert_rendered(response, Conflict("Email already registered"),
                    CONFIG.replace(format="auto"), path="/conflict", headers=accept)  # fmt: skip
    assert response.headers["vary"] == "Accept"


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "httpfault" or r.name.startswith("sanic.e")]


@pytest.mark.parametrize("path", ["/crash", "/unavailable", "/items/crash"])
def test_5xx_logged_once(caplog: pytest.LogCaptureFixture, path: str) -> None:
    """A 5xx, quiet for Sanic (ServiceUnavailable) or not, is one ERROR record with its
    traceback, from httpfault; Sanic logs nothing of its own; hooks run once."""
    seen: list[int] = []
    cfg = CONFIG.replace(on_error=(lambda error, request: seen.append(error.status),))
    caplog.set_level(logging.DEBUG)
    response = call(make_app(cfg), "GET", path)
    assert b"hunter2" not in response.content
    records = [r for r in _records(caplog) if r.levelno >= logging.WARNING]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].name == "httpfault"
    assert records[0].exc_info is not None
    assert seen == [response.status_code]


def test_4xx_quiet(caplog: pytest.LogCaptureFixture) -> None:
    """A 4xx, even one Sanic would log (quiet=False), is one low-level record, no traceback."""
    caplog.set_level(logging.DEBUG)
    call(make_app(), "GET", "/teapot")
    call(make_app(), "GET", "/nowhere")
    records = _records(caplog)
    assert len(records) == 2
    assert all(r.levelno < logging.WARNING and r.exc_info is None for r in records)


def test_install_rules() -> None:
    """install() keeps its config in app.ctx and refuses twice, or a config of another kind."""
    app = Sanic("install_rules")
    cfg = install(app, Config(format="problem"))
    assert app.ctx.httpfault is cfg
    with pytest.raises(RuntimeError, match="already installed"):
        install(app)
    with pytest.raises(TypeError, match=r"httpfault\.Config"):
        install(Sanic("install_rules_2"), {"format": "json"})  # type: ignore[arg-type]


def test_translate_rules() -> None:
    """translate(): None below 400; an unregistered 4xx is a 400; Sanic's status phrase
    is no detail; headers with CR/LF are dropped rather than failing."""
    assert translate(SanicException("moved", status_code=304), CONFIG) is None
    odd = translate(SanicException("odd", status_code=499), CONFIG)
    assert odd is not None
    assert (odd.status, odd.detail) == (400, "odd")
    assert translate(SanicException(status_code=409), CONFIG).detail is None  # type: ignore[union-attr]
    bad = SanicException("x", status_code=409, headers={"X-Bad": "a\r\nb"})
    assert translate(bad, CONFIG).headers == {}  # type: ignore[union-attr]
    auth = translate(SanicUnauthorized("Who?", scheme="Basic", realm="r"), CONFIG)
    assert auth.headers == {"WWW-Authenticate": 'Basic realm="r"'}  # type: ignore[union-attr]
