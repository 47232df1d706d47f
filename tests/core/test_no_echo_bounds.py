"""The no-echo rule at its bounds: how much of a submitted value is read, and which
context still counts as the schema's."""

from __future__ import annotations

from typing import Any

from httpfault._no_echo import _MAX_NODES, _MAX_TEXTS, _SCHEMA_CONTEXT, safe_message

MESSAGE = "name secret is taken"


def test_the_first_texts_of_a_value_count_and_no_more() -> None:
    """The items of a submitted list are read up to _MAX_TEXTS texts (the last items first):
    an echo of the last one read is caught, an item past the bound is not read."""
    filler = ["x"] * (_MAX_TEXTS - 1)
    assert safe_message(MESSAGE, "value_error", ["secret", *filler]) == "Invalid value."
    assert safe_message(MESSAGE, "value_error", ["secret", "x", *filler]) == MESSAGE


def test_the_first_nodes_of_a_value_are_read_and_no_more() -> None:
    """A value is walked for at most _MAX_NODES items, containers included: a text reached
    as the last node read counts, one a node further is not read."""
    within: list[Any] = ["secret", *([[]] * (_MAX_NODES - 2))]  # the list, empties, the text
    assert safe_message(MESSAGE, "value_error", within) == "Invalid value."
    beyond: list[Any] = ["secret", *([[]] * (_MAX_NODES - 1))]
    assert safe_message(MESSAGE, "value_error", beyond) == MESSAGE


def test_bytes_that_are_not_utf8_are_compared_as_text() -> None:
    """Submitted bytes that are not UTF-8 are read with replacement characters, never raise."""
    assert safe_message("name sec is taken", "value_error", b"sec\xff") == "name sec is taken"
    assert safe_message("name bob is taken", "value_error", [b"\xffbob", b"bob"]) == (
        "Invalid value."
    )


def test_every_schema_context_member_at_once_is_still_the_schema() -> None:
    """A context holding every schema member (and nothing else) is the schema's: pydantic's
    sentence made from it is kept even when it shows the submitted number."""
    context: dict[str, Any] = dict.fromkeys(_SCHEMA_CONTEXT, 1)
    context["gt"] = 3
    assert safe_message("Input should be greater than 3", "greater_than", 3, context) == (
        "Input should be greater than 3"
    )
    assert safe_message("Input should be greater than 3", "greater_than", 3, {"gt": 3, "x": 1}) == (
        "Invalid value."
    )


def test_a_short_value_absent_from_the_message_leaves_it() -> None:
    """A one- or two-character value that the message does not hold keeps the message."""
    assert safe_message("name is taken", "value_error", "Q") == "name is taken"
    assert safe_message("name is taken", "value_error", ["Qz"]) == "name is taken"


def test_the_email_sentence_itself_follows_the_echo_rule() -> None:
    """The email type's own sentence, uncut, is checked like any message: kept unless it
    holds the submitted text."""
    sentence = "value is not a valid email address."
    assert safe_message(sentence, "value_error", "a@b") == sentence
    assert safe_message(sentence, "value_error", "valid") == "Invalid value."
