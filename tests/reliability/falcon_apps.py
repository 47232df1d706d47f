"""The reliability routes on Falcon: ``tests.reliability.falcon_apps:app`` (WSGI, for
gunicorn) and ``:asgi_app`` (ASGI, for uvicorn)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import falcon
import falcon.asgi

import httpfault
from httpfault import Config
from httpfault.adapters.falcon import install
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

RAISED = {
    "/missing": lambda: httpfault.NotFound("No such item"),
    "/users": lambda: EmailTaken("Email already registered"),
    "/throttled": lambda: httpfault.TooManyRequests("Slow down", retry_after=30),
    "/boom": lambda: RuntimeError(f"database password is {SECRET}"),
    "/mapped": lambda: DomainError("no such account"),
    "/big": lambda: httpfault.NotFound(BIG_DETAIL),
}


def _chunks(fail: bool) -> Iterator[bytes]:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        yield STREAM_CHUNK


async def _async_chunks(fail: bool) -> AsyncIterator[bytes]:
    for chunk in _chunks(fail):
        yield chunk


class Raise:
    def on_get(self, req: Any, resp: Any) -> None:
        raise RAISED[req.path]()

    on_post = on_get


class Ok:
    def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {"ok": True}


class Validate:
    def on_post(self, req: Any, resp: Any) -> None:
        User.model_validate(req.get_media())
        resp.media = {"ok": True}  # pragma: no cover - the tests send invalid bodies


class Stream:
    def __init__(self, fail: bool) -> None:
        self.fail = fail

    def on_get(self, req: Any, resp: Any) -> None:
        resp.content_type = "application/octet-stream"
        resp.stream = _chunks(self.fail)


class AsyncRaise:
    async def on_get(self, req: Any, resp: Any) -> None:
        raise RAISED[req.path]()

    on_post = on_get


class AsyncOk:
    async def on_get(self, req: Any, resp: Any) -> None:
        resp.media = {"ok": True}


class AsyncValidate:
    async def on_post(self, req: Any, resp: Any) -> None:
        User.model_validate(await req.get_media())
        resp.media = {"ok": True}  # pragma: no cover - the tests send invalid bodies


class AsyncStream:
    def __init__(self, fail: bool) -> None:
        self.fail = fail

    async def on_get(self, req: Any, resp: Any) -> None:
        resp.content_type = "application/octet-stream"
        resp.stream = _async_chunks(self.fail)


def _routes(app: Any, raise_: Any, ok: Any, validate: Any, stream: Any) -> None:
    app.add_route("/ok", ok)
    app.add_route("/validate", validate)
    app.add_route("/stream", stream(False))
    app.add_route("/stream-fail", stream(True))
    for path in RAISED:
        app.add_route(path, raise_)


def make_falcon(config: Config = CONFIG) -> falcon.App[Any, Any]:
    """The reliability routes on ``falcon.App``, with httpfault installed with *config*."""
    app = falcon.App()
    install(app, config)
    _routes(app, Raise(), Ok(), Validate(), Stream)
    return app


def make_falcon_asgi(config: Config = CONFIG) -> falcon.asgi.App:
    """The reliability routes on ``falcon.asgi.App``, with httpfault installed."""
    app = falcon.asgi.App()
    install(app, config)
    _routes(app, AsyncRaise(), AsyncOk(), AsyncValidate(), AsyncStream)
    return app


app = make_falcon()
asgi_app = make_falcon_asgi()
