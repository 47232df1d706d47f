"""The part of RFC 9651 (Structured Field Values for HTTP) that rate-limit fields use.

Serialising: Strings, Integers and Byte Sequences, as items and parameters.
Parsing: a whole List field (every bare item type, inner lists, parameters), as the RFC's
parsing algorithm describes; any syntax error fails the whole field (``ValueError``),
as RFC 9651 §4.2 asks of a recipient.
"""

from __future__ import annotations

import base64
import binascii
import re
from decimal import Decimal

__all__ = [
    "MAX_INTEGER",
    "BareItem",
    "Item",
    "Params",
    "is_sf_string",
    "parse_list",
    "serialize_item",
]

MAX_INTEGER = 999_999_999_999_999
"""The largest Integer a Structured Field can carry (15 digits)."""


class Token(str):
    """A Token bare item (told apart from a String)."""

    __slots__ = ()


BareItem = int | Decimal | str | bytes | bool
Params = dict[str, BareItem]
Item = tuple[BareItem, Params]
Member = Item | tuple[list[Item], Params]

_KEY = re.compile(r"[a-z*][a-z0-9_\-.*]*")
_TOKEN = re.compile(r"[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]*)?")
_BYTES = re.compile(r":([A-Za-z0-9+/=]*):")
_STRING_CHARS = re.compile(r"[\x20-\x7e]*")


def is_sf_string(text: str) -> bool:
    """Whether *text* can be a String: printable ASCII (0x20 to 0x7E) only."""
    return _STRING_CHARS.fullmatch(text) is not None


# -- serialising ---------------------------------------------------------------------------


def _bare(value: int | str | bytes) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        if not -MAX_INTEGER <= value <= MAX_INTEGER:
            raise ValueError(f"{value} is out of range for a Structured Field Integer")
        return str(value)
    if isinstance(value, bytes):
        return ":" + base64.b64encode(value).decode("ascii") + ":"
    if isinstance(value, str):
        if not is_sf_string(value):
            raise ValueError("a Structured Field String holds printable ASCII only")
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"cannot serialise {type(value).__name__} as a Structured Field item")


def serialize_item(value: str, params: dict[str, int | str | bytes]) -> str:
    """One String Item with its Parameters, e.g. ``"default";q=100;w=60``."""
    return _bare(value) + "".join(f";{key}={_bare(param)}" for key, param in params.items())


# -- parsing -------------------------------------------------------------------------------


class _Reader:
    __slots__ = ("pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip(self, chars: str) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def fail(self, what: str) -> ValueError:
        return ValueError(f"invalid Structured Field at {self.pos}: {what}")


def parse_list(text: str) -> list[Member]:
    """Parse a List field value; ``ValueError`` if it is not a valid one."""
    if not text.isascii():
        raise ValueError("a Structured Field is ASCII only")
    reader = _Reader(text)
    reader.skip(" ")
    members: list[Member] = []
    while reader.pos < len(text):
        members.append(_member(reader))
        reader.skip(" \t")
        if reader.pos >= len(text):
            break
        if reader.peek() != ",":
            raise reader.fail("expected ','")
        reader.pos += 1
        reader.skip(" \t")
        if reader.pos >= len(text):
            raise reader.fail("trailing ','")
    return members


def _member(reader: _Reader) -> Member:
    if reader.peek() == "(":
        reader.pos += 1
        items: list[Item] = []
        while True:
            reader.skip(" ")
            if reader.peek() == ")":
                reader.pos += 1
                return items, _params(reader)
            items.append((_bare_item(reader), _params(reader)))
            if reader.peek() not in (" ", ")"):
                raise reader.fail("expected ' ' or ')' in an inner list")
    return _bare_item(reader), _params(reader)


def _params(reader: _Reader) -> Params:
    params: Params = {}
    while reader.peek() == ";":
        reader.pos += 1
        reader.skip(" ")
        key = _key(reader)
        value: BareItem = True
        if reader.peek() == "=":
            reader.pos += 1
            value = _bare_item(reader)
        params[key] = value
    return params


def _key(reader: _Reader) -> str:
    found = _KEY.match(reader.text, reader.pos)
    if found is None:
        raise reader.fail("expected a key")
    reader.pos = found.end()
    return found.group()


def _bare_item(reader: _Reader) -> BareItem:
    char = reader.peek()
    if char == "-" or char.isdigit():
        return _number(reader)
    if char == '"':
        return _string(reader)
    if char == ":":
        found = _BYTES.match(reader.text, reader.pos)
        if found is None:
            raise reader.fail("bad byte sequence")
        reader.pos = found.end()
        try:
            return base64.b64decode(found.group(1), validate=True)
        except binascii.Error as exc:
            raise reader.fail("bad base64") from exc
    if char == "?":
        flag = reader.text[reader.pos + 1 : reader.pos + 2]
        if flag not in ("0", "1"):
            raise reader.fail("bad boolean")
        reader.pos += 2
        return flag == "1"
    if char == "@":
        reader.pos += 1
        date = _number(reader)
        if not isinstance(date, int):
            raise reader.fail("a date is an integer")
        return date
    if char == "%":
        return _display_string(reader)
    found = _TOKEN.match(reader.text, reader.pos)
    if found is None:
        raise reader.fail("expected an item")
    reader.pos = found.end()
    return Token(found.group())


def _number(reader: _Reader) -> int | Decimal:
    found = _NUMBER.match(reader.text, reader.pos)
    if found is None:
        raise reader.fail("expected a number")
    text = found.group()
    reader.pos = found.end()
    digits = text.lstrip("-")
    if found.group(1) is None:
        if len(digits) > 15:
            raise reader.fail("integer too long")
        return int(text)
    whole, _, fraction = digits.partition(".")
    if len(whole) > 12 or not 1 <= len(fraction) <= 3:
        raise reader.fail("bad decimal")
    return Decimal(text)


def _string(reader: _Reader) -> str:
    reader.pos += 1
    out: list[str] = []
    text = reader.text
    while reader.pos < len(text):
        char = text[reader.pos]
        reader.pos += 1
        if char == "\\":
            escaped = text[reader.pos : reader.pos + 1]
            if escaped not in ('"', "\\"):
                raise reader.fail("bad escape in a string")
            out.append(escaped)
            reader.pos += 1
        elif char == '"':
            return "".join(out)
        elif not " " <= char <= "~":
            raise reader.fail("bad character in a string")
        else:
            out.append(char)
    raise reader.fail("unterminated string")


def _display_string(reader: _Reader) -> str:
    if reader.text[reader.pos : reader.pos + 2] != '%"':
        raise reader.fail("bad display string")
    reader.pos += 2
    raw = bytearray()
    text = reader.text
    while reader.pos < len(text):
        char = text[reader.pos]
        reader.pos += 1
        if char == '"':
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise reader.fail("display string is not UTF-8") from exc
        if char == "%":
            pair = text[reader.pos : reader.pos + 2]
            if not re.fullmatch(r"[0-9a-f]{2}", pair):
                raise reader.fail("bad percent escape")
            raw.append(int(pair, 16))
            reader.pos += 2
        elif " " <= char <= "~":
            raw.append(ord(char))
        else:
            raise reader.fail("bad character in a display string")
    raise reader.fail("unterminated display string")
