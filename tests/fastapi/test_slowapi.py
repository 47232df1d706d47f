"""slowapi's 429 answers in the contract (the real library; TestClient and uvicorn)."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.testclient import TestClient

from httpfault import RateLimit, TooManyRequests
from httpfault import client as httpfault_client
from httpfault.testing import assert_conforms, assert_error
from tests.fastapi.slowapi_app import make_fastapi, make_starlette
from tests.servers import uvicorn

POLICY = '"2 per 1 minute";q=2;w=60'


def check_limited(response: httpx.Response) -> None:
    assert_error(response, TooManyRequests)
    assert_conforms(response)
    body = json.loads(response.content)["error"]
    assert body["message"] == TooManyRequests.default_detail  # not slowapi's "2 per 1 minute"
    assert response.headers["RateLimit-Policy"] == POLICY
    error = httpfault_client.error_from_response(response)
    assert isinstance(error, TooManyRequests)
    assert error.ratelimit == (RateLimit("2 per 1 minute", quota=2, window=60),)


@pytest.mark.parametrize("make", [make_fastapi, make_starlette])
def test_limit_exceeded_answers_in_the_contract(make: object) -> None:
    """With no handler line, slowapi's third request is httpfault's 429 with the policy."""
    with TestClient(make()) as http:  # type: ignore[operator]
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        check_limited(http.get("/items"))


def test_own_error_message_is_the_detail() -> None:
    """A limit's own ``error_message`` is sent as the detail (sync endpoint)."""
    with TestClient(make_fastapi()) as http:
        assert http.get("/quiet").status_code == 200
        response = http.get("/quiet")
    assert_error(response, TooManyRequests)
    assert json.loads(response.content)["error"]["message"] == "Slow down, please."


@pytest.mark.server
def test_limit_exceeded_on_a_real_server() -> None:
    """Under uvicorn, the same 429 reaches an httpx client."""
    with (
        uvicorn("tests.fastapi.slowapi_app:fastapi_app", ready_path="/docs") as server,
        httpx.Client(base_url=server.url, timeout=5.0) as http,
    ):
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        check_limited(http.get("/items"))
