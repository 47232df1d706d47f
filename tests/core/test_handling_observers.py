"""handle() and handle_details() with the observers an application may run: the current
OpenTelemetry span, a Sentry client that fails."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import sentry_sdk
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from httpfault import Config, RequestInfo
from httpfault._handling import handle, handle_details
from tests.core.log_capture import captured

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
REQUEST = RequestInfo("POST", "/orders", {"traceparent": f"00-{TRACE}-00f067aa0ba902b7-01"})
DETAILS = [{"type": "missing", "loc": ("body", "email"), "msg": "Field required"}]


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """The records of the ``httpfault.tests.observers`` logger, at every level."""
    with captured("httpfault.tests.observers") as kept:
        yield kept


def test_validation_answers_use_the_current_span() -> None:
    """With a span current, every validation answer (rendered, kept, reused) carries the
    span's trace id, not the ``traceparent`` header's, and the span gets ``error.type``."""
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    config = Config()
    traces = []
    for _ in range(3):
        with provider.get_tracer("tests").start_as_current_span("validate") as span:
            rendered = handle_details(DETAILS, config, REQUEST)
            own = f"{span.get_span_context().trace_id:032x}"
        assert json.loads(rendered.body)["error"]["trace_id"] == own
        traces.append(own)
    assert len(set(traces)) == 3
    spans = memory.get_finished_spans()
    assert [s.attributes["error.type"] for s in spans] == ["unprocessable_content"] * 3  # type: ignore[index]


class _Failing(sentry_sdk.Client):
    """A Sentry client that breaks once bound, past what the SDK itself catches: asked
    whether it is active, it raises."""

    broken = False

    def is_active(self) -> bool:
        if self.broken:
            raise RuntimeError("sentry down")
        return bool(super().is_active())


def test_a_failing_sentry_client_is_logged_to_the_given_logger(
    records: list[logging.LogRecord],
) -> None:
    """Where Sentry fails to capture a 5xx, the failure is logged by the logger the adapter
    gave, and the answer is the usual 500."""
    client = _Failing(dsn="https://key@sentry.invalid/1", default_integrations=False)
    logger = logging.getLogger("httpfault.tests.observers")
    with sentry_sdk.isolation_scope() as scope, sentry_sdk.new_scope():
        scope.set_client(client)
        client.broken = True
        rendered = handle(RuntimeError("boom"), Config(), REQUEST, logger=logger)
    client.broken = False
    client.close()
    assert rendered.status == 500
    failures = [r for r in records if r.getMessage().startswith("Sentry could not capture")]
    assert len(failures) == 1
    assert failures[0].exc_info is not None
    assert str(failures[0].exc_info[1]) == "sentry down"
