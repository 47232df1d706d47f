"""The error scenarios every reliability app serves, and the bytes each one must answer.

Every app in this folder (Starlette, FastAPI, Flask, Django, DRF, aiohttp, Sanic, Quart,
Falcon) has the same routes, so one table drives the soak, the load and the
fault-injection tests. The expected answer of
a request is computed with :func:`httpfault.render` from the request's own headers, so a
mixed-up request id or config shows as a byte difference.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

import httpfault
from httpfault import Config, Conflict, FieldError, HTTPError, Rendered, RequestInfo, render
from httpfault._convert import validation_error

ADAPTERS = tuple(
    name
    for name in (
        "starlette",
        "fastapi",
        "flask",
        "django",
        "drf",
        "aiohttp",
        "sanic",
        "quart",
        "falcon",
        "falcon-asgi",
    )
    # Quart needs Flask 3: the oldest-releases session (Flask 2.3) runs without it.
    if name != "quart" or importlib.util.find_spec("quart")
)
LOGGER = "tests.reliability"
CONFIG = Config(format="auto", logger_name=LOGGER)
"""The config every reliability app is installed with (Django: the same via ``HTTPFAULT``)."""
SECRET = "hunter2"
"""Part of the unhandled exception's message: it must never reach a response body."""
BIG_DETAIL = "x" * (2 * 1024 * 1024)
"""The detail of ``/big``: an error body of about 2 MB, for clients that hang up early."""
STREAM_CHUNKS = 2000
STREAM_CHUNK = b"y" * 1024


class EmailTaken(Conflict):
    """A custom problem type, with its own URI and title."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    title = "Email taken"
    default_detail = "That email address belongs to another account."


class User(BaseModel):
    """The body of ``POST /validate``."""

    name: str = Field(min_length=1)
    email: str


class DomainError(Exception):
    """A domain exception, mapped by ``exception_map`` in the fault-injection tests."""


def invalid_user_body() -> dict[str, Any]:
    """A body ``User`` rejects on two fields."""
    return {"name": ""}


def _pydantic_422() -> HTTPError:
    try:
        User.model_validate(invalid_user_body())
    except ValidationError as exc:
        return validation_error(exc, CONFIG)
    raise AssertionError("the body was meant to be invalid")  # pragma: no cover


_DRF_422 = httpfault.UnprocessableContent(
    errors=[
        FieldError("#/name", "This field may not be blank.", code="blank"),
        FieldError("#/email", "This field is required.", code="required"),
    ]
)
# What each framework's router puts in ``Allow`` for a route that takes GET only.
ALLOW = {
    "starlette": ["GET", "HEAD"],
    "fastapi": ["GET"],
    "flask": ["GET", "HEAD", "OPTIONS"],
    "django": ["GET"],
    "drf": ["GET", "HEAD", "OPTIONS"],
    "litestar": ["GET", "OPTIONS"],
    "ninja": ["GET"],
    "aiohttp": ["GET", "HEAD"],
    "sanic": ["GET"],
    "quart": ["GET", "HEAD", "OPTIONS"],
    "falcon": ["GET", "OPTIONS"],
    "falcon-asgi": ["GET", "OPTIONS"],
}


@dataclass(frozen=True)
class Scenario:
    """One request shape and the error it must answer with (``None``: a 200 ``{"ok": true}``)."""

    name: str
    method: str
    path: str
    body: dict[str, Any] | None
    error: Callable[[str], HTTPError | None]

    def url_path(self, adapter: str) -> str:
        """The path in *adapter*'s app (DRF and Ninja routes live under ``/drf``, ``/ninja``)."""
        return f"/{adapter}{self.path}" if adapter in ("drf", "ninja") else self.path


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("not_found", "GET", "/missing", None, lambda a: httpfault.NotFound("No such item")),
    Scenario("conflict", "POST", "/users", {"email": "ada@example.com"},
             lambda a: EmailTaken("Email already registered")),
    Scenario("invalid", "POST", "/validate", invalid_user_body(),
             lambda a: _DRF_422 if a == "drf" else _pydantic_422()),
    Scenario("throttled", "GET", "/throttled", None,
             lambda a: httpfault.TooManyRequests(None if a == "drf" else "Slow down",
                                                 retry_after=30)),
    Scenario("crash", "GET", "/boom", None, lambda a: httpfault.InternalServerError()),
    Scenario("wrong_method", "DELETE", "/ok", None,
             lambda a: httpfault.MethodNotAllowed(allow=ALLOW[a])),
    Scenario("success", "GET", "/ok", None, lambda a: None),
)  # fmt: skip
BY_NAME = {s.name: s for s in SCENARIOS}


def request_headers(request_id: str, problem: bool) -> dict[str, str]:
    """The headers a test request carries: its id, and an Accept choosing the format."""
    # DRF negotiates before the view runs and refuses an Accept it has no renderer for:
    # a problem+json client that also takes JSON is served by every framework.
    accept = "application/problem+json, application/json;q=0.5" if problem else "application/json"
    return {"X-Request-ID": request_id, "Accept": accept}


def expected(
    scenario: Scenario, adapter: str, headers: dict[str, str], config: Config = CONFIG
) -> Rendered | None:
    """What ``render()`` gives for *scenario* on *adapter* with these request headers."""
    error = scenario.error(adapter)
    if error is None:
        return None
    method = scenario.method
    return render(error, config, RequestInfo(method, scenario.url_path(adapter), headers))


def mismatch(
    expected_answer: Rendered | None,
    status: int,
    headers: Callable[[str], str | None],
    body: bytes,
) -> str | None:
    """Why a response differs from *expected_answer*, or ``None`` when it matches."""
    if expected_answer is None:
        if status != 200 or body.replace(b" ", b"").strip() != b'{"ok":true}':
            return f"expected 200 ok, got {status} {body[:200]!r}"
        return None
    if status != expected_answer.status:
        return f"status {status} != {expected_answer.status}: {body[:300]!r}"
    if body != expected_answer.body:
        return f"body {body[:300]!r} != {expected_answer.body[:300]!r}"
    for name, value in expected_answer.headers:
        got = headers(name)
        if got != value:
            return f"header {name}: {got!r} != {value!r}"
    return None


class CountingHandler(logging.Handler):
    """Counts records (and those carrying a traceback) without keeping any of them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.with_traceback = 0
        self.messages: list[str] = []
        self.keep_messages = False

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if record.exc_info:
            self.with_traceback += 1
        if self.keep_messages:
            self.messages.append(record.getMessage())


@contextmanager
def capture_logs(*names: str, keep_messages: bool = False) -> Iterator[CountingHandler]:
    """Route the named loggers into one :class:`CountingHandler`, and nowhere else.

    Use it inside the test body: pytest attaches its own capturing handlers (which keep
    every record) to each logger when a test phase starts.
    """
    handler = CountingHandler()
    handler.keep_messages = keep_messages
    saved = []
    for name in names:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:], logger.propagate, logger.level))
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, handlers, propagate, level in saved:
            logger.handlers[:] = handlers
            logger.propagate = propagate
            logger.setLevel(level)
