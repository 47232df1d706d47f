"""The reliability routes on Sanic: ``tests.reliability.sanic_apps:app`` for Sanic's server;
:func:`make_sanic` builds one with any config in process.

The reliability logger prints with a plain ``logging`` formatter (Sanic's own prints
tracebacks its own way), so the tests count tracebacks the same way for every server.
"""

from __future__ import annotations

import itertools
import logging
import sys
from typing import NoReturn

from sanic import Request, Sanic
from sanic.response import HTTPResponse, ResponseStream, json

import httpfault
from httpfault import Config
from httpfault.adapters.sanic import install, read_json
from tests.reliability.scenarios import (
    BIG_DETAIL,
    CONFIG,
    LOGGER,
    SECRET,
    STREAM_CHUNK,
    STREAM_CHUNKS,
    DomainError,
    EmailTaken,
    User,
)

_names = itertools.count()


async def _chunks(response: ResponseStream, fail: bool) -> None:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        await response.write(STREAM_CHUNK)


def make_sanic(config: Config = CONFIG, *, touchup: bool = False) -> Sanic:  # type: ignore[type-arg]
    """The reliability routes on Sanic, with httpfault installed with *config*.

    Sanic's TOUCHUP (its start-up rewrite of its own methods) runs once per process: the
    apps started in process, several per test run, go without it.
    """
    app = Sanic(f"reliability_{next(_names)}")
    app.config.TOUCHUP = touchup

    @app.get("/ok")
    async def ok(request: Request) -> HTTPResponse:
        return json({"ok": True})

    @app.get("/missing")
    async def missing(request: Request) -> NoReturn:
        raise httpfault.NotFound("No such item")

    @app.post("/users")
    async def users(request: Request) -> NoReturn:
        raise EmailTaken("Email already registered")

    @app.post("/validate")
    async def validate(request: Request) -> HTTPResponse:
        User.model_validate(read_json(request))
        return json({"ok": True})  # pragma: no cover - the tests send invalid bodies

    @app.get("/throttled")
    async def throttled(request: Request) -> NoReturn:
        raise httpfault.TooManyRequests("Slow down", retry_after=30)

    @app.get("/boom")
    async def boom(request: Request) -> NoReturn:
        raise RuntimeError(f"database password is {SECRET}")

    @app.get("/mapped")
    async def mapped(request: Request) -> NoReturn:
        raise DomainError("no such account")

    @app.get("/big")
    async def big(request: Request) -> NoReturn:
        raise httpfault.NotFound(BIG_DETAIL)

    @app.get("/stream")
    async def stream(request: Request) -> ResponseStream:
        return ResponseStream(lambda r: _chunks(r, False), content_type="application/octet-stream")

    @app.get("/stream-fail")
    async def stream_fail(request: Request) -> ResponseStream:
        return ResponseStream(lambda r: _chunks(r, True), content_type="application/octet-stream")

    install(app, config)
    return app


def _plain_logging() -> None:
    logger = logging.getLogger(LOGGER)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False


_plain_logging()
app = make_sanic(touchup=True)
