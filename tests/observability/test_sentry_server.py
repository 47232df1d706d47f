"""Sentry in a real server process: uvicorn serving FastAPI on 127.0.0.1, sentry-sdk
initialised in that process with its default integrations, Starlette's, FastAPI's and
logging events at ERROR; every event it would send written to a file, read here."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import uvicorn

from .apps import TRACE, TRACEPARENT

pytestmark = [pytest.mark.server, pytest.mark.slow]
SETTLE = 1.0
"""How long a 4xx's event would have to arrive: no event is written for it by then."""


@pytest.fixture(scope="module")
def events_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file the server writes each Sentry event to, one JSON line each."""
    return tmp_path_factory.mktemp("sentry") / "events.jsonl"


@pytest.fixture(scope="module")
def client(events_file: Path) -> Iterator[httpx.Client]:
    """An httpx client of a uvicorn server running tests.observability.sentry_server_app."""
    env = {"HTTPFAULT_SENTRY_EVENTS": str(events_file)}
    app = "tests.observability.sentry_server_app:app"
    with (
        uvicorn(app, env=env, ready_path="/health") as server,
        httpx.Client(base_url=server.url, timeout=20.0) as http,
    ):
        yield http


def _events(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _wait_for_events(path: Path, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The events written so far, once there are at least *count* (or the timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = _events(path)
        if len(events) >= count:
            return events
        time.sleep(0.05)
    return _events(path)


def test_a_5xx_over_the_network_is_one_event_with_the_answers_ids(
    client: httpx.Client, events_file: Path
) -> None:
    """A 5xx: exactly one event, of the original exception, tagged with the request id the
    answer carries (one the server made) and the trace id of the traceparent sent."""
    before = len(_events(events_file))
    response = client.get("/boom", headers={"traceparent": TRACEPARENT})
    assert response.status_code == 500
    body = response.json()["error"]
    assert len(_wait_for_events(events_file, before + 1)) > before
    time.sleep(SETTLE)  # a second event (a duplicate) would arrive meanwhile
    (event,) = _events(events_file)[before:]
    assert [v["type"] for v in event["exception"]["values"]] == ["RuntimeError"]
    assert event["tags"]["request_id"] == body["request_id"] == response.headers["x-request-id"]
    assert event["tags"]["trace_id"] == TRACE


def test_a_4xx_over_the_network_is_no_event(client: httpx.Client, events_file: Path) -> None:
    """A 4xx: the answer is the contract's, and no event is written."""
    before = len(_events(events_file))
    response = client.get("/conflict", headers={"X-Request-ID": "rid-4xx"})
    assert response.status_code == 409
    assert response.json()["error"]["request_id"] == "rid-4xx"
    time.sleep(SETTLE)
    assert _events(events_file)[before:] == []
