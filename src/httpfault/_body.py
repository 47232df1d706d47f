"""What an error's body contains, and when two errors give the same body.

:func:`facts` reads, once, everything of an error that its response shows. :func:`body`
builds the body from those facts alone, never from the error itself, and :func:`cache_key`
turns the same facts into the key under which a rendered answer is reused. So a member
cannot be added to the body without being read into the facts, and whatever is in the
facts is in the key: two errors with equal keys give the same bytes.

The key is bounded: it holds only short strings (a client can put text into an error: a
field name, an id in a detail) and scalar values whose equality means equal JSON
(``1``, ``True`` and ``1.0`` are equal in Python, not on the wire); an error that no
bounded key stands for exactly is rendered afresh each time.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, NamedTuple

from ._catalog_data import TEXTS
from ._config import Config
from ._errors import RESERVED_MEMBERS, HTTPError
from ._fields import MAX_KEY_TEXT, MAX_KEY_TOTAL, FieldError
from ._localize import field_message, force, translate_text
from ._media import ABOUT_BLANK
from ._request import uri_reference

__all__ = ["Facts", "body", "cache_key", "facts"]

_PHRASES = {status: text.title for status, text in TEXTS.items()}
_new_facts = tuple.__new__


class Facts(NamedTuple):
    """Everything of an error that its response shows (its body and headers)."""

    status: int
    type: str | None
    code: str
    title: str
    detail: str | None
    expose: bool
    default_detail: str
    instance: str | None
    errors: list[FieldError]
    headers: dict[str, str]
    extensions: dict[str, Any]


def facts(error: HTTPError) -> Facts:
    """Read *error* once: class attributes changed at run time are seen."""
    read = _read(error)
    status = read[0]
    if status.__class__ is not int and isinstance(status, int) and status.__class__ is not bool:
        return _new_facts(Facts, (int(status), *read[1:]))  # an IntEnum: HTTPStatus.GONE
    return _new_facts(Facts, read)


_read = attrgetter(*Facts._fields)
"""The facts of an error, read in one call (each attribute as ``error.<name>`` reads it)."""


def body(
    f: Facts,
    config: Config,
    path: str | None,
    request_id: str | None,
    problem: bool,
    *,
    language: str | None = None,
    trace_id: str | None = None,
) -> dict[str, Any]:
    """The body of an error with facts *f*, for a request to *path* with *request_id*.

    *language*: the answer's (an offered tag; ``None`` where only English is offered).
    The title, the default message and the generic field-error sentences are translated,
    and a lazy translation string is rendered in it. *trace_id* (32 hex digits, or
    ``None``) follows the request id.
    """
    status = f.status
    type_ = f.type or (config.type_base + f.code if config.type_base else ABOUT_BLANK)
    title = (_PHRASES.get(status) or f.title) if type_ == ABOUT_BLANK else f.title
    detail = f.detail
    default = detail is None or not f.expose
    message = f.default_detail if default else detail
    localized = language is not None and language != "en"
    if localized:
        title, message = _translated(title, message, default, language)  # type: ignore[arg-type]
    else:
        if message.__class__ is not str:  # a lazy translation string
            message = force(message, language)
        if title.__class__ is not str:
            title = force(title, language)
    if problem:
        content: dict[str, Any] = {"type": type_, "title": title, "status": status}
        content["detail"] = message
        instance = f.instance or (uri_reference(path) if path else None)
        if instance:
            content["instance"] = instance
        content["code"] = f.code
        key = "detail"
    else:
        content = {"status": status, "code": f.code, "title": title, "message": message}
        if type_ != ABOUT_BLANK:
            content["type"] = type_
        if f.instance:
            content["instance"] = f.instance
        key = "message"
    if f.errors:
        items = content["errors"] = [e.to_dict(key) for e in f.errors]
        if localized:
            for item, error in zip(items, f.errors, strict=True):
                item[key] = field_message(error.message, error.code, language)  # type: ignore[arg-type]
    if request_id is not None:
        content["request_id"] = request_id
    if trace_id is not None:
        content["trace_id"] = trace_id
    if f.extensions:
        for name, value in f.extensions.items():
            # A member with no value is left out, never sent as null.
            if value is not None and name not in RESERVED_MEMBERS:
                content[name] = value
    return content if problem else {"error": content}


def _translated(title: Any, message: Any, default: bool, language: str) -> tuple[str, str]:
    """The title and the message in *language*: the catalogue's, or a lazy string's own."""
    title = (
        force(title, language) if title.__class__ is not str else translate_text(title, language)
    )
    if message.__class__ is not str:
        message = force(message, language)
    elif default:
        message = translate_text(message, language)
    return title, message


def cache_key(f: Facts) -> tuple[tuple[Any, ...], int] | None:
    """*f* as a bounded key, with the number of characters it holds; ``None`` if none fits.

    Strings longer than :data:`MAX_KEY_TEXT` (or more than a few KiB in all), values
    other than ``str``, ``int``, ``bool`` and ``None``, and field errors of a subclass
    have no key: their errors are rendered each time.
    """
    status = f.status
    if status.__class__ is not int:
        return None
    size = 0
    for text in (f.type, f.code, f.title, f.detail, f.default_detail, f.instance):
        if text is not None:
            if text.__class__ is not str or len(text) > MAX_KEY_TEXT:
                return None
            size += len(text)
    errors: tuple[Any, ...] = ()
    if f.errors:
        items = []
        for item in f.errors:
            if item.__class__ is not FieldError:
                return None
            parts = (item.pointer, item.message, item.code, item.in_)
            for text in parts:
                if text is not None and (text.__class__ is not str or len(text) > MAX_KEY_TEXT):
                    return None
                size += len(text) if text else 0
            items.append(parts)
        errors = tuple(items)
    headers: tuple[tuple[str, Any], ...] | None = ()
    extensions: tuple[tuple[str, Any], ...] | None = ()
    if f.headers or f.extensions:  # most errors have neither: nothing to run
        headers = _pairs(f.headers, scalars=False)
        extensions = _pairs(f.extensions, scalars=True)
        if headers is None or extensions is None:
            return None
        size += sum(len(name) + _length(value) for name, value in headers + extensions)
    if size > MAX_KEY_TOTAL:
        return None
    key = (
        status, f.type, f.code, f.title, f.detail, bool(f.expose), f.default_detail,
        f.instance, errors, headers, extensions,
    )  # fmt: skip
    return key, size


def _pairs(mapping: Any, *, scalars: bool) -> tuple[tuple[str, Any], ...] | None:
    """The items of *mapping* as a key: str names; str values (or scalars, class-tagged)."""
    if not mapping:
        return ()
    if mapping.__class__ is not dict:
        return None
    pairs = []
    for name, value in mapping.items():
        if name.__class__ is not str or len(name) > MAX_KEY_TEXT:
            return None
        cls = value.__class__
        if cls is str:
            if len(value) > MAX_KEY_TEXT:
                return None
        elif not (scalars and (value is None or cls is bool or cls is int)):
            return None
        pairs.append((name, (cls, value)))
    return tuple(pairs)


def _length(value: tuple[type, Any]) -> int:
    return len(value[1]) if value[0] is str else 8
