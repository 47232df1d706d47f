"""JSON encoding of error bodies: orjson when installed, the standard library otherwise.

Both encoders produce the same bytes: compact separators, UTF-8, no ASCII escaping.
Values with no JSON form of their own are first reduced to JSON types by
:func:`jsonable`, identically for both encoders.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

__all__ = [
    "MAX_DEPTH",
    "Unserializable",
    "dumps",
    "dumps_stdlib",
    "fix_text",
    "jsonable",
    "jsonable_body",
]

MAX_DEPTH = 32
"""How deeply extension values may nest before they are refused as unserializable.

A value nested ``MAX_DEPTH`` levels (``[[...[1]...]]`` with ``MAX_DEPTH`` lists) is accepted,
one level more is refused. In an error body each member value is measured on its own: the
body object and the JSON format's ``{"error": ...}`` envelope do not count, so the limit is
the same in both formats.
"""

_INT_RANGE = 1 << 63


class Unserializable(TypeError):
    """A value has no JSON form (or nests deeper than :data:`MAX_DEPTH`)."""


_encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def dumps_stdlib(value: Any) -> bytes:
    """Encode JSON types with the standard library, compactly, as UTF-8."""
    return _encoder.encode(value).encode("utf-8")


def _load_orjson() -> Callable[[Any], bytes] | None:
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised by the no-orjson test environment
        return None
    return orjson.dumps


dumps_orjson = _load_orjson()
dumps: Callable[[Any], bytes] = dumps_orjson or dumps_stdlib
"""The encoder in use: orjson's when it is installed."""


def fix_text(text: str) -> str:
    """Replace lone surrogates (not encodable as UTF-8) with U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def jsonable(value: Any, *, fix_strings: bool = False) -> tuple[Any, bool]:
    """Reduce *value* to JSON types; return it and whether only the stdlib encoder fits.

    datetimes, dates and times become ISO 8601 strings, ``timedelta`` seconds, ``Decimal``
    and ``UUID`` strings, enums their value, bytes UTF-8 text, sets and tuples lists,
    dataclasses and pydantic models their fields; NaN and infinities become ``null``.
    Anything else raises :class:`Unserializable`. The flag is true when a float needs an
    exponent or an int is beyond 64 bits, where orjson's output would differ.
    """
    state = [False]
    return _convert(value, 0, fix_strings, state), state[0]


def jsonable_body(body: Mapping[str, Any], *, fix_strings: bool = False) -> tuple[Any, bool]:
    """:func:`jsonable` for an error body, each member value measured from its own top.

    *body* is a problem object, or the JSON format's ``{"error": {...}}``: either way a
    member nested :data:`MAX_DEPTH` levels is accepted, one level more is refused.
    """
    state = [False]
    inner = body["error"] if len(body) == 1 and "error" in body else None
    if isinstance(inner, Mapping):
        return {"error": _members(inner, fix_strings, state)}, state[0]
    return _members(body, fix_strings, state), state[0]


def _members(body: Mapping[str, Any], fix: bool, state: list[bool]) -> dict[str, Any]:
    return {_key(k, fix): _convert(v, 0, fix, state) for k, v in body.items()}


def _convert(value: Any, depth: int, fix: bool, state: list[bool]) -> Any:
    if depth > MAX_DEPTH:
        raise Unserializable(f"value nests deeper than {MAX_DEPTH} levels")
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        return fix_text(value) if fix else str(value)
    if isinstance(value, int):
        if isinstance(value, Enum):
            return _convert(value.value, depth + 1, fix, state)
        if not -_INT_RANGE <= value < _INT_RANGE:
            state[0] = True
        return int(value)
    if isinstance(value, float):
        if isinstance(value, Enum):
            return _convert(value.value, depth + 1, fix, state)
        if not math.isfinite(value):
            return None
        if "e" in repr(value):
            state[0] = True
        return float(value)
    if isinstance(value, Mapping):
        return {_key(k, fix): _convert(v, depth + 1, fix, state) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert(v, depth + 1, fix, state) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [_convert(v, depth + 1, fix, state) for v in value]
        return sorted(items, key=lambda item: (item.__class__.__name__, repr(item)))
    return _convert_other(value, depth, fix, state)


def _convert_other(value: Any, depth: int, fix: bool, state: list[bool]) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _convert(value.total_seconds(), depth + 1, fix, state)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return _convert(value.value, depth + 1, fix, state)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return _convert(fields, depth + 1, fix, state)
    dump = getattr(value, "model_dump", None)
    if callable(dump) and not isinstance(value, type):
        return _convert(dump(mode="json"), depth + 1, fix, state)
    raise Unserializable(f"{value.__class__.__name__} has no JSON form")


def _key(key: Any, fix: bool) -> str:
    if isinstance(key, str):
        return fix_text(key) if fix else str(key)
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    if isinstance(key, (UUID, Decimal, Enum)):
        converted = str(key.value) if isinstance(key, Enum) else str(key)
        return fix_text(converted) if fix else converted
    raise Unserializable(f"a {key.__class__.__name__} cannot be a JSON object key")
