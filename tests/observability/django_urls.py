"""Django URLs of the observability tests: a 4xx and a 5xx view."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from .apps import boom, conflict


def conflict_view(request: HttpRequest) -> HttpResponse:
    """Raises the 4xx."""
    conflict()
    return HttpResponse()  # pragma: no cover - never reached


def boom_view(request: HttpRequest) -> HttpResponse:
    """Raises the 5xx."""
    boom()
    return HttpResponse()  # pragma: no cover - never reached


urlpatterns = [path("conflict", conflict_view), path("boom", boom_view)]
