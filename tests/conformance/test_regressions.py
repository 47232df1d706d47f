"""Regressions the conformance suite found in the adapters, pinned one by one."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings

from httpfault import Config

RID = {"X-Request-ID": "reg-1"}


@pytest.fixture
def django_problem() -> Iterator[None]:
    """The Django test app (tests.django.urls) answering in problem format."""
    with override_settings(
        ROOT_URLCONF="tests.django.urls",
        HTTPFAULT={"CONFIG": Config(format="problem")},
        MIDDLEWARE=["httpfault.adapters.django.ErrorMiddleware"],
    ):
        yield


@pytest.mark.usefixtures("django_problem")
@pytest.mark.parametrize(
    ("extra", "instance"),
    [
        ({"RAW_URI": "/no/a%2Fb?x=1"}, "/no/a%2Fb"),  # gunicorn
        ({"REQUEST_URI": "/no/a%2Fb"}, "/no/a%2Fb"),  # uWSGI, mod_wsgi
        ({"RAW_URI": "/no/caf\xc3\xa9"}, "/no/caf%C3%A9"),  # raw UTF-8 bytes as latin-1
        ({"RAW_URI": "/no/\u20ac"}, "/no/%E2%82%AC"),  # not latin-1: taken as text
        ({"RAW_URI": "http://example.com/no/a%2Fb"}, "/no/a/b"),  # absolute form: not a path
        ({}, "/no/a/b"),  # no raw URI: the decoded path is all there is
    ],
)
def test_django_instance_is_the_path_as_sent(extra: dict[str, str], instance: str) -> None:
    """Django's ``instance`` is the raw request path when the WSGI server passes it:
    ``/no/a%2Fb`` is not ``/no/a/b``, which ``request.path`` alone would give."""
    response = Client(headers=RID).get("/no/a%2Fb", **extra)  # type: ignore[arg-type]
    assert response.status_code == 404
    assert json.loads(response.content)["instance"] == instance
