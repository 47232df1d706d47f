"""FastAPI: httpfault's error paths against FastAPI's own, as direct ASGI calls.

Two 422s: a JSON body with three invalid fields, and a request missing its one required
query parameter, where FastAPI's own work before any handler weighs the most.

The unhandled-500 comparison charges both sides for logging the traceback once: httpfault
logs it itself; for FastAPI's own path the escaped exception is logged the way uvicorn
does (``"Exception in ASGI application"`` with the traceback). Both loggers write to a
null stream, so formatting is paid and I/O is not.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, Field

from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import HEADERS, Driver, null_logger, unwritten_logger


class UserIn(BaseModel):
    """The body of ``POST /users``.

    At module level: FastAPI resolves the (string) annotation of the endpoint's parameter
    in the module's globals. A class local to ``run()`` is not found there, and FastAPI
    then takes ``user`` for a query parameter, so the 422 would be a missing query
    parameter instead of a body that fails validation.
    """

    name: str = Field(min_length=1)
    age: int = Field(ge=0)
    email: str


def run(rounds: int = 21) -> list[Result]:
    """Compare Conflict, 422, the happy path and the unhandled 500 with FastAPI's own."""
    from fastapi import FastAPI, HTTPException

    from httpfault import Config, Conflict
    from httpfault.adapters.fastapi import install

    null_logger("httpfault.bench")
    server_log = null_logger("uvicorn.bench")
    config = Config(logger_name="httpfault.bench")
    unwritten_log = unwritten_logger("uvicorn.bench.unwritten")
    unwritten = Config(logger_name="httpfault.bench.unwritten")
    unwritten_logger("httpfault.bench.unwritten")

    def build() -> FastAPI:
        app = FastAPI()

        @app.get("/conflict")
        async def ours() -> None:
            raise Conflict("Email already registered")

        @app.get("/native")
        async def native() -> None:
            raise HTTPException(409, "Email already registered")

        @app.post("/users")
        async def create(user: UserIn) -> UserIn:
            return user

        @app.get("/search")
        async def search(q: int) -> dict[str, int]:
            return {"q": q}

        @app.get("/health")
        async def health() -> dict[str, str]:
            return {"status": "ok"}

        @app.get("/crash")
        async def crash() -> None:
            raise RuntimeError("boom")

        return app

    with_httpfault = build()
    install(with_httpfault, config)
    plain = build()
    quiet = build()
    install(quiet, unwritten)

    def server_logs(exc: BaseException) -> None:
        server_log.error("Exception in ASGI application\n", exc_info=exc)

    def server_records(exc: BaseException) -> None:
        unwritten_log.error("Exception in ASGI application\n", exc_info=exc)

    invalid = json.dumps({"name": "", "age": -1}).encode()
    post_headers = [*HEADERS, (b"content-type", b"application/json")]
    drive = Driver()
    conflict = drive.request(with_httpfault, "GET", "/conflict")
    native_conflict = drive.request(plain, "GET", "/native")
    ours_422 = drive.request(with_httpfault, "POST", "/users", invalid, post_headers)
    native_422 = drive.request(plain, "POST", "/users", invalid, post_headers)
    ours_query_422 = drive.request(with_httpfault, "GET", "/search")
    native_query_422 = drive.request(plain, "GET", "/search")
    happy = drive.request(with_httpfault, "GET", "/health")
    happy_plain = drive.request(plain, "GET", "/health")
    ours_500 = drive.request(with_httpfault, "GET", "/crash")
    native_500 = drive.request(plain, "GET", "/crash", on_error=server_logs)
    ours_500_unwritten = drive.request(quiet, "GET", "/crash")
    native_500_unwritten = drive.request(plain, "GET", "/crash", on_error=server_records)
    checks = (conflict(), native_conflict(), ours_422(), native_422(), ours_query_422(),
              native_query_422(), happy(), happy_plain(), ours_500(), native_500())  # fmt: skip
    assert checks == (409, 409, 422, 422, 422, 422, 200, 200, 500, 500), checks
    native_422()  # both sides must answer for the body's three fields, not something else
    assert drive.last_body.count(b'"loc":["body",') == 3, drive.last_body
    ours_422()
    assert drive.last_body.count(b'"pointer":') == 3, drive.last_body
    return [
        compare("fastapi: raise Conflict", conflict,
                "FastAPI HTTPException", native_conflict, budget=1.0, rounds=rounds),
        compare("fastapi: 422 validation error", ours_422,
                "FastAPI default 422", native_422, budget=0.8, rounds=rounds),
        compare("fastapi: 422, one missing query parameter", ours_query_422,
                "FastAPI default 422", native_query_422, budget=0.8, rounds=rounds),
        compare("fastapi: happy path, httpfault installed", happy,
                "same app without httpfault", happy_plain, budget=1.02, rounds=rounds),
        compare("fastapi: unhandled 500, logged once", ours_500,
                "FastAPI 500 + server log line", native_500, budget=1.0, rounds=rounds),
        compare("fastapi: unhandled 500, record not written", ours_500_unwritten,
                "FastAPI 500 + server log record", native_500_unwritten, budget=1.0,
                rounds=rounds),
    ]  # fmt: skip
