"""The bad-input list every adapter must survive through a real server.

Each case must get a clear 4xx (in the contract's shape when the app answers it, or the
server's own refusal), never a 5xx, never a hang; afterwards the server still serves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx

TIMEOUT = httpx.Timeout(20.0)


@dataclass(frozen=True)
class BadInput:
    """One hostile request against a JSON endpoint."""

    name: str
    content: bytes
    headers: dict[str, str]


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("malformed JSON", b'{"name": ', {"content-type": "application/json"}),
    BadInput("wrong content type", b"name=x", {"content-type": "text/plain"}),
    BadInput("invalid UTF-8", b'{"name": "\xff\xfe"}', {"content-type": "application/json"}),
    BadInput("10 MB body", b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}',
             {"content-type": "application/json"}),
    BadInput("10,000 levels of nesting", _nested(10_000), {"content-type": "application/json"}),
    BadInput("100 KB header value", b'{"name": "x"}',
             {"content-type": "application/json", "x-junk": "a" * 100_000}),
    BadInput("JSON not an object", b'"a string"', {"content-type": "application/json"}),
)  # fmt: skip


def send(url: str, case: BadInput) -> httpx.Response | None:
    """Send *case*; ``None`` when the server closed the connection (its own refusal)."""
    try:
        return httpx.post(url, content=case.content, headers=case.headers, timeout=TIMEOUT)
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
        return None


def check_bad_inputs(
    url: str, alive: Callable[[], bool], health_url: str, cases: tuple[BadInput, ...] = BAD_INPUTS
) -> dict[str, int | None]:
    """Send every case to the JSON endpoint *url*; assert the rules; return the statuses."""
    seen: dict[str, int | None] = {}
    for case in cases:
        response = send(url, case)
        status = None if response is None else response.status_code
        seen[case.name] = status
        if response is None:
            continue
        assert 400 <= response.status_code < 500, (
            case.name,
            response.status_code,
            response.text[:500],
        )
        if response.headers.get("content-type", "").startswith(
            ("application/json", "application/problem+json")
        ):
            body = json.loads(response.content)
            inner = body.get("error", body)
            assert inner["status"] == response.status_code, (case.name, body)
        assert alive(), f"server died after {case.name}"
        health = httpx.get(health_url, timeout=TIMEOUT)
        assert health.status_code == 200, (case.name, health.status_code)
    return seen
