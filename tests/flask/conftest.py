"""Shared helpers for the Flask adapter tests: a fresh app per test, expected bytes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from httpfault import Config, HTTPError, RequestInfo, render
from httpfault.adapters.flask import HTTPFault

RID = "req-0123456789abcdef"
"""The request id the tests send, so bodies can be compared byte for byte."""


@pytest.fixture
def make_app() -> Callable[..., Flask]:
    """Build a Flask app with httpfault installed (``config`` goes to ``HTTPFault``)."""

    def build(config: Config | None = None, **flask_config: object) -> Flask:
        app = Flask("httpfault_flask_tests")
        app.config.update(flask_config)
        HTTPFault(app, config)
        return app

    return build


def expected(
    error: HTTPError,
    method: str = "GET",
    path: str = "/",
    config: Config | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """What ``render()`` makes of *error* for a request carrying the test request id."""
    request = RequestInfo(method, path, {"X-Request-ID": RID, **(headers or {})})
    rendered = render(error, config, request)
    return rendered.status, rendered.headers, rendered.body


def assert_same(response: object, error: HTTPError, **kwargs: object) -> None:
    """Assert that *response* carries exactly the status, headers and bytes of *error*."""
    status, headers, body = expected(error, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response.data == body  # type: ignore[attr-defined]
    for name, value in headers:
        assert response.headers.get(name) == value, name  # type: ignore[attr-defined]
