"""Header values an error carries: validation and the formats RFC 9110 asks for."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime

__all__ = [
    "RetryAfter",
    "check_header",
    "format_retry_after",
    "join_values",
    "parse_retry_after",
    "validated_headers",
]

RetryAfter = int | timedelta | datetime
"""A ``Retry-After`` value: whole seconds, a duration, or a point in time."""

# RFC 9110 §5.1: a field name is a token (matched whole: a trailing newline is no token).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Field values may hold visible characters, spaces and tabs; never CR, LF or NUL.
_BAD_VALUE = re.compile(r"[\r\n\x00]")


def check_header(name: str, value: str) -> None:
    """Raise ``ValueError`` unless *name* is a token and *value* is free of CR, LF and NUL."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise ValueError(f"invalid header name {name!r}")
    if not isinstance(value, str):
        raise ValueError(f"header {name} must be a str, not {type(value).__name__}")
    if _BAD_VALUE.search(value):
        raise ValueError(f"header {name} must not contain CR, LF or NUL characters")


def validated_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Return a fresh dict of *headers*, each checked by :func:`check_header`."""
    if not headers:
        return {}
    result: dict[str, str] = {}
    for name, value in headers.items():
        check_header(name, value)
        result[name] = value
    return result


def join_values(name: str, values: str | Iterable[str]) -> str:
    """Join one or more header values with ``", "``; each must be non-empty."""
    items = [values] if isinstance(values, str) else list(values)
    if not items or any(not isinstance(v, str) or not v.strip() for v in items):
        raise ValueError(f"{name} needs at least one non-empty string value")
    joined = ", ".join(v.strip() for v in items)
    check_header(name, joined)
    return joined


def format_retry_after(value: RetryAfter) -> str:
    """Format *value* as a ``Retry-After`` header: delay seconds or an HTTP-date.

    An ``int`` or ``timedelta`` becomes whole seconds (a fraction rounds up, never below 0);
    a ``datetime`` becomes an IMF-fixdate in GMT (a naive datetime is taken as UTC).
    """
    if isinstance(value, bool):
        raise TypeError("retry_after must be an int, timedelta or datetime, not bool")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("retry_after must not be negative")
        return str(value)
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        if seconds < 0:
            raise ValueError("retry_after must not be negative")
        return str(math.ceil(seconds))
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return format_datetime(value.astimezone(timezone.utc), usegmt=True)
    raise TypeError(
        f"retry_after must be an int, timedelta or datetime, not {type(value).__name__}"
    )


def parse_retry_after(value: str, now: datetime | None = None) -> int | None:
    """Read a ``Retry-After`` value as whole seconds to wait; ``None`` if it is invalid.

    Delay-seconds are returned as they are; an HTTP-date gives the seconds from *now*
    (default: the current time) until then, rounded up, and 0 once it has passed.
    """
    text = value.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now or datetime.now(timezone.utc)
    return max(0, math.ceil((when - current).total_seconds()))
