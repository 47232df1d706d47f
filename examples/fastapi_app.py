"""A small users/items API on FastAPI with httpfault installed.

Run it with ``python examples/fastapi_app.py`` (http://127.0.0.1:8000, docs at /docs), or
``uvicorn examples.fastapi_app:app``. Try::

    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Ada", "email": "ada@example.com"}'      # 201, then 409 the second time
    curl -i localhost:8000/users/42                             # 404
    curl -i localhost:8000/stats                                # 500, logged once
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI, Request, Response
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.fastapi import install, responses


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
    """The example's in-memory data, kept on ``app.state``."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds

app = FastAPI(title="httpfault FastAPI example", version="1.0.0")
app.state.store = Store()
install(app, Config(format="auto"))


def store(request: Request) -> Store:
    result: Store = request.app.state.store
    return result


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/users", status_code=201, responses=responses(EmailTaken))
async def create_user(user: UserIn, request: Request) -> User:
    data = store(request)
    if any(u.email == user.email for u in data.users.values()):
        raise EmailTaken(f"{user.email} is already registered")
    created = User(id=next(data.ids), **user.model_dump())
    data.users[created.id] = created
    return created


@app.get("/users/{user_id}", responses=responses(NotFound))
async def get_user(user_id: int, request: Request) -> User:
    user = store(request).users.get(user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return user


@app.delete("/users/{user_id}", status_code=204, responses=responses(NotFound))
async def delete_user(user_id: int, request: Request) -> Response:
    if store(request).users.pop(user_id, None) is None:
        raise NotFound(f"No user with id {user_id}")
    return Response(status_code=204)


@app.post("/items", status_code=201)
async def create_item(item: ItemIn, request: Request) -> Item:
    data = store(request)
    created = Item(id=next(data.ids), **item.model_dump())
    data.items[created.id] = created
    return created


@app.get("/items/{item_id}", responses=responses(NotFound))
async def get_item(item_id: int, request: Request) -> Item:
    item = store(request).items.get(item_id)
    if item is None:
        raise NotFound(f"No item with id {item_id}")
    return item


@app.get("/search", responses=responses(TooManyRequests))
async def search(q: str, request: Request) -> list[Item]:
    client = request.client.host if request.client else "-"
    now = time.monotonic()
    recent = [t for t in store(request).searches.get(client, []) if now - t < SEARCH_WINDOW]
    if len(recent) >= SEARCH_LIMIT:
        raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
    store(request).searches[client] = [*recent, now]
    return [i for i in store(request).items.values() if q.lower() in i.name.lower()]


@app.get("/stats")
async def stats(request: Request) -> dict[str, float]:
    prices = [i.price for i in store(request).items.values()]
    return {"average_price": sum(prices) / len(prices)}  # a bug: no items -> ZeroDivisionError


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8000)
