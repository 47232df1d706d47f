"""A Starlette app with one route per error path; ``tests.starlette.apps:app`` for uvicorn."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator
from typing import Any

import anyio
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from httpfault import Config, Conflict, NotFound, Unauthorized
from httpfault.adapters.starlette import install, read_json

ORIGIN = "https://app.example.com"


class EmailTaken(Conflict):
    """A custom problem type with an extension member."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class Thing(BaseModel):
    name: str
    size: int


class DomainMissing(Exception):
    """A domain exception mapped to 404 by ``exception_map``."""


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def conflict(request: Request) -> Response:
    raise Conflict("Email already registered")


async def custom(request: Request) -> Response:
    raise EmailTaken("ada@example.com is taken", field_name="email")


async def http_exc(request: Request) -> Response:
    raise HTTPException(401, headers={"WWW-Authenticate": 'Bearer realm="api"'})


async def http_exc_detail(request: Request) -> Response:
    raise HTTPException(403, detail="Only admins may do this")


async def not_modified(request: Request) -> Response:
    raise HTTPException(304, headers={"ETag": '"v1"'})


async def unregistered(request: Request) -> Response:
    raise HTTPException(499, detail="Client closed")


async def crash(request: Request) -> Response:
    raise RuntimeError("secret database password is hunter2")


async def group(request: Request) -> Response:
    async def fail() -> None:
        raise NotFound("No such widget")

    async with anyio.create_task_group() as tg:
        tg.start_soon(fail)
    return Response()  # pragma: no cover


async def group_of_two(request: Request) -> Response:
    group_type: Any = builtins.BaseExceptionGroup  # type: ignore[attr-defined]
    raise group_type("two", [ValueError("a"), KeyError("b")])


async def validation(request: Request) -> Response:
    Thing.model_validate({"name": 3})
    return Response()  # pragma: no cover


async def mapped(request: Request) -> Response:
    raise DomainMissing("user 7")


async def stream_fail(request: Request) -> Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"partial": '
        raise RuntimeError("stream broke")

    return StreamingResponse(chunks(), media_type="application/json")


def _background_fail() -> None:
    raise RuntimeError("background job failed")


async def background_fail(request: Request) -> Response:
    return JSONResponse({"accepted": True}, background=BackgroundTask(_background_fail))


async def users(request: Request) -> Response:
    data = Thing.model_validate(await read_json(request))
    return JSONResponse(data.model_dump(), status_code=201)


async def post_only(request: Request) -> Response:
    return JSONResponse({"ok": True})


ROUTES = [
    Route("/health", health),
    Route("/conflict", conflict, methods=["GET", "POST"]),
    Route("/custom", custom),
    Route("/http-exc", http_exc),
    Route("/http-exc-detail", http_exc_detail),
    Route("/not-modified", not_modified),
    Route("/unregistered", unregistered),
    Route("/crash", crash),
    Route("/group", group),
    Route("/group-of-two", group_of_two),
    Route("/validation", validation),
    Route("/mapped", mapped),
    Route("/stream-fail", stream_fail),
    Route("/background-fail", background_fail),
    Route("/users", users, methods=["POST"]),
    Route("/post-only", post_only, methods=["POST", "PUT"]),
]


class AuthMiddleware:
    """Pure ASGI middleware that raises for ``/mw-error`` and ``/mw-crash``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/mw-error":
            raise Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')
        if scope["type"] == "http" and scope["path"] == "/mw-crash":
            raise RuntimeError("middleware bug")
        await self.app(scope, receive, send)


def config() -> Config:
    """The config the test apps install."""
    return Config(exception_map={DomainMissing: NotFound})


def make_app(
    cfg: Config | None = None, *, debug: bool = False, cors: bool = True, order: str = "cors-first"
) -> Starlette:
    """A fresh app; *order* says whether CORS is added before or after ``install()``."""
    app = Starlette(debug=debug, routes=list(ROUTES))
    cfg = cfg or config()
    if order == "install-first":
        install(app, cfg)
    app.add_middleware(AuthMiddleware)
    if cors:
        app.add_middleware(CORSMiddleware, allow_origins=[ORIGIN], expose_headers=["X-Request-ID"])
    if order != "install-first":
        install(app, cfg)
    return app


app = make_app()
