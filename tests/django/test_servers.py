"""The example project under real servers: gunicorn (WSGI) and uvicorn (ASGI).

One gunicorn worker: the example keeps its data in memory, one store per process.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import httpfault
from httpfault import Config, RequestInfo, render
from tests.badinput import check_bad_inputs
from tests.django.helpers import stream_reads_are_limited
from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

APP_ENV = {"DJANGO_SETTINGS_MODULE": "examples.django_app.settings"}
CONFIG = Config(format="auto")  # the example's HTTPFAULT setting
RID = "srv-42"
TRACEBACK = "Traceback (most recent call last)"


@pytest.fixture(scope="module", params=["gunicorn", "uvicorn"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    if request.param == "gunicorn":
        manager = gunicorn("examples.django_app.wsgi:application", workers=1, env=APP_ENV,
                           ready_path="/health")  # fmt: skip
    else:
        manager = uvicorn("examples.django_app.asgi:application", env=APP_ENV,
                          ready_path="/health")  # fmt: skip
    with manager as running:
        yield running


def get(server: Server, path: str, method: str = "GET", **kwargs: object) -> httpx.Response:
    headers = {"X-Request-ID": RID, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    return httpx.request(method, server.url + path, headers=headers, timeout=20.0, **kwargs)  # type: ignore[arg-type]


def assert_same(response: httpx.Response, error: httpfault.HTTPError, path: str) -> None:
    """The server sent exactly what render() gives for *error*."""
    method = response.request.method
    want = render(error, CONFIG, RequestInfo(method, path, {"X-Request-ID": RID}))
    assert response.status_code == want.status
    assert response.content == want.body
    for name, value in want.headers:
        assert response.headers[name] == value


def test_plain_django_errors(server: Server) -> None:
    """Plain Django routes: 404, routing 404, 405 with Allow, 429 with Retry-After, 422."""
    assert_same(get(server, "/users/999"), httpfault.NotFound("No user with id 999"),
                "/users/999")  # fmt: skip
    assert_same(get(server, "/no/such/route"), httpfault.NotFound(), "/no/such/route")
    assert_same(get(server, "/users", "PUT"), httpfault.MethodNotAllowed(allow=["POST"]), "/users")
    statuses = [get(server, "/search", params={"q": "x"}) for _ in range(6)]
    assert [r.status_code for r in statuses[:5]] == [200] * 5
    assert_same(statuses[-1],
                httpfault.TooManyRequests("Search is limited to 5 requests per 10 seconds",
                                          retry_after=10),
                "/search")  # fmt: skip
    invalid = get(server, "/users", "POST", json={"name": "", "email": "x"})
    assert invalid.status_code == 422
    assert [e["pointer"] for e in invalid.json()["error"]["errors"]] == ["#/name", "#/email"]


def test_created_and_conflict(server: Server) -> None:
    """201, a 409 with the custom problem type, 204 on delete; success left alone."""
    taken = {"name": "Bob", "email": "bob@example.com"}
    created = get(server, "/users", "POST", json=taken)
    assert created.status_code == 201
    assert "X-Request-ID" not in created.headers
    again = get(server, "/users", "POST", json=taken,
                headers={"Accept": "application/problem+json"})  # fmt: skip
    assert again.status_code == 409
    assert again.headers["Content-Type"] == "application/problem+json"
    assert again.json()["type"] == "https://example.com/problems/email-taken"
    assert get(server, f"/users/{created.json()['id']}", "DELETE").status_code == 204


def test_drf_errors(server: Server) -> None:
    """DRF routes: serializer codes, 401 with WWW-Authenticate, 429 Retry-After, 404."""
    invalid = get(server, "/drf/users", "POST", json={"email": "nope"})
    assert [(e["pointer"], e["code"]) for e in invalid.json()["error"]["errors"]] == [
        ("#/name", "required"),
        ("#/email", "invalid"),
    ]
    private = get(server, "/drf/private")
    assert_same(private, httpfault.Unauthorized(www_authenticate='Bearer realm="example"'),
                "/drf/private")  # fmt: skip
    assert_same(get(server, "/drf/items/search"), httpfault.TooManyRequests(retry_after=30),
                "/drf/items/search")  # fmt: skip
    assert_same(get(server, "/drf/users/999"), httpfault.NotFound(), "/drf/users/999")


def test_head_and_async_view(server: Server) -> None:
    """HEAD errors carry no body; an async view's errors answer the same way."""
    head = get(server, "/users/999", "HEAD")
    assert head.status_code == 404
    assert head.content == b""
    assert head.headers["X-Request-ID"] == RID
    assert_same(get(server, "/users/998"), httpfault.NotFound("No user with id 998"),
                "/users/998")  # fmt: skip


@pytest.mark.parametrize("path", ["/stats", "/drf/boom"])
def test_unhandled_exception_one_traceback(server: Server, path: str) -> None:
    """A bug is a safe 500 and exactly one traceback in the server's output."""
    before = server.output()
    response = get(server, path)
    assert_same(response, httpfault.InternalServerError(), path)
    assert b"hunter2" not in response.content
    new = server.output()[len(before) :]
    assert new.count(TRACEBACK) == 1, new
    assert ("ZeroDivisionError" if path == "/stats" else "RuntimeError: database password") in new
    assert get(server, "/health").status_code == 200


@pytest.mark.parametrize("path", ["/users", "/drf/users"])
def test_bad_inputs(server: Server, path: str) -> None:
    """Hostile input: a clear 4xx, never a 500 or a hang, and the server keeps serving."""
    seen = check_bad_inputs(server.url + path, server.alive, server.url + "/health")
    assert seen["malformed JSON"] == 400
    assert seen["wrong content type"] == 415
    if path.startswith("/drf") and not stream_reads_are_limited():
        # Older Django releases do not limit DRF's streamed reads: a 4xx all the same.
        assert seen["10 MB body"] is None or 400 <= seen["10 MB body"] < 500
    else:
        assert seen["10 MB body"] in (413, None)  # None: the server closed the connection
