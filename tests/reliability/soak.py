"""The soak run of one adapter: ``python -m tests.reliability.soak <adapter> [errors]``.

A rotation of error scenarios (404, a custom 409, 422 with field errors, 429 with
``Retry-After``, an unhandled 500 logged with its traceback, a routing 405) goes through
the adapter by its cheapest in-process path: direct ASGI calls, or the WSGI callable
(Flask's app, Django's handler). After a warm-up, memory is traced with ``tracemalloc``
over all the errors, ``gc.collect()`` before each reading. Prints one JSON line: the
traced growth in bytes, the errors sent, the tracebacks logged, the seconds taken (wall
clock and CPU), and
on a growth of 1 MB or more the largest allocation sites.

Each adapter runs in its own process, so no other test's state (or pytest's log
capture, which keeps every record) is measured.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from tests.reliability.drivers import AsgiDriver, asgi_request, django_handler, encode, wsgi_request
from tests.reliability.scenarios import (
    LOGGER,
    SCENARIOS,
    capture_logs,
    expected,
    mismatch,
    request_headers,
)

WARM_UP = 2_000
LIMIT = 1024 * 1024
LOGGERS = (LOGGER, "httpfault", "django.request", "django.security", "aiohttp.server",
           "sanic.error")  # fmt: skip
MIX = [s for s in SCENARIOS if s.name != "success"]
"""One of each per round: 404, 409, 422, 429, 500, 405."""
CHECK_EVERY = 997
"""Every status is checked; every 997th response byte for byte."""

Runner = Callable[[int, int], None]


def _rotation(adapter: str) -> list[tuple[Any, str, str, bytes, int]]:
    result = []
    for scenario in MIX:
        want = expected(scenario, adapter, request_headers("x", False))
        assert want is not None
        result.append((scenario, scenario.method, scenario.url_path(adapter),
                       encode(scenario), want.status))  # fmt: skip
    return result


def _check(adapter: str, answer: Any, index: int, scenario: Any, status: int) -> None:
    got, headers, body = answer
    if got != status:
        raise AssertionError(f"{adapter} {scenario.name}: status {got}: {body[:300]!r}")
    if index % CHECK_EVERY == 0:
        want = expected(scenario, adapter, request_headers(f"soak-{index}", index % 2 == 1))
        problem = mismatch(want, got, headers, body)
        if problem is not None:
            raise AssertionError(f"{adapter} {scenario.name}: {problem}")


def sync_runner(adapter: str, app: Any, *, direct: bool = False) -> Runner:
    """Requests to a WSGI callable (or, *direct*, a ``call(method, path, headers, body)``)."""
    rotation = _rotation(adapter)
    size = len(rotation)
    call = app if direct else (lambda *request: wsgi_request(app, *request))

    def run(start: int, count: int) -> None:
        for i in range(start, start + count):
            scenario, method, path, body, status = rotation[i % size]
            headers = request_headers(f"soak-{i}", i % 2 == 1)
            _check(adapter, call(method, path, headers, body), i, scenario, status)

    return run


def async_runner(adapter: str, app: Any, driver: AsgiDriver) -> Runner:
    """Requests to an ASGI app, all on the driver's event loop."""
    rotation = _rotation(adapter)
    size = len(rotation)

    async def batch(start: int, count: int) -> None:
        for i in range(start, start + count):
            scenario, method, path, body, status = rotation[i % size]
            headers = request_headers(f"soak-{i}", i % 2 == 1)
            answer = await asgi_request(app, method, path, headers, body)
            _check(adapter, answer, i, scenario, status)

    return lambda start, count: driver.run(batch(start, count))


def measure(run: Runner, errors: int, warm_up: int = WARM_UP) -> dict[str, Any]:
    """Warm up, then trace memory over *errors* requests."""
    with capture_logs(*LOGGERS) as logs:
        run(0, warm_up)
        gc.collect()
        tracemalloc.start()
        try:
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            snapshot = tracemalloc.take_snapshot()
            logged, tracebacks = logs.count, logs.with_traceback
            started, cpu = time.perf_counter(), time.process_time()
            run(warm_up, errors)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            gc.collect()
            growth = tracemalloc.get_traced_memory()[0] - before
            top: list[str] = []
            if growth >= LIMIT:
                diff = tracemalloc.take_snapshot().compare_to(snapshot, "lineno")
                top = [str(line) for line in diff[:15]]
        finally:
            tracemalloc.stop()
    return {
        "errors": errors,
        "growth": growth,
        "logged": logs.count - logged,
        "tracebacks": logs.with_traceback - tracebacks,
        "crashes": sum(1 for i in range(warm_up, warm_up + errors) if MIX[i % len(MIX)].name
                       == "crash"),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "top": top,
    }  # fmt: skip


def soak(adapter: str, errors: int) -> dict[str, Any]:
    """Soak *adapter* with *errors* errors; the measurements."""
    if adapter in ("starlette", "fastapi"):
        from tests.reliability import asgi_apps

        app = asgi_apps.make_starlette() if adapter == "starlette" else asgi_apps.make_fastapi()
        driver = AsgiDriver()
        try:
            return measure(async_runner(adapter, app, driver), errors)
        finally:
            driver.close()
    if adapter == "aiohttp":
        from tests.reliability.aiohttp_apps import make_aiohttp
        from tests.reliability.aiohttp_soak import aiohttp_client

        with aiohttp_client(make_aiohttp()) as call:
            return measure(sync_runner(adapter, call, direct=True), errors)
    if adapter == "sanic":
        from tests.reliability.sanic_apps import make_sanic
        from tests.reliability.sanic_soak import lifespan

        app = make_sanic()
        driver = AsgiDriver()
        try:
            with lifespan(app, driver):
                return measure(async_runner(adapter, app, driver), errors)
        finally:
            driver.close()
    if adapter == "litestar":
        from tests.reliability.litestar_app import app as litestar_app

        driver = AsgiDriver()
        try:
            return measure(async_runner(adapter, litestar_app, driver), errors)
        finally:
            driver.close()
    if adapter == "quart":
        from tests.reliability.quart_apps import make_quart

        driver = AsgiDriver()
        try:
            return measure(async_runner(adapter, make_quart(), driver), errors)
        finally:
            driver.close()
    if adapter == "falcon":
        from tests.reliability.falcon_apps import make_falcon

        return measure(sync_runner(adapter, make_falcon()), errors)
    if adapter == "falcon-asgi":
        from tests.reliability.falcon_apps import make_falcon_asgi

        driver = AsgiDriver()
        try:
            return measure(async_runner(adapter, make_falcon_asgi(), driver), errors)
        finally:
            driver.close()
    if adapter == "flask":
        from tests.reliability.flask_apps import make_flask

        return measure(sync_runner(adapter, make_flask()), errors)
    from tests.django.settings import configure

    configure()
    with django_handler() as handler:
        return measure(sync_runner(adapter, handler), errors)


def main(argv: list[str]) -> int:
    adapter = argv[0]
    errors = int(argv[1]) if len(argv) > 1 else 100_000
    print(json.dumps(soak(adapter, errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
