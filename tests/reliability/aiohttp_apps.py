"""The reliability routes on aiohttp: ``tests.reliability.aiohttp_apps:app_factory`` for
gunicorn's aiohttp worker; :func:`make_aiohttp` builds one with any config in process."""

from __future__ import annotations

from typing import NoReturn

from aiohttp import web

import httpfault
from httpfault import Config
from httpfault.adapters.aiohttp import install, read_json
from tests.reliability.scenarios import (
    BIG_DETAIL,
    CONFIG,
    SECRET,
    STREAM_CHUNK,
    STREAM_CHUNKS,
    DomainError,
    EmailTaken,
    User,
)


async def ok(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def missing(request: web.Request) -> NoReturn:
    raise httpfault.NotFound("No such item")


async def users(request: web.Request) -> NoReturn:
    raise EmailTaken("Email already registered")


async def validate(request: web.Request) -> web.Response:
    User.model_validate(await read_json(request))
    return web.json_response({"ok": True})  # pragma: no cover - the tests send invalid bodies


async def throttled(request: web.Request) -> NoReturn:
    raise httpfault.TooManyRequests("Slow down", retry_after=30)


async def boom(request: web.Request) -> NoReturn:
    raise RuntimeError(f"database password is {SECRET}")


async def mapped(request: web.Request) -> NoReturn:
    raise DomainError("no such account")


async def big(request: web.Request) -> NoReturn:
    raise httpfault.NotFound(BIG_DETAIL)


async def _stream(request: web.Request, fail: bool) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    await response.prepare(request)
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        await response.write(STREAM_CHUNK)
    await response.write_eof()
    return response


async def stream(request: web.Request) -> web.StreamResponse:
    return await _stream(request, fail=False)


async def stream_fail(request: web.Request) -> web.StreamResponse:
    return await _stream(request, fail=True)


def make_aiohttp(config: Config = CONFIG) -> web.Application:
    """The reliability routes on aiohttp, with httpfault installed with *config*."""
    app = web.Application()
    app.router.add_get("/ok", ok)
    app.router.add_get("/missing", missing)
    app.router.add_post("/users", users)
    app.router.add_post("/validate", validate)
    app.router.add_get("/throttled", throttled)
    app.router.add_get("/boom", boom)
    app.router.add_get("/mapped", mapped)
    app.router.add_get("/big", big)
    app.router.add_get("/stream", stream)
    app.router.add_get("/stream-fail", stream_fail)
    install(app, config)
    return app


async def app_factory() -> web.Application:
    """For gunicorn's aiohttp worker."""
    return make_aiohttp()
