"""Django Ninja: ``raise Conflict`` and validation errors through ``install()``, against Ninja's.

In process through Django's WSGI handler (no network), with the middleware of a project
made by ``django-admin startproject`` on both sides (the settings of the Django benchmark).
Ninja's own side is a second ``NinjaAPI`` without httpfault: its default handlers answer
``HttpError`` and ``ValidationError`` with JSON.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from benchmarks._harness import Result, compare
from benchmarks.bench_django import PROJECT_MIDDLEWARE, SETTINGS
from benchmarks.bench_starlette import null_logger

INVALID = b'{"name": 5, "age": "x"}'
urlpatterns: list[Any] = []  # filled in by _setup(), once Django is configured


class Signup(BaseModel):
    """The body both APIs validate (module level: Ninja resolves the annotation here)."""

    name: str
    age: int


def _setup() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(**{**SETTINGS, "ROOT_URLCONF": "benchmarks.bench_ninja"})
        django.setup()
    if urlpatterns:
        return
    from django.http import HttpRequest
    from django.urls import path
    from ninja import NinjaAPI
    from ninja.errors import HttpError

    from httpfault import Config, Conflict
    from httpfault.adapters.ninja import install

    null_logger("httpfault.bench")
    ours = NinjaAPI(urls_namespace="bench-ours")
    install(ours, Config(logger_name="httpfault.bench"))
    natives = [NinjaAPI(urls_namespace=f"bench-native{n}") for n in (1, 2)]

    @ours.get("/conflict")
    def conflict(request: HttpRequest) -> None:
        raise Conflict("Email already registered")

    for native in natives:

        @native.get("/conflict")
        def native_conflict(request: HttpRequest) -> None:
            raise HttpError(409, "Email already registered")

    for api in (ours, *natives):

        @api.get("/health")
        def health(request: HttpRequest) -> dict[str, str]:
            return {"status": "ok"}

        @api.post("/signup")
        def signup(request: HttpRequest, body: Signup) -> dict[str, Any]:
            return body.model_dump()

    # Ninja's own API is served twice, listed before and after httpfault's: its requests
    # alternate between the two, so its URL resolution costs what httpfault's does.
    urlpatterns.extend([
        path("native1/", natives[0].urls), path("ours/", ours.urls),
        path("native2/", natives[1].urls),
    ])  # fmt: skip


def _environ(method: str, path: str, body: bytes) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "HTTP_ACCEPT": "application/json",
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(),
    }  # fmt: skip


def _caller(
    handler: Any, method: str, paths: tuple[str, ...], status: str, body: bytes = b""
) -> Callable[[], object]:
    """Requests to *paths* in turn (each side takes the same turns, one path or two)."""

    def start_response(got: str, headers: list[tuple[str, str]]) -> None:
        if got != status:
            raise AssertionError(f"{paths}: expected {status}, got {got}")

    turns = itertools.cycle(paths * (2 // len(paths)))

    def call() -> object:
        environ = _environ(method, next(turns), body)
        response: Iterable[bytes] = handler(environ, start_response)
        data = b"".join(response)
        response.close()  # type: ignore[attr-defined]
        return data

    return call


def run(rounds: int = 21) -> list[Result]:
    """Compare the Ninja adapter's error paths and happy path with Ninja's own."""
    _setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with override_settings(MIDDLEWARE=PROJECT_MIDDLEWARE, ROOT_URLCONF="benchmarks.bench_ninja"):
        handler = WSGIHandler()
        natives = ("/native1", "/native2")

        def sides(method: str, route: str, status: str, body: bytes = b"") -> tuple[Any, Any]:
            return (
                _caller(handler, method, (f"/ours{route}",), status, body),
                _caller(handler, method, tuple(f"{n}{route}" for n in natives), status, body),
            )

        ours, native = sides("GET", "/conflict", "409 Conflict")
        invalid, invalid_native = sides("POST", "/signup", "422 Unprocessable Entity", INVALID)
        happy, happy_native = sides("GET", "/health", "200 OK")
        return [
            compare("ninja: raise Conflict", ours, "HttpError(409), Ninja's JSON", native,
                    budget=1.0, rounds=rounds),
            compare("ninja: validation error (422)", invalid, "Ninja's own ValidationError",
                    invalid_native, budget=1.0, rounds=rounds),
            compare("ninja: happy path, installed", happy, "same API without httpfault",
                    happy_native, budget=1.02, rounds=rounds),
        ]  # fmt: skip
