"""The scenario app of ``tests.client.scenarios`` behind each framework's test client.

``get(shape, method, path, headers)`` returns the response object of that shape:
``httpx`` (a hand-built ``httpx.Response``), ``starlette`` (Starlette's TestClient),
``flask`` (Flask's test client) or ``django`` (Django's test client). Frameworks are
imported lazily, so a missing one only skips the tests that need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest

from tests.client.asgi_app import app as asgi_app
from tests.client.scenarios import respond

SHAPES = ("httpx", "starlette", "flask", "django")
_clients: dict[str, Any] = {}


def _starlette() -> Any:
    testclient = pytest.importorskip("starlette.testclient")
    if "starlette" not in _clients:
        _clients["starlette"] = testclient.TestClient(asgi_app)
    return _clients["starlette"]


def _flask() -> Any:
    flask = pytest.importorskip("flask")
    if "flask" not in _clients:
        app = flask.Flask("httpfault_kit_tests")

        @app.route("/", defaults={"path": ""}, methods=["GET", "HEAD", "POST"])
        @app.route("/<path:path>", methods=["GET", "HEAD", "POST"])
        def view(path: str) -> Any:
            status, headers, body = respond(flask.request.method, "/" + path, flask.request.headers)
            return flask.Response(body, status=status, headers=headers)

        _clients["flask"] = app.test_client()
    return _clients["flask"]


def django_view(request: Any) -> Any:
    """The Django view of the scenario app."""
    from django.http import HttpResponse

    status, headers, body = respond(request.method, request.path, request.headers)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


urlpatterns: list[Any] = []


def _django() -> Any:
    pytest.importorskip("django")
    import django
    from django.conf import settings
    from django.urls import re_path

    if not urlpatterns:
        urlpatterns.append(re_path(r"^.*$", django_view))
    if not settings.configured:
        settings.configure(
            SECRET_KEY="tests-only",
            ALLOWED_HOSTS=["testserver"],
            INSTALLED_APPS=[],
            MIDDLEWARE=[],
            ROOT_URLCONF=__name__,
            DEFAULT_CHARSET="utf-8",
        )
        django.setup()
    from django.test import Client

    return Client()


def get(shape: str, method: str, path: str, headers: Mapping[str, str] | None = None) -> Any:
    """The response of *shape* to *method* *path*."""
    headers = dict(headers or {})
    if shape == "httpx":
        status, out, body = respond(method, path, list(headers.items()))
        request = httpx.Request(method, "http://testserver" + path)
        return httpx.Response(status, headers=out, content=body, request=request)
    if shape == "starlette":
        return _starlette().request(method, path, headers=headers)
    if shape == "flask":
        return _flask().open(path, method=method, headers=headers)
    from django.test.utils import override_settings

    django_client = _django()
    extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=[]):
        return django_client.generic(method, path, **extra)
