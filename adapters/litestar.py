"""Litestar adapter: ``HTTPFaultPlugin(config)`` for ``Litestar(plugins=[...])``.

Every error a Litestar app answers goes through :func:`httpfault._handling.handle`, so
the bytes are those of :func:`httpfault.render`: ``HTTPError`` raised in handlers,
guards, dependencies and middleware; Litestar's ``HTTPException`` family (headers
kept), the routing 404 and 405 (``Allow`` as Litestar computed it); ``ValidationException``
as the configured validation status with JSON Pointers; a body that does not decode as
the malformed-body status; a body that is not JSON where JSON is read as a 415; and any
other exception as a safe 500, logged once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from typing import TYPE_CHECKING, Any

try:
    from litestar import Request, Response
    from litestar.config.app import AppConfig
    from litestar.exceptions import HTTPException
    from litestar.plugins import InitPluginProtocol, ReceiveRoutePlugin
    from litestar.response.base import ASGIResponse
except ImportError as _missing:  # pragma: no cover - exercised without Litestar installed
    raise ImportError(
        "httpfault.adapters.litestar needs Litestar: pip install 'httpfault[litestar]'"
    ) from _missing

from pydantic import ValidationError

from httpfault import Config, HTTPError, Rendered, UnsupportedMediaType
from httpfault._handling import handle

from ._litestar.convert import MalformedBody, litestar_error, request_info
from ._litestar.openapi import document_route, install_openapi, raises

if TYPE_CHECKING:
    from litestar.routes import BaseRoute

__all__ = ["ErrorResponse", "HTTPFaultPlugin", "JSONRequest", "raises"]


class ErrorResponse(Response[bytes]):
    """A rendered error as a Litestar response (no body for HEAD)."""

    def __init__(self, rendered: Rendered, *, head: bool = False) -> None:
        status, headers, body = rendered
        super().__init__(body, status_code=status, media_type=headers[0][1])
        self.rendered = rendered
        self.head = head

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> ASGIResponse:
        """The response as sent: httpfault's headers as they are, in their order."""
        rendered = self.rendered
        return ASGIResponse(
            body=rendered.body,
            headers=rendered.headers,
            is_head_response=self.head,
            media_type=rendered.headers[0][1],
            status_code=rendered.status,
            background=self.background,
            cookies=self.cookies,
        )


def _json_media(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


class JSONRequest(Request[Any, Any, Any]):
    """Litestar's ``Request``, refusing to read JSON from a body declared as something else.

    A handler's ``data`` read as JSON from a body whose ``Content-Type`` is not JSON
    (``application/json`` or ``application/*+json``) raises ``UnsupportedMediaType``
    (415); an empty body declared as JSON, or JSON nested too deep for the parser, is a
    malformed body. A request with no body and no content type reads as ``null``, as in
    Litestar (an optional ``data`` stays optional).
    """

    async def json(self) -> Any:
        """The JSON body (see the class); malformed JSON raises as Litestar does."""
        media = self.content_type[0].lower()
        if not media:
            if await self.body():
                raise UnsupportedMediaType()
        elif not _json_media(media):
            raise UnsupportedMediaType()
        elif not await self.body():
            raise MalformedBody("an empty body declared as JSON")
        try:
            return await super().json()
        except RecursionError as exc:
            raise MalformedBody("JSON nested too deep") from exc


class HTTPFaultPlugin(InitPluginProtocol, ReceiveRoutePlugin):
    """Answer every error of a Litestar app in httpfault's contract.

    ``Litestar(route_handlers=[...], plugins=[HTTPFaultPlugin(Config(...))])``. The
    plugin registers app-level exception handlers (handlers the app registers itself,
    for a status code or an exception type, keep priority), sets the app's request class
    to one that answers a non-JSON body with 415 (:class:`JSONRequest`, mixed into the
    app's own request class), and turns Litestar's own exception logging off: each
    error is logged once, by httpfault, on ``config.logger``.

    The app's OpenAPI document shows the contract's error responses: those each handler
    declares in ``raises`` (httpfault classes, or :func:`raises` for a type checker) and
    those the plugin answers by itself (see :mod:`httpfault.adapters._litestar.openapi`).
    """

    __slots__ = ("_logger", "config")

    def __init__(self, config: Config | None = None) -> None:
        self.config = config if config is not None else Config()
        self._logger: logging.Logger = self.config.logger

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Register the handlers, the request class and the logging change on *app_config*."""
        handlers = app_config.exception_handlers
        mapped = tuple(k for k in self.config.exception_map if issubclass(k, Exception))
        for key in (HTTPError, HTTPException, ValidationError, *mapped):
            handlers.setdefault(key, self.handle_exception)
        if Exception not in handlers and 500 not in handlers:
            handlers[Exception] = self.handle_exception
        app_config.request_class = _request_class(app_config.request_class)
        install_openapi(app_config, self.config)
        logging_config: Any = app_config.logging_config
        if getattr(logging_config, "log_exceptions", "never") != "never" and not isinstance(
            logging_config, type
        ):
            # Litestar would log the exception too; httpfault logs each error once.
            with contextlib.suppress(TypeError):  # a logging config that is no dataclass
                app_config.logging_config = dataclasses.replace(
                    logging_config, log_exceptions="never"
                )
        return app_config

    def receive_route(self, route: BaseRoute) -> None:
        """Let each handler list httpfault classes in ``raises`` (for the document)."""
        document_route(route)

    def handle_exception(self, request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
        """A Litestar exception handler: *exc* answered in the contract, logged once."""
        scope = request.scope
        error: BaseException | None = exc
        if not isinstance(exc, HTTPError):
            try:
                error = litestar_error(exc, self.config)
            except Exception as failure:  # a broken header in an HTTPException, say
                self._logger.debug("could not translate %r", exc, exc_info=failure)
                error = exc
        if error is None:  # an HTTPException whose status is not an error (a 304)
            status = getattr(exc, "status_code", 500)
            return Response(b"", status_code=status, headers=getattr(exc, "headers", None))
        info = request_info(scope)
        rendered = handle(error, self.config, info, logger=self._logger)
        return ErrorResponse(rendered, head=info.method == "HEAD")


def _request_class(base: type[Request[Any, Any, Any]] | None) -> type[Request[Any, Any, Any]]:
    """The app's request class with :class:`JSONRequest`'s ``json()``."""
    if base is None or base is Request:
        return JSONRequest
    if issubclass(base, JSONRequest):
        return base
    return type(base.__name__, (JSONRequest, base), {"__doc__": base.__doc__})
