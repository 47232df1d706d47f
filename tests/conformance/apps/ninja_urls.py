"""The conformance routes on a Django Ninja ``NinjaAPI``, for ``httpfault.adapters.ninja``.

Used as ``ROOT_URLCONF`` with the Django ``ErrorMiddleware`` too (it answers the routing
404 and 405, which are Django's), and the ``HTTPFAULT`` setting holding the config:
``install(api)`` reads it, as a project using both adapters would.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import path
from ninja import NinjaAPI

from httpfault.adapters.ninja import install

from . import common

OWN = {
    "forbidden": PermissionDenied,
    "not-found": Http404,
}

api = NinjaAPI(urls_namespace="conformance-ninja")
install(api)


# Ninja's @api.get accepts GET only; HEAD is opted into per operation, as FastAPI's.
@api.api_operation(["GET", "HEAD"], "/raise/{name}")
def raise_named(request: HttpRequest, name: str) -> NoReturn:
    raise common.build(name)


@api.get("/stash")
def stash(request: HttpRequest) -> NoReturn:
    raise common.stashed(request.headers.get("X-Request-ID"))


@api.api_operation(["GET", "HEAD"], "/own/{what}")
def own(request: HttpRequest, what: str) -> NoReturn:
    raise OWN[what]()


@api.get("/only-get")
def only_get(request: HttpRequest) -> dict[str, Any]:
    return {"ok": True}


@api.get("/ok")
def ok(request: HttpRequest) -> dict[str, Any]:
    return {"ok": True}


@api.post("/validate")
def validate(request: HttpRequest, signup: common.Signup) -> dict[str, Any]:
    return signup.model_dump()


urlpatterns = [path("c/", api.urls)]

handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
