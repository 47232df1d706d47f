"""The conformance routes on Quart, with the ``httpfault.adapters.quart.HTTPFault`` extension."""

from __future__ import annotations

from typing import Any, NoReturn

from quart import Quart, abort, request

from httpfault import Config
from httpfault.adapters.quart import HTTPFault, read_json

from . import common

OWN = {
    "forbidden": lambda: abort(403),
    "not-found": lambda: abort(404),
}


def make(config: Config) -> Quart:
    """A Quart app with the conformance routes and httpfault installed with *config*."""
    app = Quart(__name__)
    HTTPFault(app, config)

    @app.before_request
    async def raise_in_middleware() -> None:
        name = request.headers.get(common.RAISE_HEADER)
        if name:
            raise common.build(name)

    @app.get("/c/raise/<name>")
    async def raise_named(name: str) -> NoReturn:
        raise common.build(name)

    @app.get("/c/stash")
    async def stash() -> NoReturn:
        raise common.stashed(request.headers.get("X-Request-ID"))

    @app.get("/c/own/<what>")
    async def own(what: str) -> NoReturn:
        OWN[what]()
        raise AssertionError("abort() returned")

    @app.get("/c/only-get")
    @app.get("/c/ok")
    async def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.post("/c/validate")
    async def validate() -> dict[str, Any]:
        return common.Signup.model_validate(await read_json()).model_dump()

    return app
