"""Django REST framework adapter: ``exception_handler`` answering in httpfault's contract.

::

    REST_FRAMEWORK = {
        "EXCEPTION_HANDLER": "httpfault.adapters.drf.exception_handler",
        "DEFAULT_CONTENT_NEGOTIATION_CLASS": "httpfault.adapters.drf.ContentNegotiation",
    }

The whole ``APIException`` family is translated (headers kept: ``WWW-Authenticate`` of
the authenticator, ``Retry-After`` of ``Throttled``, ``Allow`` of a 405), serializer
errors become field errors with JSON Pointers and DRF's codes, and everything else a
view raises (``HTTPError``, Django's exceptions, pydantic errors, ``exception_map``
entries, any other exception as a safe 500) answers as the Django adapter does. The
configuration is the ``HTTPFAULT`` setting (see ``httpfault.adapters.django``).

With drf-spectacular (extra ``drf-spectacular``), ``AutoSchema`` documents these errors
in the OpenAPI document: ``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] =
"httpfault.adapters.drf.AutoSchema"``, and ``responses(EmailTaken, ...)`` for a view's
``extend_schema(responses=...)``.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._extras import missing_extra

try:
    from rest_framework import exceptions as drf_exceptions  # type: ignore[import-untyped]
    from rest_framework.negotiation import (  # type: ignore[import-untyped]
        DefaultContentNegotiation,
    )
    from rest_framework.parsers import BaseParser  # type: ignore[import-untyped]
except ImportError as _missing:  # pragma: no cover - exercised without DRF installed
    raise missing_extra("drf", "Django REST framework", "drf") from _missing

import httpfault
from httpfault import Config, HTTPError, error_class
from httpfault._convert import with_field_errors
from httpfault._request import _quality

from ._django.convert import is_mapped
from ._django.django_compat import django_request
from ._django.drf_fields import drf_field_errors, is_default_detail
from ._django.respond import ErrorResponse, options_for, respond

if TYPE_CHECKING:
    from ._django.schema import AutoSchema, responses

__all__ = ["AutoSchema", "ContentNegotiation", "drf_error", "exception_handler", "responses"]

_SCHEMA_NAMES = frozenset({"AutoSchema", "ErrorResponses", "responses"})


def __getattr__(name: str) -> Any:
    """``AutoSchema`` and ``responses`` load drf-spectacular only when first used."""
    if name in _SCHEMA_NAMES:
        try:
            from ._django import schema
        except ImportError as exc:
            if exc.name is None or not exc.name.startswith("drf_spectacular"):
                raise
            raise ImportError(
                f"httpfault.adapters.drf.{name} needs drf-spectacular: "
                "pip install 'httpfault[drf-spectacular]'"
            ) from exc
        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ContentNegotiation(DefaultContentNegotiation):  # type: ignore[misc]
    """DRF's content negotiation, for clients that accept ``application/problem+json``.

    Such a client (one that wants its errors as RFC 9457 problems) may send only
    ``Accept: application/problem+json``. No DRF renderer declares that type, so DRF
    would answer every request, successes and errors alike, with a 406 before the view
    runs. Here the view's JSON renderer is chosen instead: a success is the view's JSON
    answer, and an error is answered by :func:`exception_handler` in the contract (in
    problem+json under ``format="auto"`` or ``"problem"``), as in every other framework.
    Any other Accept is negotiated as DRF does; a ``?format=`` suffix too.
    """

    def select_renderer(
        self, request: Any, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        try:
            return super().select_renderer(request, renderers, format_suffix)  # type: ignore[no-any-return]
        except drf_exceptions.NotAcceptable:
            if format_suffix or not _accepts_problem(request):
                raise
            json_renderers = [r for r in renderers if r.media_type == "application/json"]
            if not json_renderers:
                raise
            return json_renderers[0], json_renderers[0].media_type


def _accepts_problem(request: Any) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    return isinstance(accept, str) and _quality(accept, "application", "problem+json") > 0


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> ErrorResponse:
    """DRF's ``EXCEPTION_HANDLER``: answer *exc* in the contract; never returns ``None``.

    An unhandled exception becomes a safe 500, logged once with its traceback on the
    ``django.request`` logger (and ``got_request_exception`` is sent, as Django does).
    """
    # Imported here: DRF's views module reads DEFAULT_CONTENT_NEGOTIATION_CLASS (this
    # module's ContentNegotiation) as it loads, so this module must load without it.
    from rest_framework.views import set_rollback  # type: ignore[import-untyped]

    drf_request = context.get("request")
    request = django_request(drf_request)
    options = options_for(request)
    error = drf_error(exc, options.config, context)
    set_rollback()
    response = respond(request, error, options, signal=True)
    for name, value in response.rendered.headers:
        if name.lower() == "allow":
            # DRF copies the view's own Allow header onto every response; keep ours on a 405.
            view_headers = getattr(context.get("view"), "headers", None)
            if isinstance(view_headers, dict):
                view_headers["Allow"] = value
    return response


def drf_error(exc: BaseException, config: Config, context: Mapping[str, Any]) -> BaseException:
    """Translate DRF's exceptions into :class:`HTTPError`; return anything else unchanged."""
    if isinstance(exc, HTTPError) or is_mapped(exc, config):
        return exc
    error: HTTPError
    if isinstance(exc, drf_exceptions.ValidationError):
        errors = [] if _only_default(exc) else drf_field_errors(exc.detail, *_sent(context))
        error = with_field_errors(config.validation_status, errors)
    elif isinstance(exc, drf_exceptions.ParseError):
        # DRF's parsers put the parser's own message here ("JSON parse error - ...").
        error = error_class(config.malformed_body_status)()
    elif isinstance(exc, drf_exceptions.APIException):
        error = _api_error(exc, context)
    elif isinstance(exc, (ValueError, RecursionError)) and _raised_by_parser(exc):
        error = error_class(config.malformed_body_status)()  # e.g. JSON nested too deep
    else:
        return exc
    error.__cause__ = exc
    return error


def _api_error(exc: Any, context: Mapping[str, Any]) -> HTTPError:
    status = exc.status_code
    try:
        cls = error_class(status)
    except LookupError:
        cls = httpfault.InternalServerError if status >= 500 else httpfault.BadRequest
    detail = exc.detail
    text: str | None = None
    errors = None
    if isinstance(detail, (list, dict)):
        errors = drf_field_errors(detail)
    elif not is_default_detail(exc):
        text = str(detail)
    headers: dict[str, str] = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = str(auth_header)
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = str(math.ceil(wait))
    if cls is httpfault.MethodNotAllowed:
        allowed = getattr(context.get("view"), "allowed_methods", None)
        return httpfault.MethodNotAllowed(text, errors=errors, headers=headers, allow=allowed)
    return cls(text, errors=errors, headers=headers)


def _sent(context: Mapping[str, Any]) -> tuple[Any, ...]:
    """``(request.data,)``: what the client sent, as the view read it; ``()`` if unknown."""
    request = context.get("request")
    if request is None:
        return ()
    try:
        return (request.data,)
    except Exception:  # a parser failing now: the message stays as DRF made it
        return ()


def _only_default(exc: Any) -> bool:
    """A bare ``ValidationError()``: DRF's "Invalid input." is no field error at all."""
    detail = exc.detail
    return (
        isinstance(detail, list)
        and len(detail) == 1
        and str(detail[0]) == str(drf_exceptions.ValidationError.default_detail)
    )


def _raised_by_parser(exc: BaseException) -> bool:
    """Whether *exc* escaped from a DRF parser (which turns only some errors into 400s)."""
    return any(
        isinstance(frame.f_locals.get("self"), BaseParser)
        for frame, _ in traceback.walk_tb(exc.__traceback__)
    )
