"""No cross-talk: concurrent requests in one process keep their own request id and config.

Two Flask apps with different configs (format, request id header, ``type_base``) share
one process and sixteen threads; Django's handler (and DRF's) serves sixteen threads;
two Starlette and two FastAPI apps with different configs serve hundreds of interleaved
requests on one event loop. Every answer must be exactly what :func:`httpfault.render`
gives with *its* app's config for *its* request's id.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from typing import Any

import pytest

from httpfault import Config
from tests.reliability.drivers import (
    Answer,
    asgi_request,
    django_handler,
    encode,
    wsgi_request,
)
from tests.reliability.scenarios import (
    CONFIG,
    LOGGER,
    SCENARIOS,
    capture_logs,
    expected,
    mismatch,
)

THREADS = 16
REQUESTS = 1_600
OTHER = Config(
    format="problem",
    request_id_header="X-Trace-ID",
    type_base="https://errors.example.com/",
    logger_name=LOGGER,
)
"""The second app's config: another format, request id header and problem type base."""
LOGGERS = (LOGGER, "httpfault", "django.request")


def headers_for(config: Config, rid: str, i: int) -> dict[str, str]:
    """A request id under *config*'s header name; every other request prefers problem+json."""
    accept = "application/problem+json, application/json;q=0.5" if i % 2 else "application/json"
    assert config.request_id_header is not None
    return {config.request_id_header: rid, "Accept": accept}


Target = tuple[str, Config, Callable[..., Answer]]


def hammer(targets: list[Target], total: int = REQUESTS) -> list[str]:
    """*total* requests from THREADS threads, spread over *targets*; the mismatches."""
    counter = itertools.count()
    problems: list[str] = []

    def worker() -> None:
        while (i := next(counter)) < total:
            scenario = SCENARIOS[i % len(SCENARIOS)]
            adapter, config, call = targets[(i // len(SCENARIOS)) % len(targets)]
            headers = headers_for(config, f"thread-{i}", i)
            answer = call(scenario.method, scenario.url_path(adapter), headers, encode(scenario))
            problem = mismatch(expected(scenario, adapter, headers, config), *answer)
            if problem is not None:
                problems.append(f"{i} {adapter} {scenario.name}: {problem}")

    with capture_logs(*LOGGERS):
        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert next(counter) >= total, "a worker thread died"
    return problems


def test_flask_two_apps_threads() -> None:
    """Two Flask apps with different configs, 16 threads: each answer has its own id and config."""
    from tests.reliability.flask_apps import make_flask

    first = make_flask(CONFIG, name="first")
    second = make_flask(OTHER, name="second")
    targets: list[Target] = [
        ("flask", CONFIG, lambda *a: wsgi_request(first, *a)),
        ("flask", OTHER, lambda *a: wsgi_request(second, *a)),
    ]
    assert hammer(targets) == []


def test_django_threads() -> None:
    """Django's handler in 16 threads (plain and DRF views): no request id crosses over."""
    with django_handler() as handler:
        targets: list[Target] = [
            ("django", CONFIG, lambda *a: wsgi_request(handler, *a)),
            ("drf", CONFIG, lambda *a: wsgi_request(handler, *a)),
        ]
        assert hammer(targets) == []


@pytest.mark.parametrize("adapter", ["starlette", "fastapi"])
def test_asgi_two_apps_interleaved(adapter: str) -> None:
    """Two apps with different configs, 700 requests at once, interleaved on one loop."""
    from tests.reliability import asgi_apps

    make = asgi_apps.make_starlette if adapter == "starlette" else asgi_apps.make_fastapi
    apps: list[tuple[Config, Any]] = [(CONFIG, make(CONFIG)), (OTHER, make(OTHER))]

    async def one(i: int) -> str | None:
        scenario = SCENARIOS[i % len(SCENARIOS)]
        config, app = apps[(i // len(SCENARIOS)) % 2]
        headers = headers_for(config, f"task-{i}", i)
        answer = await asgi_request(app, scenario.method, scenario.path, headers,
                                    encode(scenario), interleave=True)  # fmt: skip
        problem = mismatch(expected(scenario, adapter, headers, config), *answer)
        return None if problem is None else f"{i} {scenario.name}: {problem}"

    async def main() -> list[str | None]:
        return await asyncio.gather(*(one(i) for i in range(700)))

    with capture_logs(*LOGGERS):
        results = asyncio.run(main())
    assert [r for r in results if r is not None] == []
