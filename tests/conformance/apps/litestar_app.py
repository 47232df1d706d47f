"""The conformance routes on Litestar, with ``httpfault.adapters.litestar.HTTPFaultPlugin``."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from litestar import Litestar, Request, get, post, route
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import Body
from litestar.types import ASGIApp, Receive, Scope, Send

from httpfault import Config
from httpfault.adapters.litestar import HTTPFaultPlugin

from . import common

OWN = {
    "forbidden": PermissionDeniedException,
    "not-found": NotFoundException,
}


# Litestar's @get accepts GET only; HEAD is opted into per route, as FastAPI's.
@route("/c/raise/{name:str}", http_method=["GET", "HEAD"])
async def raise_named(request: Request[Any, Any, Any]) -> NoReturn:
    # Path parameters read from the request: the style that works on every Litestar 2.x.
    raise common.build(request.path_params["name"])


@get("/c/stash")
async def stash(request: Request[Any, Any, Any]) -> NoReturn:
    raise common.stashed(request.headers.get("x-request-id"))


@route("/c/own/{what:str}", http_method=["GET", "HEAD"])
async def own(request: Request[Any, Any, Any]) -> NoReturn:
    raise OWN[request.path_params["what"]]()


@get(["/c/only-get", "/c/ok"])
async def ok() -> dict[str, Any]:
    return {"ok": True}


@post("/c/validate", status_code=200)
async def validate(data: Annotated[common.Signup, Body()]) -> dict[str, Any]:
    return data.model_dump()


def raise_in_middleware(app: ASGIApp) -> ASGIApp:
    """Litestar middleware raising what the request's ``X-Raise-In-Middleware`` names."""
    header = common.RAISE_HEADER.lower().encode()

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        for name, value in scope.get("headers", ()):
            if name == header:
                raise common.build(value.decode())
        await app(scope, receive, send)

    return middleware


def make(config: Config) -> Litestar:
    """A Litestar app with the conformance routes and the plugin installed with *config*."""
    return Litestar(
        route_handlers=[raise_named, stash, own, ok, validate],
        middleware=[raise_in_middleware],
        plugins=[HTTPFaultPlugin(config)],
    )
