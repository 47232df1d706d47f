"""Starlette adapter: ``install(app, config)`` and the pure ASGI ``ErrorMiddleware``.

Every error a Starlette app answers goes through :func:`httpfault._handling.handle`, so
the bytes are those of :func:`httpfault.render`: ``HTTPError`` raised anywhere,
Starlette's ``HTTPException`` (routing 404 and 405 included), exception groups of one,
and any other exception as a safe 500, logged once and never re-raised to the server.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from ._extras import missing_extra

try:
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.middleware.exceptions import ExceptionMiddleware
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route
    from starlette.types import ASGIApp, Receive, Scope, Send
except ImportError as exc:  # pragma: no cover - exercised without starlette installed
    raise missing_extra("starlette", "Starlette", "starlette") from exc

from pydantic import ValidationError

from httpfault import Config, HTTPError, UnsupportedMediaType, render
from httpfault._convert import error_class, from_exception
from httpfault._handling import handle

from ._asgi.convert import http_exception_error, request_info, routing_allow, unwrap_group
from ._asgi.layer import SIGNALS, HandlingLayer, StartTracker, replaces
from ._asgi.mounts import mounted_apps
from ._asgi.response import ErrorResponse
from ._asgi.stack import RESPONSE_KEY, cors_from_specs, cors_replay, exception_middlewares
from ._asgi.starlette_compat import handler_tables, middleware_built
from ._type_pages import TypePage, type_pages

__all__ = ["ErrorMiddleware", "ErrorResponse", "install", "read_json"]

_JSON_TYPES = ("application/json",)


class _ReplayedResponse(Response):
    """A response sent through copies of the app's CORS middleware."""

    def __init__(self, response: Response, replay: ASGIApp) -> None:
        self.response = response
        self.replay = replay
        self.status_code = response.status_code
        self.background = None
        self.body = response.body
        self.raw_headers = response.raw_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[RESPONSE_KEY] = self.response
        await self.replay(scope, receive, send)


def _bare_response(status: int, headers: Mapping[str, str] | None) -> Response:
    # An HTTPException raised with a status that is not an error (a 304, say).
    return Response(status_code=status, headers=dict(headers or {}))


class ErrorMiddleware:
    """Pure ASGI middleware answering every exception from the app it wraps.

    ``app.add_middleware(ErrorMiddleware, config=Config(...))``. It also takes over the
    ``HTTPException`` handler of Starlette's ``ExceptionMiddleware`` below it (unless the
    app registered its own), so routing 404/405 answer in the contract too. When CORS
    middleware sits below it, error responses are replayed through a copy of it, so they
    keep the CORS headers. Non-HTTP scopes (websockets, lifespan) pass through untouched.
    """

    _claimed: ClassVar[tuple[type[Exception], ...]] = (HTTPException,)

    def __init__(self, app: ASGIApp, config: Config | None = None) -> None:
        self.app = app
        self.config = config if config is not None else Config()
        self._logger: logging.Logger = self.config.logger
        self._replay = cors_replay(app)
        for middleware in exception_middlewares(app):
            self._claim(middleware)

    # -- the ASGI app --------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sender = StartTracker(send)
        try:
            await self.app(scope, receive, sender)
        except SIGNALS:
            raise
        except Exception as exc:
            await self.answer(exc, scope, receive, send, sender.started)

    async def answer(
        self, exc: Exception, scope: Scope, receive: Receive, send: Send, started: bool
    ) -> None:
        """Answer *exc*: logged once; the response is sent unless one has *started*."""
        response = self.response_for(exc, scope)
        if started:
            # Too late for another response: the error is logged; returning without
            # finishing the body makes the server close the connection.
            return
        if self._replay is None:
            await response(scope, receive, send)
        else:
            scope[RESPONSE_KEY] = response
            await self._replay(scope, receive, send)

    # -- shared by the middleware and the exception handlers ---------------------------

    def response_for(self, exc: BaseException, scope: Scope) -> Response:
        """The response for *exc*: translated, then answered by the core (logged once)."""
        error: BaseException | None = exc
        if not isinstance(exc, HTTPError):
            inner = unwrap_group(exc)
            try:
                error = self.translate(inner)
            except Exception as failure:  # a broken header in an HTTPException, say
                self._logger.debug("could not translate %r", exc, exc_info=failure)
                error = exc
            if error is None:
                assert isinstance(inner, HTTPException)
                return _bare_response(inner.status_code, inner.headers)
            error = routing_allow(inner, error, scope)  # Allow: every method the path serves
        assert error is not None
        request = request_info(scope)
        rendered = handle(error, self.config, request, logger=self._logger)
        return ErrorResponse(rendered, head=request.method == "HEAD")

    def translate(self, exc: BaseException) -> BaseException | None:
        """The framework's own exception as an ``HTTPError`` (others as they are).

        Not called for an ``HTTPError``, which is answered as it is.
        """
        if isinstance(exc, HTTPException):
            return http_exception_error(exc)
        return exc

    async def handle_exception(self, request: Request, exc: Exception) -> Response:
        """An exception handler for Starlette's ``exception_handlers``."""
        return self.response_for(exc, request.scope)

    # -- taking over ExceptionMiddleware's defaults ------------------------------------

    def _claim(self, middleware: ExceptionMiddleware) -> None:
        tables = handler_tables(middleware)
        handlers = tables[0] if tables is not None else None
        # Errors handled where the endpoint raised them, by Starlette's own per-route
        # handling, cost no propagation through the stack; the rest reach __call__.
        mapped = tuple(k for k in self.config.exception_map if issubclass(k, Exception))
        for exc_type in (*self._claimed, HTTPError, ValidationError, *mapped):
            current = handlers.get(exc_type) if isinstance(handlers, dict) else None
            if current is None or self._is_default_handler(current):
                middleware.add_exception_handler(exc_type, self._handler_for(exc_type))

    def _handler_for(self, exc_type: type[Exception]) -> Callable[..., Any]:
        return self.handle_exception

    def _is_default_handler(self, handler: Callable[..., Any]) -> bool:
        func = getattr(handler, "__func__", handler)
        return func in (ExceptionMiddleware.http_exception, ErrorMiddleware.handle_exception)


def _last_resort(app: Starlette, config: Config) -> Callable[[Request, Exception], Response]:
    """Handler for ``ServerErrorMiddleware``: errors of middleware added after install()."""
    replay: list[ASGIApp | None] = []

    def respond(request: Request, exc: Exception) -> Response:
        # Starlette re-raises these to the server, which logs them: do not log twice.
        info = request_info(request.scope)
        exc_ = unwrap_group(exc)
        translated = http_exception_error(exc_) if isinstance(exc_, HTTPException) else None
        error = translated or from_exception(exc_, config)
        response: Response = ErrorResponse(render(error, config, info), head=info.method == "HEAD")
        if not replay:
            replay.append(cors_from_specs(app.user_middleware))
        if replay[0] is not None:
            response = _ReplayedResponse(response, replay[0])
        return response

    return respond


def _innermost(
    app: ASGIApp, *, middleware: type[ErrorMiddleware], config: Config, owner: Starlette
) -> ASGIApp:
    """Build install()'s innermost layer around Starlette's ``ExceptionMiddleware``.

    The middleware takes over the handlers; then one layer stands in for both it and the
    ``ExceptionMiddleware``, so a request passes through no extra wrapper. Built on the
    app's first request, when its routes are known: the apps mounted under it are
    installed then, with the same config.
    """
    _install_mounted(owner, config)
    errors = middleware(app, config)
    return HandlingLayer(app, errors) if replaces(app) else errors


def _installed(entry: Middleware) -> bool:
    cls: object = entry.cls
    return cls is _innermost or (isinstance(cls, type) and issubclass(cls, ErrorMiddleware))


def install(
    app: Starlette,
    config: Config | None = None,
    *,
    middleware: type[ErrorMiddleware] | None = None,
    serve_types: Iterable[type[HTTPError]] = (),
) -> Config:
    """Make every error *app* answers follow the httpfault contract; return the config.

    Takes the place of Starlette's ``ExceptionMiddleware`` with one layer that keeps
    the app's own exception handlers and answers everything else (inside CORS and any
    other middleware, whichever order they are added in) and, when middleware were
    added before, adds :class:`ErrorMiddleware` as the outermost one, so errors raised
    inside them answer in the contract too. Middleware added after ``install()`` sit
    outside: their errors reach Starlette's ``ServerErrorMiddleware``, which httpfault
    also answers for (with the contract's body) but which re-raises them to the server.

    *serve_types* lists custom problem types (``HTTPError`` subclasses with their own
    ``type``, or a ``ProblemRegistry``): ``GET`` on the path of each type URI answers a
    small HTML page documenting it.
    """
    cfg = config if config is not None else Config()
    cls = middleware or ErrorMiddleware
    pages = type_pages(serve_types, cfg)
    stack = app.user_middleware
    if any(_installed(m) for m in stack):
        raise RuntimeError("httpfault is already installed on this app")
    if middleware_built(app):
        raise RuntimeError("install() must be called before the app handles its first request")
    if stack:
        stack.insert(0, Middleware(cls, config=cfg))
    stack.append(Middleware(_innermost, middleware=cls, config=cfg, owner=app))
    if Exception not in app.exception_handlers and 500 not in app.exception_handlers:
        app.exception_handlers[Exception] = _last_resort(app, cfg)
    app.state.httpfault = cfg
    for page in pages:
        app.router.routes.append(_page_route(page))
    return cfg


def _install_mounted(app: Starlette, config: Config) -> None:
    """Install on every app mounted under *app* that has no httpfault of its own."""
    for sub in mounted_apps(app):
        if getattr(sub.state, "httpfault", None) is not None:
            continue  # installed by the user, maybe with a config of its own
        if middleware_built(sub):
            config.logger.warning(
                "a mounted app already handled requests before its parent's first one; "
                "its errors do not follow the contract: call install() on it as well"
            )
            continue
        fastapi = sys.modules.get("fastapi")
        if fastapi is not None and isinstance(sub, fastapi.FastAPI):
            from .fastapi import install as install_fastapi

            install_fastapi(sub, config)
        else:
            install(sub, config)


def _page_route(page: TypePage) -> Route:
    """The route answering ``GET`` (and ``HEAD``) on a problem type's page."""

    async def endpoint(request: Request) -> Response:
        return Response(page.body, media_type="text/html")  # Starlette adds the charset

    return Route(page.path, endpoint, methods=["GET"], include_in_schema=False)


async def read_json(request: Request) -> Any:
    """The request's JSON body, or the contract's error for a body that is not JSON.

    A content type other than JSON (``application/json`` or ``*/*+json``) raises
    ``UnsupportedMediaType``; a body that does not decode (malformed JSON, invalid
    UTF-8, nesting too deep) raises the configured malformed-body error (400).
    """
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media not in _JSON_TYPES and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise UnsupportedMediaType()
    body = await request.body()
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        state = getattr(request.app, "state", None) if "app" in request.scope else None
        cfg = getattr(state, "httpfault", None)
        status = cfg.malformed_body_status if isinstance(cfg, Config) else 400
        raise error_class(status)() from exc
