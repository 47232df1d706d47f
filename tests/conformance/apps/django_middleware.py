"""Django middleware raising what the request's ``X-Raise-In-Middleware`` header names."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from . import common


class RaiseInMiddleware:
    """Listed after ``ErrorMiddleware``: its exceptions go through Django's own handling."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        name = request.headers.get(common.RAISE_HEADER)
        if name:
            raise common.build(name)
        return self.get_response(request)
