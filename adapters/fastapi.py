"""FastAPI adapter: ``install(app, config)`` and ``responses(...)`` for a route's docs.

Builds on the Starlette adapter and adds FastAPI's own errors: ``RequestValidationError``
(the configured validation status, 422, with field errors), malformed request bodies
(the configured malformed-body status, 400), a body that is not JSON where the route reads
JSON (415, as ``read_json`` and the other adapters answer) and FastAPI's
``HTTPException``. The OpenAPI document lists every error an operation can answer, in
the installed format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from ._extras import missing_extra

try:
    from fastapi import FastAPI
    from fastapi.exception_handlers import (
        http_exception_handler,
        request_validation_exception_handler,
    )
    from fastapi.exceptions import RequestValidationError
except ImportError as exc:  # pragma: no cover - exercised without fastapi installed
    raise missing_extra("fastapi", "FastAPI", "fastapi") from exc

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from httpfault import Config, HTTPError, UnsupportedMediaType
from httpfault._convert import error_class, with_field_errors
from httpfault._fields import field_errors_from_details
from httpfault._handling import handle_details

from . import starlette as _starlette
from ._asgi.convert import request_info
from ._asgi.openapi import install_openapi, responses
from ._asgi.response import ErrorResponse

__all__ = ["ErrorMiddleware", "install", "responses"]

# FastAPI's own text when reading the body failed (invalid UTF-8, nesting too deep...).
_BODY_PARSE_DETAIL = "There was an error parsing the body"
_MALFORMED_TYPES = frozenset({"json_invalid"})


class ErrorMiddleware(_starlette.ErrorMiddleware):
    """The Starlette middleware, knowing FastAPI's validation and body errors too."""

    _claimed: ClassVar[tuple[type[Exception], ...]] = (HTTPException, RequestValidationError)

    async def handle_validation_error(self, request: Request, exc: Exception) -> Response:
        """The exception handler for ``RequestValidationError``.

        Details that are all dicts, none of a malformed body, go to the core as they are,
        so a repeated shape of errors is answered from the cache of rendered answers.
        """
        if body_not_json(exc, request.scope):
            return self.response_for(UnsupportedMediaType(), request.scope)
        if type(exc) is RequestValidationError:
            details = exc.errors()
            if isinstance(details, (list, tuple)) and all(
                d.__class__ is dict and d.get("type") not in _MALFORMED_TYPES for d in details
            ):
                info = request_info(request.scope)
                rendered = handle_details(details, self.config, info, logger=self._logger)
                return ErrorResponse(rendered, head=info.method == "HEAD")
        return self.response_for(exc, request.scope)

    def response_for(self, exc: BaseException, scope: Scope) -> Response:
        """A body that is not JSON where the route reads JSON is a 415; the rest as usual."""
        if body_not_json(exc, scope):
            exc = UnsupportedMediaType()
        return super().response_for(exc, scope)

    def translate(self, exc: BaseException) -> BaseException | None:
        """FastAPI's errors as ``HTTPError``; the rest as the Starlette adapter does."""
        if isinstance(exc, RequestValidationError):
            return self._validation_error(exc)
        if (
            isinstance(exc, HTTPException)
            and exc.status_code == 400
            and exc.detail == _BODY_PARSE_DETAIL
            and exc.__cause__ is not None
        ):
            error = error_class(self.config.malformed_body_status)()
            error.__cause__ = exc.__cause__
            return error
        return super().translate(exc)

    def _validation_error(self, exc: RequestValidationError) -> HTTPError:
        details = exc.errors()
        if not isinstance(details, (list, tuple)):
            details = list(details)
        cfg = self.config
        for detail in details:
            if isinstance(detail, dict) and detail.get("type") in _MALFORMED_TYPES:
                return error_class(cfg.malformed_body_status)()
        errors = field_errors_from_details(details, location_first=True)
        return with_field_errors(cfg.validation_status, errors)

    def _handler_for(self, exc_type: type[Exception]) -> Callable[..., Any]:
        if exc_type is RequestValidationError:
            return self.handle_validation_error
        return self.handle_exception

    def _is_default_handler(self, handler: Callable[..., Any]) -> bool:
        func = getattr(handler, "__func__", handler)
        return func in (
            http_exception_handler,
            request_validation_exception_handler,
            ErrorMiddleware.handle_validation_error,
        ) or super()._is_default_handler(handler)


def body_not_json(exc: BaseException, scope: Scope) -> bool:
    """Whether *exc* says the body of a route reading JSON was sent in another media type.

    FastAPI parses the body as JSON only for a JSON content type (``application/json``,
    ``application/*+json``); any other body reaches validation as its raw text, and fails
    there as a whole (``loc`` is just ``("body",)``, the ``input`` a str or bytes).
    """
    if not isinstance(exc, RequestValidationError) or _is_json(scope):
        return False
    details = exc.errors()
    if not isinstance(details, (list, tuple)):
        return False
    return any(
        isinstance(detail, dict)
        and tuple(detail.get("loc") or ()) == ("body",)
        and isinstance(detail.get("input"), (str, bytes))
        for detail in details
    )


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers") or ():
        if name.lower() == b"content-type":
            media: str = value.decode("latin-1").partition(";")[0].strip().lower()
            return media == "application/json" or (
                media.startswith("application/") and media.endswith("+json")
            )
    return False


def install(
    app: FastAPI, config: Config | None = None, *, serve_types: Iterable[type[HTTPError]] = ()
) -> Config:
    """Make every error *app* answers, and its OpenAPI document, follow the contract.

    Everything :func:`httpfault.adapters.starlette.install` does, plus FastAPI's
    validation and body-parsing errors, and the OpenAPI side: the default 422 schema is
    replaced by httpfault's, shared schemas become components, and every operation
    lists 422 and 400 where it takes input and 500 everywhere. Routes added after
    ``install()`` are documented the same way. Returns the config in use.

    *serve_types* lists custom problem types whose HTML pages to serve at their type
    URI's path (see :func:`httpfault.adapters.starlette.install`); the pages stay out of
    the OpenAPI document.
    """
    cfg = _starlette.install(app, config, middleware=ErrorMiddleware, serve_types=serve_types)
    install_openapi(app, cfg)
    return cfg
