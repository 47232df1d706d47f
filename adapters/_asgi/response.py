"""A rendered error as a Starlette response, and header lines as ASGI wants them."""

from __future__ import annotations

from starlette.responses import Response

from httpfault import Rendered
from httpfault._media import JSON, PROBLEM

__all__ = ["ErrorResponse", "raw_headers"]

# Header lines every error carries, as ASGI wants them (lowercase bytes): made once.
_RAW_LINES: dict[tuple[str, str], tuple[bytes, bytes]] = {
    (name, value): (name.lower().encode("latin-1"), value.encode("latin-1"))
    for name, value in (("Content-Type", JSON), ("Content-Type", PROBLEM), ("Vary", "Accept"))
}
_NAMES: dict[str, bytes] = {"X-Request-ID": b"x-request-id"}


def raw_headers(lines: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    """Header lines as ASGI wants them: lowercase names, names and values as bytes."""
    raw = []
    for line in lines:
        known = _RAW_LINES.get(line)
        if known is None:
            name, value = line
            known = (_NAMES.get(name) or name.lower().encode("latin-1"), value.encode("latin-1"))
        raw.append(known)
    return raw


class ErrorResponse(Response):
    """A rendered error as a Starlette response (no body for HEAD)."""

    def __init__(self, rendered: Rendered, *, head: bool = False) -> None:
        status, headers, body = rendered
        raw = raw_headers(headers)
        if not head:
            raw.append((b"content-length", b"%d" % len(body)))
        self.status_code = status
        self.background = None
        self.body = body
        self.raw_headers = raw
