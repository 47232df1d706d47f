"""error_class() refusals and the fast path of converters' field errors."""

from __future__ import annotations

import pickle

import pytest

from httpfault import FieldError, catalog, error_class
from httpfault._convert import with_field_errors


@pytest.mark.parametrize("status", [200, 399, 600, 499, "404"])
def test_error_class_refusal_names_the_status(status: object) -> None:
    """An unknown or non-error status is a LookupError that says which status it was."""
    with pytest.raises(LookupError) as info:
        error_class(status)  # type: ignore[arg-type]
    assert str(info.value) == f"{status!r} is not a registered 4xx/5xx HTTP status"


@pytest.mark.parametrize("status", sorted(catalog))
def test_with_field_errors_equals_the_constructed_error(status: int) -> None:
    """For every registered status, the converters' shortcut gives the error the class's
    constructor gives: equal, same headers, same str, and it pickles to an equal error."""
    errors = [FieldError("email", "taken", code="taken")]
    made, built = with_field_errors(status, errors), error_class(status)(errors=errors)
    assert made == built
    assert (made.headers, made.extensions, made.detail, str(made), made.args) == (
        built.headers, built.extensions, built.detail, str(built), built.args,
    )  # fmt: skip
    assert pickle.loads(pickle.dumps(made)) == built
    assert with_field_errors(status, []) == error_class(status)()
