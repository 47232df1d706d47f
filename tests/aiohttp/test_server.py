"""The aiohttp adapter behind real servers: aiohttp's own ``web.AppRunner`` and gunicorn's
aiohttp worker (two workers), driven by httpx on 127.0.0.1."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import httpx
import pytest

from httpfault import Conflict, InternalServerError, MethodNotAllowed, NotFound, Unauthorized
from tests.badinput import check_bad_inputs
from tests.servers import Server, free_port, serve
from tests.starlette.helpers import RID, assert_rendered

from .apps import CONFIG

pytestmark = pytest.mark.server


def app_runner() -> contextlib.AbstractContextManager[Server]:
    """The test app under ``web.AppRunner`` (``python -m tests.aiohttp.apps PORT``)."""
    port = free_port()
    return serve([sys.executable, "-m", "tests.aiohttp.apps", str(port)], port,
                 ready_path="/health")  # fmt: skip


def gunicorn_worker() -> contextlib.AbstractContextManager[Server]:
    """The test app under gunicorn with two ``aiohttp.GunicornWebWorker`` workers."""
    port = free_port()
    argv = [sys.executable, "-m", "gunicorn", "tests.aiohttp.apps:app_factory",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30",
            "--graceful-timeout", "5", "--worker-class", "aiohttp.GunicornWebWorker"]  # fmt: skip
    return serve(argv, port, ready_path="/health")


SERVERS: dict[str, Callable[[], contextlib.AbstractContextManager[Server]]] = {
    "app-runner": app_runner,
    "gunicorn": gunicorn_worker,
}


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    with SERVERS[request.param]() as running:
        yield running


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "/conflict", Conflict("Email already registered")),
        ("GET", "/returned-404", NotFound()),
        ("GET", "/unauthorized", Unauthorized(www_authenticate='Bearer realm="api"')),
        ("GET", "/nowhere", NotFound()),
        ("GET", "/n%C3%B6pe%20x", NotFound()),
        ("GET", "/post-only", MethodNotAllowed(allow=["POST", "PUT"])),
        ("GET", "/sub/missing", NotFound("No such item")),
        ("GET", "/crash", InternalServerError()),
    ],
)  # fmt: skip
def test_error_paths_through_servers(
    server: Server, method: str, path: str, error: Conflict
) -> None:
    """Each error path answers render()'s exact bytes through a real server."""
    response = httpx.request(method, server.url + path, headers={"x-request-id": RID},
                             timeout=20)  # fmt: skip
    assert_rendered(response, error, CONFIG, method=method, path=path)


def test_unhandled_logged_once_through_server(server: Server) -> None:
    """A crash is logged once, with its traceback; nothing of it reaches the client."""
    before = len(server.output())
    response = httpx.get(server.url + "/crash", timeout=20)
    assert response.status_code == 500
    assert b"hunter2" not in response.content
    new = server.output()[before:]
    assert new.count("Traceback (most recent call last)") == 1, new
    assert "Error handling request" not in new  # aiohttp's own record


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
