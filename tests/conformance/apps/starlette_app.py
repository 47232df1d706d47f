"""The conformance routes on Starlette, with ``httpfault.adapters.starlette.install``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from httpfault import Config
from httpfault.adapters.starlette import install, read_json

from . import common

OWN = {
    "forbidden": lambda: HTTPException(403),
    "not-found": lambda: HTTPException(404),
}


async def raise_named(request: Request) -> Response:
    raise common.build(request.path_params["name"])


async def stash(request: Request) -> Response:
    raise common.stashed(request.headers.get("x-request-id"))


async def own(request: Request) -> Response:
    raise OWN[request.path_params["what"]]()


async def ok(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def validate(request: Request) -> Response:
    signup = common.Signup.model_validate(await read_json(request))
    return JSONResponse(signup.model_dump())


class RaiseInMiddleware:
    """Pure ASGI middleware raising what the request's ``X-Raise-In-Middleware`` names."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        for name, value in scope.get("headers", ()):
            if name == common.RAISE_HEADER.lower().encode():
                raise common.build(value.decode())
        await self.app(scope, receive, send)


def make(config: Config) -> Starlette:
    """A Starlette app with the conformance routes and httpfault installed with *config*."""
    app = Starlette(
        routes=[
            Route("/c/raise/{name}", raise_named),
            Route("/c/stash", stash),
            Route("/c/own/{what}", own),
            Route("/c/only-get", ok, methods=["GET"]),
            Route("/c/ok", ok),
            Route("/c/validate", validate, methods=["POST"]),
            Route("/c/split/{id}", ok, methods=["GET"]),
            Route("/c/split/{id}", ok, methods=["DELETE"]),
        ]
    )
    app.add_middleware(RaiseInMiddleware)
    install(app, config)
    return app
