"""The observability apps of the adapters beyond ``apps.py``'s: DRF, Django Ninja, Litestar,
Quart, Falcon (WSGI and ASGI), aiohttp and Sanic.

Each answers a 4xx at ``/conflict`` and a 5xx (an unhandled ``RuntimeError``) at ``/boom``
through the framework's own in-process client, as a ``get(path, headers) -> (status,
body)``; a new app per call (the config differs between cases).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator, Mapping
from typing import Any

from httpfault import Config

from .apps import Get, boom, conflict

FRAMEWORKS = {
    "drf": "rest_framework", "ninja": "ninja", "litestar": "litestar", "quart": "quart",
    "falcon": "falcon", "falcon-asgi": "falcon", "aiohttp": "aiohttp", "sanic": "sanic",
}  # fmt: skip
"""The package each adapter of this module needs (Quart is not installed everywhere)."""
MORE = tuple(FRAMEWORKS)
"""The adapters this module builds apps for."""

_names = itertools.count()


def more_app_for(adapter: str, config: Config) -> Iterator[Get]:
    """The app of *adapter* (one of :data:`MORE`), as a ``get``."""
    if adapter.startswith("falcon"):
        return _falcon(config, asgi=adapter == "falcon-asgi")
    builders = {"drf": _drf, "ninja": _ninja, "litestar": _litestar, "quart": _quart,
                "aiohttp": _aiohttp, "sanic": _sanic}  # fmt: skip
    return builders[adapter](config)


def _django_get(urlpatterns: list[Any], config: Config) -> Iterator[Get]:
    from django.test import Client, override_settings

    # An URLconf is any object with ``urlpatterns``; a class is hashable, as Django's
    # resolver cache needs.
    urls = type(f"urls_{next(_names)}", (), {"urlpatterns": urlpatterns})
    with override_settings(ROOT_URLCONF=urls, HTTPFAULT={"CONFIG": config}):
        client = Client(raise_request_exception=False)

        def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
            response = client.get(path, headers=dict(headers))
            return response.status_code, json.loads(response.content)

        yield get


def _drf(config: Config) -> Iterator[Get]:
    from django.urls import path
    from rest_framework.views import APIView

    class Conflicting(APIView):  # type: ignore[misc]
        def get(self, request: Any) -> Any:
            conflict()

    class Failing(APIView):  # type: ignore[misc]
        def get(self, request: Any) -> Any:
            boom()

    yield from _django_get(
        [path("conflict", Conflicting.as_view()), path("boom", Failing.as_view())], config
    )


def _ninja(config: Config) -> Iterator[Get]:
    from django.urls import path
    from ninja import NinjaAPI

    from httpfault.adapters.ninja import install

    api = NinjaAPI(urls_namespace=f"observed_{next(_names)}")

    @api.get("/conflict")
    def conflict_view(request: Any) -> None:
        conflict()

    @api.get("/boom")
    def boom_view(request: Any) -> None:
        boom()

    install(api, config)
    yield from _django_get([path("", api.urls)], config)


def _litestar(config: Config) -> Iterator[Get]:
    from litestar import Litestar, get
    from litestar.testing import TestClient

    from httpfault.adapters.litestar import HTTPFaultPlugin

    @get("/conflict", sync_to_thread=False)
    def conflict_view() -> None:
        conflict()

    @get("/boom", sync_to_thread=False)
    def boom_view() -> None:
        boom()

    app = Litestar([conflict_view, boom_view], plugins=[HTTPFaultPlugin(config)])
    with TestClient(app, raise_server_exceptions=False) as client:

        def get_(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
            response = client.get(path, headers=dict(headers))
            if not response.headers.get("content-type", "").endswith("json"):
                return response.status_code, {"not-json": response.text}
            return response.status_code, response.json()

        yield get_


def _quart(config: Config) -> Iterator[Get]:
    from quart import Quart

    from httpfault.adapters.quart import HTTPFault

    app = Quart(f"observed_{next(_names)}")

    @app.get("/conflict")
    async def conflict_view() -> None:
        conflict()

    @app.get("/boom")
    async def boom_view() -> None:
        boom()

    HTTPFault(app, config)

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        async def run() -> tuple[int, dict[str, Any]]:
            response = await app.test_client().get(path, headers=dict(headers))
            return response.status_code, json.loads(await response.get_data())

        return asyncio.run(run())

    yield get


class _Conflicting:
    def on_get(self, req: Any, resp: Any) -> None:
        conflict()


class _Failing:
    def on_get(self, req: Any, resp: Any) -> None:
        boom()


class _AsyncConflicting:
    async def on_get(self, req: Any, resp: Any) -> None:
        conflict()


class _AsyncFailing:
    async def on_get(self, req: Any, resp: Any) -> None:
        boom()


def _falcon(config: Config, *, asgi: bool = False) -> Iterator[Get]:
    import falcon
    import falcon.asgi
    import falcon.testing

    from httpfault.adapters.falcon import install

    app: Any = falcon.asgi.App() if asgi else falcon.App()
    app.add_route("/conflict", _AsyncConflicting() if asgi else _Conflicting())
    app.add_route("/boom", _AsyncFailing() if asgi else _Failing())
    install(app, config)
    client = falcon.testing.TestClient(app)

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        result = client.simulate_get(path, headers=dict(headers))
        return result.status_code, json.loads(result.content)

    yield get


def _aiohttp(config: Config) -> Iterator[Get]:
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from httpfault.adapters.aiohttp import install

    async def conflict_view(request: web.Request) -> web.Response:
        conflict()
        return web.Response()  # pragma: no cover - never reached

    async def boom_view(request: web.Request) -> web.Response:
        boom()
        return web.Response()  # pragma: no cover - never reached

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        app = web.Application()
        app.router.add_get("/conflict", conflict_view)
        app.router.add_get("/boom", boom_view)
        install(app, config)

        async def run() -> tuple[int, dict[str, Any]]:
            async with TestClient(TestServer(app)) as client:
                response = await client.get(path, headers=dict(headers))
                return response.status, json.loads(await response.read())

        return asyncio.run(run())

    yield get


def _sanic(config: Config) -> Iterator[Get]:
    from sanic import Request, Sanic

    from httpfault.adapters.sanic import install

    app = Sanic(f"observed_{next(_names)}")
    # As in tests/sanic: no start-up rewrite of Sanic's own methods for in-process apps.
    app.config.update({"TOUCHUP": False})

    @app.get("/conflict")
    async def conflict_view(request: Request) -> None:
        conflict()

    @app.get("/boom")
    async def boom_view(request: Request) -> None:
        boom()

    install(app, config)

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        _, response = asyncio.run(app.asgi_client.get(path, headers=dict(headers)))
        return response.status_code, json.loads(response.content)

    yield get
