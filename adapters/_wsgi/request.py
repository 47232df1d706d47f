"""A WSGI request as rendering sees it: method, path as sent, headers read from the environ."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from httpfault import RequestInfo

__all__ = ["EnvironHeaders", "request_info"]

_UNPREFIXED = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})
_UNPREFIXED_NAMES = (("CONTENT_TYPE", "content-type"), ("CONTENT_LENGTH", "content-length"))


class EnvironHeaders(Mapping[str, str]):
    """The request headers of a WSGI environ, looked up case-insensitively.

    Nothing is copied: a lookup reads the environ key (``X-Request-ID`` ->
    ``HTTP_X_REQUEST_ID``), so building one costs nothing on the error path.
    Iteration gives the names in lower case.
    """

    __slots__ = ("_environ",)
    case_insensitive = True
    """``get()`` matches names in any case: httpfault need not scan the items."""

    def __init__(self, environ: Mapping[str, Any]) -> None:
        self._environ = environ

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value  # type: ignore[no-any-return]

    def get(self, name: str, default: Any = None) -> Any:
        """The value of header *name*, or *default*: one dict lookup in the environ."""
        key = name.upper().replace("-", "_")
        value = self._environ.get(key if key in _UNPREFIXED else "HTTP_" + key)
        return value if isinstance(value, str) else default

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._pairs()])

    def __len__(self) -> int:
        return len(self._pairs())

    def items(self) -> list[tuple[str, str]]:  # type: ignore[override]
        """The ``(name, value)`` pairs, names in lower case, in one pass over the environ."""
        return self._pairs()

    def _pairs(self) -> list[tuple[str, str]]:
        environ = self._environ
        pairs = [
            (key[5:].replace("_", "-").lower(), value)
            for key, value in environ.items()
            if key[:5] == "HTTP_" and value.__class__ is str
        ]
        for key, name in _UNPREFIXED_NAMES:
            value = environ.get(key)
            if value.__class__ is str:
                pairs.append((name, value))
        return pairs

    def __repr__(self) -> str:
        return f"EnvironHeaders({dict(self.items())!r})"


def request_info(environ: Mapping[str, Any]) -> RequestInfo:
    """The :class:`~httpfault.RequestInfo` of a WSGI request."""
    return RequestInfo(
        str(environ.get("REQUEST_METHOD", "GET")), _path(environ), EnvironHeaders(environ)
    )


def _path(environ: Mapping[str, Any]) -> str:
    """The path as the client sent it (``RAW_URI``/``REQUEST_URI``), without the query."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/"):
        path = raw.partition("?")[0]
    else:
        path = str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))
    if path.isascii():
        return path or "/"
    # WSGI strings carry the raw bytes as latin-1; the path's own bytes are UTF-8.
    try:
        return path.encode("latin-1").decode("utf-8", "replace") or "/"
    except UnicodeEncodeError:
        return path or "/"
