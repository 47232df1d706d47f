"""Reuse never keeps client-sent text: a flood of validation errors naming 2 MB of field
names each grows a worker no more than one that reuses nothing (under 10 MB apart)."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.servers import uvicorn

pytestmark = [pytest.mark.server, pytest.mark.slow]

REQUESTS = 80
NAMES = 10_000  # field names of 200 characters: 2 MB of names in each request


def _body(index: int) -> bytes:
    return json.dumps({f"{index:05d}-{n:05d}-" + "k" * 188: 1 for n in range(NAMES)}).encode()


def _growth(cache_bytes: int) -> int:
    """KB a fresh worker grows by over the flood, after the same warm-up."""
    env = {"CACHE_BYTES": str(cache_bytes)}
    with uvicorn("tests.reliability.memory_app:app", env=env, ready_path="/health") as server, \
            httpx.Client(base_url=server.url, timeout=60) as client:  # fmt: skip
        json_type = {"content-type": "application/json"}
        for index in range(3):  # warm-up: imports, first renders, allocator arenas
            response = client.post("/strict", content=_body(index), headers=json_type)
            assert response.status_code == 422
        before = client.get("/rss").json()["kb"]
        for index in range(3, 3 + REQUESTS):
            response = client.post("/strict", content=_body(index), headers=json_type)
            assert response.status_code == 422
        assert len(response.json()["error"]["errors"]) == NAMES
        after = client.get("/rss").json()["kb"]
    return after - before


def test_a_flood_of_client_named_fields_keeps_nothing() -> None:
    """With reuse on, the worker grows less than 10 MB more than with reuse off."""
    reused = _growth(1 << 20)
    fresh = _growth(0)
    print(f"RSS growth over {REQUESTS} requests: reuse on {reused} KB, off {fresh} KB")
    assert reused - fresh < 10 * 1024, (reused, fresh)
