"""Apps for the hostile-configuration server tests: ``:fastapi_app`` and ``:flask_app``.

``HOSTILE_FACTORY`` picks the ``request_id_factory``: ``uuid`` (returns a ``uuid.UUID``),
``raises``, or ``newline`` (an id with a line break and a forged log line after it).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from httpfault import Config, Conflict, Gone, NotFound


def _raises() -> str:
    raise RuntimeError("the id service is down")


FACTORIES: dict[str, Callable[[], Any]] = {
    "uuid": uuid.uuid4,
    "raises": _raises,
    "newline": lambda: "abc\nforged-line: admin logged in",
}
CONFIG = Config(
    format="auto", request_id_factory=FACTORIES[os.environ.get("HOSTILE_FACTORY", "uuid")]
)


class Retired(Gone):
    """A problem type whose status is an ``IntEnum``."""

    status = HTTPStatus.GONE  # type: ignore[assignment]


def _fastapi() -> Any:
    from fastapi import FastAPI

    from httpfault.adapters.fastapi import install

    app, v2 = FastAPI(), FastAPI()

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/gone")
    async def gone() -> None:
        raise Retired("Moved on")

    @app.get("/none-ext")
    async def none_ext() -> None:
        raise Conflict("Taken", user_id=None)

    @app.get("/nf/{name}")
    async def nf(name: str) -> None:
        raise NotFound()

    @v2.get("/users/{user_id}")
    async def user(user_id: int) -> None:
        raise NotFound(f"No user with id {user_id}")

    app.mount("/v2", v2)
    install(app, CONFIG)
    return app


def _flask() -> Any:
    from flask import Flask

    from httpfault.adapters.flask import HTTPFault

    app = Flask(__name__)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/gone")
    def gone() -> None:
        raise Retired("Moved on")

    @app.get("/none-ext")
    def none_ext() -> None:
        raise Conflict("Taken", user_id=None)

    @app.get("/nf/<name>")
    def nf(name: str) -> None:
        raise NotFound()

    HTTPFault(app, CONFIG)
    return app


fastapi_app = _fastapi() if os.environ.get("HOSTILE_APP") == "fastapi" else None
flask_app = _flask() if os.environ.get("HOSTILE_APP") == "flask" else None
