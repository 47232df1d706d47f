"""DRF error details as httpfault field errors, and DRF's own default texts recognised.

A serializer's errors are a tree: dicts by field name (nested serializers nest), lists of
messages (``ErrorDetail``, a ``str`` with a ``code``), lists of dicts for ``many=True``
and dicts keyed by index for ``ListField``. Each message becomes one field error whose
JSON Pointer is its path in the tree; ``non_field_errors`` point at the object holding them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language, ngettext

from httpfault import FieldError
from httpfault._no_echo import NEUTRAL, safe_message

from .._extras import missing_extra

try:
    from rest_framework import exceptions as drf_exceptions  # type: ignore[import-untyped]
    from rest_framework.fields import (  # type: ignore[import-untyped]
        ChoiceField,
        FilePathField,
        MultipleChoiceField,
    )
    from rest_framework.relations import (  # type: ignore[import-untyped]
        PrimaryKeyRelatedField,
        SlugRelatedField,
    )
    from rest_framework.settings import api_settings  # type: ignore[import-untyped]
except ImportError as _missing:  # pragma: no cover - exercised without DRF installed
    raise missing_extra("drf", "Django REST framework", "drf") from _missing

__all__ = ["drf_field_errors", "is_default_detail"]

# DRF messages that quote the submitted value, by code, with a neutral replacement.
_ECHOING: dict[str, tuple[tuple[Any, str], ...]] = {
    "invalid_choice": (
        (ChoiceField, "Not a valid choice."),
        (MultipleChoiceField, "Not a valid choice."),
        (FilePathField, "Not a valid choice."),
    ),
    "does_not_exist": (
        (PrimaryKeyRelatedField, "Object does not exist."),
        (SlugRelatedField, "Object does not exist."),
    ),
}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


_NOTHING = object()


def drf_field_errors(detail: Any, data: Any = _NOTHING) -> list[FieldError]:
    """Field errors for the ``detail`` of a DRF ``ValidationError``, never echoing input.

    *data* is what the client sent (``request.data``), when known: a field's message that
    shows the field's submitted value (``f"name {value} is taken"`` in a validator) is
    replaced, by the rule of :mod:`httpfault._no_echo`.
    """
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    return [
        FieldError(path, _no_echo(_safe_message(str(message), code), code, data, path), code=code)
        for path, message, code in _walk(detail, (), non_field)
    ]


def _no_echo(message: str, code: str | None, data: Any, path: tuple[str | int, ...]) -> str:
    if data is _NOTHING or not path:
        return message
    value = _value_at(data, path)
    if value is _NOTHING:
        return message
    safe = safe_message(message, code, value)
    return safe if safe == message else NEUTRAL


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at *path* in the submitted *data*, or ``_NOTHING``."""
    for part in path:
        try:
            if isinstance(data, Mapping):
                data = data[part]
                continue
            if isinstance(data, (list, tuple)) and isinstance(part, int):
                data = data[part]
                continue
        except (KeyError, IndexError, TypeError):
            pass
        return _NOTHING
    return data


def _walk(
    detail: Any, path: tuple[str | int, ...], non_field: str
) -> Iterator[tuple[tuple[str | int, ...], Any, str | None]]:
    if isinstance(detail, dict):
        for key, value in detail.items():
            inner = path if key == non_field else (*path, key)
            yield from _walk(value, inner, non_field)
    elif isinstance(detail, (list, tuple)):
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list, tuple)):
                yield from _walk(item, (*path, index), non_field)  # many=True, nested lists
            else:
                yield path, item, _code(item)
    else:
        yield path, detail, _code(detail)


def _code(item: Any) -> str | None:
    code = getattr(item, "code", None)
    return str(code) if code is not None else None


def _safe_message(message: str, code: str | None) -> str:
    for field_class, neutral in _ECHOING.get(code or "", ()):
        if _template_regex(str(field_class.default_error_messages[code])).fullmatch(message):
            return neutral
    return message


@lru_cache(maxsize=64)
def _template_regex(template: str) -> re.Pattern[str]:
    """A pattern matching *template* (translated: one per language) with any placeholders."""
    parts = _PLACEHOLDER.split(template)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


@lru_cache(maxsize=256)
def _drf_owner(cls: Any) -> Any:
    """The class that set *cls*'s ``default_detail``, if it is one of DRF's own."""
    owner: Any = next((k for k in cls.__mro__ if "default_detail" in k.__dict__), object)
    return owner if owner.__module__ == drf_exceptions.__name__ else None


@lru_cache(maxsize=256)
def _translated(owner: Any, language: str | None) -> str:
    """*owner*'s default detail in *language* (the active one when the cache is filled)."""
    return str(owner.default_detail)


def is_default_detail(exc: Any) -> bool:
    """Whether *exc*'s detail is the default text of one of DRF's own exception classes.

    Such a detail is DRF's wording, not the user's: it counts as no detail, and the
    client gets the catalogue's sentence, the same in every framework.
    """
    detail = str(exc.detail)
    owner = _drf_owner(exc.__class__)
    if owner is None:
        return False
    template = _translated(owner, get_language())
    if detail == template:
        return True
    if isinstance(exc, drf_exceptions.Throttled) and exc.wait is not None:
        wait = exc.wait
        extra = ngettext(
            str(exc.extra_detail_singular).format(wait=wait),
            str(exc.extra_detail_plural).format(wait=wait),
            wait,
        )
        return detail == f"{template} {extra}"
    return "{" in template and _template_regex(template).fullmatch(detail) is not None
