"""A small users/items API on aiohttp with httpfault installed.

Run it with ``python examples/aiohttp_app.py`` (http://127.0.0.1:8000), or under gunicorn:
``gunicorn examples.aiohttp_app:create_app --worker-class aiohttp.GunicornWebWorker``.
Try::

    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Ada", "email": "ada@example.com"}'      # 201, then 409 the second time
    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": ""}'                                       # 422 with field errors
    curl -i localhost:8000/users/42                             # 404
    curl -i localhost:8000/stats                                # 500, logged once
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from aiohttp import web
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.aiohttp import install, read_json


class EmailTaken(Conflict):
    """A custom problem type: the email address is already registered."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=254)


class User(UserIn):
    id: int


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(gt=0)


class Item(ItemIn):
    id: int


@dataclass
class Store:
    """The example's in-memory data, kept on the application."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds
STORE = web.AppKey("store", Store)
routes = web.RouteTableDef()


def store(request: web.Request) -> Store:
    return request.app[STORE]


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@routes.post("/users")
async def create_user(request: web.Request) -> web.Response:
    user = UserIn.model_validate(await read_json(request))
    data = store(request)
    if any(u.email == user.email for u in data.users.values()):
        raise EmailTaken(f"{user.email} is already registered")
    created = User(id=next(data.ids), **user.model_dump())
    data.users[created.id] = created
    return web.json_response(created.model_dump(), status=201)


def _user(request: web.Request) -> int:
    try:
        return int(request.match_info["user_id"])
    except ValueError:
        raise NotFound("No such user") from None


@routes.get("/users/{user_id}")
async def get_user(request: web.Request) -> web.Response:
    user_id = _user(request)
    user = store(request).users.get(user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return web.json_response(user.model_dump())


@routes.delete("/users/{user_id}")
async def delete_user(request: web.Request) -> web.Response:
    user_id = _user(request)
    if store(request).users.pop(user_id, None) is None:
        raise NotFound(f"No user with id {user_id}")
    return web.Response(status=204)


@routes.post("/items")
async def create_item(request: web.Request) -> web.Response:
    item = ItemIn.model_validate(await read_json(request))
    data = store(request)
    created = Item(id=next(data.ids), **item.model_dump())
    data.items[created.id] = created
    return web.json_response(created.model_dump(), status=201)


@routes.get("/items/{item_id:\\d+}")
async def get_item(request: web.Request) -> web.Response:
    item_id = int(request.match_info["item_id"])
    item = store(request).items.get(item_id)
    if item is None:
        raise NotFound(f"No item with id {item_id}")
    return web.json_response(item.model_dump())


@routes.get("/search")
async def search(request: web.Request) -> web.Response:
    q = request.query.get("q", "")
    client = request.remote or "-"
    now = time.monotonic()
    recent = [t for t in store(request).searches.get(client, []) if now - t < SEARCH_WINDOW]
    if len(recent) >= SEARCH_LIMIT:
        raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
    store(request).searches[client] = [*recent, now]
    found = [i.model_dump() for i in store(request).items.values() if q.lower() in i.name.lower()]
    return web.json_response(found)


@routes.get("/stats")
async def stats(request: web.Request) -> web.Response:
    prices = [i.price for i in store(request).items.values()]
    # A bug: no items -> ZeroDivisionError, answered as a safe 500.
    return web.json_response({"average_price": sum(prices) / len(prices)})


async def create_app() -> web.Application:
    """The example application (also the factory gunicorn's aiohttp worker calls)."""
    app = web.Application()
    app[STORE] = Store()
    app.add_routes(routes)
    install(app, Config(format="auto"))
    return app


if __name__ == "__main__":
    web.run_app(create_app(), host="127.0.0.1", port=8000)
