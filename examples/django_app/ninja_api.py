"""The same users/items API on Django Ninja, under ``/ninja/``, with ``install(api)``.

The config is the project's ``HTTPFAULT`` setting, shared with the plain views and DRF.
Try::

    curl -i localhost:8000/ninja/users/42                     # 404
    curl -i -X POST localhost:8000/ninja/users -H 'content-type: application/json' \\
         -d '{"name": "", "email": "x"}'                       # 422, JSON Pointers
    curl -i localhost:8000/ninja/private                      # 401 with WWW-Authenticate
    curl -i localhost:8000/ninja/boom                         # 500, logged once
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle
from pydantic import Field

from httpfault.adapters.ninja import install, responses

from .store import STORE, EmailTaken


class UserIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=254)


class ItemIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(gt=0)


class Token(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token if token == "example-token" else None


api = NinjaAPI(title="httpfault Django Ninja example", urls_namespace="ninja-example")
install(api)


@api.post(
    "/users", response={201: dict[str, Any]}, openapi_extra={"responses": responses(EmailTaken)}
)
def create_user(request: HttpRequest, user: UserIn) -> tuple[int, dict[str, Any]]:
    return 201, STORE.add_user(user.name, user.email)


@api.get("/users/{user_id}")
def get_user(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return STORE.user(user_id)


@api.delete("/users/{user_id}", response={204: None})
def delete_user(request: HttpRequest, user_id: int) -> HttpResponse:
    STORE.delete_user(user_id)
    return HttpResponse(status=204)


@api.post("/items", response={201: dict[str, Any]})
def create_item(request: HttpRequest, item: ItemIn) -> tuple[int, dict[str, Any]]:
    return 201, STORE.add_item(item.name, item.price_cents)


@api.get("/items/search", throttle=[AnonRateThrottle("5/10s")])
def search_items(request: HttpRequest, q: str) -> list[dict[str, Any]]:
    return [i for i in STORE.items.values() if q.lower() in i["name"].lower()]


@api.get("/items/{item_id}")
def get_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return STORE.item(item_id)


@api.get("/private", auth=Token())
def private(request: HttpRequest) -> dict[str, str]:
    return {"secret": "only with the example token"}


@api.get("/boom")
def boom(request: HttpRequest) -> NoReturn:
    raise RuntimeError("the example's bug: database password hunter2")
