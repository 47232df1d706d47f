"""slowapi's 429 answers in the contract (the real library; TestClient and uvicorn)."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.testclient import TestClient

from httpfault import RateLimit, TooManyRequests
from httpfault import client as httpfault_client
from httpfault.testing import assert_conforms, assert_error
from tests.fastapi.slowapi_app import make_fastapi, make_middleware, make_starlette
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
    assert [(lim.policy, lim.quota, lim.window) for lim in error.ratelimit] == [
        ("2 per 1 minute", 2, 60)
    ]


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


def check_live_state(response: httpx.Response) -> None:
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 61
    assert response.headers["RateLimit"] == f'"2 per 1 minute";r=0;t={retry_after}'
    error = httpfault_client.error_from_response(response)
    assert error is not None
    assert error.retry_after == retry_after
    assert error.ratelimit == (
        RateLimit("2 per 1 minute", quota=2, window=60, remaining=0, reset=retry_after),
    )


def test_handler_adds_retry_after_and_the_ratelimit_field() -> None:
    """With httpfault's handler registered, the 429 also tells when to come back."""
    with TestClient(make_fastapi(handler=True)) as http:
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        response = http.get("/items")
    assert response.headers["RateLimit-Policy"] == POLICY
    check_limited(response)
    check_live_state(response)


def test_handler_serves_slowapi_middleware() -> None:
    """``SlowAPIMiddleware`` answers with the registered handler: httpfault's 429, in the
    installed format (problem+json here), with the live state."""
    with TestClient(make_middleware()) as http:
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        response = http.get("/items")
    assert_error(response, TooManyRequests)
    assert_conforms(response)
    assert response.headers["Content-Type"] == "application/problem+json"
    check_live_state(response)


def test_handler_answers_whatever_it_is_given() -> None:
    """Registered for another exception, the handler still answers a contract 429."""
    from starlette.requests import Request

    from httpfault.adapters.slowapi import rate_limit_exceeded

    scope = {"type": "http", "method": "GET", "path": "/", "raw_path": b"/", "headers": [],
             "query_string": b"", "app": make_starlette()}  # fmt: skip
    response = rate_limit_exceeded(Request(scope), RuntimeError("no limit here"))
    assert response.status_code == 429
    own = rate_limit_exceeded(Request(scope), TooManyRequests("mine", retry_after=3))
    assert own.headers["retry-after"] == "3"
    assert json.loads(bytes(own.body))["error"]["message"] == "mine"


@pytest.mark.server
def test_limit_exceeded_on_a_real_server() -> None:
    """Under uvicorn, the same 429 reaches an httpx client."""
    with (
        uvicorn("tests.fastapi.slowapi_app:fastapi_app", ready_path="/docs") as server,
        httpx.Client(base_url=server.url, timeout=5.0) as http,
    ):
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        response = http.get("/items")
    check_limited(response)
    assert "RateLimit" not in response.headers  # no live state without the handler


@pytest.mark.server
def test_handler_on_a_real_server() -> None:
    """Under uvicorn, with the handler: the 429 carries Retry-After and RateLimit too."""
    with (
        uvicorn("tests.fastapi.slowapi_app:handled_app", ready_path="/docs") as server,
        httpx.Client(base_url=server.url, timeout=5.0) as http,
    ):
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        response = http.get("/items")
    check_limited(response)
    check_live_state(response)
