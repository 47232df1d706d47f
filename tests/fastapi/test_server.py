"""The FastAPI adapter behind a real uvicorn server, driven by httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from httpfault import BadRequest, InternalServerError, NotFound, Unauthorized
from tests.badinput import check_bad_inputs
from tests.servers import Server, uvicorn
from tests.starlette.helpers import RID, assert_rendered

from .apps import ORIGIN, EmailTaken

pytestmark = pytest.mark.server
HEADERS = {"x-request-id": RID}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with uvicorn("tests.fastapi.apps:app", ready_path="/health") as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        yield http


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/me", Unauthorized("Missing or bad token", www_authenticate='Bearer realm="api"')),
        ("/items/0", NotFound("No item 0")),
        ("/items/1", NotFound()),
        ("/nowhere", NotFound()),
        ("/group", NotFound("No such widget")),
        ("/mapped", NotFound()),
        ("/mw-error", Unauthorized("Token expired")),
        ("/crash", InternalServerError()),
        ("/sync-crash", InternalServerError()),
        ("/mw-crash", InternalServerError()),
        ("/bad-response", InternalServerError()),
    ],
)
def test_error_paths_through_uvicorn(client: httpx.Client, path: str, error: Exception) -> None:
    """Each FastAPI error path answers render()'s exact bytes through a real server."""
    assert_rendered(client.get(path, headers=HEADERS), error, path=path)  # type: ignore[arg-type]


def test_endpoint_error_and_validation_through_uvicorn(client: httpx.Client) -> None:
    """A custom problem type, RequestValidationError and malformed JSON over the wire."""
    taken = client.post("/users", json={"name": "taken", "age": 1}, headers=HEADERS)
    expected = EmailTaken("That email is registered", field_name="email")
    assert_rendered(taken, expected, method="POST", path="/users")
    invalid = client.post("/users", json={"name": "a", "age": "x"}, headers=HEADERS)
    assert invalid.status_code == 422
    assert invalid.json()["error"]["errors"][0]["pointer"] == "#/age"
    headers = {**HEADERS, "content-type": "application/json"}
    malformed = client.post("/users", content=b'{"name":', headers=headers)
    assert_rendered(malformed, BadRequest(), method="POST", path="/users")


def test_500_keeps_keep_alive_connection_usable(server: Server) -> None:
    """After a 500 the same keep-alive connection serves the next request."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        first = http.get("/crash")
        second = http.get("/health")
    assert first.status_code == 500
    assert second.status_code == 200


def test_500_logged_once_with_one_traceback(server: Server, client: httpx.Client) -> None:
    """The server output holds exactly one traceback for one unhandled exception."""
    marker = "fastapi-trace-once"
    before = server.output()
    assert client.get("/crash", headers={"x-request-id": marker}).status_code == 500
    new = server.output()[len(before) :]
    for _ in range(50):  # the log line may trail the response by a moment
        if marker in new:
            break
        time.sleep(0.05)
        new = server.output()[len(before) :]
    assert new.count("Traceback (most recent call last)") == 1, new
    assert "Exception in ASGI application" not in new


def test_error_after_response_started_closes_connection(server: Server) -> None:
    """A stream that fails after the start: no second response, connection closed."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.get("/stream-fail")
        assert http.get("/health").status_code == 200


def test_cors_headers_on_500_through_uvicorn(client: httpx.Client) -> None:
    """A real 500 carries the CORS headers."""
    response = client.get("/crash", headers={"origin": ORIGIN})
    assert response.status_code == 500
    assert response.headers["access-control-allow-origin"] == ORIGIN


def test_bad_inputs_through_uvicorn(server: Server) -> None:
    """Hostile bodies and headers: a clear 4xx (or the server's refusal), never a 500."""
    seen = check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
    assert seen["invalid UTF-8"] == 400
    assert seen["10,000 levels of nesting"] == 400
