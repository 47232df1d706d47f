"""Field errors: where in a request a value was wrong, as an RFC 6901 JSON Pointer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from ._json import fix_text
from ._no_echo import NEUTRAL, safe_message

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = [
    "DetailsKey",
    "FieldError",
    "Location",
    "details_from_key",
    "details_key",
    "field_errors_from_details",
    "field_errors_from_pydantic",
    "json_pointer",
]

Location = Literal["body", "query", "path", "header", "cookie"]
LOCATIONS: frozenset[str] = frozenset(("body", "query", "path", "header", "cookie"))

MAX_KEY_TEXT = 256
"""The longest string a cache key holds; what has a longer one is not reused."""
MAX_KEY_TOTAL = 2048
"""The most characters one cache key holds in all."""
# Characters a URI fragment may hold unescaped (RFC 3986 §3.5), '%' excluded.
_FRAGMENT_SAFE = "!$&'()*+,;=:@/?-._~"
_plain = re.compile(r"[A-Za-z0-9_.\-]*").fullmatch


def json_pointer(path: Iterable[str | int]) -> str:
    """Return the JSON Pointer for *path* in URI fragment form, e.g. ``#/items/0/name``.

    Each token is escaped as RFC 6901 asks (``~`` -> ``~0``, ``/`` -> ``~1``) and then
    percent-encoded where a URI fragment needs it (RFC 6901 §6).
    """
    parts = []
    for token in path:
        # Most field names and every index need no escaping at all; an ASCII identifier
        # or an int is plain without asking the regular expression.
        if token.__class__ is str:
            text = token
            if not (text.isascii() and text.isidentifier()) and not _plain(text):
                text = _escape(text)
        else:
            text = str(token)
            if token.__class__ is not int and not _plain(text):
                text = _escape(text)
        parts.append(text)
    return "#/" + "/".join(parts) if parts else "#"


def _escape(token: str) -> str:
    """Escape *token* for a JSON Pointer and percent-encode it for a URI fragment."""
    return _quote(token.replace("~", "~0").replace("/", "~1"))


def _quote(text: str) -> str:
    """Percent-encode *text* for a URI fragment; a lone surrogate becomes U+FFFD.

    Names can come from the request (the keys of a JSON object hold any string, lone
    surrogates included), and such a name has no UTF-8 form to percent-encode.
    """
    try:
        return quote(text, safe=_FRAGMENT_SAFE)
    except UnicodeEncodeError:
        return quote(fix_text(text), safe=_FRAGMENT_SAFE)


class FieldError:
    """One problem with one value of a request.

    ``pointer`` locates the value (``#/email``), ``in_`` says which part of the request
    holds it (serialized as ``in``), ``message`` says what is wrong and ``code`` names the
    rule it broke, for programs (``required``, ``missing``, ``too_long``...).

    The pointer may be given as a path (``("items", 0, "name")``), as a URI-fragment
    pointer (``"#/items/0/name"``), as a plain JSON Pointer (``"/items/0/name"``) or as a
    single field name (``"email"``).
    """

    __slots__ = ("code", "in_", "message", "pointer")

    pointer: str
    message: str
    code: str | None
    in_: Location

    def __init__(
        self,
        pointer: str | Sequence[str | int],
        message: str,
        *,
        code: str | None = None,
        in_: Location = "body",
    ) -> None:
        if isinstance(pointer, str):
            if pointer.startswith("#"):
                resolved = pointer
            elif pointer.startswith("/"):
                resolved = "#" + _quote(pointer)
            else:
                resolved = json_pointer((pointer,))
        else:
            resolved = json_pointer(pointer)
        if not isinstance(message, str):
            raise TypeError("FieldError message must be a str")
        if code is not None and not isinstance(code, str):
            raise TypeError("FieldError code must be a str or None")
        if in_ not in LOCATIONS:
            raise ValueError(f"FieldError in_ must be one of {sorted(LOCATIONS)}, not {in_!r}")
        self.pointer = resolved
        self.message = message
        self.code = code
        self.in_ = in_

    @classmethod
    def _trusted(cls, pointer: str, message: str, code: str | None, in_: Location) -> FieldError:
        # For converters that already hold a valid pointer and checked types.
        self = object.__new__(cls)
        self.pointer = pointer
        self.message = message
        self.code = code
        self.in_ = in_
        return self

    def to_dict(self, message_key: str = "message") -> dict[str, str]:
        """Return the wire form; *message_key* is ``message`` (json) or ``detail`` (problem)."""
        data = {"in": self.in_, "pointer": self.pointer, message_key: self.message}
        if self.code is not None:
            data["code"] = self.code
        return data

    def _key(self) -> tuple[str, str, str | None, str]:
        return (self.pointer, self.message, self.code, self.in_)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FieldError):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        code = f", code={self.code!r}" if self.code is not None else ""
        return f"FieldError({self.pointer!r}, {self.message!r}{code}, in_={self.in_!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_field_error, self._key())


def _rebuild_field_error(pointer: str, message: str, code: str | None, in_: Location) -> FieldError:
    return FieldError(pointer, message, code=code, in_=in_)


def field_errors_from_pydantic(
    exc: ValidationError, *, location_first: bool = False
) -> list[FieldError]:
    """Turn a pydantic ``ValidationError`` into field errors, never echoing the input.

    With *location_first* the first ``loc`` item names the part of the request
    (``body``, ``query``, ``path``, ``header``, ``cookie``), as in FastAPI's
    ``RequestValidationError``; otherwise every error is in the body.
    """
    return field_errors_from_details(exc.errors(include_url=False), location_first=location_first)


def field_errors_from_details(
    details: Iterable[Any], *, location_first: bool = False
) -> list[FieldError]:
    """Turn pydantic-style error dicts (``loc``, ``msg``, ``type``) into field errors.

    The submitted ``input`` and the ``ctx``/``url`` members are never copied. A message
    that quotes the input (a few pydantic messages do, and a custom validator's may) is
    replaced by a sentence that is the same for every input (see :mod:`httpfault._no_echo`).
    """
    result: list[FieldError] = []
    for item in details:
        loc = _loc(item)
        where: Location = "body"
        if location_first and loc and loc[0] in LOCATIONS:
            where = loc[0]
            loc = loc[1:]
        code = item.get("type")
        if code is not None and code.__class__ is not str:
            code = str(code)
        result.append(FieldError._trusted(json_pointer(loc), _message(item), code, where))
    return result


def _loc(item: Any) -> tuple[Any, ...]:
    """The ``loc`` of an error dict as a tuple (pydantic gives tuples, others lists)."""
    loc = item.get("loc", ())
    return loc if loc.__class__ is tuple else tuple(loc)


DetailsKey = tuple[tuple[tuple[str | int, ...], str, str | None], ...]
"""One ``(loc, message, type)`` per error: see :func:`details_key`."""


def details_key(details: Iterable[Any]) -> DetailsKey | None:
    """What :func:`field_errors_from_details` makes of *details*, as a bounded key.

    One ``(loc, message, type)`` per detail, where the message is already the one sent
    (a message quoting the submitted value is replaced): the submitted values are left
    out. The details of :func:`details_from_key` give the same field errors as *details*.
    ``None`` for details no bounded key stands for exactly: not dicts; ``loc`` parts other
    than str and int (``True`` and ``1.0`` would be equal keys to ``1``, with other
    pointers); a type other than str; a string longer than :data:`MAX_KEY_TEXT` (field
    names can come from the client: an over-long one is never kept in a key).
    """
    key = []
    size = 0
    try:
        for item in details:
            loc = _loc(item)
            for part in loc:
                if part.__class__ is str:
                    if len(part) > MAX_KEY_TEXT:
                        return None
                    size += len(part)
                elif part.__class__ is not int:
                    return None
            code = item.get("type")
            if code is not None and (code.__class__ is not str or len(code) > MAX_KEY_TEXT):
                return None
            message = _message(item)
            if len(message) > MAX_KEY_TEXT:
                return None
            size += len(message)
            if size > MAX_KEY_TOTAL:
                return None
            key.append((loc, message, code))
    except (AttributeError, TypeError):
        return None
    return tuple(key)


def details_from_key(key: Iterable[tuple[Any, str, Any]]) -> list[dict[str, Any]]:
    """Error dicts with what *key* holds (see :func:`details_key`)."""
    return [{"loc": loc, "msg": message, "type": code} for loc, message, code in key]


def _message(item: Any) -> str:
    """The message sent for *item*: never one that carries the submitted value.

    The rule is in :mod:`httpfault._no_echo`; it leaves the message of an item with no
    ``input`` as it is unless its type always quotes the input, so converting the details
    of :func:`details_from_key` again gives the same message.
    """
    message = item.get("msg")
    if message.__class__ is not str:
        message = NEUTRAL if message is None else str(message)
    code = item.get("type")
    if code is not None and code.__class__ is not str:
        code = str(code)
    return safe_message(message, code, item.get("input"), item.get("ctx"))
