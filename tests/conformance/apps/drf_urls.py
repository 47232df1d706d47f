"""The conformance routes as DRF ``APIView``s, for ``httpfault.adapters.drf.exception_handler``.

Used as ``ROOT_URLCONF`` with the Django ``ErrorMiddleware`` too (for the routing 404,
which DRF never sees) and ``REST_FRAMEWORK["EXCEPTION_HANDLER"]`` pointing at httpfault.
"""

from __future__ import annotations

from typing import NoReturn

from django.urls import path
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import common

OWN = {
    "forbidden": exceptions.PermissionDenied,
    "not-found": exceptions.NotFound,
}


class RaiseNamed(APIView):
    def get(self, request: Request, name: str) -> NoReturn:
        raise common.build(name)


class Stash(APIView):
    def get(self, request: Request) -> NoReturn:
        raise common.stashed(request.headers.get("X-Request-ID"))


class Own(APIView):
    def get(self, request: Request, what: str) -> NoReturn:
        raise OWN[what]()


class Ok(APIView):
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class Split(APIView):
    def get(self, request: Request, id: int) -> Response:
        return Response({"ok": True})

    def delete(self, request: Request, id: int) -> Response:
        return Response({"ok": True})


class Validate(APIView):
    def post(self, request: Request) -> Response:
        return Response(common.Signup.model_validate(request.data).model_dump())


urlpatterns = [
    path("c/raise/<str:name>", RaiseNamed.as_view()),
    path("c/stash", Stash.as_view()),
    path("c/own/<str:what>", Own.as_view()),
    path("c/only-get", Ok.as_view()),
    path("c/ok", Ok.as_view()),
    path("c/validate", Validate.as_view()),
    path("c/split/<int:id>", Split.as_view()),
]

handler400 = "httpfault.adapters.django.handler400"
handler403 = "httpfault.adapters.django.handler403"
handler404 = "httpfault.adapters.django.handler404"
handler500 = "httpfault.adapters.django.handler500"
