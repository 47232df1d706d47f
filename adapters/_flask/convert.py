"""Werkzeug's own errors as httpfault errors: status, headers, and a detail only if yours.

Werkzeug and Flask raise ``HTTPException`` subclasses with their own wording (a class
``description``, or a sentence such as ``"Failed to decode JSON object: ..."``). That
wording is not part of the contract: an error the framework made answers with the
catalogue's default message, exactly like the same error in every other framework. A
description *you* gave (``abort(404, "No such user")``, ``raise NotFound("...")``, or a
subclass of your own with its own ``description``) is kept.

Flask-Limiter's ``RateLimitExceeded`` is a 429 whose ``RateLimit-Policy`` header states
the limit that was hit (Flask-Limiter's own headers are added by its ``after_request``
hook, which runs on the error response too); its description is kept only when it is
the limit's own ``error_message``, not the limit's text (``"2 per 1 minute"``).
"""

from __future__ import annotations

from functools import lru_cache
from types import TracebackType
from typing import Any

from .._extras import missing_extra
from .._limits import limit_of, policy

try:
    from werkzeug.exceptions import BadRequest, HTTPException
    from werkzeug.exceptions import MethodNotAllowed as WerkzeugMethodNotAllowed
    from werkzeug.http import HTTP_STATUS_CODES
except ImportError as exc:  # pragma: no cover - exercised without Flask installed
    raise missing_extra("flask", "Flask", "flask") from exc

from httpfault import (
    ClientError,
    HTTPError,
    MethodNotAllowed,
    ServerError,
    TooManyRequests,
    error_class,
)
from httpfault._config import Config
from httpfault._convert import with_field_errors
from httpfault._errors import code_for

from .webargs import webargs_field_errors
from .werkzeug_compat import instance_description

__all__ = ["from_werkzeug", "is_json_too_deep", "is_undecodable_json", "raised_by_framework"]

# Quart raises werkzeug's exceptions from its own modules too.
_FRAMEWORKS = ("werkzeug", "flask", "quart")
# Headers of werkzeug's HTML page, not of the error. ``Allow`` is kept: werkzeug's
# ``MethodNotAllowed`` gives it as ``valid_methods`` too, and the error's own wins.
_SKIPPED = frozenset({"content-type", "content-length"})


def from_werkzeug(exc: HTTPException, config: Config) -> HTTPError | None:
    """The httpfault error for a werkzeug ``HTTPException``, or ``None`` to leave it alone.

    Left alone: exceptions without a 4xx/5xx ``code`` (``RequestRedirect`` is a 308,
    ``abort(response)`` has none) and exceptions that carry their own ``response``.
    """
    code = exc.code
    if code is None or not 400 <= code <= 599 or exc.response is not None:
        return None
    framework = raised_by_framework(exc)
    error: HTTPError
    if framework and exc.__class__ is BadRequest:
        # Flask's get_json() on a body that is not JSON: the contract's malformed body.
        error = error_class(config.malformed_body_status)()
        error.__cause__ = exc
        return error
    if code in (422, config.validation_status):
        errors = webargs_field_errors(getattr(exc, "data", None))
        if errors is not None:  # webargs (flask-smorest's @blp.arguments) failed to parse
            error = with_field_errors(config.validation_status, errors)
            error.__cause__ = exc
            return error
    detail = None if framework else user_description(exc)
    headers = _headers(exc)
    error_type = _class_for(code)
    limit = limit_of(exc, exc.code, "flask_limiter")
    if limit is not None:
        own_message = getattr(limit, "error_message", None)
        error = TooManyRequests(
            detail if own_message else None, headers=headers, ratelimit=policy(limit.limit)
        )
    elif issubclass(error_type, MethodNotAllowed):
        allow = exc.valid_methods if isinstance(exc, WerkzeugMethodNotAllowed) else None
        error = error_type(detail, allow=allow, headers=headers)
    else:
        error = error_type(detail, headers=headers)
    error.__cause__ = exc
    return error


def user_description(exc: HTTPException) -> str | None:
    """The description given by the user, or ``None`` for werkzeug's class default."""
    value: Any = instance_description(exc)
    if value is None:
        for klass in exc.__class__.__mro__:
            if "description" in klass.__dict__:
                if klass.__module__.split(".", 1)[0] in _FRAMEWORKS:
                    return None
                value = klass.__dict__["description"]
                break
    return value if isinstance(value, str) and value else None


def raised_by_framework(exc: BaseException) -> bool:
    """Whether werkzeug or Flask raised *exc* itself (``abort()`` counts as the user's)."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    module = str(frame.f_globals.get("__name__", ""))
    if module.split(".", 1)[0] not in _FRAMEWORKS:
        return False
    # werkzeug.exceptions.Aborter.__call__ raises for flask.abort() and werkzeug.abort().
    return not (module == "werkzeug.exceptions" and frame.f_code.co_name == "__call__")


def is_json_too_deep(exc: BaseException) -> bool:
    """Whether *exc* is a ``RecursionError`` from decoding a request's JSON body."""
    if not isinstance(exc, RecursionError):
        return False
    return _from_get_json(exc)


def is_undecodable_json(exc: BaseException) -> bool:
    """Whether *exc* is a request's JSON body failing to decode outside the JSON parser.

    Nesting too deep (``RecursionError``), and bytes that are not UTF-8: Quart decodes
    the body before parsing it, outside the ``try`` that turns parse errors into
    ``BadRequest``.
    """
    if not isinstance(exc, (RecursionError, UnicodeDecodeError)):
        return False
    return _from_get_json(exc)


def _from_get_json(exc: BaseException) -> bool:
    """Whether *exc* went through the framework's ``get_json`` on its way up."""
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "get_json":
            module = str(frame.f_globals.get("__name__", ""))
            if module.split(".", 1)[0] in _FRAMEWORKS:
                return True
        tb = tb.tb_next
    return False


def _headers(exc: HTTPException) -> dict[str, str]:
    """The headers werkzeug would send (``WWW-Authenticate``, ``Retry-After``, ...)."""
    headers: dict[str, str] = {}
    for name, value in exc.get_headers():
        if name.lower() in _SKIPPED:
            continue
        text = str(value).strip()  # RFC 9110 §5.5: no surrounding whitespace
        headers[name] = f"{headers[name]}, {text}" if name in headers else text
    return headers


@lru_cache(maxsize=64)
def _class_for(code: int) -> type[HTTPError]:
    """Our class for *code*; for a status the catalogue lacks, a subclass made once."""
    try:
        return error_class(code)
    except LookupError:
        title = HTTP_STATUS_CODES.get(code, f"Error {code}")
        namespace = {
            "status": code,
            "title": title,
            "code": code_for(title),
            "default_detail": f"{title}.",
            "__module__": __name__,
        }
        base: type[HTTPError] = ClientError if code < 500 else ServerError
        return type(f"HTTP{code}", (base,), namespace)
