"""The conformance routes on FastAPI, with ``httpfault.adapters.fastapi.install``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request

from httpfault import Config
from httpfault.adapters.fastapi import install

from . import common
from .starlette_app import RaiseInMiddleware

OWN = {
    "forbidden": lambda: HTTPException(403),
    "not-found": lambda: HTTPException(404),
}


def make(config: Config) -> FastAPI:
    """A FastAPI app with the conformance routes and httpfault installed with *config*."""
    app = FastAPI()
    app.add_middleware(RaiseInMiddleware)
    install(app, config)

    # FastAPI's @app.get accepts GET only; HEAD is opted into per route.
    @app.api_route("/c/raise/{name}", methods=["GET", "HEAD"])
    async def raise_named(name: str) -> None:
        raise common.build(name)

    @app.get("/c/stash")
    async def stash(request: Request) -> None:
        raise common.stashed(request.headers.get("x-request-id"))

    @app.api_route("/c/own/{what}", methods=["GET", "HEAD"])
    async def own(what: str) -> None:
        raise OWN[what]()

    @app.get("/c/only-get")
    @app.get("/c/ok")
    async def ok() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/c/split/{id}")
    async def split_get(id: int) -> dict[str, Any]:
        return {"ok": True}

    @app.delete("/c/split/{id}")
    async def split_delete(id: int) -> dict[str, Any]:
        return {"ok": True}

    @app.post("/c/validate")
    async def validate(signup: common.Signup) -> dict[str, Any]:
        return signup.model_dump()

    return app
