"""Concurrency: real multi-worker servers under a bounded load of mixed error scenarios.

Each server runs on 127.0.0.1 with two worker processes (uvicorn ``--workers 2`` for the
ASGI apps, hypercorn ``--workers 2`` for Quart, gunicorn with two sync workers, or two
``gthread`` workers of four threads, for the WSGI apps, gunicorn with two aiohttp workers,
Sanic's own server with two workers). Sixteen concurrent keep-alive clients send a few
thousand requests (404, a custom 409, 422, 429 with ``Retry-After``, 500, a routing 405
and a success, each with its own ``X-Request-ID``); every response's status, headers and
body must be exactly what :func:`httpfault.render` gives for that request, each 500 must
be logged once, and the server must still serve afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.reliability.load import CLIENTS, run_load
from tests.servers import Server, gunicorn, hypercorn, sanic, uvicorn

pytestmark = [pytest.mark.server, pytest.mark.slow]

REQUESTS = 2_000
TRACEBACK = "Traceback (most recent call last)"
DJANGO_ENV = {"DJANGO_SETTINGS_MODULE": "tests.reliability.django_settings"}
GTHREAD = ("--worker-class", "gthread", "--threads", "4")
AIOHTTP_WORKER = ("--worker-class", "aiohttp.GunicornWebWorker")

SERVERS = {
    "starlette": (("starlette",), lambda: uvicorn("tests.reliability.asgi_apps:starlette_app",
                  ready_path="/ok", extra=("--workers", "2"))),
    "fastapi": (("fastapi",), lambda: uvicorn("tests.reliability.asgi_apps:fastapi_app",
                ready_path="/ok", extra=("--workers", "2"))),
    "quart": (("quart",), lambda: hypercorn("tests.reliability.quart_apps:app", workers=2,
              ready_path="/ok")),
    "falcon": (("falcon",), lambda: gunicorn("tests.reliability.falcon_apps:app", workers=2,
               ready_path="/ok")),
    "falcon-asgi": (("falcon-asgi",), lambda: uvicorn("tests.reliability.falcon_apps:asgi_app",
                    ready_path="/ok", extra=("--workers", "2"))),
    "flask": (("flask",), lambda: gunicorn("tests.reliability.flask_apps:app", workers=2,
              ready_path="/ok")),
    "flask-gthread": (("flask",), lambda: gunicorn("tests.reliability.flask_apps:app",
                      workers=2, ready_path="/ok", extra=GTHREAD)),
    "django-wsgi": (("django", "drf"), lambda: gunicorn("tests.reliability.django_server:wsgi",
                    workers=2, env=DJANGO_ENV, ready_path="/ok")),
    "django-gthread": (("django", "drf"), lambda: gunicorn(
                       "tests.reliability.django_server:wsgi", workers=2, env=DJANGO_ENV,
                       ready_path="/ok", extra=GTHREAD)),
    "django-asgi": (("django", "drf"), lambda: uvicorn("tests.reliability.django_server:asgi",
                    env=DJANGO_ENV, ready_path="/ok", extra=("--workers", "2"))),
    "litestar": (("litestar",), lambda: uvicorn("tests.reliability.litestar_app:app",
                 ready_path="/ok", extra=("--workers", "2"))),
    "ninja-wsgi": (("ninja", "django"), lambda: gunicorn("tests.reliability.django_server:wsgi",
                   workers=2, env=DJANGO_ENV, ready_path="/ok")),
    "ninja-asgi": (("ninja", "django"), lambda: uvicorn("tests.reliability.django_server:asgi",
                   env=DJANGO_ENV, ready_path="/ok", extra=("--workers", "2"))),
    "aiohttp-gunicorn": (("aiohttp",), lambda: gunicorn(
                         "tests.reliability.aiohttp_apps:app_factory", workers=2,
                         ready_path="/ok", extra=AIOHTTP_WORKER)),
    "sanic": (("sanic",), lambda: sanic("tests.reliability.sanic_apps:app", workers=2,
              ready_path="/ok")),
}  # fmt: skip


@pytest.fixture(params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, Server]]:
    """One server per parameter, stopped after its test."""
    with SERVERS[request.param][1]() as running:
        yield request.param, running


def test_load(server: tuple[str, Server]) -> None:
    """16 clients, 2,000 mixed requests: zero unexpected answers, each 500 logged once."""
    name, running = server
    adapters = SERVERS[name][0]
    result = run_load(running.url, adapters, REQUESTS, tag=name)
    print(f"\n{name}: {result.requests} requests from {CLIENTS} clients in "
          f"{result.seconds:.1f} s ({result.rate:.0f}/s), statuses {dict(result.statuses)}, "
          f"resent after a closed kept-alive connection: {len(result.resent)}")  # fmt: skip
    assert result.problems == [], result.problems[:10]
    # A rare keep-alive race is the transport's, not an answer; more than a few is not.
    assert len(result.resent) <= 3, result.resent
    assert result.requests == REQUESTS
    assert running.alive()
    assert httpx.get(running.url + "/ok", timeout=10).status_code == 200
    output = running.output()  # each 500 is logged before its response is sent
    assert output.count(TRACEBACK) == result.statuses[500], output[-3000:]
    assert "hunter2" in output  # the 500s were logged with their exception
