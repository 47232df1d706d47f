"""The conformance routes as plain Django views, for ``httpfault.adapters.django``.

Used as ``ROOT_URLCONF`` with ``ErrorMiddleware`` first in ``MIDDLEWARE`` and the
``HTTPFAULT`` setting holding the config (see ``tests.conformance.adapters``).
"""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from httpfault.adapters.django import json_body

from . import common

OWN = {
    "forbidden": PermissionDenied,
    "not-found": Http404,
}


def raise_named(request: HttpRequest, name: str) -> NoReturn:
    raise common.build(name)


def stash(request: HttpRequest) -> NoReturn:
    raise common.stashed(request.headers.get("X-Request-ID"))


def own(request: HttpRequest, what: str) -> NoReturn:
    raise OWN[what]()


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


class Split(View):
    """Django routes by path only: one view serves GET (and HEAD) and DELETE."""

    def get(self, request: HttpRequest, id: int) -> JsonResponse:
        return JsonResponse({"ok": True})

    def delete(self, request: HttpRequest, id: int) -> JsonResponse:
        return JsonResponse({"ok": True})


@require_POST
def validate(request: HttpRequest) -> JsonResponse:
    return JsonResponse(common.Signup.model_validate(json_body(request)).model_dump())


urlpatterns = [
    path("c/raise/<str:name>", raise_named),
    path("c/stash", stash),
    path("c/own/<str:what>", own),
    path("c/only-get", require_GET(ok)),
    path("c/ok", ok),
    path("c/validate", validate),
    path("c/split/<int:id>", Split.as_view()),
]

handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
