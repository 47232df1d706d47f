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


def stream_reads_are_limited() -> bool:
    """Whether DRF's streamed body reads hit DATA_UPLOAD_MAX_MEMORY_SIZE.

    Recent Django security releases enforce the limit there; older releases only limit
    ``request.body``, so DRF reads an oversized JSON body without complaint.
    """
    from django.core.exceptions import RequestDataTooBig
    from django.test import RequestFactory, override_settings
    from rest_framework.parsers import JSONParser
    from rest_framework.request import Request

    body = b"[" + b"1," * 50 + b"1]"
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
        raw = RequestFactory().post("/", data=body, content_type="application/json")
        try:
            _ = Request(raw, parsers=[JSONParser()]).data
        except RequestDataTooBig:
            return True
    return False
