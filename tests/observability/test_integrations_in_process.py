"""The integrations' edges, in process: Sentry through a client bound to one scope (no
``sentry_sdk.init``, nothing patched), broken spans, templates refusing a wrong trace."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk
from opentelemetry import trace
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from httpfault import Config, Conflict, NotFound, RequestInfo
from httpfault._handling import handle, handle_details
from httpfault._template import make_template
from httpfault._trace import current_span_trace_id

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"
QUIET = logging.getLogger("httpfault.tests.inprocess")
QUIET.disabled = True


class _Kept(Transport):
    events: list[dict[str, Any]]

    def capture_envelope(self, envelope: Envelope) -> None:
        for item in envelope.items:
            if item.type == "event" and item.payload.json is not None:
                self.events.append(item.payload.json)


@pytest.fixture
def sentry_events() -> Iterator[list[dict[str, Any]]]:
    """A Sentry client bound to an isolation scope of this test only, keeping its events."""
    events: list[dict[str, Any]] = []
    _Kept.events = events
    client = sentry_sdk.Client(
        dsn="https://key@sentry.invalid/1", transport=_Kept, default_integrations=False
    )
    with sentry_sdk.isolation_scope() as scope, sentry_sdk.new_scope():
        scope.set_client(client)
        yield events
    client.close()


def test_sentry_gets_one_tagged_event_per_5xx(sentry_events: list[dict[str, Any]]) -> None:
    """A 5xx is captured once, with request_id and trace_id tags; a 4xx is not."""
    request = RequestInfo("GET", "/x", {"X-Request-ID": "rid-s", "traceparent": TRACEPARENT})
    handle(Conflict(), Config(), request, logger=QUIET)
    assert sentry_events == []
    handle(RuntimeError("boom"), Config(), request, logger=QUIET)
    (event,) = sentry_events
    assert event["tags"]["request_id"] == "rid-s"
    assert event["tags"]["trace_id"] == TRACE
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"


def test_sentry_event_without_ids(sentry_events: list[dict[str, Any]]) -> None:
    """Without a request there is no request id nor trace id: no such tags."""
    handle(RuntimeError("boom"), Config(), None, logger=QUIET)
    (event,) = sentry_events
    assert "request_id" not in event["tags"]
    assert "trace_id" not in event["tags"]
    assert event["tags"]["error_code"] == "internal_server_error"


class _BrokenContext(trace.NonRecordingSpan):
    def get_span_context(self) -> trace.SpanContext:
        raise RuntimeError("broken SDK")


class _BrokenRecording(trace.NonRecordingSpan):
    def is_recording(self) -> bool:
        raise RuntimeError("broken SDK")


def test_a_span_whose_context_fails_is_ignored() -> None:
    """A span that cannot give its context: no trace id from it; the header's is used."""
    context = trace.SpanContext(int(TRACE, 16), 0x1234, is_remote=False)
    with trace.use_span(_BrokenContext(context)):
        assert current_span_trace_id() is None
        rendered = handle(NotFound(), Config(), RequestInfo("GET", "/", {"traceparent": TRACEPARENT}),
                          logger=QUIET)  # fmt: skip
    assert TRACE.encode() in rendered.body


def test_a_failing_span_on_a_validation_error(caplog: pytest.LogCaptureFixture) -> None:
    """Validation errors answered from details: a failing span is logged, the answer kept."""
    context = trace.SpanContext(int(TRACE, 16), 0x1234, is_remote=False)
    details = [{"loc": ("query", "page"), "msg": "Field required", "type": "missing"}]
    request = RequestInfo("GET", "/", {"X-Request-ID": "r"})
    logger = logging.getLogger("httpfault.tests.inprocess.validation")
    with caplog.at_level(logging.ERROR, logger.name), trace.use_span(_BrokenRecording(context)):
        rendered = handle_details(details, Config(), request, logger=logger)
    assert rendered.status == 422
    assert [r.getMessage() for r in caplog.records] == [
        "OpenTelemetry could not record 'unprocessable_content'; the answer is unchanged"
    ]


def test_template_refuses_a_request_without_its_trace_id() -> None:
    """A template made with a trace id serves only requests with one, and the reverse."""
    request = RequestInfo("GET", "/x", {})
    with_trace = make_template(NotFound(), Config(), request, "rid", TRACE)
    without = make_template(NotFound(), Config(), request, "rid")
    assert with_trace is not None
    assert without is not None
    with pytest.raises(ValueError, match="trace id"):
        with_trace.fill(request, "rid")
    with pytest.raises(ValueError, match="trace id"):
        without.fill(request, "rid", TRACE)
    assert TRACE.encode() in with_trace.fill(request, "rid", TRACE).body
