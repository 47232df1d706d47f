"""The example project's Ninja API under real servers: gunicorn (2 workers) and uvicorn."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

import httpfault
from httpfault import Config, RequestInfo, render
from tests.badinput import check_bad_inputs
from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

APP_ENV = {"DJANGO_SETTINGS_MODULE": "examples.django_app.settings"}
CONFIG = Config(format="auto")  # the example's HTTPFAULT setting
RID = "ninja-srv-1"


@pytest.fixture(scope="module", params=["gunicorn", "uvicorn"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    if request.param == "gunicorn":
        manager = gunicorn("examples.django_app.wsgi:application", workers=2, env=APP_ENV,
                           ready_path="/health")  # fmt: skip
    else:
        manager = uvicorn("examples.django_app.asgi:application", env=APP_ENV,
                          ready_path="/health")  # fmt: skip
    with manager as running:
        yield running


def send(server: Server, path: str, method: str = "GET", **kwargs: object) -> httpx.Response:
    headers = {"X-Request-ID": RID, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    return httpx.request(method, server.url + path, headers=headers, timeout=20.0, **kwargs)  # type: ignore[arg-type]


def assert_same(response: httpx.Response, error: httpfault.HTTPError, path: str) -> None:
    """The server sent exactly what render() gives for *error*."""
    want = render(error, CONFIG, RequestInfo(response.request.method, path, {"X-Request-ID": RID}))
    assert response.status_code == want.status
    assert response.content == want.body
    for name, value in want.headers:
        assert response.headers[name] == value


def test_ninja_errors(server: Server) -> None:
    """404 raised, routing 404 and 405 (Django's), 401 with a challenge, 415, 400, 500."""
    assert_same(send(server, "/ninja/users/999"), httpfault.NotFound("No user with id 999"),
                "/ninja/users/999")  # fmt: skip
    assert_same(send(server, "/ninja/nope"), httpfault.NotFound(), "/ninja/nope")
    assert_same(send(server, "/ninja/users/1", "PUT"),
                httpfault.MethodNotAllowed(allow=["GET", "DELETE"]), "/ninja/users/1")  # fmt: skip
    assert_same(send(server, "/ninja/private"), httpfault.Unauthorized(www_authenticate="Bearer"),
                "/ninja/private")  # fmt: skip
    plain = {"content-type": "text/plain"}
    assert_same(send(server, "/ninja/users", "POST", content=b"{}", headers=plain),
                httpfault.UnsupportedMediaType(), "/ninja/users")  # fmt: skip
    as_json = {"content-type": "application/json"}
    assert_same(send(server, "/ninja/users", "POST", content=b'{"name', headers=as_json),
                httpfault.BadRequest(), "/ninja/users")  # fmt: skip
    crash = send(server, "/ninja/boom")
    assert_same(crash, httpfault.InternalServerError(), "/ninja/boom")
    invalid = send(server, "/ninja/users", "POST", json={"name": "", "email": "secret@x"})
    assert invalid.status_code == 422
    assert {e["pointer"] for e in invalid.json()["error"]["errors"]} == {"#/name", "#/email"}
    assert b"secret@x" not in invalid.content


def test_ninja_500_logged_once(server: Server) -> None:
    """One unhandled exception, one traceback in the server's output."""
    marker = f"ninja-once-{time.monotonic_ns()}"
    before = server.output()
    assert send(server, "/ninja/boom", headers={"X-Request-ID": marker}).status_code == 500
    new = server.output()[len(before) :]
    for _ in range(50):
        if marker in new:
            break
        time.sleep(0.05)
        new = server.output()[len(before) :]
    assert new.count("Traceback (most recent call last)") == 1, new


def test_ninja_bad_inputs(server: Server) -> None:
    """Hostile bodies and headers get a clear 4xx (or the server's refusal), never a 500."""
    seen = check_bad_inputs(server.url + "/ninja/users", server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
