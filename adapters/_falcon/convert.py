"""Falcon's own errors as httpfault errors: status, headers, and a detail only if yours.

Falcon words the errors it makes itself (``HTTPRouteNotFound``, the 405 of a resource
without the responder, ``MediaMalformedError``...). That wording is not part of the
contract: an error Falcon made answers with the catalogue's default message, exactly like
the same error in every other framework. A ``description`` *you* gave
(``raise falcon.HTTPNotFound(description="No such user")``) is kept; so is the sentence
of Falcon's parameter and header errors (``The "limit" parameter is required.``), which
tells the client what to fix. A 415 carries no description, yours included: Falcon's own
quotes the request's ``Content-Type``, which is never echoed.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

try:
    import falcon
    from falcon import (
        HTTPError as FalconHTTPError,
    )
    from falcon import (
        HTTPInvalidHeader,
        HTTPInvalidParam,
        HTTPMissingHeader,
        HTTPMissingParam,
        HTTPUnsupportedMediaType,
        MediaMalformedError,
        MediaNotFoundError,
        MediaValidationError,
    )
except ImportError as exc:  # pragma: no cover - exercised without Falcon installed
    raise ImportError(
        "httpfault.adapters.falcon needs Falcon: pip install 'httpfault[falcon]'"
    ) from exc

from httpfault import BadRequest, HTTPError, InternalServerError, MethodNotAllowed, error_class
from httpfault._config import Config

__all__ = ["from_falcon", "is_media_too_deep", "raised_by_falcon"]

_SKIPPED = frozenset({"content-type", "content-length", "allow"})
# Falcon's sentences naming what to fix in the request: the client needs them.
_KEPT = (HTTPInvalidParam, HTTPMissingParam, HTTPInvalidHeader, HTTPMissingHeader)
_MALFORMED = (MediaMalformedError, MediaNotFoundError)


def from_falcon(exc: FalconHTTPError, config: Config) -> HTTPError:
    """The httpfault error for one of Falcon's ``HTTPError`` family.

    An unregistered 4xx becomes a 400, an unregistered 5xx a 500. Falcon's media errors
    (a malformed or empty body) are the configured malformed-body status; a body that
    fails a media validator is the validation status, without the validator's words
    (which quote the submitted values).
    """
    status = falcon.http_status_to_code(exc.status)
    error: HTTPError
    if isinstance(exc, _MALFORMED):
        error = error_class(config.malformed_body_status)()
    elif isinstance(exc, MediaValidationError):
        error = error_class(config.validation_status)()
    else:
        headers = _headers(exc)
        detail = _detail(exc)
        try:
            cls = error_class(status)
        except LookupError:
            cls = BadRequest if status < 500 else InternalServerError
        if issubclass(cls, MethodNotAllowed):
            allow = [m.strip() for m in _header(exc, "allow").split(",") if m.strip()]
            error = cls(detail, allow=allow or None, headers=headers)
        else:
            error = cls(detail, headers=headers)
    error.__cause__ = exc
    return error


def _detail(exc: FalconHTTPError) -> str | None:
    if isinstance(exc, _KEPT):
        return exc.description
    if isinstance(exc, HTTPUnsupportedMediaType) or raised_by_falcon(exc):
        return None
    description = exc.description
    if description:
        return description
    # A title of your own with no description (HTTPForbidden(title="Account locked")).
    title = exc.title
    default = falcon.code_to_http_status(falcon.http_status_to_code(exc.status))
    return title if title and title != default else None


def raised_by_falcon(exc: BaseException) -> bool:
    """Whether Falcon raised *exc* itself (its router, responders, media handlers)."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    return module.split(".", 1)[0] == "falcon"


def is_media_too_deep(exc: BaseException) -> bool:
    """Whether *exc* is a ``RecursionError`` from decoding a request's media."""
    if not isinstance(exc, RecursionError):
        return False
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        module = str(frame.f_globals.get("__name__", ""))
        # Compiled Falcon (the 4.0 wheels) names the method "falcon.request.Request.get_media".
        name = frame.f_code.co_name
        if module.startswith("falcon.media") or (
            (name == "get_media" or name.endswith(".get_media"))
            and module.split(".", 1)[0] == "falcon"
        ):
            return True
        tb = tb.tb_next
    return False


def _pairs(exc: FalconHTTPError) -> list[tuple[str, str]]:
    raw: Any = exc.headers
    if not raw:
        return []
    items = raw.items() if isinstance(raw, dict) else raw
    return [(str(name), str(value)) for name, value in items]


def _header(exc: FalconHTTPError, name: str) -> str:
    return ", ".join(value for key, value in _pairs(exc) if key.lower() == name)


def _headers(exc: FalconHTTPError) -> dict[str, str]:
    """The headers Falcon would send (``WWW-Authenticate``, ``Retry-After``...)."""
    headers: dict[str, str] = {}
    for name, value in _pairs(exc):
        if name.lower() in _SKIPPED:
            continue
        text = value.strip()
        headers[name] = f"{headers[name]}, {text}" if name in headers else text
    return headers
