"""The aiohttp app the adapter's tests use: ``tests.aiohttp.apps:app_factory`` for gunicorn.

``python -m tests.aiohttp.apps PORT`` serves it under aiohttp's own ``web.AppRunner``.
"""

from __future__ import annotations

import asyncio
import sys
from typing import NoReturn

from aiohttp import web
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, NotFound
from httpfault.adapters.aiohttp import install, read_json

RID_HEADER = "X-Request-ID"


class EmailTaken(Conflict):
    """A custom problem type."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class User(BaseModel):
    """The body of ``POST /users``."""

    name: str = Field(min_length=1)
    email: str


class DomainError(Exception):
    """Mapped to ``NotFound`` by the app's config."""


async def health(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def users(request: web.Request) -> web.Response:
    user = User.model_validate(await read_json(request))
    if user.email == "taken@example.com":
        raise EmailTaken("Email already registered", field_name="email")
    return web.json_response(user.model_dump(), status=201)


async def native_json(request: web.Request) -> web.Response:
    """Reads the body with aiohttp's own ``request.json()``."""
    return web.json_response(User.model_validate(await request.json()).model_dump())


async def conflict(request: web.Request) -> NoReturn:
    raise Conflict("Email already registered")


async def raised_not_found(request: web.Request) -> NoReturn:
    raise web.HTTPNotFound(text="No such widget")


async def returned_not_found(request: web.Request) -> web.StreamResponse:
    return web.HTTPNotFound()


async def unauthorized(request: web.Request) -> NoReturn:
    raise web.HTTPUnauthorized(headers={"WWW-Authenticate": 'Bearer realm="api"'})


async def redirect(request: web.Request) -> NoReturn:
    raise web.HTTPFound("/health")


async def bad_gateway(request: web.Request) -> NoReturn:
    raise web.HTTPBadGateway(text="upstream db-3 timed out")


async def crash(request: web.Request) -> NoReturn:
    raise RuntimeError("database password is hunter2")


async def mapped(request: web.Request) -> NoReturn:
    raise DomainError("row 7")


async def post_only(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def sub_missing(request: web.Request) -> NoReturn:
    raise NotFound("No such item")


@web.middleware
async def auth_middleware(request: web.Request, handler: web.RequestHandler) -> web.StreamResponse:
    """Refuses ``/admin`` paths: an error raised in another middleware."""
    if request.path.startswith("/admin"):
        raise web.HTTPForbidden()
    if request.headers.get("X-Crash-In-Middleware"):
        raise RuntimeError("middleware crash: hunter2")
    return await handler(request)


CONFIG = Config(exception_map={DomainError: NotFound})


def make_app(config: Config = CONFIG) -> web.Application:
    """The test app: routes, one middleware before install() and one after, a sub-app."""
    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_get("/health", health)
    app.router.add_post("/users", users)
    app.router.add_post("/native-json", native_json)
    app.router.add_get("/conflict", conflict)
    app.router.add_get("/raised-404", raised_not_found)
    app.router.add_get("/returned-404", returned_not_found)
    app.router.add_get("/unauthorized", unauthorized)
    app.router.add_get("/redirect", redirect)
    app.router.add_get("/bad-gateway", bad_gateway)
    app.router.add_get("/crash", crash)
    app.router.add_get("/mapped", mapped)
    app.router.add_route("POST", "/post-only", post_only)
    app.router.add_route("PUT", "/post-only", post_only)
    sub = web.Application()
    sub.router.add_get("/missing", sub_missing)
    sub.router.add_get("/crash", crash)
    app.add_subapp("/sub", sub)
    install(app, config)
    app.middlewares.append(auth_middleware)  # added after install(): still answered
    return app


async def app_factory() -> web.Application:
    """For gunicorn's aiohttp worker: ``tests.aiohttp.apps:app_factory``."""
    return make_app()


def main(argv: list[str]) -> None:
    """Serve the app on 127.0.0.1:PORT with ``web.AppRunner`` until SIGTERM."""
    port = int(argv[0])

    async def serve() -> None:
        runner = web.AppRunner(make_app())
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    asyncio.run(serve())


if __name__ == "__main__":
    main(sys.argv[1:])
