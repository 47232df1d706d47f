"""The reuse key of an error's facts: how many characters it holds, and what has no key."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import pytest

from httpfault import Conflict, FieldError, HTTPError, TooManyRequests, render
from httpfault._body import cache_key, facts
from httpfault._fields import MAX_KEY_TEXT, MAX_KEY_TOTAL


def _texts(value: Any) -> Iterator[str]:
    if value.__class__ is str:
        yield value
    elif value.__class__ is tuple:
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Conflict("abc"),
        lambda: Conflict(errors=[FieldError("a", "m"), FieldError("bb", "n", code="c")]),
        lambda: Conflict(headers={"X-A": "12"}),
        lambda: Conflict(note="xy"),
        lambda: Conflict(count=3, flag=True, gone=None),
        lambda: TooManyRequests("slow", retry_after=30, note="abc", count=3),
    ],
)
def test_the_size_counts_every_character_the_key_holds(make: Any) -> None:
    """The size given with a key is the length of every string in it (names, values, field
    error parts), plus 8 for each extension value that is not a string."""
    error: HTTPError = make()
    found = cache_key(facts(error))
    assert found is not None
    key, size = found
    others = sum(1 for value in error.extensions.values() if value.__class__ is not str)
    assert size == sum(len(text) for text in _texts(key)) + 8 * others


def test_a_field_error_text_of_the_longest_length_has_a_key() -> None:
    """A field error's message of exactly MAX_KEY_TEXT characters still has a key."""
    error = Conflict(errors=[FieldError("a", "m" * MAX_KEY_TEXT)])
    assert cache_key(facts(error)) is not None
    longer = Conflict(errors=[FieldError("a", "m" * (MAX_KEY_TEXT + 1))])
    assert cache_key(facts(longer)) is None


def test_a_header_value_that_is_not_text_has_no_key() -> None:
    """A header value set to a number after construction has no key (the header is checked,
    and refused, each time the error renders)."""
    error = Conflict()
    error.headers["X-Count"] = 5  # type: ignore[assignment]
    assert cache_key(facts(error)) is None


def test_member_names_and_values_of_the_longest_length_have_a_key() -> None:
    """An extension or header name, or a text value, of exactly MAX_KEY_TEXT characters
    still has a key; one character more has none."""
    longest, longer = "n" * MAX_KEY_TEXT, "n" * (MAX_KEY_TEXT + 1)
    assert cache_key(facts(Conflict(**{longest: 1}))) is not None
    assert cache_key(facts(Conflict(**{longer: 1}))) is None
    assert cache_key(facts(Conflict(note=longest))) is not None
    assert cache_key(facts(Conflict(headers={"X-A": longest}))) is not None
    assert cache_key(facts(Conflict(headers={"X-" + longest[2:]: "1"}))) is not None
    assert cache_key(facts(Conflict(headers={"X-" + longer[2:]: "1"}))) is None


def test_a_key_of_exactly_the_total_bound_is_kept() -> None:
    """An error whose key holds exactly MAX_KEY_TOTAL characters has a key; one more has none."""
    errors: list[FieldError] = []
    size = 0
    while size <= MAX_KEY_TOTAL - MAX_KEY_TEXT:
        errors.append(FieldError(f"f{len(errors)}", "m" * 200))
        found = cache_key(facts(Conflict(errors=errors)))
        assert found is not None
        size = found[1]
    room = MAX_KEY_TOTAL - size  # what a detail may add
    assert 0 < room <= MAX_KEY_TEXT
    assert cache_key(facts(Conflict("d" * room, errors=errors))) is not None
    assert cache_key(facts(Conflict("d" * (room + 1), errors=errors))) is None


def test_a_status_set_on_an_instance_renders_as_an_int_or_not_at_all(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An IntEnum status set on one error renders as its int; a status given as text is no
    status: that error renders as the minimal 500."""
    error = Conflict()
    error.status = HTTPStatus.GONE
    rendered = render(error)
    assert rendered.status == 410
    assert b'"status":410,' in rendered.body
    texted = Conflict()
    texted.status = "409"  # type: ignore[assignment]
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        fallback = render(texted)
    assert fallback.status == 500
    assert json.loads(fallback.body)["error"]["status"] == 500
