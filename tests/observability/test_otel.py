"""OpenTelemetry: a 4xx marks the server span with error.type and leaves it UNSET; a 5xx
records its exception once and sets ERROR. Every adapter, with the official
instrumentations (and FastAPI's own tracing), and without any."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from httpfault import Config, Conflict, RequestInfo
from httpfault._handling import handle

from .apps import ADAPTERS, TRACE, TRACEPARENT, app_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def exporter() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    """A tracer provider of the test's own (never the global one), exporting to memory."""
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    yield provider, memory
    provider.shutdown()


@pytest.fixture(autouse=True)
def quiet_logs() -> Iterator[None]:
    """httpfault's error records are not printed (they are tested elsewhere)."""
    loggers = [logging.getLogger(name) for name in ("httpfault", "observed", "django.request")]
    for logger in loggers:
        logger.disabled = True
    yield
    for logger in loggers:
        logger.disabled = False


def _server(spans: list[ReadableSpan]) -> ReadableSpan:
    (server,) = [span for span in spans if span.kind is SpanKind.SERVER]
    return server


def _exceptions(spans: list[ReadableSpan]) -> list[dict[str, Any]]:
    return [dict(e.attributes or {}) for s in spans for e in s.events if e.name == "exception"]


def _inner(body: dict[str, Any]) -> dict[str, Any]:
    inner = body.get("error", body)
    assert isinstance(inner, dict)
    return inner


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_4xx_sets_error_type_and_leaves_status_unset(
    adapter: str, exporter: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    """A 4xx: the server span has error.type = the error's code, status UNSET, no exception."""
    provider, memory = exporter
    with app_for(adapter, provider) as get:
        status, body = get("/conflict", {"traceparent": TRACEPARENT})
    spans = list(memory.get_finished_spans())
    server = _server(spans)
    assert status == 409
    assert server.attributes is not None
    assert server.attributes["error.type"] == "conflict"
    assert server.status.status_code is StatusCode.UNSET
    assert _exceptions(spans) == []
    assert f"{server.context.trace_id:032x}" == TRACE == _inner(body)["trace_id"]


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_5xx_records_the_exception_once_and_sets_error(
    adapter: str, exporter: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    """A 5xx: the exception is recorded exactly once, the server span's status is ERROR."""
    provider, memory = exporter
    with app_for(adapter, provider) as get:
        status, body = get("/boom", {})
    spans = list(memory.get_finished_spans())
    server = _server(spans)
    assert status == 500
    assert server.status.status_code is StatusCode.ERROR
    (recorded,) = _exceptions(spans)
    assert recorded["exception.type"] == "RuntimeError"
    assert recorded["exception.message"] == "disk on fire"
    assert recorded["exception.stacktrace"].startswith("Traceback (most recent call last):")
    assert ", in boom\n" in recorded["exception.stacktrace"]
    # No traceparent: the trace is the server span's own, and the body says which.
    assert _inner(body)["trace_id"] == f"{server.context.trace_id:032x}"
    assert "disk on fire" not in str(body)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_without_instrumentation_the_header_gives_the_trace_id(adapter: str) -> None:
    """Uninstrumented: no span, the body's trace_id comes from traceparent; none without it."""
    with app_for(adapter) as get:
        status, body = get("/boom", {"traceparent": TRACEPARENT})
        assert (status, _inner(body)["trace_id"]) == (500, TRACE)
        status, body = get("/conflict", {})
        assert status == 409
        assert "trace_id" not in _inner(body)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_trace_id_member_off_keeps_the_spans(
    adapter: str, exporter: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    """Config(trace_id=False): no member in the body; the span is still marked."""
    provider, memory = exporter
    with app_for(adapter, provider, Config(trace_id=False)) as get:
        status, body = get("/conflict", {"traceparent": TRACEPARENT})
    assert status == 409
    assert "trace_id" not in _inner(body)
    assert _server(list(memory.get_finished_spans())).attributes["error.type"] == "conflict"  # type: ignore[index]


def test_a_users_own_span_is_used(exporter: tuple[TracerProvider, InMemorySpanExporter]) -> None:
    """Without instrumentation, a span the application made current is the one recorded on."""
    provider, memory = exporter
    tracer = provider.get_tracer("tests")
    request = RequestInfo("GET", "/jobs", {"traceparent": TRACEPARENT})
    with tracer.start_as_current_span("job") as span:
        rendered = handle(RuntimeError("no"), Config(), request)
        trace_id = f"{span.get_span_context().trace_id:032x}"
    (job,) = memory.get_finished_spans()
    assert job.status.status_code is StatusCode.ERROR
    assert len(_exceptions([job])) == 1
    # The current span's trace wins over the header (it is the trace being recorded).
    assert trace_id.encode() in rendered.body
    assert TRACE.encode() not in rendered.body


def test_a_span_that_is_not_recording_is_left_alone() -> None:
    """A non-recording span (sampled out) gets nothing; its valid trace id is still used."""
    context = trace.SpanContext(int(TRACE, 16), 0x1234, is_remote=True)
    with trace.use_span(trace.NonRecordingSpan(context)):
        rendered = handle(Conflict(), Config(), RequestInfo("GET", "/", {}))
    assert TRACE.encode() in rendered.body


def test_a_failing_span_does_not_change_the_answer(caplog: pytest.LogCaptureFixture) -> None:
    """A span whose methods raise: the answer is the same, the failure is logged once."""

    class Broken(trace.NonRecordingSpan):
        def is_recording(self) -> bool:
            return True

        def set_attribute(self, key: str, value: Any) -> None:
            raise RuntimeError("exporter down")

    context = trace.SpanContext(int(TRACE, 16), 0x1234, is_remote=False)
    logger = logging.getLogger("httpfault.tests.otel")
    request = RequestInfo("GET", "/", {"X-Request-ID": "r1"})
    with caplog.at_level(logging.INFO, logger.name), trace.use_span(Broken(context)):
        rendered = handle(Conflict(), Config(), request, logger=logger)
    with trace.use_span(trace.NonRecordingSpan(context)):
        expected = handle(Conflict(), Config(), request, logger=logging.getLogger("x.quiet"))
    assert rendered == expected
    failures = [r for r in caplog.records if "OpenTelemetry" in r.getMessage()]
    assert len(failures) == 1
