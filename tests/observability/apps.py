"""One small app per adapter answering a 4xx (``/conflict``) and a 5xx (``/boom``).

Each builder returns a ``get(path, headers) -> (status, body)`` over the framework's own
in-process client, instrumented with the official OpenTelemetry instrumentation when a
tracer provider is given.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from httpfault import Config, Conflict

Get = Callable[[str, Mapping[str, str]], tuple[int, dict[str, Any]]]
# FastAPI traces requests itself (FastAPI(telemetry=...)) from 0.165 on.
_NATIVE = ("fastapi-native",) if importlib.util.find_spec("fastapi.telemetry") else ()
ADAPTERS = ("fastapi", *_NATIVE, "starlette", "flask", "django")
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"


def conflict() -> None:
    """The 4xx every app raises."""
    raise Conflict("Email already registered")


def boom() -> None:
    """The 5xx every app raises: an unhandled exception."""
    raise RuntimeError("disk on fire")


def _asgi_get(app: Any) -> Iterator[Get]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # httpx-based TestClient
        from starlette.testclient import TestClient

        client = TestClient(app, raise_server_exceptions=False)

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        response = client.get(path, headers=dict(headers))
        return response.status_code, response.json()

    with client:
        yield get


@contextmanager
def app_for(adapter: str, provider: Any = None, config: Config | None = None) -> Iterator[Get]:
    """The *adapter*'s app, instrumented with *provider* if given, as a ``get``."""
    config = config or Config()
    if adapter.startswith("fastapi"):
        from fastapi import FastAPI

        from httpfault.adapters.fastapi import install

        native = adapter == "fastapi-native"
        if native:
            # FastAPI's own tracing: its server span is the one httpfault records on.
            api = FastAPI(telemetry={"tracer_provider": provider, "tracing": provider is not None})
        else:
            api = FastAPI()
        api.get("/conflict")(conflict)
        api.get("/boom")(boom)
        install(api, config)
        if provider is not None and not native:
            from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

            FastAPIInstrumentor.instrument_app(api, tracer_provider=provider)
        yield from _asgi_get(api)
    elif adapter == "starlette":
        from starlette.applications import Starlette
        from starlette.routing import Route

        from httpfault.adapters.starlette import install as install_starlette

        async def conflict_view(request: Any) -> Any:
            conflict()

        async def boom_view(request: Any) -> Any:
            boom()

        app = Starlette(routes=[Route("/conflict", conflict_view), Route("/boom", boom_view)])
        install_starlette(app, config)
        if provider is not None:
            from opentelemetry.instrumentation.starlette import StarletteInstrumentor

            StarletteInstrumentor.instrument_app(app, tracer_provider=provider)
        yield from _asgi_get(app)
    elif adapter == "flask":
        yield from _flask(provider, config)
    elif adapter == "django":
        yield from _django(provider, config)
    else:  # the other adapters, without OpenTelemetry instrumentation
        from .more_apps import more_app_for

        assert provider is None, f"no OpenTelemetry instrumentation here for {adapter}"
        yield from more_app_for(adapter, config)


def _flask(provider: Any, config: Config) -> Iterator[Get]:
    from flask import Flask

    from httpfault.adapters.flask import HTTPFault

    app = Flask("observed")
    app.get("/conflict")(conflict)
    app.get("/boom")(boom)
    HTTPFault(app, config)
    if provider is not None:
        from opentelemetry.instrumentation.flask import FlaskInstrumentor

        FlaskInstrumentor().instrument_app(app, tracer_provider=provider)
    client = app.test_client()

    def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
        response = client.get(path, headers=dict(headers))
        return response.status_code, json.loads(response.data)

    try:
        yield get
    finally:
        if provider is not None:
            FlaskInstrumentor().uninstrument_app(app)


def _django(provider: Any, config: Config) -> Iterator[Get]:
    from django.test import Client, override_settings

    instrumentor = None
    if provider is not None:
        from opentelemetry.instrumentation.django import DjangoInstrumentor

        instrumentor = DjangoInstrumentor()
    urls = "tests.observability.django_urls"
    with override_settings(ROOT_URLCONF=urls, HTTPFAULT={"CONFIG": config}):
        if instrumentor is not None:
            instrumentor.instrument(tracer_provider=provider)
        try:
            client = Client(raise_request_exception=False)

            def get(path: str, headers: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
                response = client.get(path, headers=dict(headers))
                return response.status_code, json.loads(response.content)

            yield get
        finally:
            if instrumentor is not None:
                instrumentor.uninstrument()
