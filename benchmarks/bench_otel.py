"""OpenTelemetry: an error answer with a span recording, with and without httpfault's part.

Both sides answer the same request through the Starlette adapter inside the same recording
SDK span (started and ended per request, as an instrumentation does), so the span's own
cost is on both sides. The baseline answers as httpfault does when ``opentelemetry-api``
cannot be imported: no span is read or written. The case is the installed behaviour: the
trace id read from the span, ``error.type`` set, and for a 5xx the exception recorded and
the status set. Budget: 1.05x.

A third comparison measures the floor of the 5xx case: the answer without httpfault's
OpenTelemetry part, plus only the span calls a recorded 5xx needs (``error.type``, one
``exception`` event with attributes made in advance, status ERROR), made by the span's
owner after the answer. No implementation of the recording can cost less than that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import HEADERS, Driver, unwritten_logger


@contextmanager
def _without_opentelemetry() -> Iterator[None]:
    """httpfault as it runs where opentelemetry-api is not installed (its own flags only)."""
    from httpfault import _otel, _trace

    available, module = _otel.AVAILABLE, _trace._otel_trace
    _otel.AVAILABLE, _trace._otel_trace = False, None
    try:
        yield
    finally:
        _otel.AVAILABLE, _trace._otel_trace = available, module


def _without(request: Callable[[], int]) -> Callable[[], int]:
    def run() -> int:
        with _without_opentelemetry():
            return request()

    return run


def _traced(app: Any, tracer: Any) -> Any:
    """*app* with a recording server span around each request, as instrumentations make."""
    from opentelemetry.trace import SpanKind

    async def traced(scope: Any, receive: Any, send: Any) -> None:
        with tracer.start_as_current_span("GET", kind=SpanKind.SERVER):
            await app(scope, receive, send)

    return traced


def _with_required_calls(app: Any, tracer: Any, *, calls: bool = True) -> Any:
    """:func:`_traced`, and on a 5xx only the span calls recording one needs (with
    *calls* false, the same wrapper making none of them: the floor's baseline)."""
    from opentelemetry.trace import SpanKind, Status, StatusCode

    event = {
        "exception.type": "RuntimeError",
        "exception.message": "disk on fire",
        "exception.stacktrace": 'Traceback (most recent call last):\n  File "app.py", '
        "line 1, in boom\nRuntimeError: disk on fire\n",
    }
    error = Status(StatusCode.ERROR, "Internal Server Error")

    async def traced(scope: Any, receive: Any, send: Any) -> None:
        status = 0

        async def watch(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with tracer.start_as_current_span("GET", kind=SpanKind.SERVER) as span:
            await app(scope, receive, watch)
            if calls and status >= 500:
                span.set_attribute("error.type", "internal_error")
                span.add_event("exception", event)
                span.set_status(error)

    return traced


def run(rounds: int = 21) -> list[Result]:
    """Compare error answers with httpfault's OpenTelemetry recording on and off."""
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from httpfault import Config, Conflict
    from httpfault.adapters.starlette import install

    class Discard(SpanExporter):
        """An exporter that keeps nothing: the span is recorded and ended, then dropped."""

        def export(self, spans: Sequence[Any]) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(Discard()))
    tracer = provider.get_tracer("benchmarks")
    unwritten_logger("httpfault.bench.otel")
    config = Config(logger_name="httpfault.bench.otel")

    async def conflict(request: Request) -> Response:
        raise Conflict("Email already registered")

    async def boom(request: Request) -> Response:
        raise RuntimeError("disk on fire")

    app = Starlette(routes=[Route("/conflict", conflict), Route("/boom", boom)])
    install(app, config)
    drive = Driver()
    traceparent = b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    headers = [*HEADERS, (b"traceparent", traceparent)]
    results = []
    for path, status in (("/conflict", 409), ("/boom", 500)):
        on = drive.request(_traced(app, tracer), "GET", path, headers=headers)
        off = _without(on)
        assert (on(), off()) == (status, status)
        results.append(
            compare(f"otel: {status} in a recording span", on,
                    "same, httpfault without OpenTelemetry", off, budget=1.05, rounds=rounds)
        )  # fmt: skip
    required = _with_required_calls(app, tracer)
    floor = _without(drive.request(required, "GET", "/boom", headers=headers))
    none = _with_required_calls(app, tracer, calls=False)
    off = _without(drive.request(none, "GET", "/boom", headers=headers))
    assert (floor(), off()) == (500, 500)
    results.append(
        compare("otel floor: 500 and only the span calls", floor,
                "same, without the span calls", off, budget=1.05, rounds=rounds)
    )  # fmt: skip
    return results  # the provider stays up: benchmarks.instructions runs these again
