"""``render()``: an error to status, headers and body bytes. Pure; never raises."""

from __future__ import annotations

import logging
import traceback
from os import urandom
from typing import Any, NamedTuple

from ._body import Facts, body, facts
from ._catalog_data import TEXTS
from ._config import DEFAULT_CONFIG, Config, new_request_id
from ._errors import HTTPError, code_for
from ._headers import check_header
from ._json import dumps, dumps_stdlib, jsonable_body
from ._localize import choose_language, language_for, language_headers
from ._media import ABOUT_BLANK, JSON, PROBLEM
from ._request import RequestInfo, find_header, find_headers, prefers_problem, safe_request_id
from ._trace import current_span, parse_traceparent, trace_id_of

__all__ = [
    "Rendered",
    "render",
    "render_facts",
    "render_with_id",
    "request_facts",
    "wants_problem",
]

_VARY_BOTH = "Accept, Accept-Language"
_VARY_LANGUAGE = "Accept-Language"
_SKIPPED_HEADERS = frozenset({"content-type", "content-length", "transfer-encoding"})
_log = logging.getLogger("httpfault")
_LOOK_UP: Any = object()
"""The current span not looked up yet."""


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
    request_id, trace_id, language = request_facts(cfg, request)
    return render_facts(
        error, facts(error), cfg, request, request_id,
        trace_id=trace_id if cfg.trace_id else None, language=language,
    )  # fmt: skip


def request_facts(
    config: Config, request: RequestInfo | None, span: Any = _LOOK_UP
) -> tuple[str | None, str | None, str | None]:
    """What the answer to *request* takes from it: the request id, the trace id, the language.

    The request id is the incoming one when it is safe to echo, else (with
    ``request_id_from_trace``) the trace id, else a new one from the config's factory.
    All three come from one pass over the request's headers. *span*: the current
    OpenTelemetry span, if the caller has looked it up already (``None``: none).
    """
    if span is _LOOK_UP:
        span = current_span()
    offered = config._offered
    if request is None:
        return None, trace_id_of(None, span), "en" if offered else None
    sent, traceparent, accept_language = find_headers(request.headers, config._header_names)
    trace_id = parse_traceparent(traceparent) if span is None else trace_id_of(None, span)
    request_id = None if config.request_id_header is None else _request_id(config, sent, trace_id)
    language = None
    if offered:
        # The usual case first: no language chosen by the application, a header seen before.
        if len(request) == _LANGUAGE_FIELD or request[_LANGUAGE_FIELD] is None:
            language = config._chosen.get(accept_language)  # type: ignore[arg-type]
        if language is None:
            language = language_for(config, request, accept_language)
    return request_id, trace_id, language


_LANGUAGE_FIELD = 3
"""The index of ``RequestInfo.language``; a tuple made with ``tuple.__new__`` may end before."""


def _request_id(config: Config, sent: str | None, trace_id: str | None) -> str | None:
    # The request id for a request that sent *sent* (``None``: no header).
    if sent is not None and safe_request_id(sent) is not None:
        return sent
    if trace_id is not None and config.request_id_from_trace:
        return trace_id
    factory = config.request_id_factory
    if factory is None:
        return None
    if factory is new_request_id:
        return urandom(16).hex()  # what new_request_id() returns: always safe to echo
    return _from_factory(factory)


def _from_factory(factory: Any) -> str:
    """The id a user's ``request_id_factory`` makes; a generated one where it fails.

    A factory may return any object whose text is a safe id (a ``uuid.UUID``); one that
    raises, or whose id is not fit to echo, is logged (never the id itself, which may
    hold line breaks) and a generated id is used instead.
    """
    try:
        value = factory()
        rid = safe_request_id(value if value.__class__ is str else str(value))
    except Exception:
        _log.exception("request_id_factory %r failed; a generated request id was used", factory)
        return new_request_id()
    if rid is None:
        _log.warning(
            "request_id_factory %r made an id unfit to echo; a generated request id was used",
            factory,
        )
        return new_request_id()
    return rid


def render_with_id(
    error: HTTPError,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    *,
    strict: bool = False,
    trace_id: str | None = None,
) -> Rendered:
    """:func:`render` with the request id already chosen (adapters log it too).

    *strict* raises where rendering fails, instead of logging the failure and sending
    the minimal body. *trace_id* is the body's ``trace_id`` (``None``: no member).
    """
    return render_facts(
        error, facts(error), config, request, request_id, strict=strict, trace_id=trace_id,
        language=choose_language(config, request),
    )  # fmt: skip


def render_facts(
    error: HTTPError,
    f: Facts,
    config: Config,
    request: RequestInfo | None,
    request_id: str | None,
    *,
    strict: bool = False,
    trace_id: str | None = None,
    language: str | None,
) -> Rendered:
    """:func:`render_with_id` of *error* whose :func:`~httpfault._body.facts` are *f*.

    *language*: the answer's, as :func:`~httpfault._localize.choose_language` gives it.
    """
    fmt = config.format
    problem = fmt == "problem" if fmt != "auto" else wants_problem(config, request)
    status = f.status
    try:
        if status.__class__ is not int or not 400 <= status <= 599:
            raise ValueError(f"{error.__class__.__name__}.status {status!r} is not a 4xx/5xx")
        path = request.path if request else None
        content = body(f, config, path, request_id, problem, language=language, trace_id=trace_id)
        if config.debug:
            (content if problem else content["error"])["debug"] = debug_info(error)
        if config.formatter is not None:
            content = dict(config.formatter(error, content, request))
            payload = _encode(content)
        elif f.extensions:
            payload = _encode(content)
        else:
            try:
                payload = dumps(content)
            except (TypeError, ValueError):  # a lone surrogate: take the careful path
                payload = _encode(content)
        headers = [("Content-Type", PROBLEM if problem else JSON)]
        if f.headers:
            _add_error_headers(headers, f.headers)
        if request_id is not None and config.request_id_header is not None:
            headers.append((config.request_id_header, request_id))
        if language is not None:
            headers.append(("Vary", _VARY_BOTH if fmt == "auto" else _VARY_LANGUAGE))
            headers.append(("Content-Language", language))
        elif fmt == "auto":
            headers.append(("Vary", "Accept"))
    except Exception:
        if strict:
            raise
        _log.exception("could not render %r; sent a minimal body instead", error)
        status, payload, headers = _minimal(f, problem, config, request_id, trace_id)
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
    f: Facts, problem: bool, config: Config, request_id: str | None, trace_id: str | None = None
) -> tuple[int, bytes, list[tuple[str, str]]]:
    status = f.status
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
    if trace_id is not None:
        body["trace_id"] = trace_id
    headers = [("Content-Type", PROBLEM if problem else JSON)]
    if status == f.status:  # the error's own headers (Retry-After, Allow...) stay if sound
        headers.extend(_sound_headers(f.headers))
    if request_id is not None and config.request_id_header is not None:
        headers.append((config.request_id_header, request_id))
    headers += language_headers(config, "en" if config._offered else None)
    return status, dumps_stdlib(body if problem else {"error": body}), headers


def _sound_headers(extra: Any) -> list[tuple[str, str]]:
    sound = []
    try:
        for name, value in extra.items():
            try:
                check_header(name, value)
            except (TypeError, ValueError):
                continue
            if name.lower() not in _SKIPPED_HEADERS:
                sound.append((name, value))
    except Exception:  # headers that are not even a mapping: send none of them
        return []
    return sound
