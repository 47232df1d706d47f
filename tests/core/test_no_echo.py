"""Validation messages never carry the submitted value, whatever the field type or input."""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal
from functools import cache
from ipaddress import IPv4Address
from typing import Annotated, Any, Literal
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import (
    AnyUrl,
    BaseModel,
    Field,
    ValidationError,
    create_model,
    field_validator,
)

from httpfault._fields import details_from_key, details_key, field_errors_from_pydantic
from httpfault._no_echo import neutral_message


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Named(BaseModel):
    """A custom validator that quotes the value, the way users write them."""

    name: str

    @field_validator("name")
    @classmethod
    def _taken(cls, value: str) -> str:
        raise ValueError(f"name {value} is taken")


class Quoted(BaseModel):
    """A custom validator that quotes the value's repr, upper-cased."""

    name: str

    @field_validator("name")
    @classmethod
    def _bad(cls, value: str) -> str:
        assert value == "expected", f"got {value.upper()!r}"
        return value


class Plain(BaseModel):
    """A custom validator whose message does not quote the value."""

    name: str

    @field_validator("name")
    @classmethod
    def _taken(cls, value: str) -> str:
        raise ValueError("name is taken")


FIELD_TYPES: dict[str, Any] = {
    "uuid": UUID,
    "int": Annotated[int, Field(gt=3, le=1000)],
    "float": float,
    "decimal": Annotated[Decimal, Field(max_digits=4, decimal_places=1)],
    "bool": bool,
    "date": dt.date,
    "datetime": dt.datetime,
    "time": dt.time,
    "timedelta": dt.timedelta,
    "literal": Literal["a", "b"],
    "enum": Colour,
    "short_str": Annotated[str, Field(min_length=2, max_length=4)],
    "pattern": Annotated[str, Field(pattern=r"^[a-z]+$")],
    "url": AnyUrl,
    "ipv4": IPv4Address,
    "ints": Annotated[list[int], Field(max_length=2)],
    "mapping": dict[str, int],
}
MODELS: dict[str, type[BaseModel]] = {
    name: create_model(f"Model_{name}", value=(annotation, ...))
    for name, annotation in FIELD_TYPES.items()
}
MODELS["named"] = create_model("Model_named", value=(Named, ...))
MODELS["quoted"] = create_model("Model_quoted", value=(Quoted, ...))
MODELS["plain"] = create_model("Model_plain", value=(Plain, ...))

# Inputs sharing no character with any message: the messages they get hold no input.
CANARIES: list[Any] = [
    "\u2603", "\u2603\u2603", "\u2603" * 6, "\u2603:\u2603", 10**40, -(10**40), 0.5, -2, 7,
    1e300, True, [], {}, ["\u2603"], [1, 2, 3], {"\u2603": "\u2603"}, {"name": "\u2603"},
]  # fmt: skip


def _errors(name: str, value: Any) -> list[tuple[str, str | None]]:
    """``(message, code)`` of each field error of *value* in *name*'s model."""
    try:
        MODELS[name].model_validate({"value": value})
    except ValidationError as exc:
        return [(error.message, error.code) for error in field_errors_from_pydantic(exc)]
    return []


def _messages(name: str, value: Any) -> list[str]:
    return [message for message, _ in _errors(name, value)]


@cache
def _fixed(name: str) -> frozenset[str]:
    """The messages of *name*'s field for inputs that share nothing with any message."""
    return frozenset(m for value in CANARIES for m in _messages(name, value))


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return [str(value)]


def _quotes(message: str, text: str) -> bool:
    """Whether *message* shows *text*: anywhere from 3 characters, as a token below."""
    text = text.strip().casefold()
    folded = message.casefold()
    if not text:
        return False
    if len(text) >= 3:
        return text in folded
    return re.search(rf"(?<![^\W_]){re.escape(text)}(?![^\W_])", folded) is not None


scalars = (
    st.text(max_size=12)
    | st.text(alphabet="SZaz019-:T. ", max_size=40)
    | st.characters()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
)
inputs = (
    scalars
    | st.lists(scalars, max_size=3)
    | st.dictionaries(st.text(max_size=6), scalars, max_size=3)
)


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(MODELS)), value=inputs)
def test_no_message_shows_the_submitted_value(name: str, value: Any) -> None:
    """Over many field types and inputs, a message either is one other inputs get too (or
    the type's fixed sentence), or shows no text of the submitted value (nor, for a dict or
    list, of its items' values)."""
    for message, code in _errors(name, value):
        if message in _fixed(name) or message == neutral_message(code):
            continue
        for text in _texts(value):
            assert not _quotes(message, text), (name, value, message)


@pytest.mark.parametrize("value", ["S", "Z", "zzzz-1234", "0123456789abcdefXYZ"])
def test_uuid_message_never_quotes_a_character(value: str) -> None:
    """pydantic's UUID message names a character of the input: a fixed sentence is sent."""
    assert _messages("uuid", value) == ["Input should be a valid UUID."]


@pytest.mark.parametrize("value", ["Z", "bob", "Alice Smith", " padded "])
def test_custom_validator_quoting_the_value_is_replaced(value: str) -> None:
    """A validator's ``ValueError(f"name {x} is taken")`` is not sent as is, one character
    included; the same for an assertion quoting the value's repr in another case."""
    assert _messages("named", {"name": value}) == ["Invalid value."]
    assert _messages("quoted", {"name": value}) == ["Invalid value."]


def test_messages_kept_when_they_show_no_input() -> None:
    """A validator's message without the input is sent, as are pydantic's sentences made
    from the schema that match the input by chance (``greater than 3`` for 3)."""
    assert _messages("plain", {"name": "am"}) == ["Value error, name is taken"]
    assert _messages("int", 3) == ["Input should be greater than 3"]
    assert _messages("int", "a") == [
        "Input should be a valid integer, unable to parse string as an integer"
    ]
    assert _messages("literal", "a ") == ["Input should be 'a' or 'b'"]


def test_short_input_inside_a_word_is_not_an_echo() -> None:
    """One or two characters count only as a token of their own, not inside a word."""
    model = create_model("Model_fixed", value=(Annotated[str, Field(max_length=1)], ...))
    with pytest.raises(ValidationError) as info:
        model.model_validate({"value": "st"})
    assert [e.message for e in field_errors_from_pydantic(info.value)] == [
        "String should have at most 1 character"
    ]


def test_kept_key_follows_the_same_rule() -> None:
    """The key the ASGI adapter keeps answers by carries the sent message, never the input,
    and converts back to the same field errors."""
    details = [
        {"type": "uuid_parsing", "loc": ("path", "id"), "input": "S",
         "msg": "Input should be a valid UUID, invalid character: found `S` at 0",
         "ctx": {"error": "invalid character: found `S` at 0"}},
        {"type": "value_error", "loc": ("body", "name"), "input": "Z",
         "msg": "Value error, name Z is taken", "ctx": {"error": "name Z is taken"}},
    ]  # fmt: skip
    key = details_key(details)
    assert [message for _, message, _ in key] == ["Input should be a valid UUID.", "Invalid value."]
    assert details_key(details_from_key(key)) == key


def test_rule_edges() -> None:
    """The email type's reasons are cut; a parser's ``error`` context is not the schema's,
    so its message goes when it shows the input; bytes are compared as text."""
    from httpfault._no_echo import safe_message

    reason = "value is not a valid email address: The email address contains '<'."
    assert safe_message(reason, "value_error", "a<b@x.org") == "value is not a valid email address."
    assert safe_message(f"Value error, {reason}", "value_error", None) == (
        "value is not a valid email address."
    )
    message = "Input should be a valid datetime, invalid character in year"
    ctx = {"error": "invalid character in year"}
    assert (
        safe_message(message, "datetime_parsing", "in", ctx) == "Input should be a valid datetime."
    )
    assert safe_message(message, "datetime_parsing", "2020-xx", ctx) == message
    assert safe_message("name bob is taken", "value_error", b"bob") == "Invalid value."
    assert safe_message("name is taken", "value_error", bytearray(b"bob")) == "name is taken"
