"""The Ninja adapter through Django's test client: every error path it answers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings

from httpfault import (
    Config,
    Conflict,
    InternalServerError,
    NotFound,
    RequestInfo,
    TooManyRequests,
    Unauthorized,
    render,
)

from . import urls

RID = "ninja-1"
SETTINGS_CONFIG = Config(logger_name="django.request")  # the tests' HTTPFAULT setting


@pytest.fixture
def client() -> Iterator[Client]:
    with override_settings(ROOT_URLCONF="tests.ninja.urls"):
        yield Client(raise_request_exception=False)


def get(client: Client, path: str, **kwargs: Any) -> Any:
    return client.get(path, headers={"X-Request-ID": RID, **kwargs.pop("headers", {})}, **kwargs)


def assert_rendered(response: Any, error: Any, path: str, config: Config = SETTINGS_CONFIG,
                    method: str = "GET") -> None:  # fmt: skip
    want = render(error, config, RequestInfo(method, path, {"X-Request-ID": RID}))
    assert response.status_code == want.status, response.content
    assert response.content == want.body
    for name, value in want.headers:
        assert response.headers[name] == value


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/s/conflict", Conflict("Email already registered")),
        ("/s/http-error", Conflict("Version clash")),
        ("/s/http-404", NotFound()),
        ("/s/auth-error", Unauthorized(www_authenticate="Bearer")),
        # An operation's own auth is not known to the handler: the API's default challenge.
        ("/s/basic", Unauthorized(www_authenticate="Bearer")),
        ("/s/crash", InternalServerError()),
        ("/s/async-crash", InternalServerError()),
        ("/s/nowhere", NotFound()),
    ],
)
def test_error_paths_on_the_setting(client: Client, path: str, error: Any) -> None:
    """Ninja's exceptions and the app's answer render()'s bytes, config from HTTPFAULT."""
    assert_rendered(get(client, path), error, path)


def test_throttled_keeps_retry_after(client: Client) -> None:
    """Throttled is a 429 whose Retry-After is the throttle's wait, in header and body."""
    get(client, "/s/throttled")
    response = get(client, "/s/throttled")
    assert response.status_code == 429
    retry = int(response.headers["Retry-After"])
    assert 0 < retry <= 60
    assert_rendered(response, TooManyRequests(retry_after=retry), "/s/throttled")


def test_validation_errors_point_where_the_input_was(client: Client) -> None:
    """Query and body errors: in and pointer as sent (no parameter name), no input echoed."""
    query = get(client, "/s/query?page=secret-7")
    assert query.status_code == 422
    assert [(e["in"], e["pointer"]) for e in query.json()["error"]["errors"]] == [
        ("query", "#/page")
    ]
    assert b"secret-7" not in query.content
    body = client.post("/s/signup", data=b'{"name": 5}', content_type="application/json")
    assert body.status_code == 422
    errors = body.json()["error"]["errors"]
    assert [(e["pointer"], e["code"]) for e in errors] == [
        ("#/name", "string_type"),
        ("#/age", "missing"),
    ]


@pytest.mark.parametrize(
    ("content_type", "data", "status"),
    [
        ("application/json", b'{"name": ', 400),
        ("application/json", b"[" * 1_020, 400),  # under the 1 KB upload limit
        ("text/plain", b"{}", 415),
        ("application/merge-patch+json", b'{"name": "a", "age": 1}', 200),
    ],
)
def test_bodies(client: Client, content_type: str, data: bytes, status: int) -> None:
    """Malformed or too deep JSON is a 400, a body not declared JSON a 415."""
    response = client.post("/s/signup", data=data, content_type=content_type)
    assert response.status_code == status


def test_own_config_exception_map_and_hooks(client: Client) -> None:
    """install(api, config): that config's format, exception_map and hooks."""
    urls.SEEN.clear()
    own = Config(format="problem")
    assert_rendered(get(client, "/o/mapped"), NotFound(), "/o/mapped", own)
    assert_rendered(get(client, "/o/conflict"), Conflict("Email already registered"),
                    "/o/conflict", own)  # fmt: skip
    assert_rendered(get(client, "/o/basic"), Unauthorized(www_authenticate='Basic realm="tests"'),
                    "/o/basic", own)  # fmt: skip
    assert urls.SEEN == [(404, "/o/mapped"), (409, "/o/conflict"), (401, "/o/basic")]


def test_head_and_auto_format(client: Client) -> None:
    """HEAD has no body; format="auto" negotiates, with Vary: Accept."""
    auto = {"CONFIG": Config(format="auto"), "LOGGER_NAME": "django.request"}
    with override_settings(HTTPFAULT=auto):
        head = client.head("/s/conflict")
        problem = get(client, "/s/conflict", headers={"Accept": "application/problem+json"})
    assert head.status_code == 405 or head.content == b""
    assert problem.headers["Content-Type"] == "application/problem+json"
    assert "Accept" in problem.headers["Vary"]


def test_handlers_of_the_api_are_kept(client: Client) -> None:
    """A handler the API registered before install() keeps answering its exception."""
    response = get(client, "/s/teapot")
    assert response.status_code == 418
    assert response.json() == {"own": "handler"}


def test_500_logged_once_beside_the_middleware(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """With ErrorMiddleware in MIDDLEWARE too, an unhandled exception is logged once."""
    with caplog.at_level(logging.DEBUG):
        response = get(client, "/s/crash")
    assert response.status_code == 500
    assert b"hunter2" not in response.content
    assert len([r for r in caplog.records if r.exc_info]) == 1
