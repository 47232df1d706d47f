"""``RateLimit``: a quota policy and its current state, as the IETF ``RateLimit`` fields.

draft-ietf-httpapi-ratelimit-headers-10 defines two response fields, each a Structured
Field List (RFC 9651) with one Item per policy, named by a String:

- ``RateLimit-Policy: "default";q=100;w=60``: the quota ``q``, the window ``w`` in
  seconds, optionally the quota unit ``qu`` and the partition key ``pk``.
- ``RateLimit: "default";r=0;t=30``: the remaining quota ``r`` and the seconds ``t``
  until the quota resets, optionally with ``pk``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from ._sf import MAX_INTEGER, is_sf_string, parse_list, serialize_item

__all__ = [
    "POLICY_HEADER",
    "RATELIMIT_HEADER",
    "UNITS",
    "RateLimit",
    "parse_ratelimit",
    "ratelimit_headers",
    "wait_from_ratelimit",
]

POLICY_HEADER = "RateLimit-Policy"
RATELIMIT_HEADER = "RateLimit"
UNITS: frozenset[str] = frozenset({"requests", "content-bytes", "concurrent-requests"})
"""The quota units the draft registers (``requests`` when none is given)."""

Seconds = int | timedelta


def _count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not 0 <= value <= MAX_INTEGER:
        raise ValueError(f"{name} must be between 0 and {MAX_INTEGER}, not {value}")
    return value


def _seconds(name: str, value: object, *, allow_datetime: bool = False) -> int:
    if isinstance(value, timedelta):
        if value < timedelta(0):
            raise ValueError(f"{name} must not be negative")
        return _count(name, math.ceil(value.total_seconds()))
    if allow_datetime and isinstance(value, datetime):
        when = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        left = (when - datetime.now(timezone.utc)).total_seconds()
        return _count(name, max(0, math.ceil(left)))
    kinds = "an int, timedelta or datetime" if allow_datetime else "an int or timedelta"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be {kinds}, not {type(value).__name__}")
    return _count(name, value)


class RateLimit:
    """One quota policy and, optionally, where the client stands in it.

    ``RateLimit("default", quota=100, window=60, remaining=0, reset=30)`` is written as
    ``RateLimit-Policy: "default";q=100;w=60`` and ``RateLimit: "default";r=0;t=30``.

    - *policy*: the policy's name, printable ASCII (``"default"``, ``"burst"``, ...).
    - *quota*: the quota units the policy allows per window.
    - *window*: the window, in seconds or a ``timedelta`` (optional).
    - *remaining*: the quota units left; without it no ``RateLimit`` item is written.
    - *reset*: when the quota resets: seconds, a ``timedelta``, or a ``datetime`` (turned
      into seconds from now when the limit is made); only written with *remaining*.
    - *unit*: ``"requests"`` (the default, not written), ``"content-bytes"`` or
      ``"concurrent-requests"``.
    - *partition_key*: bytes naming the client's partition of the quota (optional).

    Immutable; equal when every member is equal. Bad values raise ``TypeError`` or
    ``ValueError`` here, never when the headers are written.
    """

    __slots__ = ("partition_key", "policy", "quota", "remaining", "reset", "unit", "window")

    policy: str
    quota: int
    window: int | None
    remaining: int | None
    reset: int | None
    unit: str | None
    partition_key: bytes | None

    def __init__(
        self,
        policy: str = "default",
        *,
        quota: int,
        window: Seconds | None = None,
        remaining: int | None = None,
        reset: Seconds | datetime | None = None,
        unit: str | None = None,
        partition_key: bytes | None = None,
    ) -> None:
        if not isinstance(policy, str) or not policy or not is_sf_string(policy):
            raise ValueError("policy must be a non-empty string of printable ASCII")
        if unit is not None and unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, not {unit!r}")
        if partition_key is not None and not isinstance(partition_key, bytes):
            raise TypeError("partition_key must be bytes")
        if reset is not None and remaining is None:
            raise ValueError("reset needs remaining: the RateLimit field carries both")
        values: dict[str, Any] = {
            "policy": policy,
            "quota": _count("quota", quota),
            "window": None if window is None else _seconds("window", window),
            "remaining": None if remaining is None else _count("remaining", remaining),
            "reset": None if reset is None else _seconds("reset", reset, allow_datetime=True),
            "unit": None if unit == "requests" else unit,
            "partition_key": partition_key,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("RateLimit is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("RateLimit is immutable")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RateLimit):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [repr(self.policy), f"quota={self.quota}"]
        for name in ("window", "remaining", "reset", "unit", "partition_key"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"RateLimit({', '.join(parts)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._key(),))

    @property
    def policy_item(self) -> str:
        """This policy as an Item of ``RateLimit-Policy`` (``"default";q=100;w=60``)."""
        params: dict[str, int | str | bytes] = {"q": self.quota}
        if self.unit is not None:
            params["qu"] = self.unit
        if self.window is not None:
            params["w"] = self.window
        if self.partition_key is not None:
            params["pk"] = self.partition_key
        return serialize_item(self.policy, params)

    @property
    def item(self) -> str | None:
        """The state as an Item of ``RateLimit`` (``"default";r=0;t=30``), if *remaining* is set."""
        if self.remaining is None:
            return None
        params: dict[str, int | str | bytes] = {"r": self.remaining}
        if self.reset is not None:
            params["t"] = self.reset
        if self.partition_key is not None:
            params["pk"] = self.partition_key
        return serialize_item(self.policy, params)


def _restore(key: tuple[Any, ...]) -> RateLimit:
    limit = RateLimit.__new__(RateLimit)
    for name, value in zip(RateLimit.__slots__, key, strict=True):
        object.__setattr__(limit, name, value)
    return limit


def _limits(ratelimit: RateLimit | Iterable[RateLimit]) -> list[RateLimit]:
    limits = [ratelimit] if isinstance(ratelimit, RateLimit) else list(ratelimit)
    if not limits:
        raise ValueError("ratelimit needs at least one RateLimit")
    seen: set[tuple[str, bytes | None]] = set()
    for limit in limits:
        if not isinstance(limit, RateLimit):
            raise TypeError(f"ratelimit takes RateLimit objects, not {type(limit).__name__}")
        key = (limit.policy, limit.partition_key)
        if key in seen:
            raise ValueError(f"policy {limit.policy!r} is given twice")
        seen.add(key)
    return limits


def ratelimit_headers(ratelimit: RateLimit | Iterable[RateLimit]) -> dict[str, str]:
    """The ``RateLimit-Policy`` and ``RateLimit`` header lines for one or more policies.

    For any response, successful ones included::

        headers = ratelimit_headers(RateLimit(quota=100, window=60, remaining=42, reset=17))
        # {"RateLimit-Policy": '"default";q=100;w=60', "RateLimit": '"default";r=42;t=17'}

    ``RateLimit`` is left out when no policy has ``remaining``. Two policies with the
    same name (and partition key) are refused with ``ValueError``.
    """
    limits = _limits(ratelimit)
    headers = {POLICY_HEADER: ", ".join(limit.policy_item for limit in limits)}
    items = [item for limit in limits if (item := limit.item) is not None]
    if items:
        headers[RATELIMIT_HEADER] = ", ".join(items)
    return headers


def _name(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _int_param(params: dict[str, Any], name: str) -> int | None:
    value = params.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def parse_ratelimit(policy: str | None, current: str | None) -> tuple[RateLimit, ...]:
    """The policies of a response's ``RateLimit-Policy`` and ``RateLimit`` values.

    A policy of ``RateLimit-Policy`` without a valid quota is skipped; its state, from
    ``RateLimit``, is matched by name and partition key. A field that is not a valid
    Structured Field List counts as absent (RFC 9651 §4.2); unknown parameters are ignored.
    """
    state: dict[tuple[str, bytes | None], tuple[int, int | None]] = {}
    for value, params in _items(current):
        name = _name(value)
        remaining = _int_param(params, "r")
        if name is not None and remaining is not None:
            key = (name, _bytes(params.get("pk")))
            state.setdefault(key, (remaining, _int_param(params, "t")))
    limits: list[RateLimit] = []
    seen: set[tuple[str, bytes | None]] = set()
    for value, params in _items(policy):
        name = _name(value)
        quota = _int_param(params, "q")
        if name is None or quota is None or not is_sf_string(name):
            continue
        key = (name, _bytes(params.get("pk")))
        if key in seen:
            continue
        seen.add(key)
        unit = params.get("qu")
        remaining, reset = state.get(key, (None, None))
        limits.append(
            RateLimit(
                name,
                quota=quota,
                window=_int_param(params, "w"),
                remaining=remaining,
                reset=reset,
                unit=unit if isinstance(unit, str) and unit in UNITS else None,
                partition_key=key[1],
            )
        )
    return tuple(limits)


def _bytes(value: object) -> bytes | None:
    return value if isinstance(value, bytes) else None


def _items(text: str | None) -> list[tuple[object, dict[str, Any]]]:
    if not text:
        return []
    try:
        members = parse_list(text)
    except ValueError:
        return []
    return [(value, params) for value, params in members if not isinstance(value, list)]


def wait_from_ratelimit(current: str | None) -> int | None:
    """Seconds until every exhausted policy of a ``RateLimit`` value resets, or ``None``.

    Only items with ``r=0`` and a ``t`` count: the client can do nothing before those reset.
    """
    waits = [
        reset
        for value, params in _items(current)
        if _name(value) is not None
        and _int_param(params, "r") == 0
        and (reset := _int_param(params, "t")) is not None
    ]
    return max(waits) if waits else None
