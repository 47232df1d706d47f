"""The reliability routes on a Django Ninja API, mounted under ``/ninja/`` by ``django_urls``."""

from __future__ import annotations

from typing import NoReturn

from django.http import HttpRequest
from ninja import NinjaAPI

import httpfault
from httpfault.adapters.ninja import install
from tests.reliability.scenarios import SECRET, EmailTaken, User

api = NinjaAPI(urls_namespace="reliability-ninja")
install(api)  # the HTTPFAULT setting: the reliability CONFIG


@api.get("/ok")
def ok(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


@api.get("/missing")
def missing(request: HttpRequest) -> NoReturn:
    raise httpfault.NotFound("No such item")


@api.post("/users")
def users(request: HttpRequest) -> NoReturn:
    raise EmailTaken("Email already registered")


@api.post("/validate")
def validate(request: HttpRequest, user: User) -> dict[str, bool]:
    return {"ok": True}  # pragma: no cover - the tests send invalid bodies


@api.get("/throttled")
def throttled(request: HttpRequest) -> NoReturn:
    raise httpfault.TooManyRequests("Slow down", retry_after=30)


@api.get("/boom")
def boom(request: HttpRequest) -> NoReturn:
    raise RuntimeError(f"database password is {SECRET}")
