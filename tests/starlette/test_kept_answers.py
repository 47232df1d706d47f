"""Plain errors kept rendered: each request still gets exactly the general path's bytes."""

from __future__ import annotations

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
    kept_now = [v for v, _ in _answers(kept)._entries.values() if isinstance(v, Template)]
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
