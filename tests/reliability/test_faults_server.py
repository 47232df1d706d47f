"""Fault injection through real servers: clients that hang up, streams that break.

For every adapter's app under its real server (uvicorn for Starlette, FastAPI and
Django ASGI; gunicorn for Flask and Django WSGI): a client that reads a little of a
large error body (2 MB) or of a long stream and then resets the connection, and an
exception raised by a streaming body after the response has started. The server keeps
serving (the next error is answered byte for byte, a success is a 200), and a broken
stream is logged once with its traceback.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.reliability.scenarios import (
    BY_NAME,
    SECRET,
    STREAM_CHUNK,
    STREAM_CHUNKS,
    expected,
    mismatch,
    request_headers,
)
from tests.servers import Server, gunicorn, sanic, uvicorn

pytestmark = pytest.mark.server

DJANGO_ENV = {"DJANGO_SETTINGS_MODULE": "tests.reliability.django_settings"}
SERVERS = {
    "starlette": ("starlette", lambda: uvicorn("tests.reliability.asgi_apps:starlette_app",
                  ready_path="/ok")),
    "fastapi": ("fastapi", lambda: uvicorn("tests.reliability.asgi_apps:fastapi_app",
                ready_path="/ok")),
    "flask": ("flask", lambda: gunicorn("tests.reliability.flask_apps:app", workers=1,
              ready_path="/ok")),
    "django-wsgi": ("django", lambda: gunicorn("tests.reliability.django_server:wsgi",
                    workers=1, env=DJANGO_ENV, ready_path="/ok")),
    "django-asgi": ("django", lambda: uvicorn("tests.reliability.django_server:asgi",
                    env=DJANGO_ENV, ready_path="/ok")),
    "aiohttp": ("aiohttp", lambda: gunicorn("tests.reliability.aiohttp_apps:app_factory",
                workers=1, ready_path="/ok",
                extra=("--worker-class", "aiohttp.GunicornWebWorker"))),
    "sanic": ("sanic", lambda: sanic("tests.reliability.sanic_apps:app", ready_path="/ok")),
}  # fmt: skip
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, Server]]:
    """One server per adapter, shared by the tests of this module."""
    with SERVERS[request.param][1]() as running:
        yield SERVERS[request.param][0], running


def assert_serving(adapter: str, running: Server) -> None:
    """The server answers an error byte for byte, and a success."""
    assert running.alive()
    scenario = BY_NAME["not_found"]
    headers = request_headers("after-fault", problem=True)
    response = httpx.get(running.url + scenario.path, headers=headers, timeout=20)
    want = expected(scenario, adapter, headers)
    assert mismatch(want, response.status_code, response.headers.get, response.content) is None
    assert httpx.get(running.url + "/ok", timeout=20).status_code == 200


def hang_up(running: Server, path: str) -> bytes:
    """Ask for *path*, read the first bytes of the answer, then reset the connection."""
    with socket.create_connection(("127.0.0.1", running.port), timeout=20) as sock:
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: hangup\r\n\r\n"
        sock.sendall(request.encode())
        first = sock.recv(4096)
        # SO_LINGER 0: close() sends a reset, as a client that crashed would.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return first


@pytest.mark.parametrize("path", ["/big", "/stream"])
def test_client_disconnects_mid_response(server: tuple[str, Server], path: str) -> None:
    """Five clients hang up mid-response (2 MB error body, long stream): the server serves on.

    A client hanging up is no application error: no 500 and no traceback is logged for it.
    (Django under uvicorn goes on writing a stream to the closed socket, and asyncio warns
    ``socket.send() raised exception.``: the server's business, not the app's.)
    """
    adapter, running = server
    before = len(running.output())
    for _ in range(5):
        first = hang_up(running, path)
        assert first.startswith(b"HTTP/1.1 404" if path == "/big" else b"HTTP/1.1 200"), first
    time.sleep(0.5)  # let the server notice the resets
    assert_serving(adapter, running)
    new = running.output()[before:]
    assert TRACEBACK not in new, new[-3000:]


def test_error_after_response_started(server: tuple[str, Server]) -> None:
    """A stream that breaks after its first chunk: a truncated response, one logged traceback.

    Starlette and FastAPI: httpfault's middleware logs it (the response has started, so
    it sends nothing more) and uvicorn closes the connection; WSGI apps and Django under
    ASGI: the exception is raised while the server iterates the body, outside the app,
    and the server logs it.
    """
    adapter, running = server
    before = len(running.output())
    received: list[bytes] = []
    statuses: list[int] = []

    def read() -> None:
        with httpx.stream("GET", running.url + "/stream-fail", timeout=20) as response:
            statuses.append(response.status_code)
            received.extend(response.iter_bytes())

    if adapter == "sanic":
        # Sanic logs the exception and ends the chunked body where it broke: the client
        # sees a short body, not a broken connection (Sanic's choice; nothing to answer).
        with contextlib.suppress(httpx.HTTPError):
            read()
    else:
        with pytest.raises(httpx.HTTPError):
            read()
    assert statuses == [200]
    assert len(b"".join(received)) < STREAM_CHUNKS * len(STREAM_CHUNK)
    assert_serving(adapter, running)
    new = running.output()[before:]
    assert f"stream broke; password {SECRET}" in new
    if "Exception Group Traceback" in new:
        # Django's ASGI handler on newer Pythons re-raises out of a TaskGroup: uvicorn's one
        # record prints the group (with the error inside) and then the chained re-raise.
        assert new.count("Exception in ASGI application") == 1, new
        assert new.count("RuntimeError: stream broke") == 2, new
    else:
        assert new.count("RuntimeError: stream broke") == 1, new  # one record
