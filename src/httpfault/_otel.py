"""OpenTelemetry: what an answered error records on the current span.

Only when ``opentelemetry-api`` is importable (looked for once, when this module is
imported; imported at the first error answered). A 5xx records its exception once on the
current span and sets the span's status to ERROR; a 4xx sets ``error.type`` to the
error's code and leaves the status UNSET, as the HTTP semantic conventions ask of server
spans. A span that is not recording is left alone.
"""

from __future__ import annotations

import logging
from collections import deque
from types import TracebackType
from typing import Any

from ._errors import HTTPError
from ._optional import findable
from ._trace import current_span, otel_trace

__all__ = ["AVAILABLE", "current_span", "record", "record_4xx"]


AVAILABLE = findable("opentelemetry")
"""Whether ``opentelemetry`` can be imported at all (found once, without importing it)."""
MAX_FRAMES = 8
"""The innermost frames an ``exception`` event's stack trace shows."""
STACK_CACHE_SIZE = 256
"""How many stack traces the cache holds (keyed by places in the code, never by request data)."""
_STACK_CACHE: dict[tuple[tuple[Any, int], ...], str] = {}


def record(span: Any, error: HTTPError, log: logging.Logger) -> None:
    """Record *error* on *span*, if it is recording. Never raises."""
    try:
        if not span.is_recording():
            return
        span.set_attribute("error.type", error.code)
        if error.status >= 500:
            original = error.__cause__ or error
            span.add_event("exception", _exception_attributes(original))
            api = otel_trace()
            span.set_status(api.Status(api.StatusCode.ERROR, error.title))
    except Exception:
        log.exception("OpenTelemetry could not record %r; the answer is unchanged", error)


def record_4xx(span: Any, code: str, log: logging.Logger) -> None:
    """:func:`record` for a 4xx known by its *code* only (the error is not made yet)."""
    try:
        if span.is_recording():
            span.set_attribute("error.type", code)
    except Exception:
        log.exception("OpenTelemetry could not record %r; the answer is unchanged", code)


def _exception_attributes(exc: BaseException) -> dict[str, str]:
    """The attributes of an ``exception`` event (semantic conventions), as
    ``Span.record_exception`` makes them, with a stack trace of file, line and function
    for the innermost :data:`MAX_FRAMES` frames: reading and marking up source lines, and
    the outer frames of a framework's middleware stack, are most of what recording costs;
    the error's log record has the full traceback."""
    cls = exc.__class__
    module = cls.__module__
    name = cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"
    message = str(exc)
    last = f"{name}: {message}\n" if message else f"{name}\n"
    return {
        "exception.type": name,
        "exception.message": message,
        "exception.stacktrace": _frames_text(exc.__traceback__) + last,
    }


def _frames_text(tb: TracebackType | None) -> str:
    """The stack trace's lines for the innermost :data:`MAX_FRAMES` frames of *tb*.

    Cached per place in the code (each frame's code and instruction): the same failure
    reached the same way reads the same, and a line number is worked out from the code
    on each read. The cache holds up to :data:`STACK_CACHE_SIZE`; past that, each new
    stack trace is made for its answer and not cached.
    """
    kept: deque[TracebackType] = deque(maxlen=MAX_FRAMES)
    while tb is not None:
        kept.append(tb)
        tb = tb.tb_next
    key = tuple([(tb.tb_frame.f_code, tb.tb_lasti) for tb in kept])
    text = _STACK_CACHE.get(key)
    if text is None:
        lines = ["Traceback (most recent call last):\n"]
        for tb in kept:
            code = tb.tb_frame.f_code
            lines.append(f'  File "{code.co_filename}", line {tb.tb_lineno}, in {code.co_name}\n')
        text = "".join(lines)
        if len(_STACK_CACHE) < STACK_CACHE_SIZE:
            _STACK_CACHE[key] = text
    return text
