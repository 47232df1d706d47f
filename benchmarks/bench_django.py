"""Django and DRF error paths, in process through Django's WSGI handler (no network).

- ``raise NotFound`` answered by ``ErrorMiddleware`` against Django's own ``Http404`` path
  (``page_not_found``, which compiles its template for every 404), budget 0.6x;
- DRF's ``NotFound`` through httpfault's ``exception_handler`` against DRF's own handler,
  budget 1.0x (with and without the middleware installed).

A reference line times a view that returns a bare 404 response (no exception, no error
handling): Django's own per-request cost, the floor any error path stands on.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from benchmarks._harness import Result, compare

SETTINGS: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": "benchmarks-only",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": "benchmarks.bench_django",
    "MIDDLEWARE": [],
    "INSTALLED_APPS": [],
    "DATABASES": {},
    "USE_TZ": True,
    "REST_FRAMEWORK": {
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
}
MIDDLEWARE = ["httpfault.adapters.django.ErrorMiddleware"]

urlpatterns: list[Any] = []  # filled in by _setup(), once Django is configured


def _setup() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(**SETTINGS)
        django.setup()
    if urlpatterns:
        return

    from django.http import Http404, HttpRequest, HttpResponse
    from django.urls import path
    from rest_framework.exceptions import NotFound as DRFNotFound
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView
    from rest_framework.views import exception_handler as drf_default

    import httpfault
    from httpfault.adapters.drf import exception_handler as ours

    def raise_not_found(request: HttpRequest) -> HttpResponse:
        raise httpfault.NotFound()

    def raise_http404(request: HttpRequest) -> HttpResponse:
        raise Http404()

    def bare_404(request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=404)  # no error handling at all: the floor

    class DRFDefault(APIView):
        def get_exception_handler(self) -> Callable[..., Any]:
            return drf_default

        def get(self, request: Request) -> Response:
            raise DRFNotFound()

    class DRFOurs(DRFDefault):
        def get_exception_handler(self) -> Callable[..., Any]:
            return ours

    urlpatterns.extend(
        [
            path("httpfault", raise_not_found),
            path("django", raise_http404),
            path("bare", bare_404),
            path("drf/default", DRFDefault.as_view()),
            path("drf/ours", DRFOurs.as_view()),
        ]
    )


def _environ(path: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT": "application/json",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }


def _caller(handler: Any, path: str, status: str) -> Callable[[], object]:
    def start_response(got: str, headers: list[tuple[str, str]]) -> None:
        if got != status:
            raise AssertionError(f"{path}: expected {status}, got {got}")

    def call() -> object:
        body: Iterable[bytes] = handler(_environ(path), start_response)
        data = b"".join(body)
        body.close()  # type: ignore[attr-defined]
        return data

    return call


def run(rounds: int = 21) -> list[Result]:
    """Compare httpfault's Django and DRF error paths with the frameworks' own."""
    _setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    overrides = {k: SETTINGS[k] for k in ("ROOT_URLCONF", "MIDDLEWARE", "REST_FRAMEWORK")}
    with override_settings(**overrides):
        plain = WSGIHandler()
        with override_settings(MIDDLEWARE=MIDDLEWARE):
            installed = WSGIHandler()
        ours = _caller(installed, "/httpfault", "404 Not Found")
        django_404 = _caller(plain, "/django", "404 Not Found")
        bare = _caller(plain, "/bare", "404 Not Found")
        drf_default = _caller(plain, "/drf/default", "404 Not Found")
        drf_ours = _caller(installed, "/drf/ours", "404 Not Found")
        drf_ours_alone = _caller(plain, "/drf/ours", "404 Not Found")
        return [
            compare("django: raise NotFound via ErrorMiddleware", ours,
                    "Django Http404 -> page_not_found", django_404, budget=0.6, rounds=rounds),
            compare("(reference) a view returning a bare 404", bare,
                    "Django Http404 -> page_not_found", django_404, budget=0.6, rounds=rounds),
            compare("drf: NotFound via exception_handler + middleware", drf_ours,
                    "DRF's own exception_handler", drf_default, budget=1.0, rounds=rounds),
            compare("drf: NotFound via exception_handler alone", drf_ours_alone,
                    "DRF's own exception_handler", drf_default, budget=1.0, rounds=rounds),
        ]  # fmt: skip
