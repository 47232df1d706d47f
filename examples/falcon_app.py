"""A small users/items API on Falcon with httpfault installed, as WSGI and as ASGI.

``app`` is a ``falcon.App`` (run it with ``python examples/falcon_app.py`` on
http://127.0.0.1:8000, or ``gunicorn examples.falcon_app:app``); ``asgi_app`` is the same
API on ``falcon.asgi.App`` (``uvicorn examples.falcon_app:asgi_app``). Try::

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
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import falcon
import falcon.asgi
from pydantic import BaseModel, Field

from httpfault import Config, Conflict, ContentTooLarge, NotFound, TooManyRequests
from httpfault.adapters.falcon import install

MAX_BODY = 1024 * 1024  # larger bodies get a 413


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
    """The example's in-memory data and its rules, shared by the WSGI and ASGI resources."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    searches: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def create_user(self, data: Any) -> User:
        user = UserIn.model_validate(data)  # a ValidationError answers 422
        with self.lock:
            if any(u.email == user.email for u in self.users.values()):
                raise EmailTaken(f"{user.email} is already registered")
            created = User(id=next(self.ids), **user.model_dump())
            self.users[created.id] = created
        return created

    def user(self, user_id: int) -> User:
        user = self.users.get(user_id)
        if user is None:
            raise NotFound(f"No user with id {user_id}")
        return user

    def delete_user(self, user_id: int) -> None:
        if self.users.pop(user_id, None) is None:
            raise NotFound(f"No user with id {user_id}")

    def create_item(self, data: Any) -> Item:
        item = ItemIn.model_validate(data)
        with self.lock:
            created = Item(id=next(self.ids), **item.model_dump())
            self.items[created.id] = created
        return created

    def item(self, item_id: int) -> Item:
        item = self.items.get(item_id)
        if item is None:
            raise NotFound(f"No item with id {item_id}")
        return item

    def search(self, query: str, client: str) -> list[dict[str, Any]]:
        now = time.monotonic()
        with self.lock:
            recent = [t for t in self.searches.get(client, []) if now - t < 10.0]
            if len(recent) >= 5:
                raise TooManyRequests(
                    "Search is limited to 5 requests per 10 seconds", retry_after=10
                )
            self.searches[client] = [*recent, now]
        return [i.model_dump() for i in self.items.values() if query.lower() in i.name.lower()]

    def stats(self) -> dict[str, float]:
        prices = [i.price for i in self.items.values()]
        return {"average_price": sum(prices) / len(prices)}  # a bug: no items -> ZeroDivisionError


def _check_size(req: Any) -> None:
    if (req.content_length or 0) > MAX_BODY:
        raise ContentTooLarge(f"Bodies are limited to {MAX_BODY} bytes")


# -- WSGI ---------------------------------------------------------------------------------


class BodyLimit:
    """Refuses bodies over MAX_BODY before a responder reads them (Falcon has no limit)."""

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        _check_size(req)


class Health:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"status": "ok"}


class Users:
    def __init__(self, store: Store) -> None:
        self.store = store

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        created = self.store.create_user(req.get_media())  # 415 unless JSON, 400 if malformed
        resp.status = 201
        resp.location = f"/users/{created.id}"
        resp.media = created.model_dump()

    def on_get_one(self, req: falcon.Request, resp: falcon.Response, user_id: int) -> None:
        resp.media = self.store.user(user_id).model_dump()

    on_head_one = on_get_one

    def on_delete_one(self, req: falcon.Request, resp: falcon.Response, user_id: int) -> None:
        self.store.delete_user(user_id)
        resp.status = 204


class Items:
    def __init__(self, store: Store) -> None:
        self.store = store

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.status = 201
        resp.media = self.store.create_item(req.get_media()).model_dump()

    def on_get_one(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        resp.media = self.store.item(item_id).model_dump()


class Search:
    def __init__(self, store: Store) -> None:
        self.store = store

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = self.store.search(req.get_param("q") or "", req.remote_addr or "-")


class Stats:
    def __init__(self, store: Store) -> None:
        self.store = store

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = self.store.stats()


def create_app() -> falcon.App[Any, Any]:
    """The example WSGI app: a fresh store, httpfault installed."""
    store = Store()
    app = falcon.App(middleware=[BodyLimit()])
    install(app, Config(format="auto"))
    users, items = Users(store), Items(store)
    app.add_route("/health", Health())
    app.add_route("/users", users)
    app.add_route("/users/{user_id:int}", users, suffix="one")
    app.add_route("/items", items)
    app.add_route("/items/{item_id:int}", items, suffix="one")
    app.add_route("/search", Search(store))
    app.add_route("/stats", Stats(store))
    return app


# -- ASGI ---------------------------------------------------------------------------------


class AsyncBodyLimit:
    async def process_request(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        _check_size(req)


class AsyncHealth:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = {"status": "ok"}


class AsyncUsers:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        created = self.store.create_user(await req.get_media())
        resp.status = 201
        resp.location = f"/users/{created.id}"
        resp.media = created.model_dump()

    async def on_get_one(self, req: Any, resp: Any, user_id: int) -> None:
        resp.media = self.store.user(user_id).model_dump()

    on_head_one = on_get_one

    async def on_delete_one(self, req: Any, resp: Any, user_id: int) -> None:
        self.store.delete_user(user_id)
        resp.status = 204


class AsyncItems:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.status = 201
        resp.media = self.store.create_item(await req.get_media()).model_dump()

    async def on_get_one(self, req: Any, resp: Any, item_id: int) -> None:
        resp.media = self.store.item(item_id).model_dump()


class AsyncSearch:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = self.store.search(req.get_param("q") or "", req.remote_addr or "-")


class AsyncStats:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = self.store.stats()


def create_asgi_app() -> falcon.asgi.App:
    """The example ASGI app: a fresh store, httpfault installed."""
    store = Store()
    app = falcon.asgi.App(middleware=[AsyncBodyLimit()])
    install(app, Config(format="auto"))
    users, items = AsyncUsers(store), AsyncItems(store)
    app.add_route("/health", AsyncHealth())
    app.add_route("/users", users)
    app.add_route("/users/{user_id:int}", users, suffix="one")
    app.add_route("/items", items)
    app.add_route("/items/{item_id:int}", items, suffix="one")
    app.add_route("/search", AsyncSearch(store))
    app.add_route("/stats", AsyncStats(store))
    return app


app = create_app()
asgi_app = create_asgi_app()

if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    with make_server("127.0.0.1", 8000, app) as server:
        server.serve_forever()
