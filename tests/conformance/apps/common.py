"""What every conformance app shares: the errors its routes raise and the configs.

Each framework's app has the same routes; what a route raises comes from here, so the
only thing that differs between the apps is the framework:

- ``GET /c/raise/<name>``: raises :func:`build` of *name* (``s409``, ``custom``, ...);
- ``GET /c/stash``: raises the error stashed under the request's ``X-Request-ID``
  (:data:`STASH`, for the property tests);
- ``GET /c/own/<what>``: raises the framework's OWN exception (``forbidden``,
  ``not-found``), as its users would;
- ``GET /c/only-get``: a GET-only route (POST to it is the framework's 405);
- ``POST /c/validate``: reads the JSON body the framework's way and validates
  :class:`Signup` (FastAPI: as a body parameter);
- ``GET /c/ok``: a success, which must be left alone;
- ``GET /c/split/<id>`` and ``DELETE /c/split/<id>``: one path served for two methods, as
  two routes where the framework routes by method (Django and DRF: one view with both).

Every app also has a middleware (of the framework's own kind, inside httpfault's) that
raises :func:`build` of the ``X-Raise-In-Middleware`` request header, if any.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, Field

from httpfault import (
    Config,
    Conflict,
    FieldError,
    HTTPError,
    NotFound,
    ServiceUnavailable,
    UnprocessableContent,
    error_class,
)
from httpfault._classes import REGISTRY

__all__ = [
    "CONFIGS",
    "HEADER_ARGS",
    "RAISE_HEADER",
    "STASH",
    "STATUSES",
    "EmailTaken",
    "MissingThing",
    "Signup",
    "build",
    "stashed",
]

STATUSES: tuple[int, ...] = tuple(sorted(REGISTRY))
"""Every registered 4xx/5xx status (all 40)."""

# The header arguments each status takes (or needs): every one of them is exercised.
HEADER_ARGS: dict[int, dict[str, Any]] = {
    401: {"www_authenticate": ['Bearer realm="api"', 'Basic realm="api", charset="UTF-8"']},
    405: {"allow": ["PUT", "GET", "DELETE"]},
    407: {"proxy_authenticate": 'Basic realm="proxy"'},
    413: {"retry_after": 30},
    416: {"length": 1234},
    426: {"upgrade": ["TLS/1.3", "h2c"]},
    429: {"retry_after": timedelta(seconds=59.2)},
    503: {"retry_after": 120},
}


class EmailTaken(Conflict):
    """A custom problem type with its own code, type and title."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    title = "Email already taken"


class MissingThing(Exception):
    """A domain exception that every config maps to ``NotFound``."""


class Signup(BaseModel):
    """The body ``POST /c/validate`` validates."""

    email: str
    age: int
    tags: list[str]
    odd_name: int = Field(0, alias="a/b~c")
    scores: dict[str, int] = Field(default_factory=dict)


def field_errors() -> list[FieldError]:
    """Field errors in every location, with pointers that need escaping."""
    return [
        FieldError(("items", 0, "a/b~c"), "Must not be empty.", code="too_short"),
        FieldError(("naïve key", "%"), "Bad value.", code="invalid"),
        FieldError("q", "Too long.", code="too_long", in_="query"),
        FieldError(("user id",), "Not a number.", in_="path"),
        FieldError("X-Token", "Required.", code="missing", in_="header"),
        FieldError("session", "Expired.", in_="cookie"),
    ]


def _status_error(status: int) -> HTTPError:
    return error_class(status)(f"Détail for {status} ✓", **HEADER_ARGS.get(status, {}))


_NAMED: dict[str, Callable[[], BaseException]] = {
    "custom": lambda: EmailTaken(
        "ada@example.com is registered",
        account_id=42,
        links={"login": "/login", "reset": ["/reset", None, 1.5, True]},
        zeichen="ümlaut ✓ 🚀",
    ),
    "fields": lambda: UnprocessableContent("Check the fields.", errors=field_errors()),
    "code": lambda: Conflict("Version clash", code="version_clash", instance="/orders/7"),
    "boom": lambda: RuntimeError("secret database password is hunter2"),
    "mapped": lambda: MissingThing("row 7 of table users"),
    "hidden": lambda: ServiceUnavailable("db-3 is down", retry_after=5),
    "exposed": lambda: ServiceUnavailable("Maintenance until 14:00", expose=True),
    "bare": NotFound,
    "headers": lambda: Conflict(
        "Try again later",
        headers={
            "Cache-Control": "no-store",
            "X-RateLimit-Remaining": "0",
            "Link": '</docs/errors/conflict>; rel="help"',
        },
    ),
}


RAISE_HEADER = "X-Raise-In-Middleware"
"""A request with this header makes the app's middleware raise ``build(<value>)``."""


def build(name: str) -> BaseException:
    """The exception ``GET /c/raise/<name>`` raises: ``s<status>`` or a named one."""
    if name.startswith("s") and name[1:].isdigit():
        return _status_error(int(name[1:]))
    return _NAMED[name]()


STASH: dict[str, Callable[[], BaseException]] = {}
"""Factories of the errors ``GET /c/stash`` raises, by the request's ``X-Request-ID``."""
_stash_lock = threading.Lock()


def stashed(request_id: str | None) -> BaseException:
    """The error stashed for *request_id* (a fresh instance each time)."""
    with _stash_lock:
        factory = STASH.get(request_id or "")
    if factory is None:
        return RuntimeError(f"nothing stashed for {request_id!r}")
    return factory()


_MAP = {MissingThing: NotFound}
LANGUAGES = ("de", "fr", "pt-BR", "ja", "en")
CONFIGS: dict[str, Config] = {
    "json": Config(format="json", exception_map=_MAP),
    "problem": Config(format="problem", exception_map=_MAP),
    "auto": Config(format="auto", exception_map=_MAP),
    "json+debug": Config(format="json", debug=True, exception_map=_MAP),
    "problem+debug": Config(format="problem", debug=True, exception_map=_MAP),
    # Every other knob an adapter must pass through to the core.
    "custom": Config(
        format="problem",
        request_id_header="X-Correlation-ID",
        type_base="https://errors.example.com/",
        validation_status=400,
        malformed_body_status=422,
        exception_map=_MAP,
    ),
    # Localized answers: the language negotiated from Accept-Language, in both formats.
    "lang": Config(format="json", languages=LANGUAGES, exception_map=_MAP),
    "lang-problem": Config(format="problem", languages=LANGUAGES, exception_map=_MAP),
    "lang-auto": Config(format="auto", languages=LANGUAGES, exception_map=_MAP),
    # Trace ids: the request id falls back to the trace id; and the member turned off.
    "rid-from-trace": Config(format="problem", request_id_from_trace=True, exception_map=_MAP),
    "no-trace-id": Config(format="json", trace_id=False, exception_map=_MAP),
}
"""The configs the suite runs under, by name; every app is built once per config."""
