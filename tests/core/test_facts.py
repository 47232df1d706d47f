"""facts(): what an answer reads of an error, read once, whatever the status's type."""

from __future__ import annotations

from http import HTTPStatus

from httpfault import Config, Conflict, RequestInfo, TooManyRequests
from httpfault._render import render_with_id

REQUEST = RequestInfo("GET", "/x", {"X-Request-ID": "r-1"})


def test_an_int_enum_status_set_on_an_error_answers_as_its_int() -> None:
    """An error whose status was set to ``HTTPStatus.CONFLICT`` after it was made answers
    exactly as the same error with the int 409, every member in place."""
    for config in (Config(cache_bytes=0), Config(format="problem", cache_bytes=0)):
        for make in (
            lambda: Conflict("Taken", code="email_taken", instance="/users/7", user_id=7),
            lambda: TooManyRequests("Slow down", retry_after=30),
        ):
            error = make()
            error.status = HTTPStatus(error.status)
            assert render_with_id(error, config, REQUEST, "r-1") == render_with_id(
                make(), config, REQUEST, "r-1"
            )
