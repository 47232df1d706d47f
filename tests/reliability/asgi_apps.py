"""The reliability routes on Starlette and on FastAPI.

``tests.reliability.asgi_apps:starlette_app`` and ``:fastapi_app`` are importable for
``uvicorn --workers``; :func:`make_starlette` and :func:`make_fastapi` build an app with
any config for the in-process tests.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

import httpfault
from httpfault import Config
from httpfault.adapters import fastapi as hf_fastapi
from httpfault.adapters import starlette as hf_starlette
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


def _chunks(fail: bool) -> Iterator[bytes]:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        yield STREAM_CHUNK


# -- Starlette ----------------------------------------------------------------------------


async def ok(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def missing(request: Request) -> Response:
    raise httpfault.NotFound("No such item")


async def users(request: Request) -> Response:
    raise EmailTaken("Email already registered")


async def validate(request: Request) -> Response:
    User.model_validate(await hf_starlette.read_json(request))
    return JSONResponse({"ok": True})  # pragma: no cover - the tests send invalid bodies


async def throttled(request: Request) -> Response:
    raise httpfault.TooManyRequests("Slow down", retry_after=30)


async def boom(request: Request) -> Response:
    raise RuntimeError(f"database password is {SECRET}")


async def mapped(request: Request) -> Response:
    raise DomainError("no such account")


async def big(request: Request) -> Response:
    raise httpfault.NotFound(BIG_DETAIL)


async def stream(request: Request) -> Response:
    return StreamingResponse(_chunks(fail=False), media_type="application/octet-stream")


async def stream_fail(request: Request) -> Response:
    return StreamingResponse(_chunks(fail=True), media_type="application/octet-stream")


def make_starlette(config: Config = CONFIG) -> Starlette:
    """The reliability routes on Starlette, with httpfault installed with *config*."""
    app = Starlette(
        routes=[
            Route("/ok", ok, methods=["GET"]),
            Route("/missing", missing),
            Route("/users", users, methods=["POST"]),
            Route("/validate", validate, methods=["POST"]),
            Route("/throttled", throttled),
            Route("/boom", boom),
            Route("/mapped", mapped),
            Route("/big", big),
            Route("/stream", stream),
            Route("/stream-fail", stream_fail),
        ]
    )
    hf_starlette.install(app, config)
    return app


# -- FastAPI ------------------------------------------------------------------------------


def make_fastapi(config: Config = CONFIG) -> FastAPI:
    """The reliability routes on FastAPI, with httpfault installed with *config*."""
    app = FastAPI()

    @app.get("/ok")
    def f_ok() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/missing")
    def f_missing() -> None:
        raise httpfault.NotFound("No such item")

    @app.post("/users")
    def f_users() -> None:
        raise EmailTaken("Email already registered")

    @app.post("/validate")
    def f_validate(user: User) -> dict[str, bool]:
        return {"ok": True}  # pragma: no cover - the tests send invalid bodies

    @app.get("/throttled")
    async def f_throttled() -> None:
        raise httpfault.TooManyRequests("Slow down", retry_after=30)

    @app.get("/boom")
    async def f_boom() -> None:
        raise RuntimeError(f"database password is {SECRET}")

    @app.get("/mapped")
    async def f_mapped() -> None:
        raise DomainError("no such account")

    @app.get("/big")
    async def f_big() -> None:
        raise httpfault.NotFound(BIG_DETAIL)

    @app.get("/stream")
    async def f_stream() -> StreamingResponse:
        return StreamingResponse(_chunks(fail=False), media_type="application/octet-stream")

    @app.get("/stream-fail")
    async def f_stream_fail() -> StreamingResponse:
        return StreamingResponse(_chunks(fail=True), media_type="application/octet-stream")

    hf_fastapi.install(app, config)
    return app


starlette_app = make_starlette()
fastapi_app = make_fastapi()
