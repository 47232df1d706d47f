"""A pure WSGI app serving the scenarios of :mod:`tests.client.scenarios` (for gunicorn)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from tests.client.scenarios import respond


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Answer every request with ``respond()``."""
    headers = [
        (key[5:].replace("_", "-").title(), value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    status, out, body = respond(environ["REQUEST_METHOD"], environ["PATH_INFO"], headers)
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    start_response(f"{status} {phrase}", out)
    return [body]
