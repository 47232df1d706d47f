"""aiohttp: ``raise Conflict`` through httpfault against aiohttp's own ``HTTPConflict``.

Requests go through each app's router and middlewares in process (see
``benchmarks/_aiohttp_compat.py``), on one event loop, with one request made by
``aiohttp.test_utils.make_mocked_request`` and handled again and again (a fresh mocked
request per call would cost more than either path). The native path raises ``web.HTTPConflict``
with a JSON text, which aiohttp's server sends as it is; httpfault's middleware makes its
response. Neither response is written: their writing costs the same.

Two more lines measure the floors of a middleware-based adapter (``install()`` must be a
middleware, to answer the errors of other middlewares too): the happy path through a
middleware that only awaits the handler, and ``raise Conflict`` answered by a middleware
that catches it and returns a response of the same bytes and headers, made in advance.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from benchmarks._aiohttp_compat import handle
from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import BATCH, null_logger

HEADERS = {"Accept": "application/json", "X-Request-ID": "9f1c2ab3"}


def _driver(loop: asyncio.AbstractEventLoop, app: Any, path: str) -> Callable[[], int]:
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    # A writer that has written nothing and an open transport: no response has started.
    writer = SimpleNamespace(output_size=0)
    transport = SimpleNamespace(is_closing=lambda: False, get_extra_info=lambda *a: None)
    request = make_mocked_request("GET", path, headers=HEADERS, app=app, writer=writer,
                                  transport=transport)  # fmt: skip

    async def batch() -> int:
        status = 0
        for _ in range(BATCH):
            try:
                response = await handle(app, request)
            except web.HTTPException as exc:  # what aiohttp's server does with it
                response = exc
            status = response.status
        return status

    return lambda: loop.run_until_complete(batch())


def run(rounds: int = 21) -> list[Result]:
    """Compare httpfault's aiohttp error path and happy path with aiohttp's own."""
    from aiohttp import web

    from httpfault import Config, Conflict
    from httpfault.adapters.aiohttp import install

    null_logger("httpfault.bench")
    config = Config(logger_name="httpfault.bench")

    async def ours(request: web.Request) -> web.Response:
        raise Conflict("Email already registered")

    async def native(request: web.Request) -> web.Response:
        body = json.dumps({"error": {"status": 409, "message": "Email already registered"}})
        raise web.HTTPConflict(text=body, content_type="application/json")

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    @web.middleware
    async def passing(request: web.Request, handler: Any) -> web.StreamResponse:
        response: web.StreamResponse = await handler(request)
        return response

    made: list[tuple[int, list[tuple[str, str]], bytes]] = []

    @web.middleware
    async def answering(request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        except Conflict:
            status, headers, body = made[0]
            return web.Response(body=body, status=status, headers=headers)
        return response

    def app(with_httpfault: bool, middleware: Any = None) -> web.Application:
        application = web.Application(middlewares=[middleware] if middleware else [])
        application.router.add_get("/conflict", ours)
        application.router.add_get("/native", native)
        application.router.add_get("/health", health)
        if with_httpfault:
            install(application, config)
        application.freeze()
        return application

    loop = asyncio.new_event_loop()
    with_httpfault, plain = app(True), app(False)
    for application in (with_httpfault, plain):
        loop.run_until_complete(application.startup())
    conflict = _driver(loop, with_httpfault, "/conflict")
    native_conflict = _driver(loop, plain, "/native")
    happy = _driver(loop, with_httpfault, "/health")
    happy_plain = _driver(loop, plain, "/health")
    assert (conflict(), native_conflict(), happy(), happy_plain()) == (409, 409, 200, 200)
    from httpfault import RequestInfo, render

    rendered = render(Conflict("Email already registered"), config,
                      RequestInfo("GET", "/conflict", HEADERS))  # fmt: skip
    made.append((rendered.status, rendered.headers, rendered.body))
    floors = app(False, passing), app(False, answering)
    for application in floors:
        loop.run_until_complete(application.startup())
    happy_floor = _driver(loop, floors[0], "/health")
    conflict_floor = _driver(loop, floors[1], "/conflict")
    assert (happy_floor(), conflict_floor()) == (200, 409)
    try:
        return [
            compare("aiohttp: raise Conflict", conflict,
                    "web.HTTPConflict with a JSON text", native_conflict, budget=1.0,
                    rounds=rounds),
            compare("aiohttp: happy path, httpfault installed", happy,
                    "same app without httpfault", happy_plain, budget=1.02, rounds=rounds),
            compare("aiohttp floor: raise Conflict, answer made", conflict_floor,
                    "web.HTTPConflict with a JSON text", native_conflict, budget=1.0,
                    rounds=rounds),
            compare("aiohttp floor: happy path, a passing middleware", happy_floor,
                    "same app without it", happy_plain, budget=1.02, rounds=rounds),
        ]  # fmt: skip
    finally:
        loop.close()
