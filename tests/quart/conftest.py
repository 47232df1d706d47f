"""Shared helpers for the Quart adapter tests: a fresh app per test, Quart's own test
client driven on a fresh event loop, expected bytes from ``render()``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from quart import Quart

from httpfault import Config, HTTPError, RequestInfo, render
from httpfault.adapters.quart import HTTPFault

RID = "req-0123456789abcdef"
"""The request id the tests send, so bodies can be compared byte for byte."""


@dataclass
class Answer:
    """A response read whole: status, headers (werkzeug ``Headers``) and body."""

    status_code: int
    headers: Any
    data: bytes

    @property
    def json(self) -> Any:
        import json

        return json.loads(self.data)


def call(app: Quart, method: str, path: str, **kwargs: Any) -> Answer:
    """Send one request through Quart's test client; the whole response."""

    async def run() -> Answer:
        client = app.test_client()
        headers = {"X-Request-ID": RID, **kwargs.pop("headers", {})}
        response = await client.open(path, method=method, headers=headers, **kwargs)
        return Answer(response.status_code, response.headers, await response.get_data())

    return asyncio.run(run())


@pytest.fixture
def make_app() -> Callable[..., Quart]:
    """Build a Quart app with httpfault installed (``config`` goes to ``HTTPFault``)."""

    def build(config: Config | None = None, **quart_config: object) -> Quart:
        app = Quart("httpfault_quart_tests")
        app.config.update(quart_config)
        HTTPFault(app, config)
        return app

    return build


def assert_same(
    response: Answer,
    error: HTTPError,
    method: str = "GET",
    path: str = "/",
    config: Config | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Assert that *response* carries exactly the status, headers and bytes of *error*."""
    request = RequestInfo(method, path, {"X-Request-ID": RID, **(headers or {})})
    rendered = render(error, config, request)
    assert response.status_code == rendered.status
    assert response.data == rendered.body
    for name, value in rendered.headers:
        assert response.headers.get(name) == value, name
