"""Starlette's own exceptions as httpfault errors; request facts from an ASGI scope.

Shared by the Starlette and FastAPI adapters. Nothing here renders: the adapters hand
the translated error to :func:`httpfault._handling.handle`.

slowapi's ``RateLimitExceeded`` (an ``HTTPException``) is a 429 whose
``RateLimit-Policy`` header states the limit that was hit; its detail is kept only when
it is the limit's own ``error_message``, not the limit's text (``"2 per 1 minute"``).
"""

from __future__ import annotations

import builtins
import http.client
import json
from typing import Any

from .._extras import missing_extra
from .._limits import limit_of, policy

try:
    from starlette.exceptions import HTTPException
except ImportError as exc:  # pragma: no cover - exercised without starlette installed
    raise missing_extra("starlette", "Starlette", "starlette") from exc

from httpfault import (
    BadRequest,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    TooManyRequests,
)
from httpfault._catalog_data import TEXTS
from httpfault._convert import error_class

from .scope import request_info

__all__ = [
    "http_exception_error",
    "is_default_detail",
    "request_info",
    "routing_allow",
    "unwrap_group",
]

# ``BaseExceptionGroup`` is a builtin from Python 3.11; on 3.10 nothing raises groups
# unless the ``exceptiongroup`` backport does, and its groups subclass the same name.
_GROUP_TYPES: tuple[type[BaseException], ...] = tuple(
    t for t in (getattr(builtins, "BaseExceptionGroup", None),) if t is not None
)


def unwrap_group(exc: BaseException) -> BaseException:
    """The single exception inside (nested) exception groups of one; *exc* otherwise."""
    if not _GROUP_TYPES:  # pragma: no cover - Python 3.10
        return _unwrap_by_name(exc)
    while isinstance(exc, _GROUP_TYPES):
        inner: tuple[BaseException, ...] = exc.exceptions  # type: ignore[attr-defined]
        if len(inner) != 1:
            break
        exc = inner[0]
    return exc


def _unwrap_by_name(exc: BaseException) -> BaseException:  # pragma: no cover - Python 3.10
    while any(c.__name__ == "BaseExceptionGroup" for c in type(exc).__mro__):
        inner: tuple[BaseException, ...] = tuple(getattr(exc, "exceptions", ()))
        if len(inner) != 1:
            break
        exc = inner[0]
    return exc


def is_default_detail(status: int, detail: object) -> bool:
    """Whether *detail* is a framework's stock text for *status*, not the user's words."""
    if detail is None or detail == "":
        return True
    if detail == http.client.responses.get(status):
        return True
    text = TEXTS.get(status)
    return text is not None and detail in (text.title, text.message)


def _detail_text(detail: object) -> str:
    if isinstance(detail, str):
        return detail
    try:
        return json.dumps(detail, ensure_ascii=False, separators=(",", ":"), default=str)
    except (TypeError, ValueError):
        return str(detail)


def http_exception_error(exc: HTTPException) -> HTTPError | None:
    """Starlette's (or FastAPI's) ``HTTPException`` as an :class:`HTTPError`.

    The status and the headers are kept; a detail that is the framework's default text
    counts as no detail. ``None`` for a status that is not an error (a ``304`` raised to
    stop early), which the caller answers with an empty response. An unregistered 4xx
    becomes a 400, an unregistered 5xx a 500.
    """
    status = exc.status_code
    raw_detail: Any = exc.detail
    detail = None if is_default_detail(status, raw_detail) else _detail_text(raw_detail)
    headers = dict(exc.headers) if exc.headers else {}
    try:
        cls = error_class(status)
    except LookupError:
        if not isinstance(status, int) or not 400 <= status <= 599:
            return None
        cls = BadRequest if status < 500 else InternalServerError
    error: HTTPError
    limit = limit_of(exc, exc.status_code, "slowapi")
    if limit is not None:
        own = detail if getattr(limit, "error_message", None) else None
        error = TooManyRequests(own, headers=headers, ratelimit=policy(limit.limit))
    elif cls is MethodNotAllowed:
        allow = None
        for name in list(headers):
            if name.lower() == "allow":
                allow = [m for m in headers.pop(name).split(",") if m.strip()]
        error = MethodNotAllowed(detail, allow=allow, headers=headers)
    else:
        error = cls(detail, headers=headers)
    if status >= 500:
        error.__cause__ = exc
    return error


def routing_allow(exc: BaseException, error: BaseException | None, scope: Any) -> Any:
    """*error*, the translation of *exc*, with a truthful ``Allow`` for a routing 405.

    Starlette's 405 lists the methods of one route; the path may be served by others
    (``GET`` and ``DELETE`` as separate routes). The methods come from the routing of
    *scope* (see :mod:`.allow`). Any other error, or a 405 the routing would not answer,
    is returned as it is.
    """
    if not (
        isinstance(exc, HTTPException)
        and exc.status_code == 405
        and type(error) is MethodNotAllowed
    ):
        return error
    from .allow import allowed_methods

    try:
        methods = allowed_methods(scope)
    except Exception:  # a route's own matching failed: Starlette's answer stands
        return error
    if not methods:
        return error
    headers = {k: v for k, v in error.headers.items() if k.lower() != "allow"}
    fixed = MethodNotAllowed(error.detail, allow=methods, headers=headers)
    fixed.__cause__ = error.__cause__
    return fixed
