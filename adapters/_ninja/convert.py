"""Django Ninja's own exceptions as httpfault errors."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

import httpfault
from httpfault import Config, HTTPError, error_class

from .._django.convert import django_error, is_mapped

__all__ = ["SINGLE_BODY_ATTR", "ninja_error", "validation_details"]

SINGLE_BODY_ATTR = "_httpfault_single_body"
"""Where a Ninja ``ValidationError`` carries the names that stand for the whole body."""

# Ninja's own texts: the defaults of its exceptions, and its malformed-body message.
_DEFAULT_TEXTS = frozenset({"Unauthorized", "Forbidden", "Too many requests."})
_PARSE_FAILED = "Cannot parse request body"
_BODY_SOURCES = {"form": "body", "file": "body"}


def ninja_error(
    exc: BaseException, config: Config, challenges: Sequence[str], request: Any = None
) -> BaseException:
    """Translate Ninja's (and Django's) exceptions into :class:`HTTPError`.

    *challenges* are the ``WWW-Authenticate`` values of a 401. Anything else is
    returned as it is, for the core to answer (``exception_map``, a safe 500). Ninja's
    ``ValidationError`` is answered from its :func:`validation_details` instead.
    """
    if isinstance(exc, HTTPError) or is_mapped(exc, config):
        return exc
    error: HTTPError
    if isinstance(exc, HttpError):
        cause = exc.__cause__
        if isinstance(cause, HTTPError):  # raised by the body parser: a 415
            return cause
        if exc.status_code == 400 and str(exc).startswith(_PARSE_FAILED) and cause is not None:
            error = error_class(config.malformed_body_status)()
        else:
            error = _http_error(exc, challenges)
    else:
        return django_error(exc, config, request)
    error.__cause__ = exc
    return error


def _http_error(exc: HttpError, challenges: Sequence[str]) -> HTTPError:
    status = exc.status_code
    text = str(exc)
    detail = None if (not text or text in _DEFAULT_TEXTS) else text
    if status == 401:
        return httpfault.Unauthorized(detail, www_authenticate=list(challenges))
    if isinstance(exc, Throttled):
        wait = exc.wait
        retry = None if wait is None else max(0, math.ceil(wait))
        return httpfault.TooManyRequests(detail, retry_after=retry)
    try:
        cls = error_class(status)
    except LookupError:
        cls = httpfault.InternalServerError if status >= 500 else httpfault.BadRequest
    if isinstance(exc, AuthenticationError) or cls.title == detail:
        detail = None
    return cls(detail)


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    """Ninja's ``errors`` as pydantic-style details whose ``loc`` leads with the part of
    the request (``body`` for a form or a file), without the name of a parameter that
    stands for the whole body (for :func:`httpfault._handling.handle_details`)."""
    single: frozenset[tuple[str, str]] = getattr(exc, SINGLE_BODY_ATTR, frozenset())
    details = []
    items: list[Any] = list(exc.errors)
    for item in items:
        if not isinstance(item, dict):
            continue
        loc = tuple(item.get("loc", ()))
        if loc:
            source = str(loc[0])
            rest = loc[1:]
            if rest and (source, rest[0]) in single:
                rest = rest[1:]
            loc = (_BODY_SOURCES.get(source, source), *rest)
        details.append({**item, "loc": loc})
    return details
