"""Plain errors kept rendered: each request still gets exactly the general path's bytes."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from httpfault import (
    Config,
    Conflict,
    FieldError,
    HTTPError,
    InternalServerError,
    NotFound,
    ServiceUnavailable,
)
from httpfault._template import Template
from httpfault.adapters.starlette import ErrorMiddleware, install

from .helpers import TestClient


class EmailTaken(Conflict):
    """A custom problem type."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class Teapot(HTTPError):
    """A class whose title a test changes at run time."""

    status = 418


class NotAnError(HTTPError):
    """A class with a status rendering refuses: the minimal body answers."""

    status = 299
    title = "Fine"


def _float_status() -> HTTPError:
    error = Conflict("Email already registered")  # as "conflict", but for the status type
    error.status = 409.0  # type: ignore[assignment]
    return error


def _detail(value: object) -> Any:
    def make() -> HTTPError:
        error = Conflict()
        error.detail = value  # type: ignore[assignment]
        return error

    return make


def _odd_instance() -> HTTPError:
    error = NotFound()
    error.instance = ["not", "hashable"]  # type: ignore[assignment]
    return error


ERRORS: dict[str, Any] = {
    "not-found": NotFound,
    "no-user": lambda: NotFound("No user 7"),
    "conflict": lambda: Conflict("Email already registered"),
    "custom-type": lambda: EmailTaken("Taken"),
    "instance": lambda: Conflict("Taken", instance="/users/7"),
    "hidden-500": lambda: InternalServerError("secret: password=1"),
    "teapot": Teapot,
    "retry-after": lambda: ServiceUnavailable(retry_after=5),
    "extension": lambda: Conflict("Taken", user_id=7),
    "field-errors": lambda: Conflict(errors=[FieldError("email", "taken")]),
    "odd-instance": _odd_instance,
    "float-status": _float_status,  # a key equal to "conflict"'s, but not rendered as it
    "not-an-error": NotAnError,
    # Equal in Python, not on the wire: each its own answer.
    "detail-int": _detail(1),
    "detail-true": _detail(True),
    "detail-float": _detail(1.0),
    "extension-none": lambda: Conflict("Taken", user_id=None),
    "extension-one": lambda: Conflict("Taken", user_id=1),
    "extension-true": lambda: Conflict("Taken", user_id=True),
}


def _build(config: Config) -> Starlette:
    async def endpoint(request: Request) -> Response:
        raise ERRORS[request.path_params["name"]]()

    app = Starlette(routes=[Route("/e/{name}", endpoint, methods=["GET", "HEAD", "POST"])])
    install(app, config)
    return app


def _answers(client: TestClient) -> Any:
    """The installed middleware's kept answers (None where it keeps none)."""
    client.get("/e/not-found")  # the app builds its middleware on its first request
    layer: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(getattr(layer, "errors", layer), ErrorMiddleware):
        layer = layer.app
    return getattr(layer, "errors", layer).config._cache


FORMATS: list[tuple[Config, dict[str, str]]] = [
    (Config(), {}),
    (Config(format="problem"), {}),
    (Config(format="problem", type_base="https://errors.example/"), {}),
    (Config(format="auto"), {"accept": "application/problem+json"}),
    (Config(format="auto"), {}),
    (Config(request_id_header=None), {}),
]


@pytest.mark.parametrize(("config", "headers"), FORMATS)
def test_kept_plain_errors_are_the_general_paths_bytes(
    config: Config, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Every error, first or repeated, any method, answers the general path's bytes."""
    kept = TestClient(_build(config))
    general = TestClient(_build(config.replace(cache_bytes=0)))
    assert _answers(general) is None
    for name in ERRORS:
        for method in ("GET", "HEAD", "POST", "GET", "HEAD"):
            sent = {"x-request-id": "req-9", **headers}
            with caplog.at_level(logging.CRITICAL):
                ours = kept.request(method, f"/e/{name}", headers=sent)
                theirs = general.request(method, f"/e/{name}", headers=sent)
            assert ours.status_code == theirs.status_code, (name, method)
            assert ours.content == theirs.content, (name, method)
            assert ours.headers.items() == theirs.headers.items(), (name, method)
    kept_now = [v for v in _answers(kept).values() if isinstance(v, Template)]
    assert 0 < len(kept_now) <= len(ERRORS) - 4  # not the odd ones, nor the minimal body


def test_each_request_gets_its_own_id_and_path() -> None:
    """A kept answer carries each request's own id, and (problem) its own path."""
    client = TestClient(_build(Config(format="problem")))
    first, second = client.get("/e/no-user"), client.get("/e/no-user?x=1")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert [r.json()["request_id"] for r in (first, second)] == [
        r.headers["x-request-id"] for r in (first, second)
    ]
    assert client.get("/e/a%20b").status_code == 500  # KeyError: no such error name
    assert client.get("/e/conflict").json()["instance"] == "/e/conflict"


def test_class_attributes_changed_at_run_time_are_seen() -> None:
    """Changing a class attribute changes the next answer: the key reads it."""
    client = TestClient(_build(Config()))
    assert client.get("/e/teapot").json()["error"]["code"] == "im_a_teapot"
    original = Teapot.code, Teapot.default_detail
    try:
        Teapot.code, Teapot.default_detail = "short_and_stout", "Here is my handle."
        error = client.get("/e/teapot").json()["error"]
        assert (error["code"], error["message"]) == (Teapot.code, Teapot.default_detail)
    finally:
        Teapot.code, Teapot.default_detail = original


def test_kept_plain_errors_are_logged_every_time(caplog: pytest.LogCaptureFixture) -> None:
    """A kept 4xx is logged at its level on every request, a 5xx with its traceback."""
    client = TestClient(_build(Config(logger_name="httpfault.plain")))
    with caplog.at_level(logging.INFO, logger="httpfault.plain"):
        for _ in range(2):
            client.get("/e/conflict", headers={"x-request-id": "r-1"})
            client.get("/e/hidden-500", headers={"x-request-id": "r-2"})
    records = [r for r in caplog.records if r.name == "httpfault.plain"]
    assert [(r.levelno, r.exc_info is not None) for r in records] == [
        (logging.INFO, False), (logging.ERROR, True),
    ] * 2  # fmt: skip
    assert "password" not in client.get("/e/hidden-500").text


def _raw_get(app: Starlette, path: str, headers: list[tuple[bytes, bytes]]) -> Any:
    """Send one GET to *app* as an ASGI server does, header bytes exactly as given.

    The test client re-encodes header values as UTF-8; a server passes the bytes it got,
    so a latin-1 ``é`` arrives as the single byte ``0xE9``.
    """
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body


def test_non_ascii_incoming_id_is_not_echoed_first_or_second_time() -> None:
    """An incoming id ``é1`` (latin-1 bytes, as a server hands them on) is replaced by a
    generated id, and the repeated request, answered from the kept answer, is as correct
    as the first."""
    app = _build(Config())
    ids = []
    for _ in range(3):
        status, headers, body = _raw_get(app, "/e/conflict", [(b"x-request-id", b"\xe91")])
        assert status == 409
        error = json.loads(body)["error"]
        assert (error["code"], error["message"]) == ("conflict", "Email already registered")
        assert "é" not in error["request_id"]
        assert error["request_id"].encode() == headers[b"x-request-id"]
        assert len(error["request_id"]) == 32
        ids.append(error["request_id"])
    assert len(set(ids)) == 3


def test_two_accept_values_on_one_app_get_their_own_format() -> None:
    """Under ``format="auto"`` one app answers each request in the format its Accept asks
    for, however the two alternate: a kept answer of one format never serves the other."""
    client = TestClient(_build(Config(format="auto")))
    problem = {"accept": "application/problem+json", "x-request-id": "r-1"}
    plain = {"accept": "application/json", "x-request-id": "r-1"}
    for headers in (problem, plain, plain, problem, problem, plain, problem, plain):
        response = client.get("/e/no-user", headers=headers)
        assert response.status_code == 404
        body = response.json()
        if headers is problem:
            assert response.headers["content-type"] == "application/problem+json"
            assert (body["detail"], body["instance"]) == ("No user 7", "/e/no-user")
        else:
            assert response.headers["content-type"] == "application/json"
            assert body["error"]["message"] == "No user 7"
        assert response.headers["vary"] == "Accept"
