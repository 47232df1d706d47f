"""A small users/items API on Litestar with httpfault's plugin.

Run it with ``python examples/litestar_app.py`` (http://127.0.0.1:8000, docs at /schema,
the OpenAPI document with every error response at /schema/openapi.json), or
``uvicorn examples.litestar_app:app``. Try::

    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Ada", "email": "ada@example.com"}'      # 201, then 409 the second time
    curl -i localhost:8000/users/42                             # 404
    curl -i localhost:8000/stats                                # 500, logged once
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Annotated

import uvicorn
from litestar import Litestar, Request, delete, get, post
from litestar.datastructures import State
from litestar.params import Body, Parameter
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.litestar import HTTPFaultPlugin, raises


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
    price: float = Field(gt=0, le=1_000_000, allow_inf_nan=False)


class Item(ItemIn):
    id: int


@dataclass
class Store:
    """The example's in-memory data, kept on the app's state."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds
UserId = Annotated[int, Parameter(gt=0)]  # a path parameter, checked
ItemId = Annotated[int, Parameter(gt=0)]


def store(state: State) -> Store:
    result: Store = state.store
    return result


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@post("/users", raises=raises(EmailTaken))
async def create_user(data: Annotated[UserIn, Body()], state: State) -> User:
    users = store(state).users
    if any(u.email == data.email for u in users.values()):
        raise EmailTaken(f"{data.email} is already registered")
    created = User(id=next(store(state).ids), **data.model_dump())
    users[created.id] = created
    return created


@get("/users/{user_id:int}", raises=raises(NotFound))
async def get_user(user_id: UserId, state: State) -> User:
    user = store(state).users.get(user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return user


@delete("/users/{user_id:int}", raises=raises(NotFound))
async def delete_user(user_id: UserId, state: State) -> None:
    if store(state).users.pop(user_id, None) is None:
        raise NotFound(f"No user with id {user_id}")


@post("/items")
async def create_item(data: Annotated[ItemIn, Body()], state: State) -> Item:
    created = Item(id=next(store(state).ids), **data.model_dump())
    store(state).items[created.id] = created
    return created


@get("/items/{item_id:int}", raises=raises(NotFound))
async def get_item(item_id: ItemId, state: State) -> Item:
    item = store(state).items.get(item_id)
    if item is None:
        raise NotFound(f"No item with id {item_id}")
    return item


@get("/search", raises=raises(TooManyRequests))
async def search(q: Annotated[str, Parameter()], request: Request, state: State) -> list[Item]:  # type: ignore[type-arg]
    client = request.client.host if request.client else "-"
    now = time.monotonic()
    recent = [t for t in store(state).searches.get(client, []) if now - t < SEARCH_WINDOW]
    if len(recent) >= SEARCH_LIMIT:
        raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
    store(state).searches[client] = [*recent, now]
    return [i for i in store(state).items.values() if q.lower() in i.name.lower()]


@get("/stats")
async def stats(state: State) -> dict[str, float]:
    prices = [i.price for i in store(state).items.values()]
    return {"average_price": sum(prices) / len(prices)}  # a bug: no items -> ZeroDivisionError


app = Litestar(
    route_handlers=[health, create_user, get_user, delete_user, create_item, get_item,
                    search, stats],
    state=State({"store": Store()}),
    plugins=[HTTPFaultPlugin(Config(format="auto"))],
)  # fmt: skip


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8000)
