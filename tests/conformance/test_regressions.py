"""Regressions the conformance suite found in the adapters, pinned one by one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from django.http import HttpRequest, HttpResponseBase
from django.test import Client, override_settings
from django.urls import path
from django.utils.cache import patch_vary_headers
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from httpfault import Config
from httpfault.testing import assert_conforms

RID = {"X-Request-ID": "reg-1"}


@pytest.fixture
def django_problem() -> Iterator[None]:
    """The Django test app (tests.django.urls) answering in problem format."""
    with override_settings(
        ROOT_URLCONF="tests.django.urls",
        HTTPFAULT={"CONFIG": Config(format="problem")},
        MIDDLEWARE=["httpfault.adapters.django.ErrorMiddleware"],
    ):
        yield


@pytest.mark.usefixtures("django_problem")
@pytest.mark.parametrize(
    ("extra", "instance"),
    [
        ({"RAW_URI": "/no/a%2Fb?x=1"}, "/no/a%2Fb"),  # gunicorn
        ({"REQUEST_URI": "/no/a%2Fb"}, "/no/a%2Fb"),  # uWSGI, mod_wsgi
        ({"RAW_URI": "/no/caf\xc3\xa9"}, "/no/caf%C3%A9"),  # raw UTF-8 bytes as latin-1
        ({"RAW_URI": "/no/\u20ac"}, "/no/%E2%82%AC"),  # not latin-1: taken as text
        ({"RAW_URI": "http://example.com/no/a%2Fb"}, "/no/a/b"),  # absolute form: not a path
        ({}, "/no/a/b"),  # no raw URI: the decoded path is all there is
    ],
)
def test_django_instance_is_the_path_as_sent(extra: dict[str, str], instance: str) -> None:
    """Django's ``instance`` is the raw request path when the WSGI server passes it:
    ``/no/a%2Fb`` is not ``/no/a/b``, which ``request.path`` alone would give."""
    response = Client(headers=RID).get("/no/a%2Fb", **extra)  # type: ignore[arg-type]
    assert response.status_code == 404
    assert json.loads(response.content)["instance"] == instance


class TagMiddleware:
    """Inner middleware adding a header, a ``Vary`` and a cookie to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response["X-Tag"] = "inner"
        patch_vary_headers(response, ["Cookie"])
        response.set_cookie("seen", "1")
        return response


@pytest.mark.parametrize(("fmt", "vary"), [("json", "Cookie"), ("auto", "Accept, Cookie")])
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("DELETE", "/only-get-post", 405), ("GET", "/nope", 404), ("GET", "/conflict", 409)],
)
def test_django_error_keeps_headers_of_inner_middleware(
    fmt: str, vary: str, method: str, path: str, status: int
) -> None:
    """When ErrorMiddleware replaces Django's own error response (the bare 405 of
    require_http_methods), the headers, Vary and cookies that middleware below it set
    survive: SecurityMiddleware's, a CORS middleware's, a session cookie."""
    middleware = [
        "httpfault.adapters.django.ErrorMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "tests.conformance.test_regressions.TagMiddleware",
    ]
    with override_settings(
        ROOT_URLCONF="tests.django.urls",
        HTTPFAULT={"CONFIG": Config(format=fmt)},  # type: ignore[arg-type]
        MIDDLEWARE=middleware,
    ):
        response = Client(headers=RID).generic(method, path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["X-Request-ID"] == "reg-1"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Tag"] == "inner"
    assert response["Vary"] == vary
    assert response.cookies["seen"].value == "1"
    if status == 405:
        assert response["Allow"] == "GET, POST"


class ScoresSerializer(serializers.Serializer):
    """A DRF serializer whose errors are keyed by names taken from the request."""

    scores = serializers.DictField(child=serializers.IntegerField())


class Scores(APIView):
    """Validates ``ScoresSerializer``."""

    def post(self, request: Request) -> Response:
        ScoresSerializer(data=request.data).is_valid(raise_exception=True)
        return Response({})


urlpatterns = [path("scores", Scores.as_view())]


def test_drf_error_at_a_key_with_a_lone_surrogate() -> None:
    """A DictField error at a JSON key holding a lone surrogate answers 422 with a valid
    pointer (the key's surrogate as U+FFFD), not a 500."""
    with override_settings(
        ROOT_URLCONF="tests.conformance.test_regressions",
        HTTPFAULT={"CONFIG": Config()},
        MIDDLEWARE=["httpfault.adapters.django.ErrorMiddleware"],
    ):
        response = Client(headers=RID, raise_request_exception=False).post(
            "/scores", data=b'{"scores": {"\\ud800/": "x"}}', content_type="application/json"
        )
    assert response.status_code == 422
    body = assert_conforms(response)
    assert body["error"]["errors"][0]["pointer"] == "#/scores/%EF%BF%BD~1"
