"""The reliability routes on plain Django views and, under ``/drf/``, on DRF views."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from rest_framework import serializers
from rest_framework.exceptions import NotFound as DRFNotFound
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

import httpfault
from httpfault.adapters.django import json_body
from tests.reliability import ninja_api
from tests.reliability.scenarios import (
    BIG_DETAIL,
    SECRET,
    STREAM_CHUNK,
    STREAM_CHUNKS,
    DomainError,
    EmailTaken,
    User,
)


def _chunks(fail: bool) -> Iterator[bytes]:
    for n in range(STREAM_CHUNKS):
        if fail and n == 1:
            raise RuntimeError(f"stream broke; password {SECRET}")
        yield STREAM_CHUNK


@require_GET
def ok(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


def missing(request: HttpRequest) -> HttpResponse:
    raise httpfault.NotFound("No such item")


@csrf_exempt
def users(request: HttpRequest) -> HttpResponse:
    raise EmailTaken("Email already registered")


@csrf_exempt
def validate(request: HttpRequest) -> HttpResponse:
    User.model_validate(json_body(request))
    return JsonResponse({"ok": True})  # pragma: no cover - the tests send invalid bodies


def throttled(request: HttpRequest) -> HttpResponse:
    raise httpfault.TooManyRequests("Slow down", retry_after=30)


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"database password is {SECRET}")


def mapped(request: HttpRequest) -> HttpResponse:
    raise DomainError("no such account")


def big(request: HttpRequest) -> HttpResponse:
    raise httpfault.NotFound(BIG_DETAIL)


def stream(request: HttpRequest) -> HttpResponse:
    return StreamingHttpResponse(_chunks(fail=False), content_type="application/octet-stream")  # type: ignore[return-value]


def stream_fail(request: HttpRequest) -> HttpResponse:
    return StreamingHttpResponse(_chunks(fail=True), content_type="application/octet-stream")  # type: ignore[return-value]


class UserSerializer(serializers.Serializer):  # type: ignore[misc]
    name = serializers.CharField(max_length=100)
    email = serializers.EmailField()


class Ok(APIView):  # type: ignore[misc]
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class Missing(APIView):  # type: ignore[misc]
    def get(self, request: Request) -> Response:
        raise DRFNotFound("No such item")


class Users(APIView):  # type: ignore[misc]
    def post(self, request: Request) -> Response:
        raise EmailTaken("Email already registered")


class Validate(APIView):  # type: ignore[misc]
    def post(self, request: Request) -> Response:
        UserSerializer(data=request.data).is_valid(raise_exception=True)
        return Response({"ok": True})  # pragma: no cover - the tests send invalid bodies


class Throttle(APIView):  # type: ignore[misc]
    def get(self, request: Request) -> Response:
        raise Throttled(wait=30)


class Boom(APIView):  # type: ignore[misc]
    def get(self, request: Request) -> Response:
        raise RuntimeError(f"database password is {SECRET}")


class Mapped(APIView):  # type: ignore[misc]
    def get(self, request: Request) -> Response:
        raise DomainError("no such account")


urlpatterns = [
    path("ninja/", ninja_api.api.urls),
    path("ok", ok),
    path("missing", missing),
    path("users", users),
    path("validate", validate),
    path("throttled", throttled),
    path("boom", boom),
    path("mapped", mapped),
    path("big", big),
    path("stream", stream),
    path("stream-fail", stream_fail),
    path("drf/ok", Ok.as_view()),
    path("drf/missing", Missing.as_view()),
    path("drf/users", Users.as_view()),
    path("drf/validate", Validate.as_view()),
    path("drf/throttled", Throttle.as_view()),
    path("drf/boom", Boom.as_view()),
    path("drf/mapped", Mapped.as_view()),
]

handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
