"""Views raising every kind of error the Django adapter answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    BadRequest,
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from pydantic import BaseModel, Field

from httpfault import Conflict, FieldError, TooManyRequests, UnprocessableContent
from httpfault.adapters.django import json_body


class DomainError(Exception):
    """An application exception that ``exception_map`` may translate."""


class Payload(BaseModel):
    """A pydantic model that views validate against."""

    name: str = Field(min_length=1)
    age: int


def ok(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


def conflict(request: HttpRequest) -> HttpResponse:
    raise Conflict("Email already registered", code="email_taken")


def lazy(request: HttpRequest) -> HttpResponse:
    # A msgid Django translates itself: rendered in the answer's language.
    raise Conflict(gettext_lazy("This field is required."))


def fields(request: HttpRequest) -> HttpResponse:
    raise UnprocessableContent(errors=[FieldError(("items", 0, "a/b"), "bad", code="x")])


def throttled(request: HttpRequest) -> HttpResponse:
    raise TooManyRequests(retry_after=30)


def http404(request: HttpRequest) -> HttpResponse:
    raise Http404("No User matches the given query.")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Internal reason")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("Odd header")


def bad_request(request: HttpRequest) -> HttpResponse:
    raise BadRequest("Django's own words")


def multipart(request: HttpRequest) -> HttpResponse:
    raise MultiPartParserError("Invalid boundary")


@csrf_exempt
def body(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.body)  # over DATA_UPLOAD_MAX_MEMORY_SIZE: RequestDataTooBig


@csrf_exempt
def form(request: HttpRequest) -> HttpResponse:
    return JsonResponse(dict(request.POST.items()))


def validation_dict(request: HttpRequest) -> HttpResponse:
    raise ValidationError(
        {
            "email": [ValidationError("Enter a valid email address.", code="invalid")],
            "age": [
                ValidationError("Ensure this value is less than or equal to %(limit)s.",
                                code="max_value", params={"limit": 150}),
                ValidationError("“%(value)s” value must be an integer.", code="invalid",
                                params={"value": "secret-input"}),
            ],
            NON_FIELD_ERRORS: ["Passwords do not match."],
        }
    )  # fmt: skip


def validation_list(request: HttpRequest) -> HttpResponse:
    raise ValidationError(["First problem.", ValidationError("Bad %(x)s", params={"y": 1})])


def pydantic_error(request: HttpRequest) -> HttpResponse:
    Payload.model_validate({"name": "", "age": "not a number"})
    return HttpResponse()  # pragma: no cover


def ratelimited_text(request: HttpRequest) -> HttpResponse:
    from django_ratelimit.exceptions import Ratelimited  # type: ignore[import-untyped]

    raise Ratelimited("Too many sign-ins from 10.0.0.7")


def validation_unquoted(request: HttpRequest) -> HttpResponse:
    raise ValidationError("“%(value)s” is not allowed.", code="invalid", params={"limit": 3})


def domain(request: HttpRequest) -> HttpResponse:
    raise DomainError("no such account")


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret: hunter2")


@require_http_methods(["GET", "POST"])
def only_get_post(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


class OnlyGet(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return JsonResponse({"ok": True})


def own_not_found(request: HttpRequest) -> HttpResponse:
    return HttpResponseNotFound("the view's own 404 page")  # left alone: the view chose it


def template_boom(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "does-not-exist.html")


def csrf_protected(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


@csrf_exempt
def json_echo(request: HttpRequest) -> HttpResponse:
    data: Any = json_body(request)
    return JsonResponse({"data": data})


async def async_ok(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


async def async_conflict(request: HttpRequest) -> HttpResponse:
    raise Conflict("Email already registered", code="email_taken")


async def async_boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret: hunter2")
