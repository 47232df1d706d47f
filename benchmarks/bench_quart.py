"""Quart: ``raise Conflict`` through httpfault against Quart's own error paths.

Requests are direct ASGI calls of a Quart app on one event loop (no network, no test
client). Baselines: a hand-written JSON ``errorhandler`` for werkzeug's
``HTTPException`` (the usual API pattern) and Quart's default HTML ``abort(409)``. The
happy path is timed too: an app with httpfault installed against the same app without it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import BATCH, HEADERS, null_logger

MESSAGE = "Email already registered"


def _apps() -> dict[str, Any]:
    from quart import Quart, abort
    from werkzeug.exceptions import HTTPException

    from httpfault import Config, Conflict
    from httpfault.adapters.quart import HTTPFault

    null_logger("httpfault.bench")  # 4xx lines are INFO: off at the default WARNING level
    ours = Quart("httpfault_bench")
    HTTPFault(ours, Config(logger_name="httpfault.bench"))

    @ours.post("/users")
    async def create_ours() -> None:
        raise Conflict(MESSAGE)

    @ours.get("/health")
    async def health_ours() -> dict[str, str]:
        return {"status": "ok"}

    handwritten = Quart("handwritten_bench")

    @handwritten.errorhandler(HTTPException)
    async def as_json(error: HTTPException) -> Any:
        body = {"status": error.code, "code": "conflict", "title": error.name,
                "message": error.description}  # fmt: skip
        return {"error": body}, error.code

    @handwritten.post("/users")
    async def create_handwritten() -> None:
        abort(409, MESSAGE)

    default = Quart("default_bench")

    @default.post("/users")
    async def create_default() -> None:
        abort(409, MESSAGE)

    bare = Quart("bare_bench")

    @bare.get("/health")
    async def health_bare() -> dict[str, str]:
        return {"status": "ok"}

    return {"ours": ours, "handwritten": handwritten, "default": default, "bare": bare}


class Driver:
    """Calls an ASGI app in-process on one event loop, as a server would.

    After the request body, ``receive()`` waits (a client that stays connected): Quart
    listens for a disconnect while it answers, and stops listening when it is done.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def request(self, app: Any, method: str, path: str) -> Callable[[], int]:
        """A function making BATCH requests and returning the last response status."""
        scope_base = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
            "root_path": "", "query_string": b"", "headers": list(HEADERS),
            "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        }  # fmt: skip
        message = {"type": "http.request", "body": b"", "more_body": False}

        async def call() -> int:
            status = 0
            sent = False

            async def receive() -> dict[str, Any]:
                nonlocal sent
                if sent:
                    await asyncio.get_running_loop().create_future()  # never done
                sent = True
                return message

            async def send(msg: dict[str, Any]) -> None:
                nonlocal status
                if msg["type"] == "http.response.start":
                    status = msg["status"]

            await app(dict(scope_base), receive, send)
            return status

        async def batch() -> int:
            status = 0
            for _ in range(BATCH):
                status = await call()
            return status

        return lambda: self.loop.run_until_complete(batch())


def run(rounds: int = 21) -> list[Result]:
    """Compare a raised Conflict through httpfault with Quart's usual error paths."""
    apps = _apps()
    drive = Driver()
    conflict = drive.request(apps["ours"], "POST", "/users")
    handwritten = drive.request(apps["handwritten"], "POST", "/users")
    default = drive.request(apps["default"], "POST", "/users")
    happy = drive.request(apps["ours"], "GET", "/health")
    happy_bare = drive.request(apps["bare"], "GET", "/health")
    assert (conflict(), handwritten(), default(), happy(), happy_bare()) == (
        409, 409, 409, 200, 200)  # fmt: skip
    return [
        compare("quart: raise Conflict", conflict,
                "hand-written JSON errorhandler", handwritten, budget=1.0, rounds=rounds),
        compare("quart: raise Conflict", conflict,
                "Quart default HTML abort(409)", default, budget=1.0, rounds=rounds),
        compare("quart: happy path, httpfault installed", happy,
                "the same app without it", happy_bare, budget=1.02, rounds=rounds),
    ]  # fmt: skip
