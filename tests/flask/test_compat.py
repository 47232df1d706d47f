"""The werkzeug internals httpfault relies on, pinned on the installed release."""

from __future__ import annotations

from werkzeug.exceptions import NotFound

from httpfault.adapters._flask.werkzeug_compat import instance_description


def test_the_instance_keeps_the_description_it_was_given() -> None:
    """A description given at construction is the instance's own; the class default is not."""
    assert instance_description(NotFound("No such user")) == "No such user"
    assert instance_description(NotFound()) is None
    assert NotFound().description  # the class default, which is not the user's
