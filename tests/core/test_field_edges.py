"""Field errors at their edges: exact refusals, odd names, locations, what counts as an echo."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from httpfault import FieldError, json_pointer
from httpfault._fields import details_key, field_errors_from_details, field_errors_from_pydantic


def test_field_error_refusals_say_what_is_wrong() -> None:
    """A message or code of the wrong type is refused with a message naming the argument."""
    with pytest.raises(TypeError) as message:
        FieldError("a", 7)  # type: ignore[arg-type]
    assert str(message.value) == "FieldError message must be a str"
    with pytest.raises(TypeError) as code:
        FieldError("a", "m", code=7)  # type: ignore[arg-type]
    assert str(code.value) == "FieldError code must be a str or None"


def test_repr_shows_the_code_only_when_there_is_one() -> None:
    """repr() reads like the call that makes the field error."""
    assert repr(FieldError("a", "m", code="c")) == "FieldError('#/a', 'm', code='c', in_='body')"
    assert repr(FieldError("a", "m", in_="query")) == "FieldError('#/a', 'm', in_='query')"


def test_hash_follows_equality_and_tells_errors_apart() -> None:
    """Equal field errors hash alike; different ones spread over different hashes."""
    assert hash(FieldError("a", "m")) == hash(FieldError("#/a", "m"))
    hashes = {hash(FieldError(name, "m")) for name in ("a", "b", "c", "d")}
    assert len(hashes) == 4


def test_pointer_of_a_name_with_a_lone_surrogate_keeps_fragment_characters() -> None:
    """A name with a lone surrogate is repaired (U+FFFD) and still percent-encoded for a
    URI fragment only: '@', ':' and '?' stay as they are."""
    assert json_pointer(["a\udc00@b:c?d"]) == "#/a%EF%BF%BD@b:c?d"


class Located(BaseModel):
    query: int
    path: int


def test_pydantic_errors_are_in_the_body_unless_asked() -> None:
    """Field names that are also location names (``query``, ``path``) are body fields
    unless ``location_first`` says the first loc item is the location."""
    try:
        Located.model_validate({"query": "x", "path": "y"})
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc)
        located = field_errors_from_pydantic(exc, location_first=True)
    assert [(e.in_, e.pointer) for e in errors] == [("body", "#/query"), ("body", "#/path")]
    assert [(e.in_, e.pointer) for e in located] == [("query", "#"), ("path", "#")]


def test_details_are_in_the_body_by_default() -> None:
    """field_errors_from_details() without location_first keeps every error in the body."""
    detail = {"loc": ("query", "q"), "msg": "Field required", "type": "missing"}
    [plain] = field_errors_from_details([detail])
    assert (plain.in_, plain.pointer) == ("body", "#/query/q")
    [located] = field_errors_from_details([detail], location_first=True)
    assert (located.in_, located.pointer) == ("query", "#/q")


def test_details_key_refuses_what_no_key_stands_for() -> None:
    """details_key() gives no key for loc parts and types a key cannot stand for exactly."""
    assert details_key([{"loc": ("a", 1.5), "msg": "m", "type": "t"}]) is None
    assert details_key([{"loc": ("a",), "msg": "m", "type": 3}]) is None
    assert details_key([{"loc": ("a", 1), "msg": "m", "type": "t"}]) is not None


@pytest.mark.parametrize(
    ("value", "message", "replaced"),
    [
        ("it's", "Value error, 'it's' is taken", True),  # quoted text whose repr differs
        ('say "hi"', "Value error, 'say \"hi\"' is taken", True),
        ("", "Value error, '' is not allowed", False),  # nothing to echo
        # The text of any submitted value counts, a bool's and a list's items' included.
        (True, "Input should be True", True),
        (False, "Value error, False is not allowed", True),
        ([1], "Value error, [1] is not allowed", True),
        (42, "Value error, 42 is taken", True),
        (1.5, "Value error, 1.5 is too small", True),
    ],
)
def test_what_counts_as_quoting_the_input(value: object, message: str, replaced: bool) -> None:
    """A message holding the text of the submitted value (a text, a number, a bool, the
    items of a list) is replaced by a neutral one; an empty input leaves it as it is."""
    detail = {"loc": ("name",), "msg": message, "type": "value_error", "input": value}
    [error] = field_errors_from_details([detail])
    assert error.message == ("Invalid value." if replaced else message)
    [(_, keyed, _)] = details_key([detail])
    assert keyed == error.message


def test_details_key_bounds_are_inclusive() -> None:
    """A loc part, message or type of exactly MAX_KEY_TEXT characters, and details of exactly
    MAX_KEY_TOTAL characters in all, still have a key; one character more has none."""
    from httpfault._fields import MAX_KEY_TEXT, MAX_KEY_TOTAL

    longest = "t" * MAX_KEY_TEXT
    assert details_key([{"loc": ("a",), "msg": "m", "type": longest}]) is not None
    assert details_key([{"loc": ("a",), "msg": "m", "type": longest + "t"}]) is None
    assert details_key([{"loc": ("a",), "msg": longest, "type": "t"}]) is not None
    assert details_key([{"loc": ("a",), "msg": longest + "t", "type": "t"}]) is None
    half = MAX_KEY_TEXT // 2
    count = MAX_KEY_TOTAL // MAX_KEY_TEXT
    # Each detail counts its field name and its message: MAX_KEY_TOTAL characters in all.
    full = [
        {"loc": (f"{i}".ljust(half, "f"),), "msg": "m" * half, "type": "t"} for i in range(count)
    ]
    assert details_key(full) is not None
    full[0]["msg"] += "m"
    assert details_key(full) is None


def test_details_key_refuses_a_type_that_is_not_text() -> None:
    """A detail whose type is not a str (a tuple, even a short one) has no key."""
    assert details_key([{"loc": ("a",), "msg": "m", "type": ("t",)}]) is None


class _Tag:
    """An error type given as an object: its text is the type."""

    def __str__(self) -> str:
        return "uuid_parsing"


def test_a_message_that_is_not_text_is_sent_as_its_text() -> None:
    """A detail's non-str message is sent as its text (not replaced), in the field error and
    in the key alike; a type given as an object is read as its text for the no-echo rule."""
    detail = {"loc": ("n",), "msg": 12, "type": "value_error"}
    [error] = field_errors_from_details([detail])
    assert error.message == "12"
    [(_, keyed, _)] = details_key([detail])
    assert keyed == "12"
    quoting = {"loc": ("n",), "msg": "found `Z` at 0", "type": _Tag(), "input": "Z"}
    [uuid_error] = field_errors_from_details([quoting])
    assert (uuid_error.message, uuid_error.code) == (
        "Input should be a valid UUID.",
        "uuid_parsing",
    )
