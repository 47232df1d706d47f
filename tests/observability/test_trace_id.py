"""Trace ids: W3C ``traceparent`` parsing, the ``trace_id`` member, reuse of answers."""

from __future__ import annotations

import json
import logging

import pytest

from httpfault import Config, Conflict, InternalServerError, NotFound, RequestInfo, render
from httpfault._handling import handle
from httpfault._trace import parse_traceparent

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
VALID = f"00-{TRACE}-00f067aa0ba902b7-01"


def _request(traceparent: str | None = VALID, **headers: str) -> RequestInfo:
    if traceparent is not None:
        headers["traceparent"] = traceparent
    return RequestInfo("GET", "/things/1", {"X-Request-ID": "rid-1", **headers})


@pytest.mark.parametrize(
    "value",
    [
        VALID,
        f"00-{TRACE}-00f067aa0ba902b7-00",
        f"01-{TRACE}-00f067aa0ba902b7-01",  # a later version, as level 1 reads it
        f"cc-{TRACE}-00f067aa0ba902b7-01-what-the-future-adds",
        f" {VALID} ",
    ],
)
def test_valid_traceparent_gives_its_trace_id(value: str) -> None:
    """A valid traceparent (any version but ff, optional later fields) yields its trace id."""
    assert parse_traceparent(value) == TRACE


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        VALID.upper(),  # hex must be lowercase
        f"ff-{TRACE}-00f067aa0ba902b7-01",  # version ff is invalid
        f"00-{'0' * 32}-00f067aa0ba902b7-01",  # all-zero trace id
        f"00-{TRACE}-{'0' * 16}-01",  # all-zero parent id
        f"00-{TRACE}-00f067aa0ba902b7-01-extra",  # version 00 has exactly four fields
        f"01-{TRACE}-00f067aa0ba902b7-01extra",  # later fields follow a dash
        f"00-{TRACE[:-1]}-00f067aa0ba902b7-01",
        f"00_{TRACE}_00f067aa0ba902b7_01",
        f"00-{TRACE}-00f067aa0ba902b7-0g",
        f"00-{TRACE}\n-00f067aa0ba902b7-01",
        VALID + "-" + "x" * 600,  # absurdly long
    ],
)
def test_malformed_traceparent_is_ignored(value: str | None) -> None:
    """Anything but a valid traceparent gives no trace id at all."""
    assert parse_traceparent(value) is None


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_trace_id_follows_request_id_in_both_formats(fmt: str) -> None:
    """The body carries trace_id right after request_id, in both formats."""
    body = json.loads(render(NotFound(), Config(format=fmt), _request()).body)  # type: ignore[arg-type]
    content = body if fmt == "problem" else body["error"]
    names = list(content)
    assert content["trace_id"] == TRACE
    assert names.index("trace_id") == names.index("request_id") + 1


def test_malformed_traceparent_is_never_echoed() -> None:
    """A malformed traceparent leaves the body exactly as without one."""
    bad = render(NotFound(), None, _request("00-<script>-x-01" + " " * 40))
    assert bad == render(NotFound(), None, _request(None))
    assert b"script" not in bad.body
    assert b"trace_id" not in bad.body


def test_trace_id_can_be_turned_off() -> None:
    """Config(trace_id=False) gives the body of a request without traceparent."""
    config = Config(trace_id=False)
    assert render(Conflict("x"), config, _request()) == render(
        Conflict("x"), config, _request(None)
    )


def test_request_id_from_trace_only_when_none_was_sent() -> None:
    """With request_id_from_trace, a request without an id takes the trace id as its id."""
    config = Config(request_id_from_trace=True)
    no_id = RequestInfo("GET", "/x", {"traceparent": VALID})
    rendered = render(NotFound(), config, no_id)
    assert (config.request_id_header, TRACE) in rendered.headers
    assert json.loads(rendered.body)["error"]["request_id"] == TRACE
    with_id = render(NotFound(), config, _request())
    assert json.loads(with_id.body)["error"]["request_id"] == "rid-1"
    untraced = render(NotFound(), config, RequestInfo("GET", "/x", {}))
    assert json.loads(untraced.body)["error"]["request_id"] != TRACE
    default = render(NotFound(), None, RequestInfo("GET", "/x", {"traceparent": VALID}))
    assert json.loads(default.body)["error"]["request_id"] != TRACE


def test_trace_id_is_a_reserved_member() -> None:
    """An extension cannot be called trace_id: it would clobber the member."""
    with pytest.raises(ValueError, match="trace_id"):
        NotFound(trace_id="mine")


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_reused_answers_carry_each_requests_trace_id(fmt: str) -> None:
    """A reused answer is byte for byte a fresh rendering, each with its own trace id."""
    config = Config(format=fmt)  # type: ignore[arg-type]
    quiet = logging.getLogger("httpfault.tests.quiet")
    quiet.disabled = True
    traces = [f"{n:032x}" for n in range(1, 6)]
    for n, trace in enumerate(traces * 2):
        for traceparent in (f"00-{trace}-00f067aa0ba902b7-01", None):
            request = _request(traceparent, **{"X-Request-ID": f"rid-{n}"})
            for error in (Conflict("Taken"), NotFound()):
                got = handle(error, config, request, logger=quiet)
                assert got == render(error, config, request)
    assert config._cache is not None
    assert len(config._cache) > 0


def test_render_without_request_has_no_trace_id() -> None:
    """With no request there is no trace id (and no request id)."""
    assert b"trace_id" not in render(InternalServerError()).body


def test_sentry_not_initialised_is_a_no_op(caplog: pytest.LogCaptureFixture) -> None:
    """sentry-sdk importable but not initialised: a 5xx is answered and logged as ever."""
    logger = logging.getLogger("httpfault.tests.nosentry")
    with caplog.at_level(logging.INFO, logger.name):
        rendered = handle(RuntimeError("x"), Config(), _request(None), logger=logger)
    assert rendered.status == 500
    assert [r.levelno for r in caplog.records] == [logging.ERROR]
