"""Edges of the translation of Django's exceptions: django-ratelimit's exception with a
text of its own, the security log's record, and a quoting template given no value."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings

import httpfault
from tests.django.helpers import HEADERS, assert_rendered


@pytest.fixture
def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


@pytest.mark.parametrize(
    ("method", "path", "error", "text"),
    [
        (
            "GET",
            "/ratelimited-text",
            httpfault.TooManyRequests(),
            "Too many sign-ins from 10.0.0.7",
        ),
        ("GET", "/forbidden", httpfault.Forbidden(), "Internal reason"),
        ("GET", "/suspicious", httpfault.BadRequest(), "Odd header"),
        ("GET", "/bad-request", httpfault.BadRequest(), "Django's own words"),
        ("GET", "/multipart", httpfault.BadRequest(), "Invalid boundary"),
        ("POST", "/body", httpfault.ContentTooLarge(), "DATA_UPLOAD_MAX_MEMORY_SIZE"),
    ],
)
def test_djangos_text_reaches_only_the_log(
    client: Client,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    error: httpfault.HTTPError,
    text: str,
) -> None:
    """Django's exceptions raised with a text (django-ratelimit's ``Ratelimited`` given one,
    ``PermissionDenied``, ``SuspiciousOperation``, ``RequestDataTooBig``, ``BadRequest``, a
    multipart parse error) answer the catalogue's error: the text is Django-side wording,
    not exposed, and it reaches the log line of the error."""
    with caplog.at_level(logging.INFO, logger="django.request"):
        if method == "POST":
            response = client.post(path, data=b"x" * 2048, content_type="application/octet-stream")
        else:
            response = client.get(path)
    assert_rendered(response, error, method=method)
    assert text.encode() not in response.content
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert text in records[0].getMessage()


def test_security_log_record_is_djangos(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    """The ``django.security`` record of a ``SuspiciousOperation`` carries what Django's
    own carries: the exception as ``exc_info``, the answer's ``status_code`` and the
    ``request`` (which Django's ``AdminEmailHandler`` reads)."""
    with caplog.at_level(logging.INFO):
        client.get("/suspicious")
    (record,) = [r for r in caplog.records if r.name == "django.security.SuspiciousOperation"]
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], SuspiciousOperation)
    assert record.status_code == 400  # type: ignore[attr-defined]
    assert record.request.path == "/suspicious"  # type: ignore[attr-defined]


def test_quoting_template_without_a_value_is_kept(client: Client) -> None:
    """A message that would quote ``%(value)s`` but is given no ``value`` quotes nothing:
    it is not replaced by the neutral text (its params do not fit, so it is kept as is)."""
    response = client.get("/validation-unquoted")
    errors = json.loads(response.content)["error"]["errors"]
    assert errors == [
        {"in": "body", "pointer": "#", "message": "“%(value)s” is not allowed.", "code": "invalid"}
    ]


def test_unmapped_django_exceptions_translate_beside_an_exception_map() -> None:
    """With an ``EXCEPTION_MAP`` that names none of Django's exceptions, Django's own are
    still translated (a ``PermissionDenied`` is a 403, not a 500)."""
    mapping = {"tests.django.views.DomainError": "httpfault.NotFound"}
    with override_settings(HTTPFAULT={"EXCEPTION_MAP": mapping}):
        response = Client(headers=HEADERS, raise_request_exception=False).get("/forbidden")
    assert_rendered(response, httpfault.Forbidden())


def test_debug_names_djangos_exception() -> None:
    """With ``HTTPFAULT = {"DEBUG": True}`` the debug member of a translated error names
    Django's exception behind it, not the httpfault class."""
    with override_settings(HTTPFAULT={"DEBUG": True}):
        response = Client(raise_request_exception=False).get("/forbidden")
    debug = json.loads(response.content)["error"]["debug"]
    assert debug["exception"] == "django.core.exceptions.PermissionDenied"
