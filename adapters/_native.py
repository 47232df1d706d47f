"""A framework's own HTTP error, given as status, detail and headers, as an ``HTTPError``.

Shared by the adapters whose frameworks describe their errors that way (aiohttp, Sanic).
Nothing here imports a framework or renders: the adapters hand the result to
:func:`httpfault._handling.handle`.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterable, Mapping

from httpfault import BadRequest, HTTPError, InternalServerError, MethodNotAllowed
from httpfault._catalog_data import TEXTS
from httpfault._convert import error_class

__all__ = ["is_default_detail", "native_error"]

# Headers the rendered answer sets itself (Allow: from the error's allowed methods).
_SKIPPED = frozenset({"content-type", "content-length", "allow", "transfer-encoding"})


def is_default_detail(status: int, detail: object) -> bool:
    """Whether *detail* is stock text for *status* (``Not Found``, ``404: Not Found``)."""
    if detail is None or detail == "":
        return True
    if not isinstance(detail, str):
        return False
    phrase = http.client.responses.get(status)
    if detail in (phrase, f"{status}: {phrase}"):
        return True
    text = TEXTS.get(status)
    return text is not None and detail in (text.title, text.message)


def native_error(
    status: int,
    detail: str | None,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    *,
    allow: Iterable[str] | None = None,
) -> HTTPError | None:
    """The :class:`HTTPError` for a framework error of *status*; ``None`` below 400.

    *detail* is kept unless it is stock text for the status. The headers are kept except
    those the answer sets itself; a 405's ``Allow`` comes from *allow* (sorted), or from
    the ``Allow`` header. An unregistered 4xx becomes a 400, an unregistered 5xx a 500.
    """
    if not 400 <= status <= 599:
        return None
    text = None if is_default_detail(status, detail) else detail
    kept: dict[str, str] = {}
    allow_header: str | None = None
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in pairs:
        lowered = name.lower()
        if lowered == "allow":
            allow_header = value
        elif lowered not in _SKIPPED:
            kept[name] = f"{kept[name]}, {value}" if name in kept else str(value).strip()
    try:
        cls = error_class(status)
    except LookupError:
        cls = BadRequest if status < 500 else InternalServerError
    if cls is MethodNotAllowed:
        if allow is None and allow_header is not None:
            allow = [m.strip() for m in allow_header.split(",") if m.strip()]
        methods = sorted({m.upper() for m in allow}) if allow is not None else None
        return MethodNotAllowed(text, allow=methods, headers=kept)
    return cls(text, headers=kept)
