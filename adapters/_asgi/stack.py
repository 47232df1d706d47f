"""What sits inside an ASGI middleware: CORS to replay error responses through, and
Starlette's ``ExceptionMiddleware`` whose ``HTTPException`` handler httpfault takes over.

Middleware by convention keep the app they wrap as ``.app``; the walk follows that chain
down to the router (which has none), so it only ever sees the middleware stack itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from .starlette_compat import with_app

__all__ = ["RESPONSE_KEY", "cors_from_specs", "cors_replay", "exception_middlewares", "walk"]

RESPONSE_KEY = "httpfault.response"
"""The scope key through which a replayed error response reaches the CORS copies."""

_MAX_DEPTH = 256


def walk(app: ASGIApp) -> Iterator[Any]:
    """The middleware inside *app* (itself first), following ``.app`` attributes."""
    node: Any = app
    for _ in range(_MAX_DEPTH):
        yield node
        node = getattr(node, "app", None)
        if node is None or not callable(node):
            return


def exception_middlewares(app: ASGIApp) -> list[ExceptionMiddleware]:
    """Every Starlette ``ExceptionMiddleware`` in the stack below *app*."""
    return [node for node in walk(app) if isinstance(node, ExceptionMiddleware)]


async def _send_stored_response(scope: Scope, receive: Receive, send: Send) -> None:
    response = scope.pop(RESPONSE_KEY)
    await response(scope, receive, send)


def cors_replay(app: ASGIApp) -> ASGIApp | None:
    """An app that sends ``scope[RESPONSE_KEY]`` through the CORS middleware below *app*.

    An exception that propagates out of ``CORSMiddleware`` never passes its ``send``
    wrapper, so an error response made above it would lack the CORS headers. Copies of
    those middleware (same settings, the stored response as their app) put them back.
    ``None`` when there is no CORS middleware below *app*.
    """
    found = [node for node in walk(app) if isinstance(node, CORSMiddleware)]
    if not found:
        return None
    replay: ASGIApp = _send_stored_response
    for cors in reversed(found):
        replay = with_app(cors, replay)
    return replay


def cors_from_specs(specs: Iterable[Any]) -> ASGIApp | None:
    """Like :func:`cors_replay`, from an app's ``user_middleware`` entries (outermost first)."""
    replay: ASGIApp = _send_stored_response
    found = False
    for cls, args, kwargs in reversed(list(specs)):
        if isinstance(cls, type) and issubclass(cls, CORSMiddleware):
            replay = cls(replay, *args, **kwargs)
            found = True
    return replay if found else None
