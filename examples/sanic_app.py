"""A small users/items API on Sanic with httpfault installed.

Run it with ``sanic examples.sanic_app:app`` (http://127.0.0.1:8000), or
``python examples/sanic_app.py``. Try::

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

from pydantic import BaseModel, Field
from sanic import Request, Sanic
from sanic.response import HTTPResponse, empty, json

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.sanic import install, read_json


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
    """The example's in-memory data, kept on ``app.ctx``."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds

app = Sanic("httpfault_example")
app.ctx.store = Store()
install(app, Config(format="auto"))


def store(request: Request) -> Store:
    result: Store = request.app.ctx.store
    return result


@app.get("/health")
async def health(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@app.post("/users")
async def create_user(request: Request) -> HTTPResponse:
    user = UserIn.model_validate(read_json(request))
    data = store(request)
    if any(u.email == user.email for u in data.users.values()):
        raise EmailTaken(f"{user.email} is already registered")
    created = User(id=next(data.ids), **user.model_dump())
    data.users[created.id] = created
    return json(created.model_dump(), status=201)


@app.get("/users/<user_id:int>")
async def get_user(request: Request, user_id: int) -> HTTPResponse:
    user = store(request).users.get(user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return json(user.model_dump())


@app.delete("/users/<user_id:int>")
async def delete_user(request: Request, user_id: int) -> HTTPResponse:
    if store(request).users.pop(user_id, None) is None:
        raise NotFound(f"No user with id {user_id}")
    return empty()


@app.post("/items")
async def create_item(request: Request) -> HTTPResponse:
    item = ItemIn.model_validate(read_json(request))
    data = store(request)
    created = Item(id=next(data.ids), **item.model_dump())
    data.items[created.id] = created
    return json(created.model_dump(), status=201)


@app.get("/items/<item_id:int>")
async def get_item(request: Request, item_id: int) -> HTTPResponse:
    item = store(request).items.get(item_id)
    if item is None:
        raise NotFound(f"No item with id {item_id}")
    return json(item.model_dump())


@app.get("/search")
async def search(request: Request) -> HTTPResponse:
    q = request.args.get("q", "")
    client = request.client_ip or "-"
    now = time.monotonic()
    recent = [t for t in store(request).searches.get(client, []) if now - t < SEARCH_WINDOW]
    if len(recent) >= SEARCH_LIMIT:
        raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
    store(request).searches[client] = [*recent, now]
    return json([i.model_dump() for i in store(request).items.values()
                 if q.lower() in i.name.lower()])  # fmt: skip


@app.get("/stats")
async def stats(request: Request) -> HTTPResponse:
    prices = [i.price for i in store(request).items.values()]
    return json({"average_price": sum(prices) / len(prices)})  # a bug: no items -> 500


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000, single_process=True)
