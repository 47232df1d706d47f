"""The Starlette adapter behind a real uvicorn server, driven by httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from httpfault import Conflict, InternalServerError, MethodNotAllowed, NotFound, Unauthorized
from tests.badinput import check_bad_inputs
from tests.servers import Server, uvicorn

from .apps import ORIGIN, EmailTaken
from .helpers import RID, assert_rendered

pytestmark = pytest.mark.server
HEADERS = {"x-request-id": RID}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with uvicorn("tests.starlette.apps:app", ready_path="/health") as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        yield http


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "/conflict", Conflict("Email already registered")),
        ("GET", "/custom", EmailTaken("ada@example.com is taken", field_name="email")),
        ("GET", "/http-exc", Unauthorized(headers={"WWW-Authenticate": 'Bearer realm="api"'})),
        ("GET", "/nowhere", NotFound()),
        ("GET", "/post-only", MethodNotAllowed(allow=["POST", "PUT"])),
        ("GET", "/group", NotFound("No such widget")),
        ("GET", "/mapped", NotFound()),
        ("GET", "/mw-error", Unauthorized("Token expired",
                                          www_authenticate='Bearer error="invalid_token"')),
        ("GET", "/crash", InternalServerError()),
        ("GET", "/mw-crash", InternalServerError()),
    ],
)  # fmt: skip
def test_error_paths_through_uvicorn(
    client: httpx.Client, method: str, path: str, error: Exception
) -> None:
    """Each error path answers render()'s exact bytes through a real server."""
    response = client.request(method, path, headers=HEADERS)
    assert_rendered(response, error, method=method, path=path)  # type: ignore[arg-type]


def test_validation_error_through_uvicorn(client: httpx.Client) -> None:
    """A pydantic error from user code is a 422 with field errors."""
    response = client.get("/validation", headers=HEADERS)
    assert response.status_code == 422
    assert len(response.json()["error"]["errors"]) == 2


def test_500_keeps_keep_alive_connection_usable(server: Server) -> None:
    """After a 500 the same keep-alive connection serves the next request."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        first = http.get("/crash")
        second = http.get("/health")
    assert first.status_code == 500
    assert first.headers.get("connection") != "close"
    assert second.status_code == 200


def test_500_logged_once_with_one_traceback(server: Server, client: httpx.Client) -> None:
    """The server output holds exactly one traceback for one unhandled exception."""
    marker = "trace-once-1"
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
    assert "Exception in ASGI application" not in new
    assert marker in new


def test_error_after_response_started_closes_connection(server: Server) -> None:
    """A body that fails mid-stream: no second response; the connection is closed."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.get("/stream-fail")
        assert http.get("/health").status_code == 200
    assert server.alive()


def test_cors_headers_on_500_through_uvicorn(client: httpx.Client) -> None:
    """A real 500 carries the CORS headers a browser needs to read it."""
    response = client.get("/crash", headers={"origin": ORIGIN})
    assert response.status_code == 500
    assert response.headers["access-control-allow-origin"] == ORIGIN


def test_head_through_uvicorn(client: httpx.Client) -> None:
    """HEAD error responses carry no body through a real server."""
    response = client.head("/conflict", headers=HEADERS)
    assert response.status_code == 409
    assert response.content == b""
    assert response.headers["x-request-id"] == RID


def test_bad_inputs_through_uvicorn(server: Server) -> None:
    """Hostile bodies and headers get a clear 4xx (or the server's refusal), never a 500."""
    seen = check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
    assert seen["invalid UTF-8"] == 400
    assert seen["10,000 levels of nesting"] == 400
    assert seen["wrong content type"] == 415
