"""The example app under a real gunicorn (2 sync workers), driven over HTTP with httpx."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from httpfault import InternalServerError, MethodNotAllowed, NotFound, RequestInfo, render
from tests.badinput import check_bad_inputs
from tests.servers import Server, gunicorn

pytestmark = pytest.mark.server

RID = "srv-0123456789"
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One gunicorn server with the example app for the whole module."""
    with gunicorn("examples.flask_app:app", workers=2, ready_path="/health") as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    """An httpx client on the server."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        yield http


def rendered(error, method: str, path: str) -> bytes:
    return render(error, None, RequestInfo(method, path, {"X-Request-ID": RID})).body


def test_health_and_happy_paths(client: httpx.Client):
    """The example's successes: 200 health, 201 created, 200 read; no request id added."""
    assert client.get("/health").json() == {"status": "ok"}
    created = client.post("/users", json={"name": "Bo", "email": f"{uuid.uuid4().hex}@ex.org"})
    assert created.status_code == 201
    assert "X-Request-ID" not in created.headers
    assert client.get("/users/1").json()["email"] == "alice@example.com"


def test_contract_errors_over_the_wire(client: httpx.Client):
    """404, 405 (with Allow), 409, 422 and 429 (with Retry-After) answer in the contract."""
    headers = {"X-Request-ID": RID}
    missing = client.get("/nowhere", headers=headers)
    assert (missing.status_code, missing.content) == (404, rendered(NotFound(), "GET", "/nowhere"))
    wrong = client.put("/health", headers=headers)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "GET, HEAD, OPTIONS"
    allow = ["GET", "HEAD", "OPTIONS"]
    assert wrong.content == rendered(MethodNotAllowed(allow=allow), "PUT", "/health")
    taken = client.post("/users", json={"name": "A", "email": "alice@example.com"})
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "email_taken"
    invalid = client.post("/users", json={"name": ""})
    assert invalid.status_code == 422
    assert {e["pointer"] for e in invalid.json()["error"]["errors"]} == {"#/name", "#/email"}
    limited = client.get("/items/search")
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "30")
    assert client.get("/users/999").json()["error"]["message"] == "User 999 does not exist"
    assert client.delete("/users/999").status_code == 404


def test_head_error_has_no_body(client: httpx.Client):
    """HEAD on a missing resource: 404, the error's headers, no body."""
    response = client.head("/users/999", headers={"X-Request-ID": RID})
    assert response.status_code == 404
    assert response.content == b""
    assert response.headers["X-Request-ID"] == RID


def test_unhandled_500_logged_once(server: Server, client: httpx.Client):
    """/boom is the safe 500, and the server output holds exactly one traceback for it."""
    before = server.output()
    response = client.get("/boom", headers={"X-Request-ID": RID})
    assert response.status_code == 500
    assert response.content == rendered(InternalServerError(), "GET", "/boom")
    assert b"hunter2" not in response.content
    new = server.output()[len(before) :]
    assert new.count(TRACEBACK) == 1, new
    assert new.count("RuntimeError: database password is hunter2") == 1, new
    assert RID in new


def test_bad_inputs(server: Server, client: httpx.Client):
    """The hostile-input list: clear 4xx each time, no 500, no hang, server alive after."""
    before = server.output()
    seen = check_bad_inputs(f"{server.url}/users", server.alive, f"{server.url}/health")
    assert seen["malformed JSON"] == 400
    assert seen["wrong content type"] == 415
    assert seen["invalid UTF-8"] == 400
    assert seen["10,000 levels of nesting"] == 400
    assert seen["JSON not an object"] == 422
    assert seen["10 MB body"] in (413, None)
    assert TRACEBACK not in server.output()[len(before) :]
    assert server.alive()
