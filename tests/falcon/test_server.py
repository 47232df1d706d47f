"""The example app under real servers: gunicorn (WSGI, 2 sync workers) and uvicorn (ASGI),
driven over HTTP with httpx."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from httpfault import Config, InternalServerError, MethodNotAllowed, NotFound, RequestInfo, render
from tests.badinput import check_bad_inputs
from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

RID = "srv-0123456789"
TRACEBACK = "Traceback (most recent call last)"
AUTO = Config(format="auto")  # as the example installs it
SERVERS = {
    "gunicorn": lambda: gunicorn("examples.falcon_app:app", workers=2, ready_path="/health"),
    "uvicorn": lambda: uvicorn("examples.falcon_app:asgi_app", ready_path="/health"),
}


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    """One server per kind with the example app, for the whole module."""
    with SERVERS[request.param]() as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    """An httpx client on the server, sending the test request id."""
    with httpx.Client(base_url=server.url, timeout=20.0, headers={"X-Request-ID": RID}) as http:
        yield http


def rendered(error, method: str, path: str) -> bytes:
    request = RequestInfo(method, path, {"X-Request-ID": RID, "Accept": "*/*"})
    return render(error, AUTO, request).body


def test_health_and_created(client: httpx.Client):
    """The example's successes: 200 health, 201 created; no request id added to them."""
    assert client.get("/health").json() == {"status": "ok"}
    created = client.post("/users", json={"name": "Bo", "email": f"{uuid.uuid4().hex}@ex.org"})
    assert created.status_code == 201
    assert "X-Request-ID" not in created.headers


def test_contract_errors_over_the_wire(client: httpx.Client):
    """404 and 405 (with a truthful Allow) are render()'s bytes; 422 lists the fields;
    the path as sent is the instance."""
    missing = client.get("/users/999")
    assert missing.status_code == 404
    assert missing.content == rendered(NotFound("No user with id 999"), "GET", "/users/999")
    assert missing.headers["Vary"] == "Accept"
    nowhere = client.get("/no%2Fwhere")
    assert nowhere.content == rendered(NotFound(), "GET", "/no%2Fwhere")
    wrong = client.put("/health")
    assert wrong.status_code == 405
    allow = ["GET", "OPTIONS"]
    assert wrong.headers["Allow"] == "GET, OPTIONS"
    assert wrong.content == rendered(MethodNotAllowed(allow=allow), "PUT", "/health")
    assert {client.request(m, "/health").status_code for m in allow} == {200}
    assert client.head("/health").status_code == 405  # Falcon: no on_head, no HEAD
    invalid = client.post("/users", json={"name": ""})
    assert invalid.status_code == 422
    assert {e["pointer"] for e in invalid.json()["error"]["errors"]} == {"#/name", "#/email"}
    problem = client.get("/users/999", headers={"Accept": "application/problem+json"})
    assert problem.headers["Content-Type"] == "application/problem+json"


def test_conflict_and_rate_limit(client: httpx.Client):
    """A repeated email is a 409 email_taken; a sixth search in 10 s is a 429 with
    Retry-After (two workers keep two stores: requests repeat until one has seen enough)."""
    email = f"{uuid.uuid4().hex}@ex.org"
    statuses = [client.post("/users", json={"name": "A", "email": email}) for _ in range(3)]
    conflicts = [r for r in statuses if r.status_code == 409]
    assert conflicts, [r.status_code for r in statuses]
    assert conflicts[0].json()["error"]["code"] == "email_taken"
    searches = [client.get("/search", params={"q": "x"}) for _ in range(11)]
    limited = [r for r in searches if r.status_code == 429]
    assert limited, [r.status_code for r in searches]
    assert limited[0].headers["Retry-After"] == "10"


def test_head_error_has_no_body(client: httpx.Client):
    """HEAD on a missing resource: 404, the error's headers, no body."""
    response = client.head("/users/999")
    assert response.status_code == 404
    assert response.content == b""
    assert response.headers["X-Request-ID"] == RID


def test_unhandled_500_logged_once(server: Server, client: httpx.Client):
    """/stats is the safe 500, and the server output holds exactly one traceback for it."""
    before = server.output()
    response = client.get("/stats")
    assert response.status_code == 500
    assert response.content == rendered(InternalServerError(), "GET", "/stats")
    new = server.output()[len(before) :]
    assert new.count(TRACEBACK) == 1, new
    assert new.count("ZeroDivisionError: division by zero") == 1, new
    assert RID in new


def test_bad_inputs(server: Server):
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
