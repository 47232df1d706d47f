"""A small users/items API on Quart with httpfault installed.

Run it with ``python examples/quart_app.py`` (http://127.0.0.1:8000), or under hypercorn:
``hypercorn examples.quart_app:app``. Try::

    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Ada", "email": "ada@example.com"}'      # 201, then 409 the second time
    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": ""}'                                       # 422 with field errors
    curl -i -X POST localhost:8000/users -H 'content-type: application/json' \\
         -d '{"name": '                                          # 400 malformed JSON
    curl -i localhost:8000/users/42                             # 404
    curl -i localhost:8000/stats                                # 500, logged once
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field
from quart import Quart, current_app, request

from httpfault import Config, Conflict, NotFound, TooManyRequests
from httpfault.adapters.quart import HTTPFault, read_json


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
    """The example's in-memory data, kept in ``app.extensions["store"]``.

    One event loop serves every request, and no handler awaits between reading and
    writing the store, so it needs no lock.
    """

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds


def store() -> Store:
    result: Store = current_app.extensions["store"]
    return result


def create_app() -> Quart:
    """The example app: a fresh store, httpfault installed."""
    app = Quart(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # larger bodies get a 413
    app.extensions["store"] = Store()
    HTTPFault(app, Config(format="auto"))

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/users")
    async def create_user() -> tuple[dict[str, Any], int, dict[str, str]]:
        # read_json(): 415 unless the body is declared JSON, 400 if it does not parse;
        # a ValidationError answers 422.
        user = UserIn.model_validate(await read_json())
        data = store()
        if any(u.email == user.email for u in data.users.values()):
            raise EmailTaken(f"{user.email} is already registered")
        created = User(id=next(data.ids), **user.model_dump())
        data.users[created.id] = created
        return created.model_dump(), 201, {"Location": f"/users/{created.id}"}

    @app.get("/users/<int:user_id>")
    async def get_user(user_id: int) -> dict[str, Any]:
        user = store().users.get(user_id)
        if user is None:
            raise NotFound(f"No user with id {user_id}")
        return user.model_dump()

    @app.delete("/users/<int:user_id>")
    async def delete_user(user_id: int) -> tuple[str, int]:
        if store().users.pop(user_id, None) is None:
            raise NotFound(f"No user with id {user_id}")
        return "", 204

    @app.post("/items")
    async def create_item() -> tuple[dict[str, Any], int]:
        item = ItemIn.model_validate(await read_json())
        data = store()
        created = Item(id=next(data.ids), **item.model_dump())
        data.items[created.id] = created
        return created.model_dump(), 201

    @app.get("/items/<int:item_id>")
    async def get_item(item_id: int) -> dict[str, Any]:
        item = store().items.get(item_id)
        if item is None:
            raise NotFound(f"No item with id {item_id}")
        return item.model_dump()

    @app.get("/search")
    async def search() -> list[dict[str, Any]]:
        query = request.args.get("q", "")
        client = request.remote_addr or "-"
        now = time.monotonic()
        data = store()
        recent = [t for t in data.searches.get(client, []) if now - t < SEARCH_WINDOW]
        if len(recent) >= SEARCH_LIMIT:
            raise TooManyRequests("Search is limited to 5 requests per 10 seconds", retry_after=10)
        data.searches[client] = [*recent, now]
        return [i.model_dump() for i in data.items.values() if query.lower() in i.name.lower()]

    @app.get("/stats")
    async def stats() -> dict[str, float]:
        prices = [i.price for i in store().items.values()]
        return {"average_price": sum(prices) / len(prices)}  # a bug: no items -> ZeroDivisionError

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000)
