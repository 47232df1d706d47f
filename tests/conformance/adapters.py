"""The adapters under test: ONE line each in :data:`ADAPTERS`.

Each entry turns a :class:`~httpfault.Config` into a :data:`Sender`: a function sending
one request to that framework's conformance app (``apps/``) through the framework's
own test client and returning a :class:`Reply`. Apps and clients are built once per
config and kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import falcon.asgi
import falcon.testing
import httpx
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from django.test import Client as DjangoClient
from django.test import override_settings
from litestar.testing import TestClient as LitestarClient
from starlette.testclient import TestClient
from yarl import URL

from httpfault import Config
from httpfault.client._response import ResponseView

from .apps import (
    aiohttp_app,
    common,
    falcon_app,
    fastapi_app,
    flask_app,
    litestar_app,
    sanic_app,
    starlette_app,
)

__all__ = ["ADAPTERS", "FRAMEWORKS", "Reply", "Sender", "close", "sender"]

_OPEN = contextlib.ExitStack()


@dataclass(frozen=True)
class Reply:
    """One response, whatever the framework: status, headers as sent, body bytes."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    response: Any
    """The test client's own response object (for ``httpfault.testing``)."""

    def header(self, name: str) -> str | None:
        """All values of header *name* (case-insensitive), joined by ``", "``; or ``None``."""
        lowered = name.lower()
        values = [value for key, value in self.headers if key.lower() == lowered]
        return ", ".join(values) if values else None


Sender = Callable[[str, str, Mapping[str, str], bytes | None], Reply]
"""``send(method, path, headers, body) -> Reply``; ``Content-Type`` travels in *headers*."""


def _asgi(
    make: Callable[[Config], Any], client_class: Any = TestClient
) -> Callable[[Config], Sender]:
    def for_config(config: Config) -> Sender:
        client = client_class(make(config), raise_server_exceptions=False)
        # Entered once: one event loop thread for all its requests, not one per request.
        _OPEN.enter_context(client)

        def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
            response = client.request(method, path, headers=dict(headers), content=body)
            items = list(response.headers.multi_items())
            return Reply(response.status_code, items, response.content, response)

        return send

    return for_config


def _as_httpx(
    method: str, url: str, status: int, items: list[tuple[str, str]], body: bytes
) -> httpx.Response:
    """A reply of a non-httpx client as an httpx response, for ``httpfault.testing``."""
    request = httpx.Request(method, url.replace(" ", "%20"))
    return httpx.Response(status, headers=items, content=body, request=request)


def _loop() -> asyncio.AbstractEventLoop:
    """An event loop for one synchronous sender, closed when the suite ends."""
    loop = asyncio.new_event_loop()
    _OPEN.callback(loop.close)
    return loop


def _aiohttp(config: Config) -> Sender:
    # aiohttp's test server (a real socket on 127.0.0.1) run by a loop of our own: the
    # senders are synchronous, so each request is one run_until_complete().
    loop = _loop()
    server = TestServer(aiohttp_app.make(config))
    loop.run_until_complete(server.start_server())
    session = loop.run_until_complete(_session())
    _OPEN.callback(lambda: loop.run_until_complete(server.close()))
    _OPEN.callback(lambda: loop.run_until_complete(session.close()))
    base = f"http://127.0.0.1:{server.port}"

    async def fetch(method: str, url: URL, headers: dict[str, str], body: bytes | None) -> Any:
        async with session.request(method, url, headers=headers, data=body) as response:
            return response.status, list(response.headers.items()), await response.read()

    def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        # The path goes out exactly as written (escapes and all), as httpx sends it.
        url = URL(base + path.replace(" ", "%20"), encoded=True)
        status, items, content = loop.run_until_complete(fetch(method, url, dict(headers), body))
        return Reply(status, items, content, _as_httpx(method, base + path, status, items, content))

    return send


async def _session() -> ClientSession:
    return ClientSession(auto_decompress=False)


def _sanic(config: Config) -> Sender:
    # Sanic's ASGI test client (sanic-testing), run by a loop of our own: the senders are
    # synchronous, so each request is one run_until_complete().
    loop = _loop()
    client = sanic_app.make(config).asgi_client

    def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        request = client.request(method, path.replace(" ", "%20"), headers=dict(headers),
                                 content=body)  # fmt: skip
        _, response = loop.run_until_complete(request)
        items = list(response.headers.multi_items())
        return Reply(response.status_code, items, response.content, response)

    return send


def _flask(config: Config) -> Sender:
    client = flask_app.make(config).test_client()

    def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        response = client.open(path, method=method, headers=dict(headers), data=body)
        items = response.headers.to_wsgi_list()
        return Reply(response.status_code, items, response.get_data(), response)

    return send


def _quart(config: Config) -> Sender:
    # Quart's own test client, on one event loop kept for all its requests.
    quart_app = importlib.import_module("tests.conformance.apps.quart_app")
    client = quart_app.make(config).test_client()
    loop = asyncio.new_event_loop()
    _OPEN.callback(loop.close)

    async def request(method: str, path: str, headers: Mapping[str, str], body: bytes | None):
        # The request target as sent, as an ASGI server passes it (the test client would
        # normalise it with werkzeug's iri_to_uri).
        raw = {"raw_path": path.partition("?")[0].encode("ascii")}
        response = await client.open(
            path, method=method, headers=dict(headers), data=body, scope_base=raw
        )
        return response, await response.get_data(as_text=False)

    def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        response, data = loop.run_until_complete(request(method, path, headers, body))
        items = list(response.headers.items())
        seen = ResponseView(response.status_code, tuple(items), data, method=method)
        return Reply(response.status_code, items, data, seen)

    return send


def _on_own_loop(call: Callable[[], Any]) -> Any:
    """*call* with a current event loop of its own: Falcon 4.0's ASGI test client asks for
    one, and on Python 3.10 there is none once an earlier test ran ``asyncio.run()``."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        return call()
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def _falcon(make: Callable[[Config], Any]) -> Callable[[Config], Sender]:
    def for_config(config: Config) -> Sender:
        # Falcon's own test client (it passes the request target as sent: RAW_URI for
        # WSGI, raw_path for ASGI).
        app = make(config)
        client = falcon.testing.TestClient(app)
        wsgi = not isinstance(app, falcon.asgi.App)

        def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
            target, _, query = path.partition("?")
            # The target as sent, as servers pass it (Falcon 4.0's test client gives no
            # raw_path, Falcon 3.1's "/" as RAW_URI).
            extras = {"RAW_URI": target} if wsgi else {"raw_path": target.encode()}
            request = functools.partial(
                client.simulate_request, method, target, query_string=query or None,
                headers=dict(headers), body=body, extras=extras,
            )  # fmt: skip
            result = request() if wsgi else _on_own_loop(request)
            items = [(name, value) for name, value in result.headers.items()]
            seen = ResponseView(result.status_code, tuple(items), result.content, method=method)
            return Reply(result.status_code, items, result.content, seen)

        return send

    return for_config


def _django(urlconf: str) -> Callable[[Config], Sender]:
    def for_config(config: Config) -> Sender:
        client = DjangoClient(raise_request_exception=False)
        overrides = {
            "ROOT_URLCONF": urlconf,
            # The documented set-up: ErrorMiddleware first, then Django's usual ones.
            "MIDDLEWARE": [
                "httpfault.adapters.django.ErrorMiddleware",
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "tests.conformance.apps.django_middleware.RaiseInMiddleware",
            ],
            "HTTPFAULT": {"CONFIG": config},
            "DATA_UPLOAD_MAX_MEMORY_SIZE": 2_621_440,  # Django's default (tests/django: 1 KB)
        }

        def send(method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
            extra = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            content_type = next(
                (v for k, v in headers.items() if k.lower() == "content-type"), None
            )
            with override_settings(**overrides):
                response = client.generic(
                    method,
                    path,
                    data=body or b"",
                    content_type=content_type or "application/octet-stream",
                    headers=extra,
                    RAW_URI=path,  # the request target as sent, as gunicorn passes it
                    # Django's client drops the content type of an empty body; servers don't.
                    **({"CONTENT_TYPE": content_type} if content_type else {}),
                )
            items = list(response.headers.items())
            return Reply(response.status_code, items, response.content, response)

        return send

    return for_config


ADAPTERS: dict[str, Callable[[Config], Sender]] = {
    "starlette": _asgi(starlette_app.make),
    "fastapi": _asgi(fastapi_app.make),
    "flask": _flask,
    "falcon-wsgi": _falcon(falcon_app.make_wsgi),
    "falcon-asgi": _falcon(falcon_app.make_asgi),
    "django": _django("tests.conformance.apps.django_urls"),
    "drf": _django("tests.conformance.apps.drf_urls"),
    "litestar": _asgi(litestar_app.make, LitestarClient),
    "ninja": _django("tests.conformance.apps.ninja_urls"),
    "aiohttp": _aiohttp,
    "sanic": _sanic,
}
"""Framework name -> how to build its sender for a config. A new adapter is one line."""
# Quart needs Flask 3: the oldest-releases session (Flask 2.3) runs without it.
if importlib.util.find_spec("quart"):
    ADAPTERS["quart"] = _quart

FRAMEWORKS: tuple[str, ...] = tuple(ADAPTERS)


@functools.cache
def sender(framework: str, config_name: str) -> Sender:
    """The (cached) sender of *framework*'s app under ``common.CONFIGS[config_name]``."""
    return ADAPTERS[framework](common.CONFIGS[config_name])


def close() -> None:
    """Close the test clients kept open (their event loop threads), and forget them."""
    sender.cache_clear()
    _OPEN.close()
