"""The pages behind ``serve_types``: where each type is served, what a page says, what is refused."""

from __future__ import annotations

import pytest

import httpfault
from httpfault import Config
from httpfault.adapters._type_pages import type_pages
from httpfault.client import ProblemRegistry
from tests.reliability.problem_types import (
    PAGES,
    TYPES,
    EmailTaken,
    NoTypeOfItsOwn,
    OutOfCredit,
    assert_page,
)


def test_paths_of_absolute_and_relative_type_uris() -> None:
    """An absolute type URI and a relative one are both served at their path."""
    pages = type_pages(TYPES, Config())
    assert {p.path: p.error for p in pages} == PAGES
    assert [p.type_uri for p in pages] == [EmailTaken.type, OutOfCredit.type]


def test_page_content_escaped() -> None:
    """Title, status, code, default message and docstring, HTML-escaped."""
    page = type_pages([OutOfCredit], Config())[0]
    assert_page(200, "text/html; charset=utf-8", page.body, OutOfCredit)
    text = page.body.decode()
    assert "402 Payment Required" in text
    assert "The balance &lt;b&gt;does not&lt;/b&gt; cover the cost &amp; the request" in text
    assert "&quot;this&quot;" in text


def test_registry_and_duplicates() -> None:
    """A client ProblemRegistry works as the list; the same class twice is one page."""
    registry = ProblemRegistry(TYPES)
    assert [p.error for p in type_pages(registry, Config())] == TYPES
    assert len(type_pages([EmailTaken, EmailTaken], Config())) == 1


def test_type_base_gives_a_type_to_plain_subclasses() -> None:
    """With Config.type_base, a class without its own type is served at base + code."""
    config = Config(type_base="https://example.com/errors/")
    page = type_pages([NoTypeOfItsOwn], config)[0]
    assert page.path == "/errors/no_type"
    assert page.type_uri == "https://example.com/errors/no_type"


@pytest.mark.parametrize("value", [True, "EmailTaken", EmailTaken])
def test_refuses_what_is_not_a_list_of_classes(value: object) -> None:
    """serve_types=True (or a bare class or a string) is refused with a clear TypeError."""
    with pytest.raises(TypeError, match="serve_types takes the HTTPError subclasses"):
        type_pages(value, Config())  # type: ignore[arg-type]


def test_refuses_non_error_classes() -> None:
    """Something that is no HTTPError subclass is refused."""
    with pytest.raises(TypeError, match="HTTPError subclasses, not"):
        type_pages([ValueError], Config())  # type: ignore[list-item]


def test_refuses_types_without_a_page() -> None:
    """No type of its own, about:blank, a URN, or two classes on one path: ValueError."""
    with pytest.raises(ValueError, match="no problem type URI of its own"):
        type_pages([NoTypeOfItsOwn], Config())
    with pytest.raises(ValueError, match="no problem type URI of its own"):
        type_pages([httpfault.NotFound], Config())

    class Urn(httpfault.Conflict):
        type = "urn:example:problem:urn"

    with pytest.raises(ValueError, match="has no path to serve"):
        type_pages([Urn], Config())

    class Same(httpfault.Gone):
        type = "https://elsewhere.example/problems/email-taken"

    with pytest.raises(ValueError, match="share the page path"):
        type_pages([EmailTaken, Same], Config())
