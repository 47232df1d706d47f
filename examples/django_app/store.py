"""The example's in-memory data (one store per process), shared by both flavours of the API.

The same API, data and texts as the FastAPI, Starlette and Flask examples: users and items
share one id sequence, and nothing is there until a client creates it.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from httpfault import Conflict, NotFound, TooManyRequests


class EmailTaken(Conflict):
    """A custom problem type: the email address is already registered."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


SEARCH_LIMIT = 5  # searches per client per window
SEARCH_WINDOW = 10.0  # seconds


class Store:
    """Users and items in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.users: dict[int, dict[str, Any]] = {}
        self.items: dict[int, dict[str, Any]] = {}
        self.searches: dict[str, list[float]] = {}

    def add_user(self, name: str, email: str) -> dict[str, Any]:
        """Store a user; ``EmailTaken`` (409) if the email is registered already."""
        with self._lock:
            if any(u["email"] == email for u in self.users.values()):
                raise EmailTaken(f"{email} is already registered")
            user = {"name": name, "email": email, "id": next(self._ids)}
            self.users[user["id"]] = user
            return user

    def user(self, user_id: int) -> dict[str, Any]:
        """The user *user_id*; ``NotFound`` (404) if there is none."""
        try:
            return self.users[user_id]
        except KeyError:
            raise NotFound(f"No user with id {user_id}") from None

    def delete_user(self, user_id: int) -> None:
        """Delete the user *user_id*; ``NotFound`` (404) if there is none."""
        with self._lock:
            if self.users.pop(user_id, None) is None:
                raise NotFound(f"No user with id {user_id}")

    def add_item(self, name: str, price: float) -> dict[str, Any]:
        """Store an item."""
        with self._lock:
            item = {"name": name, "price": price, "id": next(self._ids)}
            self.items[item["id"]] = item
            return item

    def item(self, item_id: int) -> dict[str, Any]:
        """The item *item_id*; ``NotFound`` (404) if there is none."""
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFound(f"No item with id {item_id}") from None

    def search(self, client: str, q: str) -> list[dict[str, Any]]:
        """Items whose name holds *q*; ``TooManyRequests`` (429) past the client's quota."""
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self.searches.get(client, []) if now - t < SEARCH_WINDOW]
            if len(recent) >= SEARCH_LIMIT:
                raise TooManyRequests(
                    "Search is limited to 5 requests per 10 seconds", retry_after=10
                )
            self.searches[client] = [*recent, now]
            return [i for i in self.items.values() if q.lower() in i["name"].lower()]

    def stats(self) -> dict[str, float]:
        """The average price; a bug when there are no items (ZeroDivisionError: a 500)."""
        prices = [i["price"] for i in self.items.values()]
        return {"average_price": sum(prices) / len(prices)}


STORE = Store()
