"""Shared helpers: what ``render()`` gives for an error, compared byte for byte."""

from __future__ import annotations

from typing import Any

from httpfault import Config, HTTPError, Rendered, RequestInfo, render

RID = "req-123"
HEADERS = {"X-Request-ID": RID}


def expected(
    error: HTTPError,
    method: str = "GET",
    path: str = "/",
    config: Config | None = None,
    headers: dict[str, str] | None = None,
) -> Rendered:
    """What ``render()`` makes of *error* for a request carrying ``X-Request-ID: req-123``."""
    return render(error, config, RequestInfo(method, path, {**HEADERS, **(headers or {})}))


def assert_rendered(
    response: Any,
    error: HTTPError,
    method: str = "GET",
    path: str = "/",
    config: Config | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """*response* has the status, headers and exact body ``render()`` gives for *error*."""
    want = expected(error, method, path, config, headers)
    assert response.status_code == want.status, response.content
    assert response.content == want.body
    for name, value in want.headers:
        assert response[name] == value, name
