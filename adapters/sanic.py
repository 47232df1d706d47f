"""Sanic adapter: ``install(app, config)`` and :func:`read_json`.

``install()`` registers one exception handler for ``Exception`` through Sanic's public
error handler API (``app.exception``). It answers every error of the app, its
Blueprints and blueprint groups, whatever ``FALLBACK_ERROR_FORMAT`` or a route's
``error_format`` says, with the bytes of :func:`httpfault.render`: ``HTTPError`` raised
anywhere (handlers, middleware, signals); Sanic's ``SanicException`` family (routing
``NotFound`` and ``MethodNotAllowed`` with ``Allow``, ``Unauthorized`` with its
challenge, ``BadRequest``, ``PayloadTooLarge``...), headers kept; a body
``request.json`` cannot parse; pydantic ``ValidationError``; ``Config.exception_map``;
and any other exception as a safe 500. Handlers you register for a more specific class,
or on a Blueprint, still win, as they always do in Sanic.

Sanic's own handler logs an exception unless it is ``quiet`` (its 4xx are); this one
replaces it and logs each error once, the httpfault way: a 5xx (quiet or not) at ERROR
with its traceback, a 4xx at the low 4xx level without one.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlsplit

try:
    from sanic import Sanic
    from sanic.compat import Header
    from sanic.exceptions import BadRequest as SanicBadRequest
    from sanic.exceptions import MethodNotAllowed as SanicMethodNotAllowed
    from sanic.exceptions import SanicException
    from sanic.request import Request
    from sanic.response import HTTPResponse
except ImportError as exc:  # pragma: no cover - exercised without Sanic installed
    raise ImportError(
        "httpfault.adapters.sanic needs Sanic: pip install 'httpfault[sanic]'"
    ) from exc

from httpfault import Config, HTTPError, RequestInfo, UnsupportedMediaType
from httpfault._convert import error_class
from httpfault._handling import handle

from ._frames import passed_through, raised_by
from ._native import native_error

__all__ = ["ErrorHandler", "install", "read_json", "request_info", "translate"]

_CTX_NAME = "httpfault"
_new_info = tuple.__new__


def request_info(request: Request) -> RequestInfo:
    """The request as rendering sees it: method, path as sent (no query), headers.

    A target in absolute form (``GET http://host/x``, as sent to a proxy) gives its path.
    """
    target = request.raw_url.decode("latin-1")
    if not target.startswith("/"):
        target = urlsplit(target).path
    path = target.partition("?")[0]
    return _new_info(RequestInfo, (request.method, path or "/", request.headers, None))


def translate(exc: SanicException, config: Config) -> HTTPError | None:
    """Sanic's ``SanicException`` as an :class:`HTTPError`; ``None`` below 400.

    The status and headers are kept. A message the application gave is the detail;
    Sanic's own wording (``Requested URL /x not found``, a status phrase, anything Sanic
    raised itself) counts as none. A body ``request.json`` could not parse is the
    configured malformed-body error.
    """
    status = int(exc.status_code)
    if exc.__class__ is SanicBadRequest and passed_through(exc, "sanic", "load_json"):
        malformed = error_class(config.malformed_body_status)()
        malformed.__cause__ = exc
        return malformed
    message = getattr(exc, "message", None) or str(exc)
    detail = None if raised_by(exc, "sanic") else message
    allow = None
    if isinstance(exc, SanicMethodNotAllowed):
        allow = getattr(exc, "allowed_methods", None)
    headers: Any = exc.headers or {}
    try:
        error = native_error(status, detail, headers, allow=allow)
    except ValueError:  # a header value httpfault refuses (CR or LF): drop the headers
        error = native_error(status, detail, allow=allow)
    if error is not None and status >= 500:
        error.__cause__ = exc
    return error


class ErrorHandler:
    """The exception handler ``install()`` registers: one per app and config."""

    __slots__ = ("config", "logger")

    def __init__(self, config: Config) -> None:
        self.config = config
        self.logger: logging.Logger = config.logger

    def __call__(self, request: Request, exc: BaseException) -> HTTPResponse:
        """*exc* as the contract's response, logged once, hooks called."""
        error: BaseException = exc
        if isinstance(exc, SanicException) and not isinstance(exc, HTTPError):
            translated = translate(exc, self.config)
            if translated is not None:
                error = translated
            elif int(exc.status_code) < 400:  # Sanic's own answer; past 599, a 500
                return HTTPResponse(status=int(exc.status_code), headers=exc.headers or None)
        info = request_info(request)
        rendered = handle(error, self.config, info, logger=self.logger)
        # The content type is given apart too: older Sanic (23.6) drops the headers it
        # calls entity headers from a 412 and writes the content_type argument instead.
        return HTTPResponse(
            rendered.body,
            status=rendered.status,
            headers=Header(rendered.headers),
            content_type=rendered.media_type,
        )

    @property
    def __name__(self) -> str:  # Sanic names the handler in its own log lines
        return "httpfault"


def install(app: Sanic[Any, Any], config: Config | None = None) -> Config:
    """Make every error *app* answers follow the httpfault contract; return the config.

    Call it once per app, before it serves; the config is kept in ``app.ctx.httpfault``.
    """
    cfg = config if config is not None else Config()
    if not isinstance(cfg, Config):
        raise TypeError(f"config must be a httpfault.Config, not {type(cfg).__name__}")
    if isinstance(getattr(app.ctx, _CTX_NAME, None), Config):
        raise RuntimeError("httpfault is already installed on this app")
    app.exception(Exception)(ErrorHandler(cfg))
    setattr(app.ctx, _CTX_NAME, cfg)
    return cfg


def read_json(request: Request) -> Any:
    """The request's JSON body, or the contract's error for a body that is not JSON.

    A content type other than JSON (``application/json`` or ``application/*+json``)
    raises ``UnsupportedMediaType`` (415); a body that does not decode (malformed JSON,
    invalid UTF-8, nesting too deep) raises the configured malformed-body error (400).
    """
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise UnsupportedMediaType()
    try:
        return json.loads(request.body)
    except (ValueError, RecursionError) as exc:
        cfg = getattr(request.app.ctx, _CTX_NAME, None)
        status = cfg.malformed_body_status if isinstance(cfg, Config) else 400
        raise error_class(status)() from exc
