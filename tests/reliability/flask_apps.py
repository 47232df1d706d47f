"""The reliability routes on Flask: ``tests.reliability.flask_apps:app`` for gunicorn."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Flask, Response, request

import httpfault
from httpfault import Config
from httpfault.adapters.flask import HTTPFault
from tests.reliability.scenarios import (
    BIG_DETAIL,
    CONFIG,
    SECRET,
    STREAM_CHUNK,
    STREAM_CHUNKS,
    DomainError,
    EmailTaken,
    User,
)


def _chunks(fail: bool) -> Iterator[bytes]:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        yield STREAM_CHUNK


def make_flask(config: Config = CONFIG, name: str = "reliability") -> Flask:
    """The reliability routes on Flask, with httpfault installed with *config*."""
    app = Flask(name)

    @app.get("/ok")
    def ok() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/missing")
    def missing() -> None:
        raise httpfault.NotFound("No such item")

    @app.post("/users")
    def users() -> None:
        raise EmailTaken("Email already registered")

    @app.post("/validate")
    def validate() -> dict[str, bool]:
        User.model_validate(request.get_json())
        return {"ok": True}  # pragma: no cover - the tests send invalid bodies

    @app.get("/throttled")
    def throttled() -> None:
        raise httpfault.TooManyRequests("Slow down", retry_after=30)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError(f"database password is {SECRET}")

    @app.get("/mapped")
    def mapped() -> None:
        raise DomainError("no such account")

    @app.get("/big")
    def big() -> None:
        raise httpfault.NotFound(BIG_DETAIL)

    @app.get("/stream")
    def stream() -> Response:
        return Response(_chunks(fail=False), mimetype="application/octet-stream")

    @app.get("/stream-fail")
    def stream_fail() -> Response:
        return Response(_chunks(fail=True), mimetype="application/octet-stream")

    HTTPFault(app, config)
    return app


app = make_flask()
