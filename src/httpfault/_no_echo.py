"""The no-echo rule: a validation message never carries the value the client submitted.

A message is replaced by a sentence that is the same for every input of its error type when

1. its type is one whose message quotes part of the input (pydantic's ``uuid_parsing``
   says "found `S` at 0", ``union_tag_invalid`` names the tag sent), or it starts with a
   known prefix whose rest quotes the input (the email validator's reasons); or
2. it contains the text of the submitted value: the value as ``str`` (for a list or a dict,
   each of its scalar items, nested), compared case-insensitively after stripping spaces.
   A text of three characters or more counts wherever it occurs; a text of one or two
   characters counts where it stands as a token of its own, neither preceded nor followed
   by a letter or a digit (``found `Z` at 0``, ``name Z is taken``), since one or two
   characters occur by chance inside nearly every sentence.

A message that pydantic makes for its error type from the schema's constraints alone
(``Input should be greater than 3`` for an input of ``3``, ``Input should be a valid
integer`` for an input of ``a``) is the same whatever was sent: it is kept.

The replacement is pydantic's own sentence for the type when the type has one that needs
no context, one of the sentences below otherwise, and ``Invalid value.`` for any other type
(a custom validator's ``value_error``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any
from uuid import UUID

__all__ = ["NEUTRAL", "neutral_message", "safe_message"]

NEUTRAL = "Invalid value."

# Types whose message (or the context it is made from) quotes the input.
_QUOTING: dict[str, str] = {
    "uuid_parsing": "Input should be a valid UUID.",
    "union_tag_invalid": "Input tag does not match any of the expected tags.",
}
# Sentences for types whose pydantic message needs an ``error`` context.
_SENTENCES: dict[str, str] = {
    **_QUOTING,
    "date_parsing": "Input should be a valid date.",
    "date_from_datetime_parsing": "Input should be a valid date or datetime.",
    "datetime_parsing": "Input should be a valid datetime.",
    "datetime_from_date_parsing": "Input should be a valid datetime or date.",
    "time_parsing": "Input should be in a valid time format.",
    "time_delta_parsing": "Input should be a valid timedelta.",
    "url_parsing": "Input should be a valid URL.",
    "url_syntax_violation": "Input violated strict URL syntax rules.",
    "json_invalid": "Invalid JSON.",
}
# Messages whose text after the prefix quotes the input (pydantic's email type).
_QUOTING_PREFIXES: tuple[tuple[str, str], ...] = (
    ("value is not a valid email address", "value is not a valid email address."),
    ("Value error, value is not a valid email address", "value is not a valid email address."),
)
_PREFIXES = tuple(prefix for prefix, _ in _QUOTING_PREFIXES)
# Context members made from the schema (or a count), never from the submitted text.
_SCHEMA_CONTEXT = frozenset({
    "gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "actual_length",
    "expected", "pattern", "max_digits", "decimal_places", "whole_digits", "expected_schemes",
    "class_name", "field_type", "discriminator", "expected_tags", "expected_version",
    "expected_length", "allowed_values", "type_name", "max_size", "unit",
})  # fmt: skip
_SCALARS = (str, int, float, Decimal, UUID)
_MAX_TEXTS = 256
_MAX_NODES = 1024
_SHORT = 2


def safe_message(message: str, code: str | None, value: Any, context: Any = None) -> str:
    """*message*, or a sentence for *code* that is the same for every input (see module doc).

    *value* is the submitted input (``None`` when unknown); *context* pydantic's ``ctx``.
    """
    if code in _QUOTING:
        return _QUOTING[code]
    if message.startswith(_PREFIXES):
        for prefix, sentence in _QUOTING_PREFIXES:
            if message.startswith(prefix) and message != sentence:
                return sentence
    if value is None or not _echoes(message, value):
        return message
    if code is not None and _from_schema(message, code, context):
        return message
    return neutral_message(code)


def neutral_message(code: str | None) -> str:
    """The sentence sent for an error of type *code* whose message is not sent."""
    if code is None:
        return NEUTRAL
    return _neutral(code)


@lru_cache(maxsize=256)
def _neutral(code: str) -> str:
    sentence = _SENTENCES.get(code)
    if sentence is not None:
        return sentence
    if code in {"value_error", "assertion_error"}:
        return NEUTRAL
    try:
        from pydantic_core import PydanticKnownError

        return str(PydanticKnownError(code).message())  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):  # unknown, or needs a context
        return NEUTRAL


def _from_schema(message: str, code: str, context: Any) -> bool:
    """Whether *message* is pydantic's sentence for *code* made from the schema alone."""
    if code in {"value_error", "assertion_error"}:
        return False
    if context is not None:
        if not isinstance(context, Mapping) or not set(context) <= _SCHEMA_CONTEXT:
            return False
        context = dict(context)
    try:
        from pydantic_core import PydanticKnownError

        return bool(PydanticKnownError(code, context).message() == message)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return False


def _echoes(message: str, value: Any) -> bool:
    """Whether *message* contains the text of *value* (or of one of its items)."""
    if value.__class__ is str:  # the common case, without building a list
        return _contains(message.casefold(), value)
    folded = message.casefold()
    return any(_contains(folded, text) for text in _texts(value))


def _contains(folded: str, text: str) -> bool:
    text = text.strip().casefold()
    if not text:
        return False
    if len(text) > _SHORT:
        return text in folded
    if text not in folded:
        return False
    return _token(text).search(folded) is not None


@lru_cache(maxsize=1024)
def _token(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(text)}(?![^\W_])")


def _texts(value: Any) -> list[str]:
    """The texts of *value*: itself if scalar, else its scalar items, nested (bounded)."""
    texts: list[str] = []
    stack = [value]
    nodes = 0
    while stack and len(texts) < _MAX_TEXTS and nodes < _MAX_NODES:
        nodes += 1
        item = stack.pop()
        if isinstance(item, _SCALARS):  # bool is an int: "True" is its text
            texts.append(str(item))
        elif isinstance(item, (bytes, bytearray)):
            texts.append(bytes(item).decode("utf-8", "replace"))
        elif isinstance(item, Mapping):  # the values: keys are the API's field names
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return texts
