"""Test middleware that raises what a request's ``X-Raise-Inner``/``X-Raise-Outer`` asks for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponseBase

from httpfault import Conflict

RAISES: dict[str, Callable[[], Exception]] = {
    "conflict": lambda: Conflict("Raised in middleware"),
    "http404": lambda: Http404("No such thing"),
    "forbidden": lambda: PermissionDenied("Internal reason"),
    "suspicious": lambda: SuspiciousOperation("Host header is odd"),
    "bad": lambda: BadRequest("Django's own words"),
    "boom": lambda: RuntimeError("secret in middleware"),
}


class _Raising:
    sync_capable = True
    async_capable = True
    header = ""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self._acall(request)
        self._check(request)
        return self.get_response(request)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        self._check(request)
        response: HttpResponseBase = await self.get_response(request)
        return response

    def _check(self, request: HttpRequest) -> None:
        what = request.headers.get(self.header)
        if what:
            raise RAISES[what]()


class InnerMiddleware(_Raising):
    """Listed after ErrorMiddleware: its exceptions pass through Django's handling inside."""

    header = "X-Raise-Inner"


class OuterMiddleware(_Raising):
    """Listed before ErrorMiddleware: only the error views can answer its exceptions."""

    header = "X-Raise-Outer"
