"""The conformance routes on Sanic, with ``httpfault.adapters.sanic.install``.

The ``/c/raise`` and ``/c/own`` routes live in Blueprints of a blueprint group and the
rest on the app itself, so the suite proves one ``install()`` covers both.
"""

from __future__ import annotations

import itertools
from typing import NoReturn

from sanic import Blueprint, Request, Sanic
from sanic.exceptions import Forbidden, NotFound
from sanic.response import HTTPResponse, json

from httpfault import Config
from httpfault.adapters.sanic import install, read_json

from . import common

OWN = {
    "forbidden": Forbidden,
    "not-found": NotFound,
}
_names = itertools.count()


def make(config: Config) -> Sanic:  # type: ignore[type-arg]
    """A Sanic app with the conformance routes and httpfault installed with *config*."""
    app = Sanic(f"conformance_{next(_names)}")
    app.config.TOUCHUP = False  # Sanic's start-up rewrite runs once per process; many start here
    raising = Blueprint("raising", url_prefix="/raise")
    owning = Blueprint("owning", url_prefix="/own")

    # Sanic serves HEAD only on routes that list it (its @get takes GET alone).
    @raising.route("/<name>", methods=["GET", "HEAD"])
    async def raise_named(request: Request, name: str) -> NoReturn:
        raise common.build(name)

    @owning.get("/<what>")
    async def own(request: Request, what: str) -> NoReturn:
        raise OWN[what]()

    @app.get("/c/stash")
    async def stash(request: Request) -> NoReturn:
        raise common.stashed(request.headers.get("X-Request-ID"))

    @app.get("/c/only-get", name="only_get")
    @app.get("/c/ok", name="ok")
    async def ok(request: Request) -> HTTPResponse:
        return json({"ok": True})

    @app.post("/c/validate")
    async def validate(request: Request) -> HTTPResponse:
        return json(common.Signup.model_validate(read_json(request)).model_dump())

    @app.on_request
    async def raise_in_middleware(request: Request) -> None:
        name = request.headers.get(common.RAISE_HEADER)
        if name:
            raise common.build(name)

    app.blueprint(Blueprint.group(raising, owning, url_prefix="/c"))
    install(app, config)
    return app
