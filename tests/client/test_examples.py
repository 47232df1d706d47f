"""Round trip through the example APIs served for real: each error the example raises comes
back from the client as the same typed error, in both formats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import httpfault
from httpfault.client import ProblemRegistry, error_from_response
from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

ACCEPT = {"json": "application/json", "problem": "application/problem+json"}


@pytest.fixture(scope="module", params=["fastapi", "flask"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[Server, Any]]:
    """The example API of one framework behind its real server (one worker: one store)."""
    if request.param == "fastapi":
        from examples import fastapi_app as module

        manager = uvicorn("examples.fastapi_app:app", ready_path="/health")
    else:
        from examples import flask_app as module  # type: ignore[no-redef]

        manager = gunicorn("examples.flask_app:app", workers=1, ready_path="/health")
    with manager as server:
        yield server, module


def call(
    server: Server, method: str, path: str, fmt: str, rid: str, **kwargs: Any
) -> httpx.Response:
    headers = {"accept": ACCEPT[fmt], "x-request-id": rid}
    return httpx.request(method, server.url + path, headers=headers, timeout=20.0, **kwargs)


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_example_errors_come_back_typed(served: tuple[Server, Any], fmt: str) -> None:
    """409 (a registered custom type), 404, 422 with pointers, 429 with Retry-After, a hidden
    500 and a routing 404 each parse back into the class and members the example raised."""
    server, module = served
    registry = ProblemRegistry()
    registry.register(module.EmailTaken)
    email = f"ada-{fmt}@example.com"

    first = call(server, "POST", "/users", fmt, "r-create", json={"name": "Ada", "email": email})
    assert first.status_code == 201
    assert error_from_response(first, registry=registry) is None

    taken = error_from_response(
        call(server, "POST", "/users", fmt, "r-409", json={"name": "Ada", "email": email}),
        registry=registry,
    )
    assert type(taken) is module.EmailTaken
    assert (taken.status, taken.code, taken.type) == (409, "email_taken", module.EmailTaken.type)
    assert taken.detail == f"{email} is already registered"
    assert taken.request_id == "r-409"

    missing = error_from_response(call(server, "GET", "/users/999", fmt, "r-404"))
    assert type(missing) is httpfault.NotFound
    assert missing.detail == "No user with id 999"
    assert missing.request_id == "r-404"

    invalid = error_from_response(
        call(server, "POST", "/users", fmt, "r-422", json={"name": "", "email": "not-an-email"})
    )
    assert type(invalid) is httpfault.UnprocessableContent
    assert {e.pointer for e in invalid.errors} == {"#/name", "#/email"}
    assert all(e.in_ == "body" and e.code for e in invalid.errors)
    assert "not-an-email" not in str([e.message for e in invalid.errors])

    limited = None
    for attempt in range(10):
        response = call(server, "GET", f"/search?q=x{fmt}", fmt, f"r-429-{attempt}")
        if response.status_code == 429:
            limited = error_from_response(response)
            break
    assert type(limited) is httpfault.TooManyRequests
    assert limited.retry_after == 10
    assert limited.headers["Retry-After"] == "10"

    crash = error_from_response(call(server, "GET", "/stats", fmt, "r-500"))
    assert type(crash) is httpfault.InternalServerError
    assert crash.detail is None  # the default sentence comes back as no detail
    assert crash.request_id == "r-500"

    nowhere = error_from_response(call(server, "GET", "/no/such/route", fmt, "r-route"))
    assert type(nowhere) is httpfault.NotFound
    assert nowhere.detail is None
