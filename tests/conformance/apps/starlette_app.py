"""The conformance routes on Starlette, with ``httpfault.adapters.starlette.install``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

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
        ]
    )
    install(app, config)
    return app
