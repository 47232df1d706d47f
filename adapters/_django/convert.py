"""Django's own exceptions as httpfault errors.

django-ratelimit's ``Ratelimited`` (a ``PermissionDenied``) is a 429, not a 403.

Django's exception texts are Django's wording (``No User matches the given query.``,
``Invalid HTTP_HOST header: ...``): they are kept as a detail that is not exposed, so they
reach the log but the client gets the catalogue's sentence, the same in every framework.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.functional import Promise

try:  # django-ratelimit, when installed: its exception is a rate limit, not a 403.
    from django_ratelimit.exceptions import Ratelimited  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - exercised without django-ratelimit installed
    _RATELIMITED: tuple[type[BaseException], ...] = ()
else:
    _RATELIMITED = (Ratelimited,)

import httpfault
from httpfault import Config, FieldError, HTTPError, error_class
from httpfault._convert import with_field_errors

__all__ = ["django_error", "field_errors", "is_mapped"]

NEUTRAL_MESSAGE = "Invalid value."
"""Sent instead of a validation message that would quote the submitted value."""


def is_mapped(exc: BaseException, config: Config) -> bool:
    """Whether ``config.exception_map`` has an entry for *exc* (it then wins)."""
    if not config.exception_map:
        return False
    return any(base in config.exception_map for base in type(exc).__mro__)


def django_error(exc: BaseException, config: Config, request: Any = None) -> BaseException:
    """Translate Django's exceptions into :class:`HTTPError`; return anything else unchanged.

    ``exception_map`` entries win over this translation. A ``SuspiciousOperation`` is also
    reported to its ``django.security.<Name>`` logger, as Django itself does.
    """
    if isinstance(exc, HTTPError) or is_mapped(exc, config):
        return exc
    error: HTTPError
    if isinstance(exc, Http404):
        error = httpfault.NotFound(_text(exc), expose=False)
    elif isinstance(exc, _RATELIMITED):
        error = httpfault.TooManyRequests(_text(exc), expose=False)
    elif isinstance(exc, PermissionDenied):
        error = httpfault.Forbidden(_text(exc), expose=False)
    elif isinstance(exc, SuspiciousOperation):
        if isinstance(exc, RequestDataTooBig):
            error = httpfault.ContentTooLarge(_text(exc), expose=False)
        else:
            error = httpfault.BadRequest(_text(exc), expose=False)
        _security_log(exc, error.status, request)
    elif isinstance(exc, MultiPartParserError):
        error = error_class(config.malformed_body_status)(_text(exc), expose=False)
    elif isinstance(exc, BadRequest):
        error = httpfault.BadRequest(_text(exc), expose=False)
    elif isinstance(exc, ValidationError):
        error = with_field_errors(config.validation_status, field_errors(exc))
    else:
        return exc
    error.__cause__ = exc
    return error


def field_errors(exc: ValidationError) -> list[FieldError]:
    """The field errors of a Django ``ValidationError`` (``message_dict`` -> JSON Pointers).

    Errors of a field point at it (``#/email``); errors of no field (``NON_FIELD_ERRORS``,
    or a plain list) point at the whole body (``#``). ``code`` is Django's (``invalid``
    when there is none). A message that would quote the submitted value is replaced.
    """
    result: list[FieldError] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            path: tuple[str, ...] = () if field == NON_FIELD_ERRORS else (str(field),)
            result.extend(_field_error(path, error) for error in errors)
    else:
        result.extend(_field_error((), error) for error in exc.error_list)
    return result


def _field_error(path: tuple[str, ...], error: ValidationError) -> FieldError:
    return FieldError(path, _message(error), code=str(error.code or "invalid"))


def _message(error: ValidationError) -> str:
    template = str(error.message)
    params = error.params
    if not params:
        return template
    if isinstance(params, dict) and "value" in params and "%(value)" in template:
        return NEUTRAL_MESSAGE  # Django's messages that quote the input ("“x” is not...")
    try:
        return template % params
    except (TypeError, ValueError, KeyError):
        return template


def _text(exc: BaseException) -> str | None:
    arg = exc.args[0] if exc.args else None
    if isinstance(arg, (str, Promise)):
        return str(arg) or None
    return None


def _security_log(exc: SuspiciousOperation, status: int, request: Any) -> None:
    logger = logging.getLogger(f"django.security.{exc.__class__.__name__}")
    logger.error(str(exc), exc_info=exc, extra={"status_code": status, "request": request})
