"""Ninja's exceptions translated, one by one, and install()'s options."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI
from ninja.errors import AuthorizationError, HttpError, ValidationError
from ninja.security import HttpBasicAuth

import httpfault
from httpfault import Config
from httpfault._fields import field_errors_from_details
from httpfault.adapters._ninja.convert import ninja_error, validation_details
from httpfault.adapters.ninja import install

CONFIG = Config()


@pytest.mark.parametrize(
    ("exc", "cls", "detail"),
    [
        (HttpError(499, "Odd"), httpfault.BadRequest, "Odd"),
        (HttpError(599, "Odd"), httpfault.InternalServerError, "Odd"),
        (AuthorizationError(), httpfault.Forbidden, None),
        (HttpError(404, "Not Found"), httpfault.NotFound, None),
    ],
)
def test_http_errors(exc: HttpError, cls: type[httpfault.HTTPError], detail: str | None) -> None:
    """Unregistered statuses fall back to 400/500; Ninja's default texts are no detail."""
    error = ninja_error(exc, CONFIG, ("Bearer",))
    assert type(error) is cls
    assert error.detail == detail  # type: ignore[union-attr]


def test_validation_locations() -> None:
    """form and file errors are in the body; items that are not dicts are skipped."""
    exc = ValidationError([{"loc": ("form", "name"), "msg": "Field required",
                            "type": "missing"}, "junk"])  # type: ignore[list-item]  # fmt: skip
    errors = field_errors_from_details(validation_details(exc), location_first=True)
    assert [(e.in_, e.pointer) for e in errors] == [("body", "#/name")]


def test_challenges_from_options_and_auth() -> None:
    """install() takes a list of challenges, and wraps the parser once when run twice."""

    class Basic(HttpBasicAuth):
        def authenticate(self, request: object, username: str, password: str) -> None:
            return None

    listed = NinjaAPI(urls_namespace="convert-listed")
    install(listed, CONFIG, www_authenticate=["Bearer", 'Basic realm="x"'])
    from_auth = NinjaAPI(urls_namespace="convert-auth", auth=Basic())
    install(from_auth, CONFIG)
    install(from_auth, CONFIG)  # installing twice wraps the parser once
    assert type(from_auth.parser).__name__ == "JSONParser"
    assert type(from_auth.parser.parser).__name__ != "JSONParser"  # type: ignore[attr-defined]
