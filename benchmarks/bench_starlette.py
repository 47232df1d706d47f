"""Starlette: ``raise Conflict`` through httpfault against Starlette's own error paths.

Requests are direct ASGI calls on one event loop (no network, no test client), so the
ratios compare the frameworks' and httpfault's own work.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks._harness import Result, compare

BATCH = 20  # requests per timed call, so the event loop's own cost weighs little

HEADERS: list[tuple[bytes, bytes]] = [
    (b"host", b"testserver"),
    (b"accept", b"application/json"),
    (b"x-request-id", b"9f1c2ab3"),
]


def null_logger(name: str) -> logging.Logger:
    """A logger that formats records (tracebacks included) into a null stream."""
    import io

    class Null(io.TextIOBase):
        def write(self, s: str) -> int:
            return len(s)

    logger = logging.getLogger(name)
    logger.handlers[:] = [logging.StreamHandler(Null())]
    logger.propagate = False
    logger.setLevel(logging.WARNING)  # logging's default: 5xx lines out, 4xx INFO lines not
    return logger


def unwritten_logger(name: str) -> logging.Logger:
    """A logger whose records are made (traceback attached) but never formatted or written."""
    logger = logging.getLogger(name)
    logger.handlers[:] = [logging.NullHandler()]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    return logger


class Driver:
    """Calls an ASGI app in-process on one event loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.last_body = b""

    def request(
        self,
        app: Any,
        method: str,
        path: str,
        body: bytes = b"",
        headers: Sequence[tuple[bytes, bytes]] = HEADERS,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Callable[[], int]:
        """A function making BATCH requests and returning the last response status."""
        scope_base = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
            "root_path": "", "query_string": b"", "headers": list(headers),
            "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        }  # fmt: skip
        message = {"type": "http.request", "body": body, "more_body": False}

        async def call() -> int:
            status = 0

            async def receive() -> dict[str, Any]:
                return message

            async def send(msg: dict[str, Any]) -> None:
                nonlocal status
                if msg["type"] == "http.response.start":
                    status = msg["status"]
                else:
                    self.last_body = msg.get("body", b"")

            try:
                await app(dict(scope_base), receive, send)
            except Exception as exc:  # what a server does with an escaped exception
                if on_error is None:
                    raise
                on_error(exc)
            return status

        async def batch() -> int:
            status = 0
            for _ in range(BATCH):
                status = await call()
            return status

        def run() -> int:
            return self.loop.run_until_complete(batch())

        return run


def run(rounds: int = 21) -> list[Result]:
    """Compare httpfault's Starlette error path and happy path with Starlette's own."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from httpfault import Config, Conflict
    from httpfault.adapters.starlette import install

    null_logger("httpfault.bench")  # 4xx lines are INFO: off at the default WARNING level
    config = Config(logger_name="httpfault.bench")

    async def ours(request: Request) -> Response:
        raise Conflict("Email already registered")

    async def native(request: Request) -> Response:
        raise HTTPException(409, "Email already registered")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def json_handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=exc.headers)  # fmt: skip

    routes = [Route("/conflict", ours), Route("/native", native), Route("/health", health)]
    with_httpfault = Starlette(routes=routes)
    install(with_httpfault, config)
    plain = Starlette(routes=routes, exception_handlers={HTTPException: json_handler})

    drive = Driver()
    conflict = drive.request(with_httpfault, "GET", "/conflict")
    native_conflict = drive.request(plain, "GET", "/native")
    happy = drive.request(with_httpfault, "GET", "/health")
    happy_plain = drive.request(plain, "GET", "/health")
    assert (conflict(), native_conflict(), happy(), happy_plain()) == (409, 409, 200, 200)
    return [
        compare("starlette: raise Conflict", conflict,
                "HTTPException + JSONResponse handler", native_conflict, budget=1.0, rounds=rounds),
        compare("starlette: happy path, httpfault installed", happy,
                "same app without httpfault", happy_plain, budget=1.02, rounds=rounds),
    ]  # fmt: skip
