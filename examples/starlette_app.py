"""A small users/items API on Starlette with httpfault installed.

Run it with ``python examples/starlette_app.py`` (http://127.0.0.1:8000), or
``uvicorn examples.starlette_app:app``. Try::

    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Ada", "email": "ada@example.com"}'      # 201, then 409 the second time
    curl -i localhost:8000/users/42                             # 404
    curl -i -X PUT localhost:8000/users                         # 405 with Allow
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from pydantic import BaseModel, Field
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.starlette import install, read_json


class EmailTaken(Conflict):
    """A custom problem type: the email address is already registered."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=254)


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(gt=0)


@dataclass
class Store:
    """The example's in-memory data, kept on ``app.state``."""

    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds


def store(request: Request) -> Store:
    result: Store = request.app.state.store
    return result


def path_id(request: Request) -> int:
    try:
        return int(request.path_params["id"])
    except ValueError:
        raise NotFound() from None


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def create_user(request: Request) -> Response:
    user = UserIn.model_validate(await read_json(request))  # ValidationError -> 422
    data = store(request)
    if any(u["email"] == user.email for u in data.users.values()):
        raise EmailTaken(f"{user.email} is already registered")
    created = {**user.model_dump(), "id": next(data.ids)}
    data.users[created["id"]] = created
    return JSONResponse(created, status_code=201)


async def get_user(request: Request) -> Response:
    user_id = path_id(request)
    user = store(request).users.get(user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return JSONResponse(user)


async def delete_user(request: Request) -> Response:
    user_id = path_id(request)
    if store(request).users.pop(user_id, None) is None:
        raise NotFound(f"No user with id {user_id}")
    return Response(status_code=204)


async def create_item(request: Request) -> Response:
    item = ItemIn.model_validate(await read_json(request))
    data = store(request)
    created = {**item.model_dump(), "id": next(data.ids)}
    data.items[created["id"]] = created
    return JSONResponse(created, status_code=201)


async def get_item(request: Request) -> Response:
    item_id = path_id(request)
    item = store(request).items.get(item_id)
    if item is None:
        raise NotFound(f"No item with id {item_id}")
    return JSONResponse(item)


async def search(request: Request) -> Response:
    client = request.client.host if request.client else "-"
    now = time.monotonic()
    recent = [t for t in store(request).searches.get(client, []) if now - t < SEARCH_WINDOW]
    if len(recent) >= SEARCH_LIMIT:
        raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
    store(request).searches[client] = [*recent, now]
    q = request.query_params.get("q", "").lower()
    return JSONResponse([i for i in store(request).items.values() if q in i["name"].lower()])


async def stats(request: Request) -> Response:
    prices = [i["price"] for i in store(request).items.values()]
    return JSONResponse({"average_price": sum(prices) / len(prices)})  # a bug when empty


app = Starlette(
    routes=[
        Route("/health", health),
        Route("/users", create_user, methods=["POST"]),
        Route("/users/{id}", get_user, methods=["GET"]),
        Route("/users/{id}", delete_user, methods=["DELETE"]),
        Route("/items", create_item, methods=["POST"]),
        Route("/items/{id}", get_item),
        Route("/search", search),
        Route("/stats", stats),
    ]
)
app.state.store = Store()
install(app, Config(format="auto"))


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8000)
