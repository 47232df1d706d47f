"""Falcon: ``raise Conflict`` through httpfault against Falcon's own error paths.

``falcon.App`` is called as a WSGI callable, ``falcon.asgi.App`` by direct ASGI calls on
one event loop (no network, no test client). Baseline: Falcon's own ``HTTPConflict``,
answered by Falcon's default handler and serializer (JSON). The happy path is timed too:
an app with httpfault installed against the same app without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from benchmarks._harness import Result, compare
from benchmarks.bench_quart import Driver
from benchmarks.bench_starlette import null_logger

MESSAGE = "Email already registered"


def _wsgi_caller(app: Any, path: str) -> Callable[[], bytes]:
    from falcon.testing import create_environ

    headers = {"Accept": "application/json", "X-Request-ID": "9f1c2ab3"}
    method = "POST" if path == "/users" else "GET"
    environ = create_environ(path=path, method=method, headers=headers)

    def start_response(status: str, headers: Iterable[tuple[str, str]],
                       exc_info: Any = None) -> None:  # fmt: skip
        return None

    def call() -> bytes:
        body = b"".join(app(dict(environ), start_response))
        assert body, "the app answered no body"
        return body

    return call


def _apps(asgi: bool) -> dict[str, Any]:
    import falcon
    import falcon.asgi

    from httpfault import Config, Conflict
    from httpfault.adapters.falcon import install

    null_logger("httpfault.bench")  # 4xx lines are INFO: off at the default WARNING level

    if asgi:

        class Users:
            async def on_post(self, req: Any, resp: Any) -> None:
                raise Conflict(MESSAGE)

        class Native:
            async def on_post(self, req: Any, resp: Any) -> None:
                raise falcon.HTTPConflict(description=MESSAGE)

        class Health:
            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {"status": "ok"}

        make: Any = falcon.asgi.App
    else:

        class Users:  # type: ignore[no-redef]
            def on_post(self, req: Any, resp: Any) -> None:
                raise Conflict(MESSAGE)

        class Native:  # type: ignore[no-redef]
            def on_post(self, req: Any, resp: Any) -> None:
                raise falcon.HTTPConflict(description=MESSAGE)

        class Health:  # type: ignore[no-redef]
            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {"status": "ok"}

        make = falcon.App
    ours = make()
    install(ours, Config(logger_name="httpfault.bench"))
    ours.add_route("/users", Users())
    ours.add_route("/health", Health())
    native = make()
    native.add_route("/users", Native())
    bare = make()
    bare.add_route("/health", Health())
    return {"ours": ours, "native": native, "bare": bare}


def run(rounds: int = 21) -> list[Result]:
    """Compare a raised Conflict through httpfault with Falcon's own HTTPConflict."""
    results = []
    wsgi = _apps(asgi=False)
    conflict = _wsgi_caller(wsgi["ours"], "/users")
    native = _wsgi_caller(wsgi["native"], "/users")
    happy, happy_bare = _wsgi_caller(wsgi["ours"], "/health"), _wsgi_caller(wsgi["bare"], "/health")
    results += [
        compare("falcon: raise Conflict", conflict,
                "Falcon's HTTPConflict, default JSON", native, budget=1.0, rounds=rounds),
        compare("falcon: happy path, httpfault installed", happy,
                "the same app without it", happy_bare, budget=1.02, rounds=rounds),
    ]  # fmt: skip
    asgi = _apps(asgi=True)
    drive = Driver()
    a_conflict = drive.request(asgi["ours"], "POST", "/users")
    a_native = drive.request(asgi["native"], "POST", "/users")
    a_happy = drive.request(asgi["ours"], "GET", "/health")
    a_bare = drive.request(asgi["bare"], "GET", "/health")
    assert (a_conflict(), a_native(), a_happy(), a_bare()) == (409, 409, 200, 200)
    results += [
        compare("falcon.asgi: raise Conflict", a_conflict,
                "Falcon's HTTPConflict, default JSON", a_native, budget=1.0, rounds=rounds),
        compare("falcon.asgi: happy path, httpfault installed", a_happy,
                "the same app without it", a_bare, budget=1.02, rounds=rounds),
    ]  # fmt: skip
    return results
