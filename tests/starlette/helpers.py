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


def walk_example(base_url: str) -> dict[str, int]:
    """Drive an example API through every status it documents; return what it answered."""
    import httpx

    seen: dict[str, int] = {}
    with httpx.Client(base_url=base_url, timeout=20.0) as http:
        user = {"name": "Ada", "email": "ada@example.com"}
        created = http.post("/users", json=user)
        seen["create"] = created.status_code
        seen["duplicate"] = http.post("/users", json=user).status_code
        user_id = created.json()["id"]
        seen["get"] = http.get(f"/users/{user_id}").status_code
        seen["delete"] = http.delete(f"/users/{user_id}").status_code
        seen["missing"] = http.get(f"/users/{user_id}").status_code
        seen["invalid"] = http.post("/users", json={"name": "", "email": "nope"}).status_code
        seen["stats-bug"] = http.get("/stats").status_code
        seen["item"] = http.post("/items", json={"name": "Lamp", "price": 9.5}).status_code
        statuses = [http.get("/search", params={"q": "lamp"}).status_code for _ in range(6)]
        seen["search"], seen["rate-limited"] = statuses[0], statuses[-1]
    return seen


EXAMPLE_STATUSES = {
    "create": 201, "duplicate": 409, "get": 200, "delete": 204, "missing": 404,
    "invalid": 422, "stats-bug": 500, "item": 201, "search": 200, "rate-limited": 429,
}  # fmt: skip
