"""Litestar's own exceptions as httpfault errors; request facts from its ASGI scope.

Nothing here renders: the plugin hands the translated error to
:func:`httpfault._handling.handle`.
"""

from __future__ import annotations

import http.client
import re
from typing import Any

try:
    from litestar.exceptions import (
        HTTPException,
        SerializationException,
        ValidationException,
    )
    from msgspec import DecodeError
except ImportError as _missing:  # pragma: no cover - exercised without Litestar installed
    raise ImportError(
        "httpfault.adapters.litestar needs Litestar: pip install 'httpfault[litestar]'"
    ) from _missing

from pydantic import ValidationError as PydanticValidationError

from httpfault import (
    BadRequest,
    Config,
    FieldError,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    RequestInfo,
)
from httpfault._catalog_data import TEXTS
from httpfault._convert import error_class, with_field_errors
from httpfault._fields import field_errors_from_pydantic

__all__ = ["MalformedBody", "is_malformed_body", "litestar_error", "request_info"]


class MalformedBody(Exception):
    """A JSON body that does not decode in a way Litestar does not report itself.

    msgspec raises ``RecursionError`` for nesting too deep, and Litestar reads an empty
    body as ``null`` even where the client declared JSON: both are malformed bodies.
    """


_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
_MISSING = ("Object missing required field", "Missing required")
_NEUTRAL = "Invalid value."
# Litestar's own detail for a failed validation: it quotes the path and the query string.
_LITESTAR_VALIDATION = "Validation failed for "
# Litestar's ValidationException for a parameter that was not sent at all.
_MISSING_PARAM = re.compile(r"^Missing required (query|header|cookie|path) parameter '([^']*)'")
_KEY_ERROR = re.compile(r"^'[^']*'$")
# ``items[0].name`` -> ``items``, ``0``, ``name``
_KEY_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def request_info(scope: Any) -> RequestInfo:
    """The request as rendering sees it: method, path as sent, raw ASGI headers."""
    raw = scope.get("raw_path")
    if raw:  # the path as sent; ASGI servers leave the query out of it
        path = raw.decode("latin-1").partition("?")[0]
    else:
        path = scope.get("root_path", "") + scope.get("path", "/")
    return RequestInfo(scope["method"], path, scope["headers"])


def is_malformed_body(exc: BaseException) -> bool:
    """Whether *exc* is Litestar's report of a request body that does not decode.

    Litestar raises ``SerializationException`` (from msgspec's ``DecodeError``) when
    the body is not valid JSON (or MessagePack), and wraps it in a ``ClientException``
    when it read the body for a handler's ``data``. A ``SerializationException`` made
    while encoding a response is the server's fault and is not one of these.
    """
    if isinstance(exc, MalformedBody):
        return True
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 4:
        if isinstance(current, SerializationException):
            return isinstance(current.__cause__, DecodeError)
        current = current.__cause__
        seen += 1
    return False


def litestar_error(exc: BaseException, config: Config) -> BaseException | None:
    """Litestar's exception *exc* as an :class:`HTTPError`; others as they are.

    ``None`` for an ``HTTPException`` whose status is not an error (raised to stop
    early), which the caller answers with an empty response of that status.
    """
    if isinstance(exc, HTTPError):
        return exc
    if isinstance(exc, ValidationException):
        return _validation_error(exc, config)
    if is_malformed_body(exc):
        error: HTTPError = error_class(config.malformed_body_status)()
    elif isinstance(exc, HTTPException):
        return _http_error(exc)
    else:
        return exc
    error.__cause__ = exc
    return error


def _is_default_detail(status: int, detail: object) -> bool:
    if not detail:
        return True
    if detail == http.client.responses.get(status):  # Python's phrase (HTTPStatus's)
        return True
    text = TEXTS.get(status)
    return text is not None and detail in (text.title, text.message)


def _http_error(exc: HTTPException) -> HTTPError | None:
    status = exc.status_code
    detail = None if _is_default_detail(status, exc.detail) else str(exc.detail)
    headers = dict(exc.headers) if exc.headers else {}
    try:
        cls = error_class(status)
    except LookupError:
        if not isinstance(status, int) or not 400 <= status <= 599:
            return None
        cls = BadRequest if status < 500 else InternalServerError
    error: HTTPError
    if cls is MethodNotAllowed:
        allow = None
        for name in list(headers):
            # Litestar 2.19 and 2.20 named it "allowed"
            if name.lower() in ("allow", "allowed"):
                allow = [m.strip() for m in headers.pop(name).split(",") if m.strip()]
        error = MethodNotAllowed(detail, allow=allow, headers=headers)
    else:
        error = cls(detail, headers=headers)
    error.__cause__ = exc
    return error


def _validation_error(exc: ValidationException, config: Config) -> HTTPError:
    """Field errors with JSON Pointers; the submitted values are never sent back."""
    pydantic_error = _pydantic_cause(exc)
    missing = _MISSING_PARAM.match(exc.detail or "")
    if missing is not None:
        where, name = missing.groups()
        errors = [FieldError([name], "Field required", code="missing", in_=where)]  # type: ignore[arg-type]
        error = with_field_errors(config.validation_status, errors)
        error.__cause__ = exc
        return error
    if pydantic_error is not None:
        # A pydantic model as the handler's ``data``: pydantic's own errors, in the body.
        # Asked of pydantic itself: the error dicts Litestar keeps lack the submitted
        # values for a model that hides them, and the no-echo rule needs them.
        errors = field_errors_from_pydantic(pydantic_error)
        error = with_field_errors(config.validation_status, errors)
        # Its debug member shows pydantic's error, as where the application validates.
        error.__cause__ = pydantic_error
        return error
    error = with_field_errors(config.validation_status, _message_errors(exc.extra))
    detail = exc.detail
    if detail and not detail.startswith(_LITESTAR_VALIDATION) and detail != "Bad Request":
        error.detail = str(detail)
    error.__cause__ = exc
    return error


def _pydantic_cause(exc: BaseException) -> PydanticValidationError | None:
    current = exc.__cause__
    for _ in range(3):
        if current is None:
            return None
        if isinstance(current, PydanticValidationError):
            return current
        current = current.__cause__
    return None


def _message_errors(extra: object) -> list[FieldError]:
    """Field errors of Litestar's validation messages (``key``, ``message``, ``source``)."""
    if not isinstance(extra, list):
        return []
    errors: list[FieldError] = []
    for item in extra:
        if not isinstance(item, dict):
            continue
        message = item.get("message")
        text = message if isinstance(message, str) and message else _NEUTRAL
        key = item.get("key")
        source = item.get("source")
        where = source if isinstance(source, str) and source in _LOCATIONS else "body"
        path: list[str | int] = []
        if isinstance(key, str) and key and not (where == "body" and key == "data"):
            # Litestar names body fields without the ``data.`` prefix; ``data`` alone
            # is the whole body.
            path = [int(i) if i else name for i, name in _KEY_PART.findall(key)]
        if _KEY_ERROR.match(text):  # a field not there at all, worded as a KeyError
            errors.append(FieldError(path, "Field required", code="missing", in_=where))  # type: ignore[arg-type]
            continue
        code = "missing" if text.startswith(_MISSING) else "invalid"
        errors.append(FieldError(path, _safe(text), code=code, in_=where))  # type: ignore[arg-type]
    return errors


def _safe(message: str) -> str:
    """msgspec's message, unless it quotes the submitted value (``Invalid enum value 'x'``)."""
    if message.startswith("Invalid enum value") or "'" in message:
        return _NEUTRAL
    return message
