"""The Structured Fields subset: what is refused when writing, and parsing's edge cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from httpfault._sf import MAX_INTEGER, Token, parse_list, serialize_item


def test_serialising_refuses_what_no_field_can_hold() -> None:
    """Integers past 15 digits, non-ASCII strings and other types are refused."""
    with pytest.raises(ValueError, match="out of range"):
        serialize_item("a", {"q": MAX_INTEGER + 1})
    with pytest.raises(ValueError, match="printable ASCII"):
        serialize_item("caf\u00e9", {})
    with pytest.raises(TypeError):
        serialize_item("a", {"q": True})
    with pytest.raises(TypeError):
        serialize_item("a", {"q": 1.5})  # type: ignore[dict-item]
    assert serialize_item("a", {"q": -3, "pk": b"\x00", "u": "x"}) == '"a";q=-3;pk=:AA==:;u="x"'


def test_every_bare_item_type_parses() -> None:
    """Integers, decimals, strings, tokens, bytes, booleans, dates, display strings."""
    parsed = parse_list(
        '1;a=-2;b=3.25;c="x\\"y";d=tok/en:1;e=:aGk=:;f=?0;g;h=@1700000000;i=%"caf%c3%a9"'
    )
    assert parsed == [
        (1, {"a": -2, "b": Decimal("3.25"), "c": 'x"y', "d": "tok/en:1", "e": b"hi",
             "f": False, "g": True, "h": 1700000000, "i": "caf\u00e9"}),
    ]  # fmt: skip
    assert isinstance(parsed[0][1]["d"], Token)


def test_inner_lists_and_whitespace() -> None:
    """Inner lists with parameters, and the optional spaces and tabs around commas."""
    assert parse_list(' ( "a";x  b );lvl=1 ,\t() , c') == [
        ([("a", {"x": True}), (Token("b"), {})], {"lvl": 1}),
        ([], {}),
        (Token("c"), {}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1,",  # trailing comma
        "1 2",  # no comma
        "(1 2",  # unterminated inner list
        "(1,2)",  # comma in an inner list
        "1234567890123456",  # integer of 16 digits
        "1234567890123.5",  # decimal of 13 integer digits
        "1.2345",  # decimal of 4 fraction digits
        "-",  # a sign alone
        '"a\\b"',  # bad escape
        '"a',  # unterminated string
        '"a\x01"',  # control character (ASCII, still not allowed)
        ":aGk",  # unterminated byte sequence
        ":a=b=:",  # bad base64
        "?2",  # bad boolean
        "@1.5",  # a date is an integer
        '%"caf%C3%A9"',  # upper-case hex in a display string
        '%"%ff"',  # not UTF-8
        '%"abc',  # unterminated display string
        '%"a\x01"',  # control character in a display string
        "%x",  # not a display string
        "1;A=1",  # upper-case key
        "1;=1",  # no key
        "\u00e9",  # not ASCII
        "!",  # no item starts with this
    ],
)
def test_invalid_lists_are_refused(text: str) -> None:
    """Every syntax error fails the whole field with ``ValueError``."""
    with pytest.raises(ValueError):
        parse_list(text)


def test_empty_field_is_an_empty_list() -> None:
    """An empty (or all-space) value is an empty List."""
    assert parse_list("") == []
    assert parse_list("   ") == []
