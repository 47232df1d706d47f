"""``render()``: an error to status, headers and body bytes. Pure; never raises."""

from __future__ import annotations

import logging
import traceback
from os import urandom
from typing import Any, NamedTuple

from ._catalog_data import TEXTS
from ._config import DEFAULT_CONFIG, Config, new_request_id
from ._errors import RESERVED_MEMBERS, HTTPError, code_for
from ._headers import check_header
from ._json import dumps, dumps_stdlib, jsonable_body
from ._request import RequestInfo, find_header, prefers_problem, safe_request_id, uri_reference

__all__ = [
    "JSON",
    "PROBLEM",
    "Rendered",
    "render",
    "render_with_id",
    "resolve_request_id",
    "wants_problem",
]

JSON = "application/json"
PROBLEM = "application/problem+json"
ABOUT_BLANK = "about:blank"
_SKIPPED_HEADERS = frozenset({"content-type", "content-length", "transfer-encoding"})
_log = logging.getLogger("httpfault")
_PHRASES = {status: text.title for status, text in TEXTS.items()}


class Rendered(NamedTuple):
    """A rendered error response."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def media_type(self) -> str:
        """The ``Content-Type`` of the body."""
        return self.headers[0][1]


_new_rendered = tuple.__new__


def render(
    error: HTTPError, config: Config | None = None, request: RequestInfo | None = None
) -> Rendered:
    """Render *error* as the response the contract describes.

    With *request*, the response carries a request id (the incoming one when it is safe
    to echo, else a new one), ``instance`` (problem format) and negotiates ``auto``
    format; a HEAD request gets no body. Rendering never raises: a body that cannot be
    encoded falls back to a minimal one of the same status, and the failure is logged.
    """
    cfg = config or DEFAULT_CONFIG
    return render_with_id(error, cfg, request, resolve_request_id(cfg, request))


def resolve_request_id(config: Config, request: RequestInfo | None) -> str | None:
    """The request id of an error response: the incoming one if safe, else a new one."""
    name = config.request_id_header
    if request is None or name is None:
        return None
    rid = find_header(request.headers, name, config._rid_lower, config._rid_bytes)
    if rid is not None:
        # Hex and UUID ids pass the cheap test; anything else must match the safe pattern.
        if len(rid) <= 128 and rid.isascii() and rid.replace("-", "").isalnum():
            return rid
        if safe_request_id(rid) is not None:
            return rid
    factory = config.request_id_factory
    if factory is None:
        return None
    if factory is new_request_id:
        return urandom(16).hex()  # what new_request_id() returns: always safe to echo
    return safe_request_id(factory())


def render_with_id(
    error: HTTPError,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    *,
    strict: bool = False,
) -> Rendered:
    """:func:`render` with the request id already chosen (adapters log it too).

    *strict* raises where rendering fails, instead of logging the failure and sending
    the minimal body.
    """
    fmt = config.format
    problem = fmt == "problem" if fmt != "auto" else wants_problem(config, request)
    status = error.status
    try:
        if status.__class__ is not int or not 400 <= status <= 599:
            raise ValueError(f"{error.__class__.__name__}.status {status!r} is not a 4xx/5xx")
        body = _body(error, config, request, request_id, problem)
        if config.formatter is not None:
            body = dict(config.formatter(error, body, request))
            payload = _encode(body)
        elif error.extensions:
            payload = _encode(body)
        else:
            try:
                payload = dumps(body)
            except (TypeError, ValueError):  # a lone surrogate: take the careful path
                payload = _encode(body)
        headers = [("Content-Type", PROBLEM if problem else JSON)]
        if error.headers:
            _add_error_headers(headers, error.headers)
        if request_id is not None and config.request_id_header is not None:
            headers.append((config.request_id_header, request_id))
        if fmt == "auto":
            headers.append(("Vary", "Accept"))
    except Exception:
        if strict:
            raise
        _log.exception("could not render %r; sent a minimal body instead", error)
        status, payload, headers = _minimal(error, problem, config, request_id)
    if request is not None and request.method == "HEAD":
        payload = b""
    return _new_rendered(Rendered, (status, headers, payload))


def wants_problem(config: Config, request: RequestInfo | None) -> bool:
    """Whether the error body is ``application/problem+json`` (the format, negotiated)."""
    fmt = config.format
    if fmt == "auto":
        if request is None:
            return False
        accept = find_header(request.headers, "Accept", "accept", b"accept")
        return accept is not None and prefers_problem(accept)
    return fmt == "problem"


def _add_error_headers(headers: list[tuple[str, str]], extra: dict[str, str]) -> None:
    for name, value in extra.items():
        if name.lower() not in _SKIPPED_HEADERS:
            check_header(name, value)
            headers.append((name, value))


def _body(
    error: HTTPError,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    problem: bool,
) -> dict[str, Any]:
    status = error.status
    type_ = error.type or (config.type_base + error.code if config.type_base else ABOUT_BLANK)
    title = _PHRASES.get(status) or error.title if type_ == ABOUT_BLANK else error.title
    detail = error.detail
    message = detail if detail is not None and error.expose else error.default_detail
    if problem:
        body: dict[str, Any] = {
            "type": type_,
            "title": title,
            "status": status,
            "detail": message,
        }
        instance = error.instance or (uri_reference(request.path) if request else None)
        if instance:
            body["instance"] = instance
        body["code"] = error.code
        key = "detail"
    else:
        body = {"status": status, "code": error.code, "title": title, "message": message}
        if type_ != ABOUT_BLANK:
            body["type"] = type_
        if error.instance:
            body["instance"] = error.instance
        key = "message"
    if error.errors:
        body["errors"] = [e.to_dict(key) for e in error.errors]
    if request_id is not None:
        body["request_id"] = request_id
    if error.extensions:
        for name, value in error.extensions.items():
            if name not in RESERVED_MEMBERS:
                body[name] = value
    if config.debug:
        body["debug"] = debug_info(error)
    return body if problem else {"error": body}


def debug_info(error: HTTPError) -> dict[str, Any]:
    """The ``debug`` member: the original exception's type, message and traceback."""
    original: BaseException = error.__cause__ or error
    return {
        "exception": f"{original.__class__.__module__}.{original.__class__.__qualname__}",
        "message": str(original),
        "traceback": "".join(traceback.format_exception(original)).splitlines(),
    }


def _encode(body: dict[str, Any]) -> bytes:
    """The careful path: reduce values to JSON types, then encode (repairing bad text)."""
    clean, stdlib_only = jsonable_body(body)
    try:
        return dumps_stdlib(clean) if stdlib_only else dumps(clean)
    except (TypeError, ValueError):  # lone surrogates in some string
        clean, stdlib_only = jsonable_body(body, fix_strings=True)
        return dumps_stdlib(clean) if stdlib_only else dumps(clean)


def _minimal(
    error: HTTPError, problem: bool, config: Config, request_id: str | None
) -> tuple[int, bytes, list[tuple[str, str]]]:
    status = error.status
    if status.__class__ is not int or status not in TEXTS:
        status = 500
    text = TEXTS[status]
    code = code_for(text.title)
    body: dict[str, Any]
    if problem:
        body = {"type": ABOUT_BLANK, "title": text.title, "status": status}
        body.update(detail=text.message, code=code)
    else:
        body = {"status": status, "code": code, "title": text.title, "message": text.message}
    if request_id is not None:
        body["request_id"] = request_id
    headers = [("Content-Type", PROBLEM if problem else JSON)]
    if status == error.status:  # the error's own headers (Retry-After, Allow...) stay if sound
        headers.extend(_sound_headers(error))
    if request_id is not None and config.request_id_header is not None:
        headers.append((config.request_id_header, request_id))
    if config.format == "auto":
        headers.append(("Vary", "Accept"))
    return status, dumps_stdlib(body if problem else {"error": body}), headers


def _sound_headers(error: HTTPError) -> list[tuple[str, str]]:
    sound = []
    try:
        for name, value in error.headers.items():
            try:
                check_header(name, value)
            except (TypeError, ValueError):
                continue
            if name.lower() not in _SKIPPED_HEADERS:
                sound.append((name, value))
    except Exception:  # headers that are not even a mapping: send none of them
        return []
    return sound
