"""FastAPI behind a real uvicorn server with OpenTelemetry's instrumentation, over httpx:
the trace id in error bodies, the server span of a 4xx and of a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.servers import Server, uvicorn

from .apps import TRACE, TRACEPARENT

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """An httpx client of a uvicorn server running tests.observability.server_app."""
    with uvicorn("tests.observability.server_app:app", ready_path="/health") as server:
        yield from _client(server)


def _client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        http.get("/spans")  # forget the readiness checks
        yield http


def _spans(client: httpx.Client) -> list[dict[str, Any]]:
    spans = client.get("/spans").json()
    assert isinstance(spans, list)
    return spans


def test_4xx_over_the_network(client: httpx.Client) -> None:
    """A 4xx: trace_id from traceparent in the body; the span continues that trace, has
    error.type = conflict, status UNSET, no exception event."""
    response = client.get("/conflict", headers={"traceparent": TRACEPARENT})
    assert response.status_code == 409
    assert response.json()["error"]["trace_id"] == TRACE
    (span,) = _spans(client)
    assert span == {"trace_id": TRACE, "status": "UNSET", "error_type": "conflict",
                    "target": "/conflict", "exceptions": []}  # fmt: skip


def test_5xx_over_the_network(client: httpx.Client) -> None:
    """A 5xx without traceparent: the body's trace_id is the server span's; the exception
    is recorded once and the span's status is ERROR; the body reveals nothing."""
    response = client.get("/boom")
    body = response.json()["error"]
    assert response.status_code == 500
    assert "disk on fire" not in response.text
    (span,) = _spans(client)
    assert span["trace_id"] == body["trace_id"]
    assert span["status"] == "ERROR"
    assert [e["exception.type"] for e in span["exceptions"]] == ["RuntimeError"]
