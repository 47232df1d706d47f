"""The API as plain Django views: raise httpfault errors, the middleware answers them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from pydantic import BaseModel, Field

from httpfault import TooManyRequests
from httpfault.adapters.django import json_body

from .store import STORE


class NewUser(BaseModel):
    """The body of ``POST /users``."""

    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)


class NewItem(BaseModel):
    """The body of ``POST /items``."""

    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(ge=0)


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """200 while the server is up."""
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_http_methods(["POST"])
def users(request: HttpRequest) -> HttpResponse:
    """Create a user: 201; 415 unless JSON, 400 if malformed, 422 if invalid, 409 if taken."""
    new = NewUser.model_validate(json_body(request))
    user = STORE.add_user(new.name, new.email)
    response = JsonResponse(user, status=201)
    response["Location"] = f"/users/{user['id']}"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "DELETE"])
def user(request: HttpRequest, user_id: int) -> HttpResponse:
    """Read (200) or delete (204) a user; 404 if there is none."""
    if request.method == "DELETE":
        STORE.delete_user(user_id)
        return HttpResponse(status=204)
    return JsonResponse(STORE.user(user_id))


@csrf_exempt
@require_http_methods(["POST"])
def items(request: HttpRequest) -> HttpResponse:
    """Create an item: 201."""
    new = NewItem.model_validate(json_body(request))
    return JsonResponse(STORE.add_item(new.name, new.price_cents), status=201)


@require_safe
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    """Read an item; 404 if there is none."""
    return JsonResponse(STORE.item(item_id))


@require_safe
def search_items(request: HttpRequest) -> HttpResponse:
    """Always over its quota: 429 with ``Retry-After``."""
    raise TooManyRequests("Search quota used up; try again later", retry_after=30)


@require_safe
def boom(request: HttpRequest) -> HttpResponse:
    """A bug: a safe 500, logged once with its traceback; the message is never sent."""
    raise RuntimeError("database password is hunter2")


@require_safe
async def slow_user(request: HttpRequest, user_id: int) -> HttpResponse:
    """An async view: its errors answer the same way."""
    return JsonResponse(STORE.user(user_id))
