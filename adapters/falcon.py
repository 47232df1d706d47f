"""Falcon adapter: ``install(app, config)`` for ``falcon.App`` and ``falcon.asgi.App``.

``install()`` registers error handlers through Falcon's public ``add_error_handler`` for
``Exception`` and Falcon's ``HTTPError`` (in place of Falcon's defaults for both), and an
error serializer through ``set_error_serializer``. Every error a responder, a hook or a
middleware raises is answered with the bytes of :func:`httpfault.render`: httpfault
errors, Falcon's ``HTTPError`` family (routing 404, 405 with ``Allow``, 401 with
``WWW-Authenticate``, 429 with ``Retry-After``, media errors), pydantic
``ValidationError``, ``Config.exception_map`` and any other exception (a safe 500, logged
once with its traceback). Handlers you register for more specific classes still win, as
they always do in Falcon; an ``HTTPError`` they raise is written by httpfault's
serializer, so Falcon's own serializer never writes a body.
"""

from __future__ import annotations

import logging
from typing import Any

try:
    import falcon
    import falcon.asgi
    from falcon import HTTPError as FalconHTTPError
except ImportError as exc:  # pragma: no cover - exercised without Falcon installed
    raise ImportError(
        "httpfault.adapters.falcon needs Falcon: pip install 'httpfault[falcon]'"
    ) from exc

from httpfault import Config, HTTPError, Rendered, RequestInfo, error_class
from httpfault._handling import handle

from ._asgi.scope import request_info as asgi_request_info
from ._falcon.convert import from_falcon, is_media_too_deep
from ._wsgi.request import request_info as wsgi_request_info

__all__ = ["ErrorHandler", "install"]


class ErrorHandler:
    """Answers exceptions of one Falcon app in the contract (one per ``install()``)."""

    __slots__ = ("config", "logger")

    def __init__(self, config: Config) -> None:
        self.config = config
        self.logger: logging.Logger = config.logger

    # -- Falcon's hooks ----------------------------------------------------------------

    def handle(self, req: falcon.Request, resp: falcon.Response, ex: Exception,
               params: dict[str, Any]) -> None:  # fmt: skip
        """The WSGI error handler: *ex* answered on *resp*, logged once."""
        self.answer(ex, wsgi_request_info(req.env), resp)

    async def handle_async(
        self,
        req: falcon.asgi.Request,
        resp: falcon.asgi.Response | None,
        ex: Exception,
        params: dict[str, Any],
        ws: falcon.asgi.WebSocket | None = None,
    ) -> None:
        """The ASGI error handler; on a WebSocket, the error closes it (logged once)."""
        info = _asgi_info(req)
        if resp is not None:
            self.answer(ex, info, resp)
            return
        rendered = handle(self.translate(ex), self.config, info, logger=self.logger)
        if ws is not None:
            # Falcon's convention: 3000 + the HTTP status; 1011 for a server error.
            await ws.close(1011 if rendered.status >= 500 else 3000 + rendered.status)

    def serialize(self, req: Any, resp: Any, exception: FalconHTTPError) -> None:
        """The error serializer: an ``HTTPError`` answered by Falcon itself (raised by an
        error handler of yours, say) still gets the contract's body, logged once."""
        env = getattr(req, "env", None)
        info = wsgi_request_info(env) if env is not None else _asgi_info(req)
        self.answer(exception, info, resp)

    # -- the work ----------------------------------------------------------------------

    def translate(self, ex: BaseException) -> BaseException:
        """Falcon's own exception as an ``HTTPError`` (others as they are)."""
        if isinstance(ex, HTTPError):
            return ex
        if isinstance(ex, FalconHTTPError):
            return from_falcon(ex, self.config)
        if is_media_too_deep(ex):
            error = error_class(self.config.malformed_body_status)()
            error.__cause__ = ex
            return error
        return ex

    def answer(self, ex: BaseException, info: RequestInfo, resp: Any) -> None:
        """Answer *ex* on *resp*: translated, logged once, hooks called, rendered."""
        rendered = handle(self.translate(ex), self.config, info, logger=self.logger)
        write(resp, rendered)


def _asgi_info(req: Any) -> RequestInfo:
    """An ASGI request's facts: the path as sent from the scope; the headers as Falcon
    parsed them (the scope's may be an iterator Falcon has already consumed)."""
    scope = req.scope
    if "method" not in scope:  # a WebSocket: its handshake is a GET
        scope = {**scope, "method": "GET"}
    info = asgi_request_info(scope)
    return RequestInfo(info.method, info.path, req.headers)


def write(resp: Any, rendered: Rendered) -> None:
    """Put *rendered* on a Falcon response: status, headers, body (none for HEAD).

    The status as a status line (``"409 Conflict"``), as Falcon's own error path sets it:
    code that reads ``resp.status`` in the meantime (middleware, sentry-sdk's Falcon
    integration in early 2.x releases) may expect a string.
    """
    status, headers, body = rendered
    resp.status = falcon.code_to_http_status(status)
    seen: set[str] = set()
    for name, value in headers:
        key = name.lower()
        if key == "content-type":
            resp.content_type = value
        elif key in seen:
            resp.append_header(name, value)
        else:
            seen.add(key)
            resp.set_header(name, value)
    resp.data = body


def install(app: falcon.App[Any, Any], config: Config | None = None) -> Config:
    """Make every error *app* answers follow the httpfault contract; return the config.

    Works for ``falcon.App`` and ``falcon.asgi.App``. Call it before registering handlers
    of your own for ``Exception`` or ``falcon.HTTPError`` themselves (for one class,
    Falcon uses the handler registered last); calling it again replaces the handlers.
    """
    cfg = config if config is not None else Config()
    handler = ErrorHandler(cfg)
    if isinstance(app, falcon.asgi.App):
        app.add_error_handler(Exception, handler.handle_async)
        app.add_error_handler(FalconHTTPError, handler.handle_async)
    else:
        app.add_error_handler(Exception, handler.handle)
        app.add_error_handler(FalconHTTPError, handler.handle)
    app.set_error_serializer(handler.serialize)
    return cfg
