"""The rate-limit libraries' 429s: their limit, as a ``RateLimit`` policy.

slowapi (Starlette, FastAPI) and Flask-Limiter both raise a ``RateLimitExceeded`` whose
``limit.limit`` is a ``limits`` rate item; its text, amount and window make the policy.
"""

from __future__ import annotations

from typing import Any

from httpfault import RateLimit

__all__ = ["limit_of", "policy"]


def limit_of(exc: BaseException, status: object, package: str) -> Any:
    """The limit of *package*'s ``RateLimitExceeded`` (``None`` for anything else)."""
    if status != 429 or type(exc).__module__.split(".", 1)[0] != package:
        return None
    limit = getattr(exc, "limit", None)
    return limit if hasattr(getattr(limit, "limit", None), "amount") else None


def policy(item: Any) -> RateLimit | None:
    """A ``limits`` rate (``RateLimitItem``) as a policy: its text, amount and window."""
    try:
        return RateLimit(str(item), quota=int(item.amount), window=int(item.get_expiry()))
    except (TypeError, ValueError):
        return None
