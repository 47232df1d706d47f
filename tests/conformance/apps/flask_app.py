"""The conformance routes on Flask, with the ``httpfault.adapters.flask.HTTPFault`` extension."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import Flask, abort, request

from httpfault import Config
from httpfault.adapters.flask import HTTPFault

from . import common

OWN = {
    "forbidden": lambda: abort(403),
    "not-found": lambda: abort(404),
}


def make(config: Config) -> Flask:
    """A Flask app with the conformance routes and httpfault installed with *config*."""
    app = Flask(__name__)
    HTTPFault(app, config)

    @app.before_request
    def raise_in_middleware() -> None:
        name = request.headers.get(common.RAISE_HEADER)
        if name:
            raise common.build(name)

    @app.get("/c/raise/<name>")
    def raise_named(name: str) -> NoReturn:
        raise common.build(name)

    @app.get("/c/stash")
    def stash() -> NoReturn:
        raise common.stashed(request.headers.get("X-Request-ID"))

    @app.get("/c/own/<what>")
    def own(what: str) -> NoReturn:
        OWN[what]()
        raise AssertionError("abort() returned")

    @app.get("/c/only-get")
    @app.get("/c/ok")
    def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/c/split/<int:id>")
    def split_get(id: int) -> dict[str, Any]:
        return {"ok": True}

    @app.delete("/c/split/<int:id>")
    def split_delete(id: int) -> dict[str, Any]:
        return {"ok": True}

    @app.post("/c/validate")
    def validate() -> dict[str, Any]:
        return common.Signup.model_validate(request.get_json()).model_dump()

    return app
