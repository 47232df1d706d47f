"""A small users/items API on Flask whose every error answers in httpfault's contract.

Run it with ``python examples/flask_app.py`` (http://127.0.0.1:8000), or under gunicorn:
``gunicorn examples.flask_app:app``. Try::

    curl -i http://127.0.0.1:8000/users/1                      # 200
    curl -i -X POST http://127.0.0.1:8000/users -H 'content-type: application/json' \\
         -d '{"name": "Bob", "email": "bob@example.com"}'        # 201, then 409
    curl -i -X POST http://127.0.0.1:8000/users -H 'content-type: application/json' \\
         -d '{"name": ""}'                                        # 422 with field errors
    curl -i -X POST http://127.0.0.1:8000/users -H 'content-type: application/json' \\
         -d '{"name": '                                           # 400 malformed JSON
    curl -i http://127.0.0.1:8000/items/search                 # 429 with Retry-After
    curl -i http://127.0.0.1:8000/boom                         # 500, nothing leaked
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, request
from pydantic import BaseModel, Field

from httpfault import Conflict, NotFound, TooManyRequests
from httpfault.adapters.flask import HTTPFault


class NewUser(BaseModel):
    """The body of ``POST /users``."""

    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)


class NewItem(BaseModel):
    """The body of ``POST /items``."""

    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(ge=0)


class Store:
    """An in-memory store, seeded with one user and one item (one per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.users: dict[int, dict[str, Any]] = {
            1: {"id": 1, "name": "Alice", "email": "alice@example.com"}
        }
        self.items: dict[int, dict[str, Any]] = {
            1: {"id": 1, "name": "Teapot", "price_cents": 1800}
        }

    def add_user(self, new: NewUser) -> dict[str, Any]:
        """Store *new*; ``Conflict`` if its email is taken."""
        with self._lock:
            if any(u["email"] == new.email for u in self.users.values()):
                raise Conflict("Email already registered", code="email_taken")
            user = {"id": max(self.users, default=0) + 1, **new.model_dump()}
            self.users[user["id"]] = user
            return user

    def add_item(self, new: NewItem) -> dict[str, Any]:
        """Store *new*."""
        with self._lock:
            item = {"id": max(self.items, default=0) + 1, **new.model_dump()}
            self.items[item["id"]] = item
            return item

    def user(self, user_id: int) -> dict[str, Any]:
        """The user *user_id*; ``NotFound`` if there is none."""
        try:
            return self.users[user_id]
        except KeyError:
            raise NotFound(f"User {user_id} does not exist") from None

    def delete_user(self, user_id: int) -> None:
        """Delete the user *user_id*; ``NotFound`` if there is none."""
        with self._lock:
            if self.users.pop(user_id, None) is None:
                raise NotFound(f"User {user_id} does not exist")

    def item(self, item_id: int) -> dict[str, Any]:
        """The item *item_id*; ``NotFound`` if there is none."""
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFound(f"Item {item_id} does not exist") from None


def create_app() -> Flask:
    """The example app, with httpfault installed."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # larger bodies get a 413
    HTTPFault(app)
    store = Store()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/users")
    def create_user() -> tuple[dict[str, Any], int, dict[str, str]]:
        # get_json(): 415 unless JSON, 400 if malformed; pydantic: 422 with field errors.
        user = store.add_user(NewUser.model_validate(request.get_json()))
        return user, 201, {"Location": f"/users/{user['id']}"}

    @app.get("/users/<int:user_id>")
    def get_user(user_id: int) -> dict[str, Any]:
        return store.user(user_id)

    @app.delete("/users/<int:user_id>")
    def delete_user(user_id: int) -> tuple[str, int]:
        store.delete_user(user_id)
        return "", 204

    @app.post("/items")
    def create_item() -> tuple[dict[str, Any], int]:
        return store.add_item(NewItem.model_validate(request.get_json())), 201

    @app.get("/items/<int:item_id>")
    def get_item(item_id: int) -> dict[str, Any]:
        return store.item(item_id)

    @app.get("/items/search")
    def search_items() -> dict[str, Any]:
        raise TooManyRequests("Search quota used up; try again later", retry_after=30)

    @app.get("/boom")
    def boom() -> dict[str, Any]:
        raise RuntimeError("database password is hunter2")  # never sent to the client

    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000)
