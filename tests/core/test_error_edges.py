"""The error classes at their edges: subclasses defined at run time, refusals and their
messages, ``repr`` and hashing, status codes turned into codes."""

from __future__ import annotations

import pytest

from httpfault import ClientError, Conflict, Gone, NotFound
from httpfault._catalog_data import TEXTS
from httpfault._errors import code_for


def test_code_for_makes_snake_case_codes() -> None:
    """code_for() drops apostrophes, joins words with one '_' and trims the ends."""
    assert code_for("I'm a teapot") == "im_a_teapot"
    assert code_for("Not Found") == "not_found"
    assert code_for("(Unused)") == "unused"
    assert code_for("Request-URI Too Long!") == "request_uri_too_long"


def test_a_subclass_takes_its_status_texts() -> None:
    """A subclass that sets only a registered status gets that status's title, code and
    default detail, not its parent's."""

    class Teapot(ClientError):
        status = 418

    assert Teapot.title == TEXTS[418].title == "I'm a teapot"
    assert Teapot.code == "im_a_teapot"
    assert Teapot.default_detail == TEXTS[418].message
    assert Teapot().default_detail != ClientError.default_detail


def test_a_subclass_keeps_what_it_sets_itself() -> None:
    """A subclass's own title, code and default detail are kept; what it does not set comes
    from its status."""

    class Teapot(ClientError):
        status = 418
        title = "Short and stout"

    class Brewed(ClientError):
        status = 418
        code = "brewed"
        default_detail = "Tea is brewing."

    assert (Teapot.title, Teapot.code) == ("Short and stout", "im_a_teapot")
    assert Teapot.default_detail == TEXTS[418].message
    assert (Brewed.title, Brewed.code) == ("I'm a teapot", "brewed")
    assert Brewed.default_detail == "Tea is brewing."


def test_a_status_given_as_text_is_not_registered() -> None:
    """A status that is not an int (the text "418") is not taken for one: no registered
    texts, so a title must be given."""
    with pytest.raises(TypeError, match="is not registered; set title"):

        class Teapot(ClientError):
            status = "418"  # type: ignore[assignment]


def test_a_detail_of_a_str_subclass_is_taken() -> None:
    """A detail whose class derives from str is a detail like any text."""

    class Text(str):
        pass

    error = NotFound(Text("No such user"))
    assert error.detail == "No such user"
    assert str(error) == "404 Not Found: No such user"


def test_refusals_say_how_to_mend() -> None:
    """The refusals of a bad code or extension name say what is wrong and what to do."""
    with pytest.raises(ValueError) as empty_code:
        Conflict(code="")
    assert str(empty_code.value) == "code must be a non-empty string"
    with pytest.raises(ValueError) as clash:
        Conflict(status=1)
    assert str(clash.value) == (
        "extension member 'status' clashes with a standard member of the error body; "
        "pass it as the matching argument or choose another name"
    )
    with pytest.raises(ValueError) as short:
        Conflict(ab=1)
    assert str(short.value) == (
        "extension member 'ab' is not a valid name: RFC 9457 asks for a letter first, "
        "then letters, digits or '_', three characters at least"
    )


def test_repr_shows_the_type_title_and_instance_given() -> None:
    """repr() shows a type, title and instance given to the constructor, by name."""
    error = Gone("x", type="https://e.org/gone", title="Gone for good", instance="/a/1")
    assert repr(error) == (
        "Gone('x', type='https://e.org/gone', title='Gone for good', instance='/a/1')"
    )


def test_different_errors_hash_apart() -> None:
    """Errors of another class, code or detail hash differently, so a set or dict of many
    errors spreads them over its buckets."""
    hashes = {
        hash(Conflict("a")),
        hash(Conflict("b")),
        hash(Gone("a")),
        hash(Conflict("a", code="x")),
    }
    assert len(hashes) == 4


def test_no_detail_given_positionally_leaves_no_args() -> None:
    """An error made with ``None`` as its detail has empty ``args``, as one made with none."""
    assert NotFound(None).args == ()
    assert str(NotFound(None)) == "404 Not Found"


def test_field_errors_of_another_type_are_refused_by_name() -> None:
    """Field errors that are not FieldError instances are refused with a message saying so."""
    with pytest.raises(TypeError) as refused:
        Conflict(errors=[{"pointer": "#/a", "message": "m"}])  # type: ignore[list-item]
    assert str(refused.value) == "errors must be FieldError instances"
