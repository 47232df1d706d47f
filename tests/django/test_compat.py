"""The Django and DRF internals httpfault relies on, pinned on the installed releases."""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response
from rest_framework.request import Request

from httpfault.adapters._django.django_compat import LOGGED_ATTR, django_request, was_logged
from httpfault.adapters._django.respond import ErrorResponse


def test_log_response_skips_a_response_marked_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Django's ``log_response()`` writes a 404 record once, and none for a marked one."""
    request = RequestFactory().get("/missing")
    plain = HttpResponse(status=404)
    assert not was_logged(plain)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        log_response("Not Found: %s", request.path, response=plain, request=request)
        log_response("Not Found: %s", request.path, response=plain, request=request)
        log_response("Not Found: %s", request.path, response=ErrorResponse(status=404),
                     request=request)  # fmt: skip
    assert was_logged(plain)
    assert len([r for r in caplog.records if r.name == "django.request"]) == 1
    assert getattr(ErrorResponse(), LOGGED_ATTR) is True


def test_a_drf_request_wraps_the_django_request() -> None:
    """DRF's ``Request`` keeps the Django ``HttpRequest`` it wraps under ``_request``."""
    original = RequestFactory().get("/x")
    assert django_request(Request(original)) is original
    assert django_request(original) is original
