"""The Litestar plugin behind a real uvicorn server, driven by httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from httpfault import Conflict, InternalServerError, MethodNotAllowed, NotFound, Unauthorized
from tests.badinput import check_bad_inputs
from tests.servers import Server, uvicorn
from tests.starlette.helpers import RID, assert_rendered

from .apps import ORIGIN

pytestmark = pytest.mark.server
HEADERS = {"x-request-id": RID}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with uvicorn("tests.litestar.apps:app", ready_path="/health") as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        yield http


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/conflict", Conflict("Email already registered")),
        ("/nowhere", NotFound()),
        ("/post-only", MethodNotAllowed(allow=["POST", "OPTIONS"])),
        ("/guarded", Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')),
        ("/mw-error", Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')),
        ("/crash", InternalServerError()),
        ("/mw-crash", InternalServerError()),
        ("/n%C3%B6pe%20x", NotFound()),
    ],
)  # fmt: skip
def test_error_paths_through_uvicorn(client: httpx.Client, path: str, error: Exception) -> None:
    """Each error path answers render()'s exact bytes through a real server."""
    response = client.get(path, headers=HEADERS)
    assert_rendered(response, error, path=path)  # type: ignore[arg-type]


def test_500_logged_once_with_one_traceback(server: Server, client: httpx.Client) -> None:
    """The server output holds exactly one traceback for one unhandled exception."""
    marker = "trace-once-litestar"
    before = server.output()
    response = client.get("/crash", headers={"x-request-id": marker})
    assert response.status_code == 500
    new = server.output()[len(before) :]
    for _ in range(50):  # the log line may trail the response by a moment
        if marker in new:
            break
        time.sleep(0.05)
        new = server.output()[len(before) :]
    assert new.count("Traceback (most recent call last)") == 1, new
    assert "hunter2" not in response.text


def test_500_keeps_keep_alive_connection_usable(server: Server) -> None:
    """After a 500 the same keep-alive connection serves the next request."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        first = http.get("/crash")
        second = http.get("/health")
    assert first.status_code == 500
    assert second.status_code == 200


def test_cors_and_head_through_uvicorn(client: httpx.Client) -> None:
    """A real 500 keeps CORS headers; a HEAD error has no body."""
    crash = client.get("/crash", headers={"origin": ORIGIN})
    assert crash.headers["access-control-allow-origin"] == ORIGIN
    head = client.head("/nowhere", headers=HEADERS)
    assert head.status_code == 404
    assert head.content == b""
    assert head.headers["x-request-id"] == RID


def test_bad_inputs_through_uvicorn(server: Server) -> None:
    """Hostile bodies and headers get a clear 4xx (or the server's refusal), never a 500."""
    seen = check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
    assert seen["invalid UTF-8"] == 400
