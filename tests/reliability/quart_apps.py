"""The reliability routes on Quart: ``tests.reliability.quart_apps:app`` for hypercorn."""

from __future__ import annotations

from collections.abc import AsyncIterator

from quart import Quart, Response

import httpfault
from httpfault import Config
from httpfault.adapters.quart import HTTPFault, read_json
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


async def _chunks(fail: bool) -> AsyncIterator[bytes]:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        yield STREAM_CHUNK


def make_quart(config: Config = CONFIG, name: str = "reliability") -> Quart:
    """The reliability routes on Quart, with httpfault installed with *config*."""
    app = Quart(name)

    @app.get("/ok")
    async def ok() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/missing")
    async def missing() -> None:
        raise httpfault.NotFound("No such item")

    @app.post("/users")
    async def users() -> None:
        raise EmailTaken("Email already registered")

    @app.post("/validate")
    async def validate() -> dict[str, bool]:
        User.model_validate(await read_json())
        return {"ok": True}  # pragma: no cover - the tests send invalid bodies

    @app.get("/throttled")
    async def throttled() -> None:
        raise httpfault.TooManyRequests("Slow down", retry_after=30)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError(f"database password is {SECRET}")

    @app.get("/mapped")
    async def mapped() -> None:
        raise DomainError("no such account")

    @app.get("/big")
    async def big() -> None:
        raise httpfault.NotFound(BIG_DETAIL)

    @app.get("/stream")
    async def stream() -> Response:
        return Response(_chunks(fail=False), mimetype="application/octet-stream")

    @app.get("/stream-fail")
    async def stream_fail() -> Response:
        return Response(_chunks(fail=True), mimetype="application/octet-stream")

    HTTPFault(app, config)
    return app


app = make_quart()
