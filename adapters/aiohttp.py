"""aiohttp adapter: ``install(app, config)`` and :func:`read_json`.

``install()`` puts one middleware first in ``app.middlewares``, so it wraps every other
middleware (added before or after it) and every sub-application added with
``add_subapp()``: aiohttp runs a parent's middlewares around its sub-applications'
handlers. Every error the app answers then goes through
:func:`httpfault._handling.handle` and gets the bytes of :func:`httpfault.render`:
``HTTPError`` raised anywhere; aiohttp's ``web.HTTPException`` family, raised or
returned (routing 404 and 405 with ``Allow`` included, headers kept); the JSON decode
errors of ``await request.json()``; pydantic ``ValidationError``; ``Config.exception_map``;
and any other exception as a safe 500, logged once (aiohttp does not log it again).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

try:
    from aiohttp import web
except ImportError as exc:  # pragma: no cover - exercised without aiohttp installed
    raise ImportError(
        "httpfault.adapters.aiohttp needs aiohttp: pip install 'httpfault[aiohttp]'"
    ) from exc

from httpfault import Config, HTTPError, RequestInfo, UnsupportedMediaType
from httpfault._convert import error_class
from httpfault._handling import handle

from ._frames import passed_through, raised_by
from ._native import native_error

if TYPE_CHECKING:
    from aiohttp.typedefs import Middleware

__all__ = ["CONFIG_KEY", "install", "read_json"]

CONFIG_KEY: web.AppKey[Config] = web.AppKey("httpfault", Config)
"""Where ``install()`` keeps its :class:`~httpfault.Config` on the application."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_JSON_MODULE = "aiohttp.web_request"
_new_info = tuple.__new__


def request_info(request: web.BaseRequest) -> RequestInfo:
    """The request as rendering sees it: method, path as sent (no query), headers.

    A target in absolute form (``GET http://host/x``, as sent to a proxy) gives its path.
    """
    target = request.raw_path
    if not target.startswith("/"):
        target = urlsplit(target).path
    path = target.partition("?")[0]
    return _new_info(RequestInfo, (request.method, path or "/", request.raw_headers, None))


def translate(exc: web.HTTPException) -> HTTPError | None:
    """aiohttp's ``HTTPException`` as an :class:`HTTPError`; ``None`` below 400.

    The status and the headers are kept. A text the application gave is the detail;
    aiohttp's own wording (``404: Not Found``, the body size limit's sentence, anything
    aiohttp raised itself) counts as none.
    """
    status = exc.status
    if status < 400:
        return None
    detail = None if raised_by(exc, "aiohttp") else exc.text
    allow = exc.allowed_methods if isinstance(exc, web.HTTPMethodNotAllowed) else None
    try:
        error = native_error(status, detail, exc.headers.items(), allow=allow)
    except ValueError:  # a header value httpfault refuses (CR or LF): drop the headers
        error = native_error(status, detail, allow=allow)
    if error is not None and status >= 500:
        error.__cause__ = exc
    return error


class _Answerer:
    """What the middleware does with an exception, for one config."""

    __slots__ = ("config", "logger")

    def __init__(self, config: Config) -> None:
        self.config = config
        self.logger: logging.Logger = config.logger

    def respond(self, exc: BaseException, request: web.Request) -> web.Response:
        """*exc* as the contract's response, logged once, hooks called."""
        error: BaseException = exc
        if isinstance(exc, HTTPError):
            pass
        elif isinstance(exc, web.HTTPException):
            error = translate(exc) or exc
        elif isinstance(exc, (ValueError, RecursionError)) and passed_through(
            exc, _JSON_MODULE, "json"
        ):
            # ``await request.json()`` on a body that is not JSON (or not UTF-8).
            error = error_class(self.config.malformed_body_status)()
            error.__cause__ = exc
        info = request_info(request)
        status, headers, body = handle(error, self.config, info, logger=self.logger)
        # A HEAD answer's body is empty, and aiohttp then writes no Content-Length.
        return web.Response(body=body, status=status, headers=headers)

    def too_late(self, exc: BaseException, request: web.Request) -> web.StreamResponse:
        """*exc* raised after the response started (a broken stream): logged once, and the
        connection closed, so the client sees a truncated response, not a second one.

        A ``ConnectionError`` there is the client hanging up: no application error, and
        not logged.
        """
        if not isinstance(exc, ConnectionError):
            handle(exc, self.config, request_info(request), logger=self.logger)
        transport = request.transport
        if transport is not None:
            transport.close()
        return web.Response()  # never written: the transport is closed


def _middleware(config: Config) -> Middleware:
    answerer = _Answerer(config)
    respond = answerer.respond

    @web.middleware
    async def httpfault_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise  # a redirect or a success raised to stop early: aiohttp's to send
            return respond(exc, request)
        except Exception as exc:
            transport = request.transport
            if request.writer.output_size or transport is None or transport.is_closing():
                return answerer.too_late(exc, request)
            return respond(exc, request)
        if isinstance(response, web.HTTPException) and response.status >= 400:
            return respond(response, request)  # returned, not raised
        return response

    httpfault_middleware.httpfault_config = config  # type: ignore[attr-defined]
    return httpfault_middleware


def install(app: web.Application, config: Config | None = None) -> Config:
    """Make every error *app* (and its sub-applications) answers follow the contract.

    Call it on the root application, before it starts; it returns the config. The
    middleware goes first in ``app.middlewares``, so it also answers errors raised by
    the app's other middlewares, whenever they were added.
    """
    cfg = config if config is not None else Config()
    if not isinstance(cfg, Config):
        raise TypeError(f"config must be a httpfault.Config, not {type(cfg).__name__}")
    if any(hasattr(m, "httpfault_config") for m in app.middlewares):
        raise RuntimeError("httpfault is already installed on this app")
    if app.frozen:
        raise RuntimeError("install() must be called before the app starts")
    app.middlewares.insert(0, _middleware(cfg))
    app[CONFIG_KEY] = cfg
    return cfg


def _config_of(request: web.Request) -> Config | None:
    try:
        return request.config_dict.get(CONFIG_KEY)
    except RuntimeError:  # pragma: no cover - a request made outside an app
        return None


async def read_json(request: web.Request) -> Any:
    """The request's JSON body, or the contract's error for a body that is not JSON.

    A content type other than JSON (``application/json`` or ``application/*+json``)
    raises ``UnsupportedMediaType`` (415); a body that does not decode (malformed JSON,
    invalid UTF-8, nesting too deep) raises the configured malformed-body error (400).
    """
    media = request.content_type.lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise UnsupportedMediaType()
    body = await request.read()
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        cfg = _config_of(request)
        status = cfg.malformed_body_status if cfg is not None else 400
        raise error_class(status)() from exc
