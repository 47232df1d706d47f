"""Sanic: ``raise Conflict`` through httpfault against Sanic's own error answering JSON.

Both apps run as ASGI apps in process on one event loop (their lifespan started once), so
the ratios compare Sanic's and httpfault's own work. The native path raises
``SanicException(..., status_code=409)``, answered by Sanic's error handler with
``FALLBACK_ERROR_FORMAT = "json"``.
"""

from __future__ import annotations

from benchmarks._harness import Result, compare
from benchmarks.bench_starlette import Driver, null_logger


def run(rounds: int = 21) -> list[Result]:
    """Compare httpfault's Sanic error path and happy path with Sanic's own."""
    import logging

    from sanic import Request, Sanic
    from sanic.exceptions import SanicException
    from sanic.response import HTTPResponse, json
    from tests.reliability.sanic_soak import lifespan

    from httpfault import Config, Conflict
    from httpfault.adapters.sanic import install

    null_logger("httpfault.bench")
    logging.getLogger("sanic.root").setLevel(logging.WARNING)  # its start-up banner
    null_logger("sanic.error")  # Sanic logs a SanicException that is not quiet itself
    config = Config(logger_name="httpfault.bench")

    def app(name: str, with_httpfault: bool) -> Sanic:  # type: ignore[type-arg]
        application = Sanic(name, configure_logging=False)
        application.config.FALLBACK_ERROR_FORMAT = "json"
        application.config.TOUCHUP = False  # it runs once per process: fair to neither

        @application.get("/conflict")
        async def ours(request: Request) -> HTTPResponse:
            raise Conflict("Email already registered")

        @application.get("/native")
        async def native(request: Request) -> HTTPResponse:
            raise SanicException("Email already registered", status_code=409)

        @application.get("/health")
        async def health(request: Request) -> HTTPResponse:
            return json({"status": "ok"})

        if with_httpfault:
            install(application, config)
        return application

    with_httpfault, plain = app("bench_httpfault", True), app("bench_plain", False)
    drive = Driver()
    with lifespan(with_httpfault, drive), lifespan(plain, drive):
        conflict = drive.request(with_httpfault, "GET", "/conflict")
        native_conflict = drive.request(plain, "GET", "/native")
        happy = drive.request(with_httpfault, "GET", "/health")
        happy_plain = drive.request(plain, "GET", "/health")
        assert (conflict(), native_conflict(), happy(), happy_plain()) == (409, 409, 200, 200)
        return [
            compare("sanic: raise Conflict", conflict,
                    "SanicException answered as JSON", native_conflict, budget=1.0,
                    rounds=rounds),
            compare("sanic: happy path, httpfault installed", happy,
                    "same app without httpfault", happy_plain, budget=1.02, rounds=rounds),
        ]  # fmt: skip
