"""OpenTelemetry: what an answered error records on the current span.

Only when ``opentelemetry-api`` is importable (looked for once, when this module is
imported; imported at the first error answered). A 5xx records its exception once on the
current span and sets the span's status to ERROR; a 4xx sets ``error.type`` to the
error's code and leaves the status UNSET, as the HTTP semantic conventions ask of server
spans. A span that is not recording is left alone.
"""

from __future__ import annotations

import logging
from importlib.util import find_spec
from typing import Any

from ._errors import HTTPError
from ._trace import otel_trace

__all__ = ["AVAILABLE", "record", "record_4xx"]

AVAILABLE = find_spec("opentelemetry") is not None
"""Whether ``opentelemetry`` can be imported at all (found once, without importing it)."""


def _recording_span() -> Any:
    api = otel_trace()
    if api is None:
        return None
    span = api.get_current_span()
    return span if span.is_recording() else None


def record(error: HTTPError, log: logging.Logger) -> None:
    """Record *error* on the current span, if one is recording. Never raises."""
    try:
        span = _recording_span()
        if span is None:
            return
        span.set_attribute("error.type", error.code)
        if error.status >= 500:
            original = error.__cause__ or error
            span.record_exception(original)
            status = otel_trace().Status(otel_trace().StatusCode.ERROR, error.title)
            span.set_status(status)
    except Exception:
        log.exception("OpenTelemetry could not record %r; the answer is unchanged", error)


def record_4xx(code: str, log: logging.Logger) -> None:
    """:func:`record` for a 4xx known by its *code* only (the error is not made yet)."""
    try:
        span = _recording_span()
        if span is not None:
            span.set_attribute("error.type", code)
    except Exception:
        log.exception("OpenTelemetry could not record %r; the answer is unchanged", code)
