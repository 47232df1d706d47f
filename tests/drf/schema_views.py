"""Views and URLconf for the drf-spectacular tests: what each operation documents."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from httpfault import Conflict, NotFound
from httpfault.adapters.drf import responses


class OutOfStock(Conflict):
    """A problem type with typed members."""

    type = "https://example.com/problems/out-of-stock"
    code = "out_of_stock"
    sku: str
    available: int = 0


class VersionConflict(Conflict):
    """Another 409 problem type."""

    type = "https://example.com/problems/version-conflict"
    code = "version_conflict"


class ThingSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=10)


class Things(APIView):
    authentication_classes = ()
    permission_classes = ()

    @extend_schema(request=ThingSerializer, responses={
        201: ThingSerializer, **responses(OutOfStock, VersionConflict)})  # fmt: skip
    def post(self, request: Request) -> Response:
        return Response(request.data, status=201)

    @extend_schema(responses=ThingSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([])


class Thing(APIView):
    authentication_classes = ()
    permission_classes = ()

    @extend_schema(responses={200: ThingSerializer, **responses(NotFound)})
    def get(self, request: Request, thing_id: int) -> Response:
        return Response({"name": "x"})


class Guarded(APIView):
    authentication_classes = (BasicAuthentication,)
    permission_classes = (IsAuthenticated,)
    throttle_classes = (AnonRateThrottle,)

    @extend_schema(responses={200: ThingSerializer})
    def get(self, request: Request) -> Response:
        return Response({"name": "x"})


class SessionOnly(APIView):
    authentication_classes = (SessionAuthentication,)

    @extend_schema(responses={200: ThingSerializer})
    def get(self, request: Request) -> Response:
        return Response({"name": "x"})


urlpatterns = [
    path("things", Things.as_view()),
    path("things/<int:thing_id>", Thing.as_view()),
    path("guarded", Guarded.as_view()),
    path("session", SessionOnly.as_view()),
]
