"""Shared by the Starlette and FastAPI tests: the test client and byte-for-byte checks."""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from typing import Any

from httpfault import Config, HTTPError, RequestInfo, render

with warnings.catch_warnings():
    # Starlette asks for httpx2 but still runs on httpx; the warning is not ours to fix.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

__all__ = ["RID", "TestClient", "assert_rendered", "body_of"]

RID = "req-0001"
"""A request id the tests send, so the expected bytes are known in advance."""


def body_of(response: Any) -> dict[str, Any]:
    """The error member of a JSON error body (or the whole problem body)."""
    data: dict[str, Any] = json.loads(response.content)
    return data.get("error", data) if "error" in data else data


def assert_rendered(
    response: Any,
    error: HTTPError,
    config: Config | None = None,
    *,
    method: str = "GET",
    path: str = "/",
    headers: Mapping[str, str] | None = None,
) -> None:
    """Assert *response* carries exactly what ``render()`` makes of *error*."""
    sent = {"x-request-id": RID, **(headers or {})}
    expected = render(error, config or Config(), RequestInfo(method, path, sent))
    assert response.status_code == expected.status, response.text
    assert response.content == expected.body, (response.content, expected.body)
    for name, value in expected.headers:
        got = response.headers.get(name)
        if name.lower() == "vary":  # CORS adds Origin to it
            assert got is not None
            assert value in [v.strip() for v in got.split(",")], got
        else:
            assert got == value, (name, dict(response.headers))
