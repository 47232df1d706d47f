"""DRF views raising every APIException the handler translates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from rest_framework import exceptions, serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

import httpfault


class AddressSerializer(serializers.Serializer):
    city = serializers.CharField()
    zip = serializers.RegexField(r"^\d{5}$")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("city") == "Nowhere":
            raise serializers.ValidationError("No such city.", code="no_city")
        return attrs


class LineSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class OrderSerializer(serializers.Serializer):
    email = serializers.EmailField()
    colour = serializers.ChoiceField(choices=["red", "blue"], required=False)
    address = AddressSerializer()
    tags = serializers.ListField(child=serializers.IntegerField(), required=False)
    lines = LineSerializer(many=True, required=False)
    password = serializers.CharField(required=False)
    confirm = serializers.CharField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("password") != attrs.get("confirm"):
            raise serializers.ValidationError("Passwords do not match.", code="mismatch")
        return attrs


class Orders(APIView):
    def post(self, request: Request) -> Response:
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)

    def get(self, request: Request) -> Response:
        return Response([])


class Challenge(BaseAuthentication):
    def authenticate(self, request: Request) -> None:
        if request.headers.get("Authorization") == "Bearer wrong":
            raise exceptions.AuthenticationFailed()
        if request.headers.get("Authorization") == "Bearer expired":
            raise exceptions.AuthenticationFailed("Token expired.")
        return

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class Private(APIView):
    authentication_classes = (Challenge,)
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:
        return Response({})  # pragma: no cover


class PrivateNoChallenge(APIView):
    authentication_classes = ()
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:
        return Response({})  # pragma: no cover


RAISES: dict[str, Any] = {
    "not-found": exceptions.NotFound,
    "not-found-detail": lambda: exceptions.NotFound("No order 7."),
    "permission": exceptions.PermissionDenied,
    "not-acceptable": exceptions.NotAcceptable,
    "unsupported": lambda: exceptions.UnsupportedMediaType("text/csv"),
    "throttled": lambda: exceptions.Throttled(wait=29.2),
    "throttled-one": lambda: exceptions.Throttled(wait=1),
    "throttled-nowait": exceptions.Throttled,
    "throttled-detail": lambda: exceptions.Throttled(wait=5, detail="Slow down."),
    "method": lambda: exceptions.MethodNotAllowed("PATCH"),
    "parse": lambda: exceptions.ParseError("Custom parse words"),
    "validation-bare": exceptions.ValidationError,
    "validation-str": lambda: exceptions.ValidationError("Bad things.", code="bad"),
    "api-500": exceptions.APIException,
    "api-500-detail": lambda: exceptions.APIException("db down"),
    "api-odd-status": type("Odd", (exceptions.APIException,), {"status_code": 499}),
    "api-odd-5xx": type("Odd5", (exceptions.APIException,), {"status_code": 599}),
    "api-dict": lambda: exceptions.PermissionDenied({"scope": "orders:write required"}),
    "custom": type("Locked", (exceptions.APIException,), {
        "status_code": 409, "default_detail": "Order locked.", "default_code": "locked"}),
    "http-error": lambda: httpfault.Conflict("Order already placed", code="duplicate"),
    "django-404": lambda: Http404("No Order matches the given query."),
    "django-403": DjangoPermissionDenied,
    "boom": lambda: RuntimeError("secret: hunter2"),
}  # fmt: skip


class Raises(APIView):
    def get(self, request: Request, what: str) -> Response:
        raise RAISES[what]()


class Parsed(APIView):
    parser_classes = (JSONParser,)

    def post(self, request: Request) -> Response:
        return Response({"keys": len(request.data)})


class Broken(JSONParser):
    media_type = "application/x-broken"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raise ValueError("parser bug")


class BrokenParsed(APIView):
    parser_classes = (Broken,)

    def post(self, request: Request) -> Response:
        return Response({"keys": len(request.data)})  # pragma: no cover


class ValueErrorInView(APIView):
    def get(self, request: Request) -> Response:
        raise ValueError("not from a parser")


class SignupSerializer(serializers.Serializer):
    """A validator quoting the submitted value, as users write them."""

    name = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField(), required=False)

    def validate_name(self, value: str) -> str:
        if value != "free":
            raise serializers.ValidationError(f"name {value} is taken", code="taken")
        return value

    def validate_tags(self, value: list[str]) -> list[str]:
        raise serializers.ValidationError({0: [f"tag {value[0]} is not allowed"]})


class Signup(APIView):
    def post(self, request: Request) -> Response:
        serializer = SignupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class StopSerializer(serializers.Serializer):
    city = serializers.CharField()
    country = serializers.CharField(required=False)

    def validate_city(self, value: str) -> str:
        if value != "Paris":
            raise serializers.ValidationError("Only cities in France are served.", code="served")
        return value


class TripSerializer(serializers.Serializer):
    """Messages about one field that mention another field's value, and a non-field one."""

    home = StopSerializer()
    stops = StopSerializer(many=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if len(attrs["stops"]) < 2:
            raise serializers.ValidationError("Trips within France need two stops.", code="short")
        return attrs


class Trips(APIView):
    def post(self, request: Request) -> Response:
        serializer = TripSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class NumbersSerializer(serializers.Serializer):
    """pydantic's errors re-raised as DRF's, with pydantic's type as the code."""

    age = serializers.CharField(required=False)
    code = serializers.CharField(required=False)

    def validate_age(self, value: str) -> int:
        try:
            return TypeAdapter(int).validate_python(value)
        except PydanticValidationError as exc:
            error = exc.errors()[0]
            raise serializers.ValidationError(error["msg"], code=error["type"]) from exc

    def validate_code(self, value: str) -> str:
        raise serializers.ValidationError(f"{value} is not a number", code="int_parsing")


class Numbers(APIView):
    def post(self, request: Request) -> Response:
        serializer = NumbersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class Shapes(APIView):
    """Error details in the shapes users raise them (and older DRF makes for many=True)."""

    def get(self, request: Request, shape: str) -> Response:
        if shape == "list-of-objects":
            raise serializers.ValidationError(
                {"lines": [{"non_field_errors": ["Line total is wrong."]},
                           {"name": ["Duplicate name."]}]}
            )  # fmt: skip
        raise serializers.ValidationError({"name": "Already taken."}, code="taken")
