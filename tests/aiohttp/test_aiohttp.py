"""The aiohttp adapter through aiohttp's own test server and client."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from httpfault import (
    BadGateway,
    Config,
    Conflict,
    ContentTooLarge,
    Forbidden,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
    UnsupportedMediaType,
)
from httpfault.adapters.aiohttp import CONFIG_KEY, install, translate
from tests.starlette.helpers import RID, assert_rendered

from .apps import CONFIG, EmailTaken, make_app

HEADERS = {"x-request-id": RID}


def call(app: web.Application, method: str, path: str, **kw: Any) -> httpx.Response:
    """One request to *app* through aiohttp's test server; the answer as an httpx response."""

    async def go() -> httpx.Response:
        async with TestClient(TestServer(app)) as client:
            headers = {**HEADERS, **kw.pop("headers", {})}
            response = await client.request(method, path, headers=headers, **kw)
            body = await response.read()
            return httpx.Response(response.status, headers=list(response.headers.items()),
                                  content=body)  # fmt: skip

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "/conflict", Conflict("Email already registered")),
        ("GET", "/raised-404", NotFound("No such widget")),
        ("GET", "/returned-404", NotFound()),
        ("GET", "/unauthorized", Unauthorized(www_authenticate='Bearer realm="api"')),
        ("GET", "/nowhere", NotFound()),
        ("DELETE", "/post-only", MethodNotAllowed(allow=["POST", "PUT"])),
        ("GET", "/mapped", NotFound()),
        ("GET", "/admin/x", Forbidden()),
        ("GET", "/sub/missing", NotFound("No such item")),
        ("GET", "/sub/nowhere", NotFound()),
        ("GET", "/sub/crash", InternalServerError()),
        ("GET", "/crash", InternalServerError()),
        ("GET", "/bad-gateway", BadGateway()),
    ],
)  # fmt: skip
def test_error_paths(method: str, path: str, error: Conflict) -> None:
    """Raised and returned HTTPExceptions, routing 404/405 (Allow), middleware and sub-app
    errors, mapped and unhandled exceptions: render()'s exact bytes. A 5xx text is not
    exposed."""
    assert_rendered(call(make_app(), method, path), error, CONFIG, method=method, path=path)


def test_returned_exception_is_not_deprecated() -> None:
    """A returned HTTPNotFound is answered by the middleware: aiohttp's deprecation warning
    for returned exceptions (an error under this suite's settings) never fires."""
    assert call(make_app(), "GET", "/returned-404").status_code == 404


def test_redirects_pass_through() -> None:
    """An HTTPFound raised to redirect is aiohttp's to send, untouched."""
    response = call(make_app(), "GET", "/redirect", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/health"
    assert "X-Request-ID" not in response.headers


def test_success_left_alone() -> None:
    """A success carries no request id and its own body."""
    response = call(make_app(), "GET", "/health")
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert "X-Request-ID" not in response.headers


@pytest.mark.parametrize(
    ("path", "content_type", "body", "error"),
    [
        ("/users", "text/plain", b"{}", UnsupportedMediaType()),
        ("/users", "application/json", b'{"name": ', None),
        ("/native-json", "application/json", b'{"name": ', None),
        ("/native-json", "application/json", b'{"name": "\xff"}', None),
        ("/native-json", "application/json", b"[" * 100_000, None),
    ],
)
def test_bodies_that_are_not_json(
    path: str, content_type: str, body: bytes, error: Exception | None
) -> None:
    """read_json() refuses another media type with 415; a body that does not decode,
    through read_json() or aiohttp's own request.json(), is the malformed-body status."""
    from httpfault import BadRequest

    response = call(make_app(), "POST", path, data=body, headers={"Content-Type": content_type})
    assert_rendered(response, error or BadRequest(), CONFIG, method="POST", path=path)


def test_malformed_body_status_is_configurable() -> None:
    """Config.malformed_body_status applies to request.json() and read_json() alike."""
    cfg = CONFIG.replace(malformed_body_status=422)
    for path in ("/users", "/native-json"):
        response = call(make_app(cfg), "POST", path, data=b"{",
                        headers={"Content-Type": "application/json"})  # fmt: skip
        assert response.status_code == 422


def test_body_too_large() -> None:
    """A body over client_max_size is aiohttp's 413, answered without its wording."""
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = call(make_app(), "POST", "/users", data=io.BytesIO(big),
                    headers={"Content-Type": "application/json"})  # fmt: skip
    assert_rendered(response, ContentTooLarge(), CONFIG, method="POST", path="/users")


def test_validation_and_custom_type() -> None:
    """A pydantic error is a 422 that echoes no input; a custom problem type keeps its
    extensions."""
    response = call(make_app(), "POST", "/users", json={"name": "", "email": "secret-value"})
    assert response.status_code == 422
    assert b"secret-value" not in response.content
    assert [e["pointer"] for e in response.json()["error"]["errors"]] == ["#/name"]
    taken = call(make_app(), "POST", "/users", json={"name": "A", "email": "taken@example.com"})
    assert_rendered(taken, EmailTaken("Email already registered", field_name="email"), CONFIG,
                    method="POST", path="/users")  # fmt: skip


def test_head_has_no_body() -> None:
    """HEAD: the error's status and headers, no body, and no Content-Length claiming the
    empty one."""
    response = call(make_app(), "HEAD", "/conflict")
    assert response.status_code == 409
    assert response.content == b""
    assert "Content-Length" not in response.headers
    assert response.headers["X-Request-ID"] == RID


def test_format_auto_negotiates_with_vary() -> None:
    """format="auto": problem+json when asked for, with Vary: Accept."""
    cfg = CONFIG.replace(format="auto")
    accept = {"Accept": "application/problem+json"}
    response = call(make_app(cfg), "GET", "/conflict", headers=accept)
    assert_rendered(response, Conflict("Email already registered"), cfg, path="/conflict",
                    headers=accept)  # fmt: skip
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["Vary"] == "Accept"


def test_unhandled_logged_once_and_hooks(caplog: pytest.LogCaptureFixture) -> None:
    """An unhandled exception: one ERROR record with its traceback (none from aiohttp),
    the hook called once, nothing of it in the body; in middleware too."""
    seen: list[int] = []
    cfg = CONFIG.replace(on_error=(lambda error, request: seen.append(error.status),))
    caplog.set_level(logging.DEBUG)
    for headers, path in (({}, "/crash"), ({"X-Crash-In-Middleware": "1"}, "/health")):
        caplog.clear()
        response = call(make_app(cfg), "GET", path, headers=headers)
        assert response.status_code == 500
        assert b"hunter2" not in response.content
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1, [r.getMessage() for r in errors]
        assert errors[0].name == "httpfault"
        assert errors[0].exc_info is not None
        assert "hunter2" in str(errors[0].exc_info[1])
    assert seen == [500, 500]


def test_4xx_logged_quietly(caplog: pytest.LogCaptureFixture) -> None:
    """A 4xx is one low-level record without traceback."""
    caplog.set_level(logging.DEBUG)
    call(make_app(), "GET", "/conflict")
    records = [r for r in caplog.records if r.name in ("httpfault", "aiohttp.server")]
    assert len(records) == 1
    assert records[0].levelno < logging.WARNING
    assert records[0].exc_info is None


def test_5xx_http_exception_logged_with_it(caplog: pytest.LogCaptureFixture) -> None:
    """An aiohttp 5xx the app raised is logged with that exception."""
    caplog.set_level(logging.DEBUG)
    call(make_app(), "GET", "/bad-gateway")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], web.HTTPBadGateway)


def test_install_rules() -> None:
    """install() returns and stores its config, goes first, and refuses twice, a frozen
    app and a config that is not one."""
    app = web.Application(middlewares=[web.normalize_path_middleware()])
    cfg = install(app, Config(format="problem"))
    assert app[CONFIG_KEY] is cfg
    assert hasattr(app.middlewares[0], "httpfault_config")
    with pytest.raises(RuntimeError, match="already installed"):
        install(app)
    frozen = web.Application()
    frozen.freeze()
    with pytest.raises(RuntimeError, match="before the app starts"):
        install(frozen)
    with pytest.raises(TypeError, match=r"httpfault\.Config"):
        install(web.Application(), {"format": "json"})  # type: ignore[arg-type]


def test_translate_rules() -> None:
    """translate(): None below 400; headers kept (not Content-Type); an unregistered
    status becomes 400 or 500; aiohttp's default text is no detail."""
    assert translate(web.HTTPNotModified()) is None
    error = translate(web.HTTPTooManyRequests(headers={"Retry-After": "5"}, text="Slow down"))
    assert error is not None
    assert (error.status, error.detail, error.headers) == (429, "Slow down", {"Retry-After": "5"})
    weird = web.HTTPClientError()
    weird.set_status(499)
    assert translate(weird).status == 400  # type: ignore[union-attr]
    assert translate(web.HTTPGone()).detail is None  # type: ignore[union-attr]
    body = json.dumps({"why": "x"})
    assert translate(web.HTTPConflict(text=body)).detail == body  # type: ignore[union-attr]
