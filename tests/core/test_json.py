"""Encoding: jsonable() reductions, and identical bytes from orjson and the stdlib."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from httpfault._json import (
    MAX_DEPTH,
    Unserializable,
    dumps_orjson,
    dumps_stdlib,
    fix_text,
    jsonable,
)


class Color(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Ratio(float, enum.Enum):
    HALF = 0.5


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Money(BaseModel):
    amount: Decimal
    currency: str


def test_jsonable_reduces_common_python_values() -> None:
    """datetimes, decimals, UUIDs, enums, bytes, sets, dataclasses and models get JSON forms."""
    value = {
        "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        "day": date(2026, 1, 2),
        "at": time(3, 4),
        "took": timedelta(seconds=1.5),
        "price": Decimal("1.10"),
        "nan_price": Decimal("NaN"),
        "id": UUID("12345678-1234-5678-1234-567812345678"),
        "color": Color.RED,
        "level": Level.HIGH,
        "ratio": Ratio.HALF,
        "raw": b"caf\xc3\xa9 \xff",
        "tags": {"b", "a"},
        "frozen": frozenset({2, 1}),
        "pair": (1, 2),
        "point": Point(1, 2),
        "money": Money(amount=Decimal("2.50"), currency="EUR"),
        "nan": math.nan,
        "inf": -math.inf,
        1: "int key",
        None: "none key",
        UUID(int=1): "uuid key",
        Color.RED: "enum key",
    }
    clean, stdlib_only = jsonable(value)
    assert clean == {
        "when": "2026-01-02T03:04:05+00:00", "day": "2026-01-02", "at": "03:04:00", "took": 1.5,
        "price": "1.10", "nan_price": None, "id": "12345678-1234-5678-1234-567812345678",
        "color": "red", "level": 3, "ratio": 0.5, "raw": "café \ufffd", "tags": ["a", "b"],
        "frozen": [1, 2], "pair": [1, 2], "point": {"x": 1, "y": 2},
        "money": {"amount": "2.50", "currency": "EUR"}, "nan": None, "inf": None,
        "1": "int key", "null": "none key",
        "00000000-0000-0000-0000-000000000001": "uuid key", "red": "enum key",
    }  # fmt: skip
    assert stdlib_only is False
    assert jsonable({True: 1, 2.5: 2})[0] == {"true": 1, "2.5": 2}


def test_values_without_json_form_are_refused() -> None:
    """Objects with no JSON form, odd keys and runaway nesting raise Unserializable."""
    with pytest.raises(Unserializable):
        jsonable({"x": object()})
    with pytest.raises(Unserializable):
        jsonable({(1, 2): "tuple key"})
    with pytest.raises(Unserializable):
        jsonable(Point)
    deep: Any = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(Unserializable):
        jsonable(deep)
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(Unserializable):
        jsonable(loop)


def test_stdlib_flag_for_values_orjson_writes_differently() -> None:
    """Exponent floats and ints beyond 64 bits are flagged for the stdlib encoder."""
    assert jsonable(1e16)[1] is True
    assert jsonable(2**70)[1] is True
    assert jsonable([0.5, 10])[1] is False


def test_fix_text_replaces_lone_surrogates() -> None:
    """Lone surrogates become U+FFFD; valid text is untouched."""
    assert fix_text("a\ud800b") == "a\ufffdb"
    assert fix_text("café") == "café"
    assert jsonable({"k\udc00": "v\ud800"}, fix_strings=True)[0] == {"k\ufffd": "v\ufffd"}
    assert jsonable(Color.RED, fix_strings=True)[0] == "red"
    assert jsonable({UUID(int=2): 1}, fix_strings=True)[0] == {
        "00000000-0000-0000-0000-000000000002": 1}  # fmt: skip


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text() | st.decimals() | st.datetimes() | st.uuids() | st.binary(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)  # fmt: skip


@pytest.mark.skipif(dumps_orjson is None, reason="orjson is not installed")
@given(json_values)
def test_orjson_and_stdlib_write_the_same_bytes(value: Any) -> None:
    """For any reduced value, both encoders produce identical bytes (orjson when safe)."""
    assert dumps_orjson is not None
    clean, stdlib_only = jsonable(value, fix_strings=True)
    expected = dumps_stdlib(clean)
    if not stdlib_only:
        assert dumps_orjson(clean) == expected
    assert json.loads(expected) == clean or clean != clean  # NaN-free after reduction
