"""``RequestInfo``: the few facts about a request that rendering needs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import quote

__all__ = [
    "HeaderSource",
    "RequestInfo",
    "find_header",
    "find_headers",
    "header_value",
    "prefers_problem",
    "uri_reference",
]

HeaderSource = Mapping[str, str] | Iterable[tuple[str, str]] | Iterable[tuple[bytes, bytes]]
"""Request headers: a mapping, or ``(name, value)`` pairs of str or (ASGI) bytes."""

# An incoming request id is echoed only when it is short and plainly printable: the whole
# value must match (fullmatch), so a trailing newline never passes as the end of the text.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=\-]{1,128}")
# Characters a URI path may hold unescaped (RFC 3986 §3.3), '%' kept for valid escapes.
_PATH_SAFE = "/!$&'()*+,;=:@-._~%"
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class RequestInfo(NamedTuple):
    """A request as rendering sees it: method, path as sent, headers.

    ``headers`` may be any mapping (looked up case-insensitively) or an iterable of
    ``(name, value)`` pairs, as str or as the bytes of an ASGI scope. A tuple, so that
    making one per error costs next to nothing. A mapping whose ``case_insensitive``
    attribute is true is trusted to match names in any case in its ``get()``, which spares
    a scan of its items when a header is absent.
    """

    method: str
    path: str
    headers: HeaderSource = ()
    language: str | None = None
    """A language the application has already chosen for this request (Django's active
    language, Flask-Babel's locale): it wins over ``Accept-Language`` where offered."""

    def header(self, name: str) -> str | None:
        """Return the value of header *name* (case-insensitive), or ``None``."""
        return header_value(self.headers, name)


def header_value(headers: HeaderSource, name: str) -> str | None:
    """Look *name* up case-insensitively in a mapping or in ``(name, value)`` pairs."""
    lowered = name.lower()
    return find_header(headers, name, lowered, lowered.encode("latin-1"))


def find_header(headers: HeaderSource, name: str, lowered: str, encoded: bytes) -> str | None:
    """:func:`header_value` with the lowercase forms of *name* already computed."""
    if not isinstance(headers, (list, tuple)) and isinstance(headers, Mapping):
        value = headers.get(name)
        if value is not None:
            return str(value)
        if getattr(headers, "case_insensitive", False):
            return None  # its get() has matched the name in any case already
        value = headers.get(lowered)
        if value is not None:
            return str(value)
        headers = headers.items()
    size = len(encoded)
    for key, value in headers:
        if key.__class__ is bytes:
            # ASGI names are lowercase already; the length test skips most others cheaply.
            if key == encoded or (len(key) == size and key.lower() == encoded):
                return value.decode("latin-1") if value.__class__ is bytes else str(value)
        elif key.__class__ is str:
            # The same length test: lowercasing keeps the length of any name that
            # lowercases to an ASCII one.
            if len(key) == size and key.lower() == lowered:
                return str(value)
        elif isinstance(key, str):
            if key.lower() == lowered:
                return str(value)
        elif isinstance(key, bytes) and key.lower() == encoded:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


HeaderNames = tuple[Any, ...]
"""Up to three header names prepared for :func:`find_headers` by :func:`header_names`."""


def header_names(*names: str | None) -> HeaderNames:
    """Up to three header names (``None``: not looked up) prepared for :func:`find_headers`:
    each one's lowercase str and bytes, then the set of their lengths."""
    prepared: list[Any] = []
    for name in (*names, None, None, None)[:3]:
        if name is None:
            prepared += (None, None)
        else:
            lowered = name.lower()
            prepared += (lowered, lowered.encode("latin-1"))
    prepared.append(frozenset(len(name) for name in names if name is not None))
    return tuple(prepared)


def find_headers(
    headers: HeaderSource, names: HeaderNames
) -> tuple[str | None, str | None, str | None]:
    """:func:`find_header` of the three *names* at once (see :func:`header_names`).

    One pass over a sequence of pairs (an ASGI scope's headers), where a lookup per name
    would scan it once each; a mapping is looked up once per name, which costs little.
    The first value of each name wins, as in :func:`find_header`.
    """
    s1, b1, s2, b2, s3, b3, sizes = names
    pairs: Any = headers
    if not isinstance(headers, (list, tuple)):
        if isinstance(headers, Mapping):
            return (
                None if s1 is None else find_header(headers, s1, s1, b1),
                None if s2 is None else find_header(headers, s2, s2, b2),
                None if s3 is None else find_header(headers, s3, s3, b3),
            )
        pairs = list(headers)  # a generator, an items view: scanned once
    found1 = found2 = found3 = None
    for key, value in pairs:
        if key.__class__ is bytes or key.__class__ is str:
            if len(key) not in sizes:
                continue  # most headers: no lowercasing, no comparison
        elif not isinstance(key, (bytes, str)):
            continue
        lowered = key.lower()
        if isinstance(key, bytes):
            is1, is2, is3 = lowered == b1, lowered == b2, lowered == b3
        else:
            is1, is2, is3 = lowered == s1, lowered == s2, lowered == s3
        if is1 and found1 is None:
            found1 = _text(value)
        if is2 and found2 is None:
            found2 = _text(value)
        if is3 and found3 is None:
            found3 = _text(value)
    return found1, found2, found3


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def safe_request_id(value: str | None) -> str | None:
    """Return *value* if it is fit to echo as a request id, else ``None``."""
    if value is None or len(value) > 128:
        return None
    if value.isascii() and value.replace("-", "").isalnum():  # hex, UUIDs: the common case
        return value
    return value if _SAFE_REQUEST_ID.fullmatch(value) else None


def uri_reference(path: str) -> str:
    """Percent-encode *path* into a valid URI reference, keeping valid escapes."""
    return _BAD_PERCENT.sub("%25", quote(path, safe=_PATH_SAFE))


@lru_cache(maxsize=256)
def prefers_problem(accept: str) -> bool:
    """Whether an Accept header ranks ``application/problem+json`` above ``application/json``.

    The most specific matching range gives each type its q-value; ties go to JSON.
    """
    problem = _quality(accept, "application", "problem+json")
    plain = _quality(accept, "application", "json")
    return problem > plain


def _quality(accept: str, main: str, sub: str) -> float:
    best_rank, best_q = -1, 0.0
    for item in accept.split(",")[:64]:
        media, _, params = item.partition(";")
        kind, _, subtype = media.strip().lower().partition("/")
        if kind == main and subtype == sub:
            rank = 2
        elif kind == main and subtype == "*":
            rank = 1
        elif kind == "*" and subtype == "*":
            rank = 0
        else:
            continue
        q = 1.0
        for param in params.split(";"):
            pname, _, pvalue = param.strip().partition("=")
            if pname.strip().lower() == "q":
                try:
                    q = float(pvalue.strip())
                except ValueError:
                    q = 0.0
                q = q if 0.0 <= q <= 1.0 else (1.0 if q > 1.0 else 0.0)
        if rank > best_rank:
            best_rank, best_q = rank, q
    return best_q
