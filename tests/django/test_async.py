"""ASGI: async views and the middleware in async mode (Django's AsyncClient)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from django.test import AsyncClient, override_settings

import httpfault
from httpfault.adapters.django import ErrorMiddleware
from tests.django.helpers import HEADERS, assert_rendered


def get(path: str, **headers: str) -> Any:
    async def run() -> Any:
        client = AsyncClient(raise_request_exception=False)
        return await client.get(path, headers={**HEADERS, **headers})

    return asyncio.run(run())


def test_middleware_runs_in_async_mode() -> None:
    """Under ASGI with async-capable neighbours the middleware is a coroutine function."""
    from asgiref.sync import iscoroutinefunction

    async def inner(request: object) -> object:
        return None  # pragma: no cover

    assert iscoroutinefunction(ErrorMiddleware(inner))
    assert not iscoroutinefunction(ErrorMiddleware(lambda request: None))


def test_async_view_http_error() -> None:
    """An HTTPError raised in an async view answers with render()'s bytes."""
    response = get("/async/conflict")
    assert_rendered(response, httpfault.Conflict("Email already registered", code="email_taken"))


def test_async_view_success_untouched() -> None:
    """A successful async response passes through unchanged, without a request id."""
    response = get("/async/ok")
    assert response.status_code == 200
    assert not response.has_header("X-Request-ID")


def test_async_view_unhandled_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """An unhandled exception in an async view is a safe 500, logged once with traceback."""
    with caplog.at_level(logging.INFO):
        response = get("/async/boom")
    assert_rendered(response, httpfault.InternalServerError())
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].exc_info is not None


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_async_routing_404_and_middleware_errors(debug: bool) -> None:
    """Routing 404s and errors in other middleware answer in the contract under ASGI."""
    with override_settings(DEBUG=debug):
        assert_rendered(get("/missing"), httpfault.NotFound())
        assert_rendered(get("/ok", **{"X-Raise-Inner": "conflict"}),
                        httpfault.Conflict("Raised in middleware"))  # fmt: skip
        assert_rendered(get("/ok", **{"X-Raise-Inner": "boom"}), httpfault.InternalServerError())


def test_async_405() -> None:
    """require_http_methods' 405 under ASGI keeps Allow."""

    async def run() -> Any:
        return await AsyncClient().delete("/only-get-post", headers=HEADERS)

    response = asyncio.run(run())
    assert_rendered(response, httpfault.MethodNotAllowed(allow=["GET", "POST"]), method="DELETE")
