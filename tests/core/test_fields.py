"""Field errors: JSON Pointers and the pydantic mapping that never echoes input."""

from __future__ import annotations

import pickle
from typing import Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from httpfault import FieldError, json_pointer
from httpfault._fields import (
    MAX_KEY_TEXT,
    details_from_key,
    details_key,
    field_errors_from_details,
    field_errors_from_pydantic,
)


@pytest.mark.parametrize(
    ("path", "pointer"),
    [((), "#"), (("email",), "#/email"), (("items", 0, "name"), "#/items/0/name"),
     (("a/b",), "#/a~1b"), (("m~n",), "#/m~0n"), (("~/",), "#/~0~1"), (("a b",), "#/a%20b"),
     (("ü",), "#/%C3%BC"), (("%",), "#/%25"), (("",), "#/"), (("a-b.c",), "#/a-b.c"),
     ((-1, 1.5, True, None), "#/-1/1.5/True/None"), ((b"a/b",), "#/b'a~1b'")],
)  # fmt: skip
def test_json_pointer_escapes_per_rfc_6901(path: tuple[str | int, ...], pointer: str) -> None:
    """Tokens are escaped (~0, ~1) and percent-encoded for a URI fragment."""
    assert json_pointer(path) == pointer


def test_field_error_pointer_forms() -> None:
    """A pointer may be a path, a fragment pointer, a plain pointer or a field name."""
    assert FieldError(("a", 1), "m").pointer == "#/a/1"
    assert FieldError("#/a/1", "m").pointer == "#/a/1"
    assert FieldError("/a/1", "m").pointer == "#/a/1"
    assert FieldError("/a b", "m").pointer == "#/a%20b"
    assert FieldError("email", "m").pointer == "#/email"
    assert FieldError("a/b", "m").pointer == "#/a~1b"


def test_field_error_wire_form_and_validation() -> None:
    """to_dict() uses the format's message key; bad arguments are refused."""
    error = FieldError("q", "too short", code="too_short", in_="query")
    assert error.to_dict() == {"in": "query", "pointer": "#/q", "message": "too short",
                               "code": "too_short"}  # fmt: skip
    assert FieldError("q", "m").to_dict("detail") == {"in": "body", "pointer": "#/q", "detail": "m"}
    assert pickle.loads(pickle.dumps(error)) == error
    assert error != "q"
    assert hash(error) == hash(FieldError("#/q", "too short", code="too_short", in_="query"))
    assert repr(FieldError("q", "m")) == "FieldError('#/q', 'm', in_='body')"
    with pytest.raises(ValueError, match="in_"):
        FieldError("q", "m", in_="form")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        FieldError("q", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        FieldError("q", "m", code=3)  # type: ignore[arg-type]


class Item(BaseModel):
    name: str = Field(min_length=2)
    kind: Literal["a", "b"]


class Order(BaseModel):
    items: list[Item]
    note: dict[str, int]


def test_pydantic_errors_become_field_errors_without_input() -> None:
    """loc becomes a pointer, type the code, and the submitted values never appear."""
    secret = "s3cr3t-value"
    with pytest.raises(ValidationError) as info:
        Order.model_validate({"items": [{"name": "x", "kind": secret}], "note": {"a/b": secret}})
    errors = field_errors_from_pydantic(info.value)
    pointers = {(e.pointer, e.code) for e in errors}
    assert ("#/items/0/name", "string_too_short") in pointers
    assert ("#/items/0/kind", "literal_error") in pointers
    assert ("#/note/a~1b", "int_parsing") in pointers
    assert all(e.in_ == "body" for e in errors)
    assert all(secret not in e.message for e in errors)


def test_location_first_and_quoted_input_scrubbing() -> None:
    """FastAPI-style locations set ``in``; a message quoting the input is neutralised."""
    details = [
        {"loc": ("query", "limit"), "msg": "Input should be a valid integer", "type": "int_parsing",
         "input": "abc"},
        {"loc": ("body", "kind"), "msg": "Input tag 'evil' found using 'kind' does not match",
         "type": "union_tag_invalid", "input": "evil"},
        {"loc": ("weird", "x"), "msg": "m", "type": "t"},
        {"loc": (), "msg": "whole body", "type": None},
    ]  # fmt: skip
    errors = field_errors_from_details(details, location_first=True)
    assert [(e.in_, e.pointer) for e in errors] == [
        ("query", "#/limit"), ("body", "#/kind"), ("body", "#/weird/x"), ("body", "#")]  # fmt: skip
    assert errors[1].message == "Input tag does not match any of the expected tags."
    assert errors[0].message == "Input should be a valid integer"
    assert errors[3].code is None


def test_details_with_odd_values() -> None:
    """Non-str messages and codes are made text, a missing message is neutral, and the
    items of an input that is not a scalar are looked for in the message."""
    details = [
        {"loc": ("body", "a"), "msg": None, "type": 7},
        {"loc": ("body", "b"), "msg": 42, "type": "t", "input": {"k": "42"}},
        {"loc": ("body", "c"), "msg": "says 42", "type": "t", "input": 42},
    ]
    errors = field_errors_from_details(details, location_first=True)
    assert [(e.message, e.code) for e in errors] == [
        ("Invalid value.", "7"), ("Invalid value.", "t"), ("Invalid value.", "t")]  # fmt: skip


SECRET = "hunter2-secret"
KEYED_DETAILS = [
    {"type": "missing", "loc": ("query", "q"), "msg": "Field required", "input": None},
    {"type": "string_too_short", "loc": ["body", "name"], "msg": "Too short", "input": SECRET},
    {"type": "literal_error", "loc": ("body", "kind"), "msg": f"Got '{SECRET}'", "input": SECRET},
    {"type": "int_parsing", "loc": ("path", "id"), "msg": f"bad {SECRET!r}", "input": SECRET},
    {"type": "x", "loc": ("header", 0), "msg": None, "input": 3},
    {"loc": (), "msg": 12, "input": 12},
    {"msg": "no loc at all"},
]


@pytest.mark.parametrize("count", [0, 1, len(KEYED_DETAILS)])
@pytest.mark.parametrize("location_first", [True, False])
def test_details_key_gives_the_same_field_errors(count: int, location_first: bool) -> None:
    """Details rebuilt from their key convert to the same field errors as the originals."""
    details = KEYED_DETAILS[-count:] if count else []
    key = details_key(details)
    rebuilt = field_errors_from_details(details_from_key(key), location_first=location_first)
    assert rebuilt == field_errors_from_details(details, location_first=location_first)
    hash(key)


def test_details_key_holds_no_submitted_value() -> None:
    """A key keeps no submitted value: quoting messages are replaced, inputs left out."""
    key = details_key(KEYED_DETAILS)
    assert SECRET not in repr(key)
    assert details_key(KEYED_DETAILS[:1]) == ((("query", "q"), "Field required", "missing"),)
    for odd in ({"loc": ("a", ["unhashable"])}, {"loc": (True,)}, {"loc": (1.0,)}, {"type": 7}):
        # no key, or one equal to another's with other bytes
        assert details_key([{"msg": "m", **odd}]) is None
    assert details_key(["not a dict"]) is None


def test_details_key_holds_no_long_client_text() -> None:
    """A field name (which the client can choose) longer than the bound gives no key."""
    long_name = "x" * (MAX_KEY_TEXT + 1)
    assert details_key([{"loc": ("body", long_name), "msg": "m", "type": "t"}]) is None
    fits = "x" * MAX_KEY_TEXT
    assert details_key([{"loc": ("body", fits), "msg": "m", "type": "t"}]) is not None
    many = [{"loc": ("body", f"{n:03d}" + "y" * 200), "msg": "m", "type": "t"} for n in range(20)]
    assert details_key(many) is None  # each name fits, all together do not
