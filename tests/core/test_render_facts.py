"""What ``render()`` takes from the request and its surroundings: the trace id (from
``traceparent`` or the current span, with or without a request), the request id made from
the trace id, the answer's language (the application's choice first), and the same ids in
the minimal body rendering falls back to."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider

from httpfault import Config, Conflict, NotFound, RequestInfo, render
from httpfault._render import render_with_id

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"
EN_DE = Config(languages=("en", "de"))


def _body(rendered: Any) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(rendered.body)
    inner: dict[str, Any] = body.get("error", body)
    return inner


def _broken(error: Any, body: Any, request: Any) -> Any:
    raise RuntimeError("formatter bug")


def test_render_carries_the_traceparent_trace_id_unless_turned_off() -> None:
    """A request's valid ``traceparent`` gives the body its ``trace_id``; with
    ``trace_id=False`` the body has none."""
    request = RequestInfo("GET", "/a", {"traceparent": TRACEPARENT})
    assert _body(render(NotFound(), Config(), request))["trace_id"] == TRACE
    assert "trace_id" not in _body(render(NotFound(), Config(trace_id=False), request))


def test_the_current_span_gives_the_trace_id_with_or_without_a_request() -> None:
    """Within a span, the body's ``trace_id`` is the span's, over the request's
    ``traceparent``, and also where there is no request at all."""
    request = RequestInfo("GET", "/a", {"traceparent": TRACEPARENT})
    with TracerProvider().get_tracer("tests").start_as_current_span("work") as span:
        expected = f"{span.get_span_context().trace_id:032x}"
        with_request = _body(render(NotFound(), Config(), request))
        without = _body(render(NotFound(), Config(), None))
    assert expected != TRACE
    assert with_request["trace_id"] == expected
    assert without["trace_id"] == expected


def test_the_request_id_is_the_trace_id_only_when_asked() -> None:
    """With ``request_id_from_trace`` a request that sent no id gets the trace id as its
    request id; without it, or without a trace id, a generated one."""
    traced = RequestInfo("GET", "/a", {"traceparent": TRACEPARENT})
    untraced = RequestInfo("GET", "/a", {})
    from_trace = Config(request_id_from_trace=True)
    assert _body(render(NotFound(), from_trace, traced))["request_id"] == TRACE
    generated = _body(render(NotFound(), Config(), traced))["request_id"]
    assert generated != TRACE
    assert len(generated) == 32
    alone = _body(render(NotFound(), from_trace, untraced))["request_id"]
    assert len(alone) == 32
    assert int(alone, 16) >= 0


def test_an_answer_without_a_request_is_english_under_languages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without a request, a config that offers languages answers in English, marked as
    such, with the exact headers of an English answer, rendered in full (no fallback)."""
    with caplog.at_level(logging.WARNING, logger="httpfault"):
        rendered = render(NotFound(), EN_DE, None)
    assert caplog.records == []
    assert rendered.headers == [
        ("Content-Type", "application/json"),
        ("Vary", "Accept-Language"),
        ("Content-Language", "en"),
    ]
    assert _body(rendered)["title"] == "Not Found"
    auto = render(NotFound(), Config(format="auto", languages=("en", "de")), None)
    assert auto.headers[1:] == [("Vary", "Accept, Accept-Language"), ("Content-Language", "en")]


def test_the_applications_language_wins_over_a_header_answered_before() -> None:
    """A language the application chose for the request wins over ``Accept-Language``,
    even for a header whose negotiation was answered before; a request made as a tuple of
    three fields (no language field) negotiates from the header."""
    config = Config(languages=("en", "de", "fr"))
    sent = {"Accept-Language": "fr"}
    assert (
        dict(render(NotFound(), config, RequestInfo("GET", "/a", sent)).headers)["Content-Language"]
        == "fr"
    )
    chosen = RequestInfo("GET", "/a", sent, "de")
    assert dict(render(NotFound(), config, chosen).headers)["Content-Language"] == "de"
    short = tuple.__new__(RequestInfo, ("GET", "/a", sent))
    assert dict(render(NotFound(), config, short).headers)["Content-Language"] == "fr"


def test_render_with_id_falls_back_unless_strict(caplog: pytest.LogCaptureFixture) -> None:
    """``render_with_id`` logs a rendering failure and sends the minimal body by default;
    with ``strict`` it raises."""
    config = Config(formatter=_broken)
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render_with_id(Conflict(), config, None, "rid-1")
    assert _body(rendered)["request_id"] == "rid-1"
    assert rendered.status == 409
    with pytest.raises(RuntimeError, match="formatter bug"):
        render_with_id(Conflict(), config, None, "rid-1", strict=True)


def test_render_with_id_renders_the_error_it_is_given() -> None:
    """``render_with_id`` shows the error itself where the body names it (``debug``)."""
    rendered = render_with_id(Conflict("taken"), Config(debug=True), None, None)
    assert _body(rendered)["debug"]["exception"] == "httpfault.Conflict"


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_the_minimal_body_keeps_the_trace_id(fmt: str, caplog: pytest.LogCaptureFixture) -> None:
    """The minimal body a rendering failure falls back to still carries the trace id."""
    request = RequestInfo("GET", "/a", {"traceparent": TRACEPARENT, "X-Request-ID": "r1"})
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(Conflict(), Config(format=fmt, formatter=_broken), request)
    body = _body(rendered)
    assert body["trace_id"] == TRACE
    assert body["request_id"] == "r1"
    assert list(body)[-1] == "trace_id"
