"""The same API on Django REST framework: DRF's exceptions answer in the same contract."""

from __future__ import annotations

from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .store import STORE


class UserSerializer(serializers.Serializer):
    """A new user: DRF's field codes (``required``, ``invalid``...) reach ``errors[].code``."""

    name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254)


class ItemSerializer(serializers.Serializer):
    """A new item."""

    name = serializers.CharField(max_length=100)
    price = serializers.FloatField(min_value=0.01)
    tags = serializers.ListField(child=serializers.CharField(max_length=20), required=False)


class TokenAuthentication(BaseAuthentication):
    """Accepts ``Authorization: Bearer let-me-in``; its challenge becomes WWW-Authenticate."""

    def authenticate(self, request: Request) -> tuple[object, str] | None:
        if request.headers.get("Authorization") == "Bearer let-me-in":
            return (object(), "let-me-in")
        return None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="example"'


class UsersView(APIView):
    """``POST /drf/users``: 201, 400 malformed, 415, 422 with field errors, 409."""

    def post(self, request: Request) -> Response:
        serializer = UserSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = STORE.add_user(**serializer.validated_data)
        return Response(user, status=status.HTTP_201_CREATED)


class UserView(APIView):
    """``GET``/``DELETE /drf/users/<id>``: 200, 204, 404 (DRF's ``NotFound``)."""

    def get(self, request: Request, user_id: int) -> Response:
        if user_id not in STORE.users:
            raise NotFound()
        return Response(STORE.user(user_id))

    def delete(self, request: Request, user_id: int) -> Response:
        STORE.delete_user(user_id)  # httpfault's NotFound works in an APIView too
        return Response(status=status.HTTP_204_NO_CONTENT)


class ItemsView(APIView):
    """``POST /drf/items``: 201, or 422 (list fields point at the bad element)."""

    def post(self, request: Request) -> Response:
        serializer = ItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return Response(STORE.add_item(data["name"], data["price"]), status=201)


class SearchView(APIView):
    """``GET /drf/items/search``: DRF's ``Throttled`` -> 429 with ``Retry-After``."""

    def get(self, request: Request) -> Response:
        raise Throttled(wait=30)


class PrivateView(APIView):
    """``GET /drf/private``: 401 with the authenticator's ``WWW-Authenticate``."""

    authentication_classes = (TokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:
        return Response({"secret": "42"})


class BoomView(APIView):
    """``GET /drf/boom``: a bug, answered as a safe 500."""

    def get(self, request: Request) -> Response:
        raise RuntimeError("database password is hunter2")
