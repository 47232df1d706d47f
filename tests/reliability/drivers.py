"""The cheapest in-process way to send a request to each framework: no test client.

ASGI apps are called directly on one event loop, WSGI apps (Flask, Django's handler) as
plain callables. Every driver returns ``(status, headers, body)`` with a header lookup
that ignores case.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tests.reliability.scenarios import Scenario

Answer = tuple[int, Callable[[str], "str | None"], bytes]


def _lookup(pairs: Sequence[tuple[str, str]]) -> Callable[[str], str | None]:
    def get(name: str) -> str | None:
        wanted = name.lower()
        for key, value in pairs:
            if key.lower() == wanted:
                return value
        return None

    return get


def encode(scenario: Scenario) -> bytes:
    """The request body of *scenario* (JSON, or empty)."""
    return b"" if scenario.body is None else json.dumps(scenario.body).encode()


# -- ASGI ---------------------------------------------------------------------------------


def asgi_scope(method: str, path: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """An HTTP scope as uvicorn would build it."""
    raw = [(b"host", b"testserver")]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    if body:
        raw += [(b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode())]  # fmt: skip
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
        "root_path": "", "query_string": b"", "headers": raw,
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip


async def asgi_request(
    app: Any,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes = b"",
    *,
    interleave: bool = False,
) -> Answer:
    """Send one request to an ASGI *app*; the whole response, or what was sent of it.

    With *interleave*, every ``receive()`` and ``send()`` first yields to the event loop,
    so concurrent requests take turns in the middle of each other.
    """
    scope = asgi_scope(method, path, headers, body)
    sent = False
    answered = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if interleave:
            await asyncio.sleep(0)
        if sent:
            # A client that waits for the whole response, then hangs up (Quart listens
            # for that while it answers).
            await answered.wait()
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    status = 0
    out: list[tuple[str, str]] = []
    parts: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if interleave:
            await asyncio.sleep(0)
        if message["type"] == "http.response.start":
            status = message["status"]
            out.extend((k.decode("latin-1"), v.decode("latin-1")) for k, v in message["headers"])
        elif message["type"] == "http.response.body":
            parts.append(message.get("body", b""))
            if not message.get("more_body"):
                answered.set()

    await app(scope, receive, send)
    return status, _lookup(out), b"".join(parts)


class AsgiDriver:
    """Runs ASGI requests on one event loop owned by the driver."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __call__(
        self, app: Any, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> Answer:
        return self.loop.run_until_complete(asgi_request(app, method, path, headers, body))

    def run(self, coroutine: Any) -> Any:
        """Run any coroutine on the driver's loop."""
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.loop.close()


# -- WSGI ---------------------------------------------------------------------------------


def wsgi_environ(method: str, path: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """A WSGI environ as gunicorn would build it."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(), "wsgi.multithread": False, "wsgi.multiprocess": False,
        "wsgi.run_once": False, "wsgi.version": (1, 0), "REMOTE_ADDR": "127.0.0.1",
    }  # fmt: skip
    if body:
        environ["CONTENT_TYPE"] = "application/json"
        environ["CONTENT_LENGTH"] = str(len(body))
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def wsgi_request(
    app: Any, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> Answer:
    """Call a WSGI *app* once; the whole response."""
    got: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        got[:] = [int(status.split(" ", 1)[0]), headers]
        return lambda data: None

    iterable = app(wsgi_environ(method, path, headers, body), start_response)
    try:
        data = b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    return got[0], _lookup(got[1]), data


@contextmanager
def django_handler(**overrides: Any) -> Iterator[Any]:
    """Django's WSGI handler built under the reliability settings (plus *overrides*)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    from tests.reliability.django_settings import IN_PROCESS

    with override_settings(**{**IN_PROCESS, **overrides}):
        yield WSGIHandler()
