"""The conformance routes on aiohttp, with ``httpfault.adapters.aiohttp.install``.

The ``/c/raise`` and ``/c/own`` routes live in sub-applications (``add_subapp``) and the
rest in the root one, so the suite proves one ``install()`` covers both. (A sub-application
answers every path under its prefix: ``/c/`` itself would hide the root's 405s.)
"""

from __future__ import annotations

from typing import NoReturn

from aiohttp import web

from httpfault import Config
from httpfault.adapters.aiohttp import install, read_json

from . import common

OWN = {
    "forbidden": web.HTTPForbidden,
    "not-found": web.HTTPNotFound,
}


async def raise_named(request: web.Request) -> NoReturn:
    raise common.build(request.match_info["name"])


async def stash(request: web.Request) -> NoReturn:
    raise common.stashed(request.headers.get("X-Request-ID"))


async def own(request: web.Request) -> NoReturn:
    raise OWN[request.match_info["what"]]()


async def ok(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def validate(request: web.Request) -> web.Response:
    signup = common.Signup.model_validate(await read_json(request))
    return web.json_response(signup.model_dump())


@web.middleware
async def raise_in_middleware(
    request: web.Request, handler: web.RequestHandler
) -> web.StreamResponse:
    """An aiohttp middleware raising what the request's ``X-Raise-In-Middleware`` names."""
    name = request.headers.get(common.RAISE_HEADER)
    if name:
        raise common.build(name)
    return await handler(request)


def make(config: Config) -> web.Application:
    """An aiohttp app with the conformance routes and httpfault installed with *config*."""
    app = web.Application(middlewares=[raise_in_middleware])
    raising = web.Application()
    raising.router.add_get("/{name}", raise_named)
    owning = web.Application()
    owning.router.add_get("/{what}", own)
    app.router.add_get("/c/stash", stash)
    app.router.add_get("/c/only-get", ok)
    app.router.add_get("/c/ok", ok)
    app.router.add_post("/c/validate", validate)
    app.add_subapp("/c/raise", raising)
    app.add_subapp("/c/own", owning)
    install(app, config)
    return app
