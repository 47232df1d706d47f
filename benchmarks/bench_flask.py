"""Flask: ``raise Conflict`` through httpfault against Flask's own error paths.

Every case is a direct WSGI call of a Flask app (no network, no test client): a view
raises a 409 and the app answers it. Baselines: a hand-written JSON ``errorhandler``
(the usual API pattern) and Flask's default HTML ``abort(409)``. The happy path is timed
too: an app with httpfault installed against the same app without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from benchmarks._harness import Result, compare

MESSAGE = "Email already registered"


def _caller(app: Any, path: str, method: str = "POST") -> Callable[[], bytes]:
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path=path, method=method).get_environ()

    def start_response(
        status: str, headers: Iterable[tuple[str, str]], exc_info: Any = None
    ) -> None:
        return None

    def call() -> bytes:
        body = b"".join(app(dict(environ), start_response))
        assert body, "the app answered no body"
        return body

    return call


def _apps() -> dict[str, Callable[[], bytes]]:
    from flask import Flask, abort, jsonify
    from werkzeug.exceptions import HTTPException

    from httpfault import Conflict
    from httpfault.adapters.flask import HTTPFault

    ours = Flask("httpfault_bench")
    HTTPFault(ours)

    @ours.post("/users")
    def create_ours() -> None:
        raise Conflict(MESSAGE)

    handwritten = Flask("handwritten_bench")

    @handwritten.errorhandler(HTTPException)
    def as_json(error: HTTPException) -> Any:
        body = {"status": error.code, "code": "conflict", "title": error.name,
                "message": error.description}  # fmt: skip
        return jsonify(error=body), error.code

    @handwritten.post("/users")
    def create_handwritten() -> None:
        abort(409, MESSAGE)

    default = Flask("default_bench")

    @default.post("/users")
    def create_default() -> None:
        abort(409, MESSAGE)

    @ours.get("/health")
    def health_ours() -> dict[str, str]:
        return {"status": "ok"}

    bare = Flask("bare_bench")

    @bare.get("/health")
    def health_bare() -> dict[str, str]:
        return {"status": "ok"}

    return {
        "happy": _caller(ours, "/health", "GET"),
        "happy_bare": _caller(bare, "/health", "GET"),
        "httpfault": _caller(ours, "/users"),
        "handwritten": _caller(handwritten, "/users"),
        "default": _caller(default, "/users"),
    }


def run(rounds: int = 21) -> list[Result]:
    """Compare a raised Conflict through httpfault with Flask's usual error paths."""
    calls = _apps()
    return [
        compare("flask: raise Conflict", calls["httpfault"],
                "hand-written JSON errorhandler", calls["handwritten"], budget=1.0, rounds=rounds),
        compare("flask: raise Conflict", calls["httpfault"],
                "Flask default HTML abort(409)", calls["default"], budget=1.0, rounds=rounds),
        compare("flask: happy path, httpfault installed", calls["happy"],
                "the same app without it", calls["happy_bare"], budget=1.02, rounds=rounds),
    ]  # fmt: skip
