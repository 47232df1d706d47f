"""Every use of Starlette internals by httpfault, in one place, each with why.

Starlette has no public API for what these do. Each is pinned by
``tests/starlette/test_compat.py``, which the version matrix runs on the oldest and the
newest supported Starlette releases, so a release that changes one fails there first.
"""

from __future__ import annotations

import copy
from typing import Any

from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.types import ASGIApp

__all__ = [
    "HANDLERS_SCOPE_KEY",
    "SIGNALS",
    "handler_tables",
    "middleware_built",
    "with_app",
]

try:
    from starlette.middleware import body_limit as _body_limit
except ImportError:  # pragma: no cover - Starlette before 1.0 has no body limiter
    _body_limit = None  # type: ignore[assignment]

SIGNALS: tuple[type[BaseException], ...] = tuple(
    t for t in (getattr(_body_limit, "_RequestBodyLimitResponseSent", None),) if t is not None
)
"""Exceptions that must pass through untouched.

Starlette's body limiter (1.0+) signals "my own 413 went out" with an exception that
must reach the limiter, outside httpfault, as it is; it has no public name.
"""

HANDLERS_SCOPE_KEY = "starlette.exception_handlers"
"""Where ``ExceptionMiddleware`` leaves its handler tables for the routes' own handling.

Starlette's routes answer ``HTTPException`` where the endpoint raised it, reading the
tables from this scope key; the layer that stands in for ``ExceptionMiddleware`` must
set it the same way.
"""


def handler_tables(middleware: Any) -> tuple[dict[Any, Any], dict[Any, Any]] | None:
    """The handlers of an ``ExceptionMiddleware``: by exception class, and by status.

    ``ExceptionMiddleware`` builds them from the app's ``exception_handlers`` and keeps
    them in attributes with no public name; ``add_exception_handler()`` (public) writes
    them. ``None`` when *middleware* is not one whose tables can be read.
    """
    if type(middleware) is not ExceptionMiddleware:
        return None
    by_class = getattr(middleware, "_exception_handlers", None)
    by_status = getattr(middleware, "_status_handlers", None)
    if isinstance(by_class, dict) and isinstance(by_status, dict):
        return by_class, by_status
    return None


def middleware_built(app: Any) -> bool:
    """Whether a Starlette app has built its middleware stack (on its first request).

    ``install()`` must come before: middleware added afterwards are not used. Starlette
    keeps the built stack in ``middleware_stack`` and raises on ``add_middleware()`` once
    it exists, but offers no way to ask.
    """
    return getattr(app, "middleware_stack", None) is not None


def with_app(middleware: ASGIApp, app: ASGIApp) -> ASGIApp:
    """A shallow copy of *middleware* (CORS, with all its settings) wrapping *app*.

    Middleware keep what they wrap as ``.app`` by convention; CORS headers are put on a
    response only by the middleware's own ``send`` wrapper, so an error response made
    outside it is sent through a copy of it.
    """
    clone = copy.copy(middleware)
    clone.app = app  # type: ignore[attr-defined]
    return clone
