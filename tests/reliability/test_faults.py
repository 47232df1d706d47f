"""Fault injection in process: broken user code inside httpfault never breaks the app.

For every adapter: a ``formatter`` that raises (the answer falls back to render()'s
minimal body of the same status), an ``on_error`` hook that raises (the answer is
unchanged), an ``exception_map`` callable that raises or returns something that is no
error (a safe 500). Each failure is logged, and the app answers the next request as
usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import httpfault
from httpfault import Config, HTTPError, RequestInfo, render
from tests.reliability.drivers import Answer, AsgiDriver, django_handler, encode, wsgi_request
from tests.reliability.scenarios import (
    ADAPTERS,
    BY_NAME,
    CONFIG,
    LOGGER,
    DomainError,
    capture_logs,
    expected,
    mismatch,
    request_headers,
)

LOGGERS = (LOGGER, "httpfault", "django.request")


def broken_formatter(error: HTTPError, body: dict[str, Any], request: Any) -> dict[str, Any]:
    raise RuntimeError("formatter bug")


def broken_hook(error: HTTPError, request: Any) -> None:
    raise RuntimeError("hook bug")


def broken_mapper(exc: BaseException) -> HTTPError:
    raise LookupError("mapper bug")


def wrong_mapper(exc: BaseException) -> HTTPError:
    return "not an error"  # type: ignore[return-value]


@contextmanager
def app_for(adapter: str, config: Config) -> Iterator[Callable[..., Answer]]:
    """A request function for *adapter*'s reliability app installed with *config*."""
    if adapter in ("starlette", "fastapi"):
        from tests.reliability import asgi_apps

        make = asgi_apps.make_starlette if adapter == "starlette" else asgi_apps.make_fastapi
        app = make(config)
        driver = AsgiDriver()
        try:
            yield lambda *a: driver(app, *a)
        finally:
            driver.close()
    elif adapter == "aiohttp":
        from tests.reliability.aiohttp_apps import make_aiohttp
        from tests.reliability.aiohttp_soak import aiohttp_client

        with aiohttp_client(make_aiohttp(config)) as call:
            yield call
    elif adapter == "sanic":
        from tests.reliability.sanic_apps import make_sanic

        # Sanic's own ASGI test client: the process may have served other Sanic apps.
        client = make_sanic(config).asgi_client
        driver = AsgiDriver()

        def call(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> Answer:
            sent = {**headers, "content-type": "application/json"} if body else headers
            request = client.request(method, path, headers=sent, content=body)
            _, response = driver.run(request)
            return response.status_code, response.headers.get, response.content

        try:
            yield call
        finally:
            driver.close()
    elif adapter == "quart":
        from tests.reliability.quart_apps import make_quart

        quart_app = make_quart(config)
        driver = AsgiDriver()
        try:
            yield lambda *a: driver(quart_app, *a)
        finally:
            driver.close()
    elif adapter == "falcon":
        from tests.reliability.falcon_apps import make_falcon

        falcon_app = make_falcon(config)
        yield lambda *a: wsgi_request(falcon_app, *a)
    elif adapter == "falcon-asgi":
        from tests.reliability.falcon_apps import make_falcon_asgi

        asgi_app = make_falcon_asgi(config)
        driver = AsgiDriver()
        try:
            yield lambda *a: driver(asgi_app, *a)
        finally:
            driver.close()
    elif adapter == "flask":
        from tests.reliability.flask_apps import make_flask

        flask_app = make_flask(config)
        yield lambda *a: wsgi_request(flask_app, *a)
    else:
        assert adapter in ("django", "drf"), adapter
        with django_handler(HTTPFAULT={"CONFIG": config}) as handler:
            yield lambda *a: wsgi_request(handler, *a)


def send(call: Callable[..., Answer], adapter: str, name: str, rid: str) -> tuple[Answer, Any]:
    scenario = BY_NAME[name]
    headers = request_headers(rid, problem=rid.endswith("p"))
    answer = call(scenario.method, scenario.url_path(adapter), headers, encode(scenario))
    return answer, headers


def assert_next_request_ok(call: Callable[..., Answer], adapter: str, config: Config) -> None:
    """After a failure, the app serves as usual: a success, and an error rendered in full."""
    (status, _, body), _ = send(call, adapter, "success", "next-1")
    assert status == 200, body
    answer, headers = send(call, adapter, "conflict", "next-2")
    assert mismatch(expected(BY_NAME["conflict"], adapter, headers, config), *answer) is None


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_broken_formatter(adapter: str) -> None:
    """A raising formatter: render()'s minimal body with the right status; logged; next OK."""
    config = CONFIG.replace(formatter=broken_formatter)
    with capture_logs(*LOGGERS, keep_messages=True) as logs, app_for(adapter, config) as call:
        for name in ("not_found", "invalid", "crash", "wrong_method"):
            for rid in (f"fmt-{name}-j", f"fmt-{name}-p"):
                before = len(logs.messages)
                answer, headers = send(call, adapter, name, rid)
                # The adapter logged the formatter's failure once (render() logs it).
                assert sum("could not render" in m for m in logs.messages[before:]) == 1
                want = expected(BY_NAME[name], adapter, headers, config)
                assert want is not None
                assert mismatch(want, *answer) is None
                body = json.loads(answer[2])
                assert body.get("status", body.get("error", {}).get("status")) == want.status
        # The app's own config is the broken one: the next error is rendered the same way.
        answer, headers = send(call, adapter, "not_found", "after-j")
        assert mismatch(expected(BY_NAME["not_found"], adapter, headers, config), *answer) is None
        (status, _, _), _ = send(call, adapter, "success", "after-ok")
        assert status == 200
    with app_for(adapter, CONFIG) as call:
        assert_next_request_ok(call, adapter, CONFIG)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_raising_hook(adapter: str) -> None:
    """A raising on_error hook: the answer is unchanged, the failure logged, next OK."""
    seen: list[int] = []
    config = CONFIG.replace(
        on_error=(broken_hook, lambda error, request: seen.append(error.status))
    )
    with capture_logs(*LOGGERS, keep_messages=True) as logs, app_for(adapter, config) as call:
        for name in ("not_found", "conflict", "invalid", "throttled", "crash"):
            answer, headers = send(call, adapter, name, f"hook-{name}-p")
            assert mismatch(expected(BY_NAME[name], adapter, headers, config), *answer) is None
        assert sum("on_error hook" in m and "failed" in m for m in logs.messages) == 5
        assert seen == [404, 409, 422, 429, 500]  # the hooks after the broken one still ran
        assert_next_request_ok(call, adapter, config)


@pytest.mark.parametrize("mapper", [broken_mapper, wrong_mapper], ids=["raises", "returns-junk"])
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_failing_exception_map(adapter: str, mapper: Callable[..., HTTPError]) -> None:
    """An exception_map callable that fails: a safe 500, logged with the cause; next OK."""
    config = CONFIG.replace(exception_map={DomainError: mapper})
    path = "/drf/mapped" if adapter == "drf" else "/mapped"
    with capture_logs(*LOGGERS, keep_messages=True) as logs, app_for(adapter, config) as call:
        for rid in ("map-1-j", "map-2-p"):
            headers = request_headers(rid, problem=rid.endswith("p"))
            answer = call("GET", path, headers, b"")
            want = render(
                httpfault.InternalServerError(), config, RequestInfo("GET", path, headers)
            )
            assert mismatch(want, *answer) is None
            assert b"mapper" not in answer[2]
            assert b"account" not in answer[2]
        assert sum("exception_map could not convert" in m for m in logs.messages) == 2
        assert logs.with_traceback >= 2
        assert_next_request_ok(call, adapter, config)


def test_working_exception_map_for_contrast() -> None:
    """The same route with a working mapper answers the mapped error (the test can fail)."""
    config = CONFIG.replace(exception_map={DomainError: httpfault.NotFound})
    with capture_logs(*LOGGERS), app_for("flask", config) as call:
        status, _, _ = call("GET", "/mapped", request_headers("m", False), b"")
    assert status == 404
