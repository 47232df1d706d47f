"""The same API on Django REST framework: DRF's exceptions answer in the same contract.

``/drf/openapi.json`` serves the OpenAPI document (drf-spectacular with httpfault's
``AutoSchema``): every operation lists the errors it can answer, in the contract.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from httpfault import TooManyRequests
from httpfault.adapters.drf import responses

from .store import STORE, EmailTaken


class UserSerializer(serializers.Serializer):
    """A new user: DRF's field codes (``required``, ``invalid``...) reach ``errors[].code``."""

    name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254)


class UserOutSerializer(UserSerializer):
    """A stored user."""

    id = serializers.IntegerField()


class ItemSerializer(serializers.Serializer):
    """A new item."""

    name = serializers.CharField(max_length=100)
    price = serializers.FloatField(min_value=0.01)
    tags = serializers.ListField(child=serializers.CharField(max_length=20), required=False)


class ItemOutSerializer(ItemSerializer):
    """A stored item."""

    id = serializers.IntegerField()


class TokenAuthentication(BaseAuthentication):
    """Accepts ``Authorization: Bearer let-me-in``; its challenge becomes WWW-Authenticate."""

    def authenticate(self, request: Request) -> tuple[object, str] | None:
        if request.headers.get("Authorization") == "Bearer let-me-in":
            return (object(), "let-me-in")
        return None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="example"'


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The token's security scheme in the OpenAPI document."""

    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}


class UsersView(APIView):
    """``POST /drf/users``: 201, 400 malformed, 415, 422 with field errors, 409."""

    @extend_schema(request=UserSerializer, responses={201: UserOutSerializer,
                                                      **responses(EmailTaken)})  # fmt: skip
    def post(self, request: Request) -> Response:
        serializer = UserSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = STORE.add_user(**serializer.validated_data)
        return Response(user, status=status.HTTP_201_CREATED)


class UserView(APIView):
    """``GET``/``DELETE /drf/users/<id>``: 200, 204, 404 (DRF's ``NotFound``)."""

    @extend_schema(responses=UserOutSerializer)
    def get(self, request: Request, user_id: int) -> Response:
        if user_id not in STORE.users:
            raise NotFound()
        return Response(STORE.user(user_id))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, user_id: int) -> Response:
        STORE.delete_user(user_id)  # httpfault's NotFound works in an APIView too
        return Response(status=status.HTTP_204_NO_CONTENT)


class ItemsView(APIView):
    """``POST /drf/items``: 201, or 422 (list fields point at the bad element)."""

    @extend_schema(request=ItemSerializer, responses={201: ItemOutSerializer})
    def post(self, request: Request) -> Response:
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return Response(STORE.add_item(data["name"], data["price"]), status=201)


class SearchView(APIView):
    """``GET /drf/items/search``: DRF's ``Throttled`` -> 429 with ``Retry-After``."""

    @extend_schema(responses={200: ItemOutSerializer(many=True), **responses(TooManyRequests)})
    def get(self, request: Request) -> Response:
        raise Throttled(wait=30)


class PrivateView(APIView):
    """``GET /drf/private``: 401 with the authenticator's ``WWW-Authenticate``."""

    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response({"secret": "42"})


class BoomView(APIView):
    """``GET /drf/boom``: a bug, answered as a safe 500."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        raise RuntimeError("database password is hunter2")
