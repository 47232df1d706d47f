"""Django: ``urlpatterns += problem_type_urls([...])`` serves each problem type's page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client, override_settings

import httpfault
from httpfault import Config, RequestInfo, render
from httpfault.adapters.django import problem_type_urls
from tests.reliability.problem_types import PAGES, NoTypeOfItsOwn, assert_page


@pytest.fixture
def client() -> Iterator[Client]:
    with override_settings(ROOT_URLCONF="tests.reliability.django_types_urls"):
        yield Client()


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_served(client: Client, path: str) -> None:
    """GET on each type's path is its HTML page; HEAD has no body."""
    response = client.get(path)
    assert_page(response.status_code, response["Content-Type"], response.content, PAGES[path])
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""


def test_error_type_leads_to_its_page(client: Client) -> None:
    """The 409's type URI path is the page; POST on a page is the contract's 405."""
    error = client.post("/users").json()["error"]
    assert client.get(error["type"].removeprefix("https://example.com")).status_code == 200
    refused = client.post("/problems/email-taken", headers={"X-Request-ID": "r1"})
    want = render(httpfault.MethodNotAllowed(allow=["GET", "HEAD"]), Config(logger_name="x"),
                  RequestInfo("POST", "/problems/email-taken", {"X-Request-ID": "r1"}))  # fmt: skip
    assert refused.status_code == 405
    assert refused.content == want.body


def test_type_base_of_the_setting() -> None:
    """By default the HTTPFAULT setting's type_base gives plain subclasses their page."""
    with override_settings(HTTPFAULT={"TYPE_BASE": "https://example.com/errors/"}):
        (pattern,) = problem_type_urls([NoTypeOfItsOwn])
    assert pattern.resolve("errors/no_type") is not None
    assert pattern.resolve("errors/no_typeX") is None


def test_bad_types_refused() -> None:
    """A class with no type URI (and no type_base) is a ValueError."""
    with pytest.raises(ValueError, match="no problem type URI"):
        problem_type_urls([NoTypeOfItsOwn], config=Config())
