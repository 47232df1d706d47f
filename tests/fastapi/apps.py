"""A FastAPI app with one route per error path; ``tests.fastapi.apps:app`` for uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from httpfault import Config, Conflict, NotFound, TooManyRequests, Unauthorized
from httpfault.adapters.fastapi import install, responses

ORIGIN = "https://app.example.com"


class EmailTaken(Conflict):
    """A custom problem type."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class Address(BaseModel):
    city: str


class UserIn(BaseModel):
    name: str = Field(min_length=1)
    age: int = Field(ge=0)
    tags: list[str] = []
    address: Address | None = None


class Strict(BaseModel):
    count: int


class DomainMissing(Exception):
    """Mapped to 404 by ``exception_map``."""


async def current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    if authorization != "Bearer good":
        raise Unauthorized("Missing or bad token", www_authenticate='Bearer realm="api"')
    return "ada"


class AuthMiddleware:
    """Pure ASGI middleware raising for ``/mw-error`` and ``/mw-crash``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/mw-error":
            raise Unauthorized("Token expired")
        if scope["type"] == "http" and scope["path"] == "/mw-crash":
            raise RuntimeError("middleware bug")
        await self.app(scope, receive, send)


def config() -> Config:
    """The config the test apps install."""
    return Config(exception_map={DomainMissing: NotFound})


def make_app(cfg: Config | None = None, *, debug: bool = False, early: bool = False) -> FastAPI:
    """A fresh app; with *early*, ``install()`` runs before the routes are added."""
    app = FastAPI(debug=debug, title="httpfault tests", version="1")
    if early:
        install(app, cfg or config())

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/users", status_code=201, responses=responses(EmailTaken, TooManyRequests))
    async def create_user(user: UserIn) -> UserIn:
        if user.name == "taken":
            raise EmailTaken("That email is registered", field_name="email")
        return user

    @app.get("/items/{item_id}", responses=responses(NotFound))
    async def get_item(item_id: int, q: Annotated[str | None, Query(max_length=5)] = None) -> dict:
        if item_id == 0:
            raise HTTPException(404, detail="No item 0")
        if item_id == 1:
            raise HTTPException(404)
        return {"id": item_id}

    @app.get("/me")
    async def me(user: Annotated[str, Depends(current_user)]) -> dict[str, str]:
        return {"user": user}

    @app.get("/crash")
    async def crash() -> None:
        raise RuntimeError("secret database password is hunter2")

    @app.get("/sync-crash")
    def sync_crash() -> None:
        raise RuntimeError("sync secret")

    @app.get("/group")
    async def group() -> None:
        async def fail() -> None:
            raise NotFound("No such widget")

        async with anyio.create_task_group() as tg:
            tg.start_soon(fail)

    @app.get("/user-validation")
    async def user_validation() -> None:
        Strict.model_validate({"count": "many"})

    @app.get("/mapped")
    async def mapped() -> None:
        raise DomainMissing("gone")

    @app.get("/bad-response")
    async def bad_response() -> Strict:
        return {"count": "nope"}  # type: ignore[return-value]

    @app.get("/stream-fail")
    async def stream_fail() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            yield b"partial"
            raise RuntimeError("stream broke")

        return StreamingResponse(chunks())

    @app.api_route("/post-only", methods=["POST", "PUT"], include_in_schema=False)
    async def post_only() -> dict[str, bool]:
        return {"ok": True}

    app.add_middleware(AuthMiddleware)
    app.add_middleware(CORSMiddleware, allow_origins=[ORIGIN])
    if not early:
        install(app, cfg or config())
    return app


app = make_app()
