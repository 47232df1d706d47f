"""The API as plain Django views: raise httpfault errors, the middleware answers them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from pydantic import BaseModel, Field

from httpfault.adapters.django import json_body

from .store import STORE


class UserIn(BaseModel):
    """The body of ``POST /users``."""

    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=254)


class ItemIn(BaseModel):
    """The body of ``POST /items``."""

    name: str = Field(min_length=1, max_length=100)
    price: float = Field(gt=0)


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """200 while the server is up."""
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_http_methods(["POST"])
def users(request: HttpRequest) -> HttpResponse:
    """Create a user: 201; 415 unless JSON, 400 if malformed, 422 if invalid, 409 if taken."""
    new = UserIn.model_validate(json_body(request))
    return JsonResponse(STORE.add_user(new.name, new.email), status=201)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "DELETE"])
async def user(request: HttpRequest, user_id: int) -> HttpResponse:
    """Read (200) or delete (204) a user; 404 if there is none. An async view: its errors
    answer the same way."""
    if request.method == "DELETE":
        STORE.delete_user(user_id)
        return HttpResponse(status=204)
    return JsonResponse(STORE.user(user_id))


@csrf_exempt
@require_http_methods(["POST"])
def items(request: HttpRequest) -> HttpResponse:
    """Create an item: 201."""
    new = ItemIn.model_validate(json_body(request))
    return JsonResponse(STORE.add_item(new.name, new.price), status=201)


@require_safe
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    """Read an item; 404 if there is none."""
    return JsonResponse(STORE.item(item_id))


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Items by name; 429 with ``Retry-After`` past 5 searches in 10 seconds."""
    client = request.META.get("REMOTE_ADDR") or "-"
    found = STORE.search(client, request.GET.get("q", ""))
    return JsonResponse(found, safe=False)


@require_safe
def stats(request: HttpRequest) -> HttpResponse:
    """The average price: a bug with no items, a safe 500 logged once with its traceback."""
    return JsonResponse(STORE.stats())
