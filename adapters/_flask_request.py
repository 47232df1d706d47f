"""A WSGI request as rendering sees it: method, path as sent, headers read from the environ."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from httpfault import RequestInfo

__all__ = ["EnvironHeaders", "request_info"]

_UNPREFIXED = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})


class EnvironHeaders(Mapping[str, str]):
    """The request headers of a WSGI environ, looked up case-insensitively.

    Nothing is copied: a lookup reads the environ key (``X-Request-ID`` ->
    ``HTTP_X_REQUEST_ID``), so building one costs nothing on the error path.
    """

    __slots__ = ("_environ",)

    def __init__(self, environ: Mapping[str, Any]) -> None:
        self._environ = environ

    def __getitem__(self, name: str) -> str:
        key = name.upper().replace("-", "_")
        if key not in _UNPREFIXED:
            key = "HTTP_" + key
        value = self._environ[key]
        if not isinstance(value, str):
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        for key in self._environ:
            if key.startswith("HTTP_"):
                yield key[5:].replace("_", "-").title()
            elif key in _UNPREFIXED:
                yield key.replace("_", "-").title()

    def __len__(self) -> int:
        return sum(1 for _ in self)

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
    # WSGI strings carry the raw bytes as latin-1; the path's own bytes are UTF-8.
    try:
        return path.encode("latin-1").decode("utf-8", "replace") or "/"
    except UnicodeEncodeError:
        return path or "/"
