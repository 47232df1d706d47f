"""The example's in-memory data (one store per process), shared by both flavours of the API."""

from __future__ import annotations

import threading
from typing import Any

from httpfault import Conflict, NotFound


class EmailTaken(Conflict):
    """A custom problem type: the email address is already registered."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class Store:
    """Users and items in memory, seeded with one of each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.users: dict[int, dict[str, Any]] = {
            1: {"id": 1, "name": "Alice", "email": "alice@example.com"}
        }
        self.items: dict[int, dict[str, Any]] = {
            1: {"id": 1, "name": "Teapot", "price_cents": 1800}
        }

    def add_user(self, name: str, email: str) -> dict[str, Any]:
        """Store a user; ``EmailTaken`` (409) if the email is registered already."""
        with self._lock:
            if any(u["email"] == email for u in self.users.values()):
                raise EmailTaken(f"{email} is already registered")
            user = {"id": max(self.users, default=0) + 1, "name": name, "email": email}
            self.users[user["id"]] = user
            return user

    def user(self, user_id: int) -> dict[str, Any]:
        """The user *user_id*; ``NotFound`` (404) if there is none."""
        try:
            return self.users[user_id]
        except KeyError:
            raise NotFound(f"User {user_id} does not exist") from None

    def delete_user(self, user_id: int) -> None:
        """Delete the user *user_id*; ``NotFound`` (404) if there is none."""
        with self._lock:
            if self.users.pop(user_id, None) is None:
                raise NotFound(f"User {user_id} does not exist")

    def add_item(self, name: str, price_cents: int) -> dict[str, Any]:
        """Store an item."""
        with self._lock:
            item = {"id": max(self.items, default=0) + 1, "name": name, "price_cents": price_cents}
            self.items[item["id"]] = item
            return item

    def item(self, item_id: int) -> dict[str, Any]:
        """The item *item_id*; ``NotFound`` (404) if there is none."""
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFound(f"Item {item_id} does not exist") from None


STORE = Store()
