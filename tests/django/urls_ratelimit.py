"""URLconf of the rate-limiter tests: django-ratelimit on a Django view and DRF throttles."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView


@ratelimit(key="ip", rate="2/m", block=True)
def limited(request: HttpRequest) -> HttpResponse:
    """Two requests a minute per client address, then django-ratelimit raises Ratelimited."""
    return JsonResponse({"ok": True})


class TwoPerMinute(AnonRateThrottle):
    """DRF's anonymous throttle at two requests a minute (no settings needed)."""

    rate = "2/min"
    scope = "tests"


class Throttled(APIView):
    """A DRF view behind DRF's own throttle."""

    throttle_classes: ClassVar[list[Any]] = [TwoPerMinute]

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


@method_decorator(ratelimit(key="ip", rate="1/m", block=True), name="get")
class DecoratedAPIView(APIView):
    """django-ratelimit on a DRF view: the Ratelimited goes through DRF's handler."""

    throttle_classes: ClassVar[list[Any]] = []

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


urlpatterns = [
    path("limited", limited),
    path("drf/throttled", Throttled.as_view()),
    path("drf/decorated", DecoratedAPIView.as_view()),
]
