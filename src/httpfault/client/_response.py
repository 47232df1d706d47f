"""One view of an HTTP response, whatever library made it (duck typing, no imports).

Understood: httpx (and so Starlette's TestClient), requests, werkzeug/Flask test
responses, Django ``HttpResponse`` objects, Starlette ``Response`` objects and
httpfault's own ``Rendered``, or anything with a status code, headers and a body in one
of their spellings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["ResponseView", "view"]


@dataclass(frozen=True)
class ResponseView:
    """Status, headers (as sent, in order) and body bytes of a response."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    method: str | None = None
    """The request method, when the response knows its request."""
    path: str | None = None
    """The request path, when the response knows its request."""

    def header(self, name: str) -> str | None:
        """All values of header *name* joined with ``", "`` (case-insensitive), or ``None``."""
        values = self.header_list(name)
        return ", ".join(values) if values else None

    def header_list(self, name: str) -> list[str]:
        """Every value of header *name*, case-insensitively."""
        return list(self._by_name.get(name.lower(), ()))

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for key, value in self.headers:
            index.setdefault(key.lower(), []).append(value)
        return index

    @property
    def media_type(self) -> str | None:
        """The ``Content-Type`` without parameters, lower-cased, or ``None``."""
        value = self.header("content-type")
        if value is None:
            return None
        return value.split(";", 1)[0].strip().lower()


def view(response: Any, *, body: bytes | None = None) -> ResponseView:
    """Read *response* into a :class:`ResponseView`; ``TypeError`` if it is no response."""
    if isinstance(response, ResponseView):
        return response
    status = getattr(response, "status_code", None)
    if status is None:
        status = getattr(response, "status", None)
    if isinstance(status, str):  # e.g. werkzeug's "404 NOT FOUND" spelling, just in case
        status = int(status.split(None, 1)[0]) if status[:3].isdigit() else None
    if isinstance(status, bool) or not isinstance(status, int):
        raise TypeError(f"{type(response).__name__} has no integer status_code")
    method, path = _request_of(response)
    return ResponseView(
        status=status,
        headers=_headers_of(response),
        body=_body_of(response) if body is None else body,
        method=method,
        path=path,
    )


def _pairs(source: Any) -> list[tuple[str, str]]:
    raw = getattr(source, "raw", None)
    if isinstance(raw, list):  # httpx.Headers: every value, names as sent
        items: Iterable[Any] = raw
    elif hasattr(source, "multi_items"):
        items = source.multi_items()
    elif isinstance(source, Mapping) or hasattr(source, "items"):
        items = source.items()  # werkzeug Headers yields repeats too; Django's are unique
    else:
        items = source
    pairs = []
    for name, value in items:
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        pairs.append((key, text))
    return pairs


def _headers_of(response: Any) -> tuple[tuple[str, str], ...]:
    source = getattr(response, "headers", None)
    if source is None and callable(getattr(response, "items", None)):
        source = response.items()  # Django before ``HttpResponse.headers`` existed
    if source is None:
        return ()
    return tuple(_pairs(source))


def _body_of(response: Any) -> bytes:
    get_data = getattr(response, "get_data", None)
    if callable(get_data):  # werkzeug / Flask
        data = get_data()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if getattr(response, "streaming", False) is True and hasattr(response, "streaming_content"):
        chunks = response.streaming_content  # Django's StreamingHttpResponse
        if hasattr(chunks, "__aiter__") and not hasattr(chunks, "__iter__"):
            raise TypeError("an asynchronous streaming response cannot be read synchronously")
        return b"".join(bytes(chunk) for chunk in chunks)
    try:
        content = response.content  # httpx raises ResponseNotRead for an unread stream
    except AttributeError:
        content = getattr(response, "body", None)  # Starlette's Response, httpfault's Rendered
        if not isinstance(content, (bytes, bytearray, memoryview, str)):
            raise TypeError(f"{type(response).__name__} has no readable body") from None
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


def _request_of(response: Any) -> tuple[str | None, str | None]:
    try:
        request = getattr(response, "request", None)
    except RuntimeError:  # httpx: a response built by hand has no request
        return None, None
    if request is None:
        return None, None
    if isinstance(request, Mapping):  # Django's test client: the WSGI-ish request dict
        method, path = request.get("REQUEST_METHOD"), request.get("PATH_INFO")
    else:
        method = getattr(request, "method", None)
        raw = getattr(getattr(request, "url", None), "raw_path", None)  # httpx: as sent
        path = raw.decode("ascii", "replace") if isinstance(raw, bytes) else None
        if path is None:
            path = getattr(request, "path", None)  # werkzeug
    return (
        method.upper() if isinstance(method, str) and method else None,
        path if isinstance(path, str) and path else None,
    )
