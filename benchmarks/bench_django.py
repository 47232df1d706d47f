"""Django and DRF error paths, in process through Django's WSGI handler (no network).

Both sides of every comparison run the settings of a project made by ``django-admin
startproject`` (its ``INSTALLED_APPS``, ``MIDDLEWARE`` and ``TEMPLATES``, the cached
template loader over the apps' ``templates`` folders, Django's default logging), with
``DEBUG = False``; the httpfault side only adds ``ErrorMiddleware`` first in ``MIDDLEWARE``.

- ``raise NotFound`` answered by ``ErrorMiddleware`` against Django's own ``Http404`` path
  (``page_not_found``: no ``404.html`` in the project, so it compiles its built-in page
  for every 404), budget 0.6x;
- DRF's ``NotFound`` through httpfault's ``exception_handler`` against DRF's own handler,
  budget 1.0x (with and without the middleware installed).

Reference lines time a view that returns a bare ``HttpResponse(status=404)`` (no
exception, no error handling): Django's own per-request cost, the floor any error path
stands on; once through the project's middleware, once through no middleware at all.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from benchmarks._harness import Result, compare

# What ``django-admin startproject`` writes (Django 5.x), apart from the database, which
# no request here touches.
PROJECT_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]
PROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
PROJECT_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
SETTINGS: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": "benchmarks-only",
    "ALLOWED_HOSTS": ["testserver"],
    "ROOT_URLCONF": "benchmarks.bench_django",
    "INSTALLED_APPS": PROJECT_APPS,
    "MIDDLEWARE": PROJECT_MIDDLEWARE,
    "TEMPLATES": PROJECT_TEMPLATES,
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    "USE_TZ": True,
    "REST_FRAMEWORK": {
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
}
WITH_HTTPFAULT = ["httpfault.adapters.django.ErrorMiddleware", *PROJECT_MIDDLEWARE]

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

    # Each baseline is listed before its case, so resolving it never costs more.
    urlpatterns.extend(
        [
            path("django/", raise_http404),
            path("httpfault/", raise_not_found),
            path("bare/", bare_404),
            path("drf/default/", DRFDefault.as_view()),
            path("drf/ours/", DRFOurs.as_view()),
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
        "HTTP_USER_AGENT": "bench/1.0",
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


def handlers() -> dict[str, Callable[[], object]]:
    """One call per case, each a whole request through a WSGI handler (for profiling too)."""
    _setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    with override_settings(MIDDLEWARE=PROJECT_MIDDLEWARE):
        plain = WSGIHandler()
    with override_settings(MIDDLEWARE=WITH_HTTPFAULT):
        installed = WSGIHandler()
    with override_settings(MIDDLEWARE=[]):
        bare_stack = WSGIHandler()
    return {
        "ours": _caller(installed, "/httpfault/", "404 Not Found"),
        "django": _caller(plain, "/django/", "404 Not Found"),
        "bare": _caller(plain, "/bare/", "404 Not Found"),
        "bare_no_middleware": _caller(bare_stack, "/bare/", "404 Not Found"),
        "django_no_middleware": _caller(bare_stack, "/django/", "404 Not Found"),
        "drf_default": _caller(plain, "/drf/default/", "404 Not Found"),
        "drf_ours": _caller(installed, "/drf/ours/", "404 Not Found"),
        "drf_ours_alone": _caller(plain, "/drf/ours/", "404 Not Found"),
    }


def run(rounds: int = 21) -> list[Result]:
    """Compare httpfault's Django and DRF error paths with the frameworks' own."""
    cases = handlers()
    django_404 = "Django Http404 -> page_not_found"
    return [
        compare("django: raise NotFound via ErrorMiddleware", cases["ours"],
                django_404, cases["django"], budget=0.6, rounds=rounds),
        compare("(reference) view returning a bare 404", cases["bare"],
                django_404, cases["django"], budget=0.6, rounds=rounds),
        compare("(reference) the same, no middleware at all", cases["bare_no_middleware"],
                django_404 + ", no middleware", cases["django_no_middleware"],
                budget=0.6, rounds=rounds),
        compare("drf: NotFound via exception_handler + middleware", cases["drf_ours"],
                "DRF's own exception_handler", cases["drf_default"], budget=1.0, rounds=rounds),
        compare("drf: NotFound via exception_handler alone", cases["drf_ours_alone"],
                "DRF's own exception_handler", cases["drf_default"], budget=1.0, rounds=rounds),
    ]  # fmt: skip
