"""Starlette's ``ExceptionMiddleware`` and httpfault's error handling as one ASGI layer.

``install()`` puts this layer where Starlette built its ``ExceptionMiddleware``, so the
handlers keep working exactly as registered while a request passes through one wrapper
instead of two: the app's own exception handlers (by status for ``HTTPException``, then
along the exception's MRO) answer first; every exception no handler takes, and every
exception a handler raises, is answered by httpfault. Non-HTTP scopes (websockets,
lifespan) go through the ``ExceptionMiddleware`` untouched.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Protocol, TypeGuard

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .starlette_compat import HANDLERS_SCOPE_KEY, SIGNALS, handler_tables

__all__ = ["SIGNALS", "Answerer", "HandlingLayer", "StartTracker", "replaces"]


class StartTracker:
    """A ``send`` that remembers whether the response has started."""

    __slots__ = ("send", "started")

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class Answerer(Protocol):
    """What the layer needs of httpfault's middleware."""

    async def answer(
        self, exc: Exception, scope: Scope, receive: Receive, send: Send, started: bool
    ) -> None:
        """Answer *exc* (log it once; respond unless *started*)."""


def replaces(app: ASGIApp) -> TypeGuard[ExceptionMiddleware]:
    """Whether *app* is a Starlette ``ExceptionMiddleware`` this layer can stand in for."""
    return handler_tables(app) is not None


def _is_async(handler: Any) -> bool:
    # As Starlette decides whether to await a handler or run it in a thread.
    while isinstance(handler, functools.partial):
        handler = handler.func
    return inspect.iscoroutinefunction(handler) or (
        callable(handler) and inspect.iscoroutinefunction(handler.__call__)
    )


class HandlingLayer:
    """One ASGI layer for *inner*'s handlers and httpfault's answers (see the module)."""

    def __init__(self, inner: ExceptionMiddleware, errors: Answerer) -> None:
        self.app: ASGIApp = inner.app
        self.inner = inner
        self.errors = errors
        tables = handler_tables(inner)
        assert tables is not None, "only an ExceptionMiddleware that replaces() accepts"
        self.handlers = tables

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return
        scope[HANDLERS_SCOPE_KEY] = self.handlers
        sender = StartTracker(send)
        try:
            await self.app(scope, receive, sender)
        except Exception as exc:
            if isinstance(exc, SIGNALS):
                raise
            error: Exception = exc
            handler = None if sender.started else self.handler_for(exc)
            if handler is not None:
                try:
                    response = await self._call(handler, Request(scope, receive, send), exc)
                    if response is not None:
                        await response(scope, receive, sender)
                    # Reused exception instances accumulate tracebacks across requests.
                    exc.__traceback__ = None
                    return
                except Exception as failure:
                    if isinstance(failure, SIGNALS):
                        raise
                    error = failure
            await self.errors.answer(error, scope, receive, send, sender.started)

    def handler_for(self, exc: Exception) -> Callable[..., Any] | None:
        """The app's own handler for *exc*; ``None`` where httpfault answers it."""
        exception_handlers, status_handlers = self.handlers
        handler: Callable[..., Any] | None = None
        if isinstance(exc, HTTPException):
            handler = status_handlers.get(exc.status_code)
        if handler is None:
            for cls in type(exc).__mro__:
                if cls in exception_handlers:
                    handler = exception_handlers[cls]
                    break
        if handler is None or getattr(handler, "__self__", None) is self.errors:
            return None
        return handler

    @staticmethod
    async def _call(handler: Callable[..., Any], request: Request, exc: Exception) -> Any:
        if _is_async(handler):
            return await handler(request, exc)
        return await run_in_threadpool(handler, request, exc)
