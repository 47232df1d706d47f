"""jsonable() inside wrappers: enums, sets, durations and dataclasses nest, repair and flag
exactly like lists and dicts do."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from enum import Enum, IntEnum
from typing import Any

import pytest
from pydantic import BaseModel

from httpfault._json import MAX_DEPTH, Unserializable, jsonable, jsonable_body


class Wrapped(Enum):
    """Enum members whose values need the same care as any other value."""

    BROKEN = "bad\ud800"
    HUGE = 2**70
    PAIR = (1,)


@dataclasses.dataclass
class Box:
    """A dataclass holding any value."""

    inside: Any


def _lists(levels: int, leaf: Any) -> Any:
    for _ in range(levels):
        leaf = [leaf]
    return leaf


@pytest.mark.parametrize(
    "wrap",
    [
        lambda v: {v},
        Box,
    ],
    ids=["set", "dataclass"],
)
def test_wrappers_repair_text_and_flag_big_numbers(wrap: Any) -> None:
    """Text in a set or dataclass is repaired with fix_strings; a big number in it is flagged."""
    repaired, _ = jsonable(wrap("bad\ud800"), fix_strings=True)
    assert "bad\ufffd" in str(repaired)
    assert jsonable(wrap(2**70))[1] is True
    assert jsonable(wrap(1e300))[1] is True
    assert jsonable(wrap(0.5))[1] is False


def test_enum_and_duration_values_are_repaired_and_flagged() -> None:
    """An enum's value and a duration's seconds go through the same reduction."""
    assert jsonable(Wrapped.BROKEN, fix_strings=True)[0] == "bad\ufffd"
    assert jsonable([Wrapped.BROKEN], fix_strings=True)[0] == ["bad\ufffd"]
    assert jsonable(Wrapped.HUGE) == (2**70, True)
    assert jsonable(timedelta(microseconds=1)) == (1e-06, True)
    assert jsonable(timedelta(seconds=2)) == (2.0, False)


@pytest.mark.parametrize(
    ("make", "fits"),
    [
        # an enum counts one level, and its value one more
        (lambda: _lists(MAX_DEPTH - 2, Wrapped.PAIR), True),
        (lambda: _lists(MAX_DEPTH - 1, Wrapped.PAIR), False),
        # a duration counts one level (its seconds)
        (lambda: _lists(MAX_DEPTH - 1, timedelta(1)), True),
        (lambda: _lists(MAX_DEPTH, timedelta(1)), False),
        # a set counts one level, like a list
        (lambda: _lists(MAX_DEPTH - 1, {1}), True),
        (lambda: _lists(MAX_DEPTH, {1}), False),
        # a dataclass counts one level for itself and one for its fields
        (lambda: _lists(MAX_DEPTH - 2, Box(1)), True),
        (lambda: _lists(MAX_DEPTH - 1, Box(1)), False),
    ],
)
def test_wrappers_count_towards_the_depth_limit(make: Any, fits: bool) -> None:
    """Wrapped values are levels too: the limit is reached at the same place either way."""
    if fits:
        jsonable(make())
    else:
        with pytest.raises(Unserializable):
            jsonable(make())


def test_runaway_wrappers_are_refused() -> None:
    """Sets of sets or boxes of boxes nested without end are refused, not recursed into."""
    nested_sets: Any = frozenset({1})
    boxes: Any = 1
    for _ in range(MAX_DEPTH + 3):
        nested_sets = frozenset({nested_sets})
        boxes = Box(boxes)
    with pytest.raises(Unserializable):
        jsonable(nested_sets)
    with pytest.raises(Unserializable):
        jsonable(boxes)


def test_sets_sort_by_type_then_text() -> None:
    """A set's items come out in one order whatever the hash seed: by type name, then repr."""
    assert jsonable({3, 1, "b", "a", 2.5, None})[0] == [None, 2.5, 1, 3, "a", "b"]


class Level(IntEnum):
    """An int enum: reduced to its int."""

    HUGE = 2**70
    ONE = 1


class Ratio(float, Enum):
    """A float enum: reduced to its float."""

    TINY = 1e-300
    HALF = 0.5


class Sample(BaseModel):
    """A pydantic model: reduced to its JSON-mode fields."""

    name: str
    when: datetime
    count: int = 0


def test_constants_stay_themselves() -> None:
    """None, True and False come out as themselves, not as numbers."""
    clean, _ = jsonable([None, True, False])
    assert [type(item) for item in clean] == [type(None), bool, bool]
    assert clean == [None, True, False]


def test_number_enums_and_models_are_reduced_and_flagged() -> None:
    """Int and float enums become their number, models their JSON fields; big ones flag."""
    assert jsonable(Level.HUGE) == (2**70, True)
    assert jsonable(Level.ONE) == (1, False)
    assert jsonable(Ratio.TINY) == (1e-300, True)
    assert jsonable(Ratio.HALF) == (0.5, False)
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert jsonable(Sample(name="a", when=when)) == (
        {"name": "a", "when": "2026-01-02T03:04:05Z", "count": 0},
        False,
    )
    assert jsonable(Sample(name="a", when=when, count=2**70))[1] is True
    repaired, _ = jsonable(Sample(name="bad\ud800", when=when), fix_strings=True)
    assert repaired["name"] == "bad\ufffd"


@pytest.mark.parametrize("leaf", [Level.ONE, Ratio.HALF])
def test_number_enums_count_one_level(leaf: Any) -> None:
    """An enum at MAX_DEPTH - 1 fits, at MAX_DEPTH its value is one level too deep."""
    jsonable(_lists(MAX_DEPTH - 1, leaf))
    with pytest.raises(Unserializable):
        jsonable(_lists(MAX_DEPTH, leaf))


def test_models_count_one_level_and_their_fields_one_more() -> None:
    """A model counts like a dataclass: one level for itself, one for its fields."""
    model = Sample(name="a", when=datetime(2026, 1, 1, tzinfo=timezone.utc))
    jsonable(_lists(MAX_DEPTH - 2, model))
    with pytest.raises(Unserializable):
        jsonable(_lists(MAX_DEPTH - 1, model))


def test_int_range_edges() -> None:
    """Ints within 64 bits are left to orjson; one beyond either end is flagged."""
    assert jsonable(-(2**63))[1] is False
    assert jsonable(2**63 - 1)[1] is False
    assert jsonable(2**63)[1] is True
    assert jsonable(-(2**63) - 1)[1] is True


def test_text_is_repaired_only_when_asked() -> None:
    """Lone surrogates are kept unless fix_strings is set, in values and in every key."""
    assert jsonable("bad\ud800")[0] == "bad\ud800"
    assert jsonable({"k\udc00": 1})[0] == {"k\udc00": 1}
    assert jsonable({Wrapped.BROKEN: 1})[0] == {"bad\ud800": 1}
    assert jsonable({Wrapped.BROKEN: 1}, fix_strings=True)[0] == {"bad\ufffd": 1}
    assert jsonable_body({"type": "x\ud800"})[0] == {"type": "x\ud800"}
    assert jsonable_body({"type": "x\ud800"}, fix_strings=True)[0] == {"type": "x\ufffd"}
    assert jsonable_body({"error": {"m": "x\ud800"}})[0] == {"error": {"m": "x\ud800"}}


def test_refusals_say_why() -> None:
    """Unserializable names the depth limit, or the type of a key that cannot be one."""
    with pytest.raises(Unserializable) as deep:
        jsonable(_lists(MAX_DEPTH + 1, 1))
    assert str(deep.value) == f"value nests deeper than {MAX_DEPTH} levels"
    with pytest.raises(Unserializable) as key:
        jsonable({(1, 2): 1})
    assert str(key.value) == "a tuple cannot be a JSON object key"
