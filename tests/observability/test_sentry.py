"""Sentry: each 5xx is exactly one event, tagged with the request id and trace id; a 4xx
is none unless the application reports it. Every adapter, with sentry-sdk's default
integrations and the framework's own, each in a process of its own (see sentry_probe)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.servers import ROOT

from .apps import ADAPTERS, TRACE
from .more_apps import MORE

pytestmark = pytest.mark.slow  # a process per adapter, sentry-sdk and a framework imported

# Sentry's Litestar integration reports from an ``after_exception`` hook and its Sanic
# integration from ``ErrorHandler.lookup``: both run before any exception handler, so
# before httpfault has answered (a 4xx is reported, a 5xx's event has no ids).
_FIRST = "the framework's Sentry integration reports the exception before httpfault answers"
_REPORTS_FIRST = {"litestar", "sanic"}


def _adapters(*, failing_hook: bool = False) -> list[Any]:
    known = _REPORTS_FIRST if not failing_hook else {"litestar"}
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=_FIRST)) if name in known else name
        for name in (*ADAPTERS, *MORE)
    ]


_RESULTS: dict[str, dict[str, Any]] = {}


def probe(adapter: str) -> dict[str, Any]:
    """What Sentry received for each case of *adapter* (run once per adapter)."""
    if adapter not in _RESULTS:
        done = subprocess.run(
            [sys.executable, "-m", "tests.observability.sentry_probe", adapter],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-4000:]
        _RESULTS[adapter] = json.loads(done.stdout.strip().splitlines()[-1])
    return _RESULTS[adapter]


def _tags(request_id: str = "rid-probe") -> dict[str, str]:
    return {
        "request_id": request_id, "trace_id": TRACE, "error_code": "internal_server_error",
        "http.status_code": "500",
    }  # fmt: skip


@pytest.mark.parametrize("adapter", _adapters())
@pytest.mark.parametrize("case", ["default-4xx", "logging-4xx"])
def test_a_4xx_sends_nothing(adapter: str, case: str) -> None:
    """A 4xx produces no Sentry event, with or without logging events at ERROR."""
    result = probe(adapter)[case]
    assert result["status"] == 409
    assert result["events"] == []


@pytest.mark.parametrize("adapter", _adapters())
@pytest.mark.parametrize("case", ["default-5xx", "logging-5xx"])
def test_a_5xx_is_exactly_one_tagged_event(adapter: str, case: str) -> None:
    """A 5xx is one event of the original exception, tagged with the ids, even when the
    framework integration and the logging integration would each report it too."""
    result = probe(adapter)[case]
    assert result["status"] == 500
    (event,) = result["events"]
    assert event["exception"] == ["RuntimeError"]
    assert {name: event["tags"].get(name) for name in _tags()} == _tags()


@pytest.mark.parametrize("adapter", [*ADAPTERS, *MORE])
def test_a_4xx_the_application_reports_is_one_event(adapter: str) -> None:
    """An on_error hook that captures 4xx errors gets exactly one event per 4xx."""
    result = probe(adapter)["asked-4xx"]
    assert result["status"] == 409
    assert [event["exception"] for event in result["events"]] == [["Conflict"]]


@pytest.mark.parametrize("adapter", _adapters(failing_hook=True))
def test_a_failing_transport_does_not_change_the_answer(adapter: str) -> None:
    """Sentry's transport raising on every send: the client gets the same answer."""
    results = probe(adapter)
    assert results["failing-5xx"]["sends"] >= 1
    assert results["failing-5xx"]["status"] == 500
    assert results["failing-5xx"]["body"] == results["default-5xx"]["body"]
