"""FastAPI and Starlette apps limited by slowapi, with httpfault installed and nothing else.

No ``add_exception_handler(RateLimitExceeded, ...)`` line: httpfault answers slowapi's
exception. ``tests.fastapi.slowapi_app:fastapi_app`` serves it under uvicorn.
"""

from __future__ import annotations

from fastapi import FastAPI
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_remote_address
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from httpfault import Config
from httpfault.adapters import fastapi as fastapi_adapter
from httpfault.adapters import starlette as starlette_adapter
from httpfault.adapters.slowapi import rate_limit_exceeded


def make_fastapi(*, handler: bool = False) -> FastAPI:
    """A FastAPI app: two requests a minute on /items, one with a message on /quiet.

    With *handler*, httpfault's slowapi handler is registered (live state in headers).
    """
    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()
    app.state.limiter = limiter
    if handler:
        app.add_exception_handler(RateLimitExceeded, rate_limit_exceeded)

    @app.get("/items")
    @limiter.limit("2/minute")
    async def items(request: Request) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/quiet")
    @limiter.limit("1/minute", error_message="Slow down, please.")
    def quiet(request: Request) -> dict[str, bool]:
        return {"ok": True}

    fastapi_adapter.install(app)
    return app


def make_starlette() -> Starlette:
    """A Starlette app: two requests a minute on /items."""
    limiter = Limiter(key_func=get_remote_address)

    @limiter.limit("2/minute")
    async def items(request: Request) -> Response:
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/items", items)])
    app.state.limiter = limiter
    starlette_adapter.install(app)
    return app


def make_middleware() -> FastAPI:
    """slowapi's middleware with ``default_limits``: the handler is what it answers with."""
    limiter = Limiter(key_func=get_remote_address, default_limits=["2/minute"])
    app = FastAPI()
    app.state.limiter = limiter
    app.add_middleware(SlowAPIMiddleware)
    app.add_exception_handler(RateLimitExceeded, rate_limit_exceeded)

    @app.get("/items")
    async def items() -> dict[str, bool]:
        return {"ok": True}

    fastapi_adapter.install(app, Config(format="problem"))
    return app


fastapi_app = make_fastapi()
handled_app = make_fastapi(handler=True)
