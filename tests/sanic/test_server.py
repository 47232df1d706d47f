"""The Sanic adapter behind Sanic's own server (one process, and two workers), driven by
httpx on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from httpfault import (
    Conflict,
    ContentTooLarge,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
)
from tests.badinput import check_bad_inputs
from tests.servers import Server, sanic
from tests.starlette.helpers import RID, assert_rendered

from .apps import CONFIG

pytestmark = pytest.mark.server


SERVERS: dict[str, Callable[[], contextlib.AbstractContextManager[Server]]] = {
    "single-process": lambda: sanic("tests.sanic.apps:app", ready_path="/health"),
    "two-workers": lambda: sanic("tests.sanic.apps:app", workers=2, ready_path="/health"),
}


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    with SERVERS[request.param]() as running:
        yield running


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "/conflict", Conflict("Email already registered")),
        ("GET", "/unauthorized", Unauthorized("Token expired",
                                              www_authenticate='Bearer realm="api"')),
        ("GET", "/nowhere", NotFound()),
        ("GET", "/n%C3%B6pe%20x", NotFound()),
        ("GET", "/post-only", MethodNotAllowed(allow=["POST", "PUT"])),
        ("GET", "/items/3", NotFound("No such item")),
        ("GET", "/unavailable", ServiceUnavailable()),
        ("GET", "/crash", InternalServerError()),
    ],
)  # fmt: skip
def test_error_paths_through_servers(
    server: Server, method: str, path: str, error: Conflict
) -> None:
    """Each error path answers render()'s exact bytes through Sanic's server, whose
    FALLBACK_ERROR_FORMAT is "html" in this app."""
    response = httpx.request(method, server.url + path, headers={"x-request-id": RID},
                             timeout=20)  # fmt: skip
    assert_rendered(response, error, CONFIG, method=method, path=path)


def test_head_through_server(server: Server) -> None:
    """HEAD: the error's status and headers, no body."""
    response = httpx.head(server.url + "/conflict", headers={"x-request-id": RID}, timeout=20)
    assert (response.status_code, response.content) == (409, b"")
    assert response.headers["x-request-id"] == RID


def test_payload_too_large_through_server(server: Server) -> None:
    """A body over REQUEST_MAX_SIZE: Sanic's PayloadTooLarge, answered in the contract."""
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    try:
        response = httpx.post(server.url + "/users", content=big, timeout=20,
                              headers={"x-request-id": RID, "content-type": "application/json"})  # fmt: skip
    except (httpx.RemoteProtocolError, httpx.WriteError, httpx.ReadError):
        pytest.skip("the server closed the connection before the answer was read")
    assert_rendered(response, ContentTooLarge(), CONFIG, method="POST", path="/users")


def test_5xx_logged_once_through_server(server: Server) -> None:
    """A crash and a quiet ServiceUnavailable: one record each in the server's output, with
    the exception (Sanic prints tracebacks its own way), and nothing from Sanic itself."""
    for path, raised in (("/crash", "RuntimeError"), ("/unavailable", "ServiceUnavailable")):
        before = len(server.output())
        response = httpx.get(server.url + path, timeout=20)
        assert response.status_code >= 500
        assert b"hunter2" not in response.content
        new = server.output()[before:]
        assert new.count(f"GET {path} -> ") == 1, new
        assert f"{raised}: " in new, new
        assert "Exception occurred while handling uri" not in new, new


def test_bad_inputs(server: Server) -> None:
    """The hostile-input list: a clear 4xx each (or the server's refusal), never a 5xx,
    and the server still serves."""
    seen = check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
    assert seen["wrong content type"] == 415
    assert seen["invalid UTF-8"] == 400
    assert seen["10,000 levels of nesting"] == 400
    assert seen["JSON not an object"] == 422
    assert seen["10 MB body"] in (413, None)


def raw_get(server: Server, target: bytes) -> tuple[bytes, bytes]:
    """A GET of *target* sent as it is (no client rewrites it); the status line and body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], body


def test_instance_is_the_path_through_server() -> None:
    """Through Sanic's server (httptools parsing the target), instance is the path as sent,
    without the query string, for a target in origin form and in absolute form alike; an
    absolute form with no path (which Sanic's router fails on) is "/"."""
    with sanic("tests.sanic.apps:problem_app", ready_path="/health", extra=["--factory"]) as server:
        for target in (b"/conflict?token=abc", b"http://test/conflict?token=abc"):
            status, body = raw_get(server, target)
            assert status == b"HTTP/1.1 409 Conflict", target
            assert json.loads(body)["instance"] == "/conflict", target
        status, body = raw_get(server, b"http://test?token=/x")
        assert status == b"HTTP/1.1 500 Internal Server Error"
        assert json.loads(body)["instance"] == "/"
