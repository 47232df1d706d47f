"""A URLconf with no httpfault error views (Django's defaults), for the middleware alone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseForbidden
from django.urls import path

from . import views


def own_forbidden(request: HttpRequest) -> HttpResponseForbidden:
    return HttpResponseForbidden("<p>Not for you</p>")


urlpatterns = [
    path("ok", views.ok),
    path("csrf", views.csrf_protected),
    path("own-403", own_forbidden),
]
