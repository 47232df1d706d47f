"""Trace ids read for an answer: ``traceparent`` parsed strictly at its bounds, the current
OpenTelemetry span first, nothing where OpenTelemetry cannot be imported."""

from __future__ import annotations

import sys

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from httpfault import Config, NotFound, RequestInfo, _trace
from httpfault._handling import handle
from httpfault._trace import parse_traceparent, trace_id_of
from tests.core.header_sources import CaseFree

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"
VALID = f"00-{TRACE}-{PARENT}-01"


def test_the_longest_traceparent_read_is_512_characters() -> None:
    """A later version's traceparent with fields after the four is read up to 512
    characters long; one character more and it is ignored."""
    head = f"cc-{TRACE}-{PARENT}-01-"
    longest = head + "f" * (512 - len(head))
    assert len(longest) == 512
    assert parse_traceparent(longest) == TRACE
    assert parse_traceparent(longest + "f") is None


@pytest.mark.parametrize(
    "value",
    [
        f"01-{TRACE}-{PARENT}-01x",  # 56 characters: a later field must follow a dash
        f"00-{TRACE}-{PARENT}-01X",  # a trailing character other than a blank
        f"00-{TRACE}-{PARENT}-01\n",  # a line break is not a blank that is stripped
        f"00-{TRACE}-{PARENT}-01\x0b",
        f"X00-{TRACE}-{PARENT}-01",
    ],
)
def test_one_character_too_many_is_malformed(value: str) -> None:
    """A valid traceparent with one stray character (not a space or tab at an end) is
    ignored, never read as valid."""
    assert parse_traceparent(value) is None


@pytest.mark.parametrize("blank", [" ", "\t", " \t "])
def test_spaces_and_tabs_around_a_traceparent_are_ignored(blank: str) -> None:
    """Optional whitespace (spaces, tabs) around the value is allowed, as HTTP allows it."""
    assert parse_traceparent(blank + VALID + blank) == TRACE


def test_trace_id_of_a_request_prefers_the_current_span() -> None:
    """Asked without a span, :func:`trace_id_of` looks up the current one: its trace id
    wins over the header's; with none current, the header's is read, and no request has
    none."""
    request = RequestInfo("GET", "/", {"traceparent": VALID})
    with TracerProvider().get_tracer("tests").start_as_current_span("work") as span:
        own = f"{span.get_span_context().trace_id:032x}"
        assert trace_id_of(request) == own
        assert trace_id_of(None) == own
    assert trace_id_of(request) == TRACE
    assert trace_id_of(request, None) == TRACE
    assert trace_id_of(None) is None
    assert trace_id_of(RequestInfo("GET", "/", {"TraceParent": VALID})) == TRACE


def test_without_opentelemetry_the_header_gives_the_trace_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where ``opentelemetry`` cannot be imported, no span is looked for: the header gives
    the trace id, and answers are as with no span current."""
    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # imports of it fail
    monkeypatch.setattr(_trace, "_otel_trace", _trace._UNSET)
    request = RequestInfo("GET", "/", {"traceparent": VALID, "X-Request-ID": "r-1"})
    with TracerProvider().get_tracer("tests").start_as_current_span("work"):
        assert _trace.otel_trace() is None
        assert _trace.current_span() is None
        assert _trace.current_span_trace_id() is None
        assert trace_id_of(request) == TRACE
    assert _trace._otel_trace is None  # looked for once
    monkeypatch.undo()
    monkeypatch.setattr(_trace, "_otel_trace", _trace._UNSET)
    assert _trace.otel_trace() is trace
    assert _trace._otel_trace is trace


def test_an_answer_without_opentelemetry_carries_the_headers_trace_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error answered where ``opentelemetry`` cannot be imported has the
    ``traceparent`` header's trace id."""
    monkeypatch.setitem(sys.modules, "opentelemetry", None)
    monkeypatch.setattr(_trace, "_otel_trace", _trace._UNSET)
    request = RequestInfo("GET", "/", {"traceparent": VALID, "X-Request-ID": "r-1"})
    rendered = handle(NotFound(), Config(cache_bytes=0), request)
    assert f'"trace_id":"{TRACE}"'.encode() in rendered.body


def test_a_current_span_with_an_invalid_context_gives_no_trace_id() -> None:
    """A current span whose context is not valid (all-zero ids) is no trace: the header's
    trace id is used, never zeros."""
    request = RequestInfo("GET", "/", {"traceparent": VALID})
    with trace.use_span(trace.NonRecordingSpan(trace.INVALID_SPAN_CONTEXT)):
        assert _trace.current_span() is None
        assert trace_id_of(request) == TRACE
        assert trace_id_of(None) is None


@pytest.mark.parametrize(
    "headers",
    [
        [(b"host", b"h"), (b"traceparent", VALID.encode())],  # an ASGI scope's
        CaseFree({"TraceParent": VALID}),
        {"TRACEPARENT": VALID},
    ],
    ids=["asgi", "case-free", "dict"],
)
def test_the_traceparent_is_found_in_every_header_source(headers: object) -> None:
    """Without a request id header configured, the trace id is read from raw ASGI pairs, a
    mapping that matches any case itself, and a dict, and the answer carries it."""
    request = RequestInfo("GET", "/", headers)  # type: ignore[arg-type]
    assert trace_id_of(request) == TRACE
    rendered = handle(NotFound(), Config(request_id_header=None), request)
    assert f'"trace_id":"{TRACE}"'.encode() in rendered.body
