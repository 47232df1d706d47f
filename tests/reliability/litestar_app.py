"""The reliability routes on Litestar, with the plugin (``uvicorn --workers`` imports ``app``)."""

from __future__ import annotations

from typing import Any, NoReturn

from litestar import Litestar, Request, get, post

import httpfault
from httpfault.adapters.litestar import HTTPFaultPlugin
from tests.reliability.scenarios import CONFIG, SECRET, EmailTaken, User


@get("/ok")
async def ok() -> dict[str, bool]:
    return {"ok": True}


@get("/missing")
async def missing() -> NoReturn:
    raise httpfault.NotFound("No such item")


@post("/users")
async def users() -> NoReturn:
    raise EmailTaken("Email already registered")


@post("/validate")
async def validate(request: Request[Any, Any, Any]) -> dict[str, bool]:
    User.model_validate(await request.json())
    return {"ok": True}  # pragma: no cover - the tests send invalid bodies


@get("/throttled")
async def throttled() -> NoReturn:
    raise httpfault.TooManyRequests("Slow down", retry_after=30)


@get("/boom")
async def boom() -> NoReturn:
    raise RuntimeError(f"database password is {SECRET}")


app = Litestar(
    route_handlers=[ok, missing, users, validate, throttled, boom],
    plugins=[HTTPFaultPlugin(CONFIG)],
)
