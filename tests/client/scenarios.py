"""The error responses the client tests read back: one table, served and checked.

Every class of ``httpfault._classes.REGISTRY`` in three variants (``full``: detail,
code, field errors, extensions and its header arguments; ``bare``: no arguments;
``hidden``: a detail that is not exposed), two custom problem types, and raw
responses that are not ours (an HTML page from a proxy, a truncated body...).
``respond()`` renders them with ``httpfault.render`` directly.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from httpfault import Config, Conflict, FieldError, Forbidden, HTTPError, RequestInfo, render
from httpfault._classes import REGISTRY

FORMATS = ("json", "problem")
VARIANTS = ("full", "bare", "hidden")

HEADER_ARGS: dict[int, dict[str, Any]] = {
    401: {"www_authenticate": ['Bearer realm="api"', 'Basic realm="api"']},
    405: {"allow": ["POST", "GET", "DELETE"]},
    407: {"proxy_authenticate": 'Basic realm="proxy"'},
    413: {"retry_after": 30},
    416: {"length": 1234},
    426: {"upgrade": "h2c"},
    429: {"retry_after": timedelta(seconds=59.2)},
    503: {"retry_after": 120},
}
RETRY_AFTER = {413: 30, 429: 60, 503: 120}


class EmailTaken(Conflict):
    """A custom problem type with its own code, type and title."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    title = "Email already taken"


class OutOfCredit(Forbidden):
    """RFC 9457's example: a custom type whose constructor takes arguments of its own."""

    type = "https://example.com/probs/out-of-credit"
    title = "You do not have enough credit."

    def __init__(self, balance: int, cost: int) -> None:
        super().__init__(
            f"Your current balance is {balance}, but that costs {cost}.",
            balance=balance,
            cost=cost,
            accounts=["/account/12345", "/account/67890"],
        )


def field_errors() -> list[FieldError]:
    """Field errors with every location and pointers that need escaping."""
    return [
        FieldError(("items", 0, "a/b~c"), "Must not be empty.", code="too_short"),
        FieldError("q", "Too long.", code="too_long", in_="query"),
        FieldError(("user id",), "Not a number.", in_="path"),
        FieldError("X-Token", "Required.", code="missing", in_="header"),
        FieldError("session", "Expired.", in_="cookie"),
    ]


def make_error(status: int, variant: str) -> HTTPError:
    """The error of *status* in *variant* (``full``, ``bare`` or ``hidden``)."""
    cls = REGISTRY[status]
    if variant == "bare":
        return cls()
    if variant == "hidden":
        return cls("connection to db-3 refused", expose=False)
    return cls(
        f"Détail for {status} ✓",
        code=f"custom_{status}",
        errors=field_errors(),
        expose=True,
        limits={"per_minute": status, "burst": [1, 2.5, None, True, "x"]},
        plan="pro",
        **HEADER_ARGS.get(status, {}),
    )


CUSTOM: dict[str, HTTPError] = {
    "email-taken": EmailTaken("alice@example.com is registered", account_id=42),
    "out-of-credit": OutOfCredit(30, 50),
}

RAW: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {
    "html-502": (502, [("Content-Type", "text/html")], b"<html><h1>502 Bad Gateway</h1></html>"),
    "empty-503": (503, [("Retry-After", "120"), ("X-Request-ID", "proxy-1")], b""),
    "text-500": (500, [("Content-Type", "text/plain")], b"Internal Server Error"),
    "truncated-409": (
        409,
        [("Content-Type", "application/json")],
        b'{"error": {"status": 409, "co',
    ),
    "array-422": (422, [("Content-Type", "application/json")], b"[1, 2, 3]"),
    "deep-400": (400, [("Content-Type", "application/json")], b"[" * 100_000),
    "latin1-400": (400, [("Content-Type", "application/json")], b'{"error": {"message": "\xe9"}}'),
    "html-499": (499, [("Content-Type", "text/html")], b"<p>client closed</p>"),
    "html-599": (599, [("Content-Type", "text/html; charset=utf-8")], b"<p>network timeout</p>"),
    "json-499": (
        499,
        [("Content-Type", "application/json")],
        (
            b'{"error": {"status": 499, "code": "client_closed", "title": "Client Closed Request",'
            b' "message": "The client went away."}}'
        ),
    ),
    "plain-problem-409": (
        409,
        [("Content-Type", "application/json")],
        (
            b'{"type": "https://example.com/problems/email-taken", "title": "Email already taken",'
            b' "status": 409, "detail": "bob@example.com is registered", "account_id": 7}'
        ),
    ),
    "wrong-types-400": (
        400,
        [("Content-Type", "application/problem+json"), ("X-Request-ID", "hdr-id")],
        (
            b'{"type": 5, "title": ["x"], "status": "400", "detail": {"a": 1}, "instance": 7,'
            b' "code": null, "errors": "nope", "request_id": 12, "vendor_flag": true}'
        ),
    ),
    "bad-items-422": (
        422,
        [("Content-Type", "application/problem+json")],
        (
            b'{"type": "about:blank", "title": "Unprocessable Content", "status": 422,'
            b' "errors": [1, "x", null, {"pointer": "#/a"}, {"detail": "no pointer"},'
            b' {"pointer": 3, "detail": "x"}, {"pointer": "#/ok", "detail": "Fine.", "in": "moon",'
            b' "code": 9}, {"pointer": "name", "message": "Plain name.", "in": ["body"]}]}'
        ),
    ),
}


def paths() -> Iterable[tuple[str, str, int, str]]:
    """``(format, path, status, variant)`` for every served error scenario."""
    for fmt in FORMATS:
        for status in REGISTRY:
            for variant in VARIANTS:
                if variant == "hidden" and status < 500:
                    continue
                yield fmt, f"/{fmt}/{status}/{variant}", status, variant


def error_for(path: str) -> tuple[HTTPError, str] | None:
    """The error and format a path stands for, or ``None``."""
    parts = path.strip("/").split("/")
    if len(parts) == 3 and parts[0] in FORMATS and parts[1].isdigit():
        status = int(parts[1])
        if status in REGISTRY and parts[2] in VARIANTS:
            return make_error(status, parts[2]), parts[0]
    if len(parts) == 3 and parts[0] == "custom" and parts[1] in FORMATS and parts[2] in CUSTOM:
        return CUSTOM[parts[2]], parts[1]
    return None


def respond(
    method: str, path: str, headers: Iterable[tuple[str, str]] | Any
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body for a request: rendered by httpfault, or raw."""
    if path == "/":
        return 200, [("Content-Type", "text/plain")], b"ok"
    if path.startswith("/raw/") and path[5:] in RAW:
        status, raw_headers, body = RAW[path[5:]]
        return status, raw_headers, b"" if method == "HEAD" else body
    found = error_for(path)
    if found is None:
        found = (Conflict("No such scenario."), "json")
    error, fmt = found
    rendered = render(error, Config(format=fmt), RequestInfo(method, path, headers))
    return rendered.status, rendered.headers, rendered.body


def as_received(error: HTTPError, fmt: str, path: str) -> HTTPError:
    """What a client should read back from *error* rendered at *path* in *fmt*."""
    expected = pickle.loads(pickle.dumps(error))
    if not error.expose:
        expected.detail = None
    # Whether a detail was exposed is not on the wire: a sent detail may be passed on.
    expected.expose = type(error).expose or expected.detail is not None
    if fmt == "problem" and error.instance is None:
        expected.instance = path
    # A member with no value is left out, never sent as null.
    expected.extensions = {k: v for k, v in expected.extensions.items() if v is not None}
    return expected
