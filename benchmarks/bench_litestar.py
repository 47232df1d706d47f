"""Litestar: ``raise Conflict`` and validation errors through the plugin, against Litestar's own.

Requests are direct ASGI calls on one event loop (no network, no test client), through
the driver of the Starlette benchmark. Litestar's own side is the same app without the
plugin: its default handler answers ``HTTPException`` and ``ValidationException`` with
JSON. Both apps log nothing they are not asked to (``logging_config=None``).
"""

from __future__ import annotations

from typing import Annotated, Any

from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import HEADERS, Driver, null_logger

JSON_HEADERS = [*HEADERS, (b"content-type", b"application/json")]
INVALID = b'{"name": 5, "age": "x"}'


def run(rounds: int = 21) -> list[Result]:
    """Compare the plugin's error paths and happy path with Litestar's own."""
    from litestar import Litestar, get, post
    from litestar.exceptions import HTTPException
    from litestar.params import Body
    from pydantic import BaseModel

    from httpfault import Config, Conflict
    from httpfault.adapters.litestar import HTTPFaultPlugin

    null_logger("httpfault.bench")
    config = Config(logger_name="httpfault.bench")

    class Signup(BaseModel):
        name: str
        age: int

    def handlers() -> list[Any]:
        """Fresh route handlers: each app gets its own (Litestar binds them to one app)."""

        @get("/conflict")
        async def ours() -> None:
            raise Conflict("Email already registered")

        @get("/native")
        async def native() -> None:
            raise HTTPException("Email already registered", status_code=409)

        @get("/health")
        async def health() -> dict[str, str]:
            return {"status": "ok"}

        @post("/signup")
        async def signup(data: Annotated[Signup, Body()]) -> dict[str, Any]:
            return data.model_dump()

        return [ours, native, health, signup]

    names = {"Signup": Signup, "Body": Body, "Annotated": Annotated, "Any": Any}
    with_httpfault = Litestar(handlers(), plugins=[HTTPFaultPlugin(config)],
                              logging_config=None, signature_namespace=names)  # fmt: skip
    plain = Litestar(handlers(), logging_config=None, signature_namespace=names)

    drive = Driver()
    conflict = drive.request(with_httpfault, "GET", "/conflict")
    native_conflict = drive.request(plain, "GET", "/native")
    invalid = drive.request(with_httpfault, "POST", "/signup", INVALID, JSON_HEADERS)
    invalid_plain = drive.request(plain, "POST", "/signup", INVALID, JSON_HEADERS)
    happy = drive.request(with_httpfault, "GET", "/health")
    happy_plain = drive.request(plain, "GET", "/health")
    statuses = (conflict(), native_conflict(), invalid(), invalid_plain(), happy(), happy_plain())
    assert statuses == (409, 409, 422, 400, 200, 200), statuses
    return [
        compare("litestar: raise Conflict", conflict,
                "HTTPException(409), Litestar's JSON", native_conflict, budget=1.0,
                rounds=rounds),
        compare("litestar: validation error (422)", invalid,
                "Litestar's own ValidationException (400)", invalid_plain, budget=1.0,
                rounds=rounds),
        compare("litestar: happy path, plugin installed", happy,
                "same app without the plugin", happy_plain, budget=1.02, rounds=rounds),
    ]  # fmt: skip
