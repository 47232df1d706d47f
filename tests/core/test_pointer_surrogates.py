"""JSON Pointers of names holding lone surrogates (JSON object keys may hold any string)."""

from __future__ import annotations

import pytest

from httpfault import FieldError, UnprocessableContent, json_pointer, render
from httpfault.testing import is_json_pointer_fragment


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        (["\ud800"], "#/%EF%BF%BD"),
        (["scores", "a/\udfff~b", 3], "#/scores/a~1%EF%BF%BD~0b/3"),
        (["é\ud800"], "#/%C3%A9%EF%BF%BD"),
    ],
)
def test_lone_surrogates_become_replacement_characters(path: list[str | int], pointer: str) -> None:
    """A name with a lone surrogate has no UTF-8 form: it is percent-encoded as U+FFFD
    instead of raising UnicodeEncodeError (which turned a 422 into a 500)."""
    assert json_pointer(path) == pointer
    assert FieldError(path, "Bad.").pointer == pointer
    assert is_json_pointer_fragment(pointer)


def test_plain_pointer_with_a_lone_surrogate() -> None:
    """A plain JSON Pointer string (``/a``) with a lone surrogate is encoded the same way."""
    assert FieldError("/a\ud800", "Bad.").pointer == "#/a%EF%BF%BD"


def test_such_field_errors_render() -> None:
    """The error renders as a 422 whose pointer is a valid URI fragment."""
    rendered = render(UnprocessableContent(errors=[FieldError(["k\ud800"], "Bad.")]))
    assert rendered.status == 422
    assert b'"pointer":"#/k%EF%BF%BD"' in rendered.body
