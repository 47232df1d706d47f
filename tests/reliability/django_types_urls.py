"""A URLconf with the problem type pages of :mod:`tests.reliability.problem_types`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from httpfault.adapters.django import problem_type_urls
from tests.reliability.problem_types import TYPES, EmailTaken


def users(request: HttpRequest) -> HttpResponse:
    raise EmailTaken("Email already registered")


urlpatterns = [path("users", users), *problem_type_urls(TYPES)]
