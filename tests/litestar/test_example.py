"""The Litestar example serves the same API as the other examples, errors in the contract."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from httpfault import Config, RequestInfo, render
from httpfault.testing import assert_conforms


@pytest.fixture
def client() -> Iterator[TestClient[Litestar]]:
    from examples import litestar_app

    litestar_app.app.state.store = litestar_app.Store()  # each test starts with no users
    with TestClient(litestar_app.app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_users_api(client: TestClient[Litestar]) -> None:
    """201 then 409 EmailTaken; 404; 422 with pointers; 500 safe; 429 with Retry-After."""
    user = {"name": "Ada", "email": "ada@example.com"}
    assert client.post("/users", json=user).status_code == 201
    taken = client.post("/users", json=user, headers={"x-request-id": "ex-1"})
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "email_taken"
    missing = client.get("/users/42", headers={"x-request-id": "ex-2"})
    want = render(__import__("httpfault").NotFound("No user with id 42"), Config(format="auto"),
                  RequestInfo("GET", "/users/42", {"x-request-id": "ex-2"}))  # fmt: skip
    assert missing.content == want.body
    invalid = client.post("/users", json={"name": "", "email": "nope"})
    assert invalid.status_code == 422
    assert {e["pointer"] for e in invalid.json()["error"]["errors"]} == {"#/name", "#/email"}
    crash = client.get("/stats")
    assert crash.status_code == 500
    assert_conforms(crash)
    for _ in range(5):
        client.get("/search?q=x")
    limited = client.get("/search?q=x")
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "10"
    assert client.get("/users/0").status_code == 422
    assert client.get("/schema/openapi.json").status_code == 200
