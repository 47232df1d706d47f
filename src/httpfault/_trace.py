"""The trace id of a request: W3C ``traceparent``, or the current OpenTelemetry span.

A trace id is read only when an error is answered. The current OpenTelemetry span (when
``opentelemetry-api`` is importable and a span is current) comes first: with an
instrumentation installed it is the server span, whose trace continues the incoming
``traceparent``. Otherwise the request's ``traceparent`` header, parsed strictly (W3C
Trace Context, level 1): a malformed value is ignored, never echoed.
"""

from __future__ import annotations

import re
from typing import Any

from ._request import RequestInfo, find_header

__all__ = ["current_span", "current_span_trace_id", "parse_traceparent", "trace_id_of"]

_INVALID_TRACE = "0" * 32
_INVALID_PARENT = "0" * 16
# version "-" trace-id "-" parent-id "-" flags, all lowercase hex; a later version may
# append fields after one more "-" (version 00 may not).
_TRACEPARENT = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")

_UNSET: Any = object()
_otel_trace: Any = _UNSET
"""``opentelemetry.trace``, imported at the first error answered; ``None`` if absent."""


def parse_traceparent(value: str | None) -> str | None:
    """The trace id of a ``traceparent`` header value, or ``None`` if it is not valid."""
    if value is None or len(value) < 55 or len(value) > 512:
        return None
    value = value.strip(" \t")
    match = _TRACEPARENT.match(value)
    if match is None:
        return None
    version, trace_id, parent_id = match.group(1, 2, 3)
    if version == "ff" or trace_id == _INVALID_TRACE or parent_id == _INVALID_PARENT:
        return None
    if len(value) != 55 and (version == "00" or value[55] != "-"):
        return None
    return trace_id


def otel_trace() -> Any:
    """``opentelemetry.trace`` if it can be imported, else ``None`` (imported once)."""
    global _otel_trace
    module = _otel_trace
    if module is _UNSET:
        try:
            from opentelemetry import trace as module
        except ImportError:
            module = None
        _otel_trace = module
    return module


def current_span() -> Any:
    """The current OpenTelemetry span if its context is valid (recording or not), else ``None``."""
    api = otel_trace()
    if api is None:
        return None
    try:
        span = api.get_current_span()
        # No span current (the API's shared invalid span): the usual case, told cheaply.
        if span is api.INVALID_SPAN:
            return None
        return span if span.get_span_context().is_valid else None
    except Exception:  # a broken SDK must not change the answer
        return None


def current_span_trace_id() -> str | None:
    """The trace id of the current OpenTelemetry span, if one with a valid context is current."""
    span = current_span()
    return None if span is None else f"{span.get_span_context().trace_id:032x}"


def trace_id_of(request: RequestInfo | None, span: Any = _UNSET) -> str | None:
    """The trace id of the error being answered for *request*: the span's, else the header's.

    *span*: the current span, if the caller has looked it up already (``None``: none).
    """
    if span is _UNSET:
        found = current_span_trace_id() if _otel_trace is not None else None
    elif span is not None:
        found = f"{span.get_span_context().trace_id:032x}"
    else:
        found = None
    if found is not None or request is None:
        return found
    value = find_header(request.headers, "traceparent", "traceparent", b"traceparent")
    return parse_traceparent(value)
