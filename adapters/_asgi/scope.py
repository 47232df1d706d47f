"""An ASGI request as rendering sees it, read from the scope: no framework imported.

Shared by every ASGI adapter (Starlette, FastAPI, Quart, Falcon's ``asgi.App``).
"""

from __future__ import annotations

from typing import Any

from httpfault import RequestInfo

__all__ = ["request_info"]

_new_info = tuple.__new__


def request_info(scope: Any) -> RequestInfo:
    """The request as rendering sees it: method, path as sent, raw ASGI headers."""
    raw = scope.get("raw_path")
    if raw:  # the path as sent; ASGI servers leave the query out of it
        # Bytes outside ASCII (which a client should have percent-encoded) are UTF-8, as
        # the WSGI adapters read them: decoding them as latin-1 would encode them twice.
        path = raw.decode("ascii") if raw.isascii() else raw.decode("utf-8", "replace")
        path = path.partition("?")[0]
    else:
        path = scope.get("root_path", "") + scope.get("path", "/")
    return _new_info(RequestInfo, (scope["method"], path, scope["headers"], None))
