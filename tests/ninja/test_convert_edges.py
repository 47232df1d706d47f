"""Edges of the translation of Ninja's exceptions: a map naming them, the malformed-body
test, a 401's own detail, a ``Throttled`` raised by a view, odd validation items."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client, override_settings
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.testing import TestClient

import httpfault
from httpfault import Config, RequestInfo, render
from httpfault._fields import field_errors_from_details
from httpfault.adapters._ninja.convert import ninja_error, validation_details
from httpfault.adapters.ninja import install

RID = "ninja-2"
SETTINGS_CONFIG = Config(logger_name="django.request")  # the tests' HTTPFAULT setting


@pytest.fixture
def client() -> Iterator[Client]:
    with override_settings(ROOT_URLCONF="tests.ninja.urls"):
        yield Client(raise_request_exception=False, headers={"X-Request-ID": RID})


def expected_body(error: httpfault.HTTPError, path: str, method: str = "GET") -> bytes:
    return render(error, SETTINGS_CONFIG, RequestInfo(method, path, {"X-Request-ID": RID})).body


def test_exception_map_naming_a_ninja_exception_wins() -> None:
    """An ``exception_map`` entry for one of Ninja's exceptions leaves it to the map."""
    exc = HttpError(409, "Version clash")
    config = Config(exception_map={HttpError: httpfault.Gone})
    assert ninja_error(exc, config, ()) is exc


def test_http_errors_with_a_cause_or_a_400_keep_their_detail() -> None:
    """Only Ninja's own body-parse failure is the malformed-body error: an ``HttpError``
    raised ``from`` another exception, or a 400 of the application's, keeps its detail."""
    try:
        try:
            raise KeyError("email")
        except KeyError as cause:
            raise HttpError(409, "Email taken.") from cause
    except HttpError as exc:
        conflict = ninja_error(exc, Config(), ())
    assert (type(conflict), conflict.detail) == (httpfault.Conflict, "Email taken.")  # type: ignore[union-attr]
    bad = ninja_error(HttpError(400, "Missing coupon."), Config(), ())
    assert (type(bad), bad.detail) == (httpfault.BadRequest, "Missing coupon.")  # type: ignore[union-attr]


@pytest.mark.parametrize("status", [400, 422])
def test_malformed_body_answers_the_catalogue(client: Client, status: int) -> None:
    """A body that is not JSON answers the configured malformed-body status with the
    catalogue's sentence, not Ninja's ``Cannot parse request body`` and the parser's words."""
    with override_settings(HTTPFAULT={"LOGGER_NAME": "django.request",
                                      "MALFORMED_BODY_STATUS": status}):  # fmt: skip
        response = client.post("/s/signup", data=b'{"name": ', content_type="application/json")
    error = httpfault.error_class(status)()
    config = Config(logger_name="django.request", malformed_body_status=status)
    want = render(error, config, RequestInfo("POST", "/s/signup", {"X-Request-ID": RID}))
    assert response.status_code == status
    assert response.content == want.body


def test_401_keeps_the_applications_detail() -> None:
    """A 401 ``HttpError`` with a text of the application's keeps it as the detail."""
    error = ninja_error(HttpError(401, "Token expired."), Config(), ("Bearer",))
    assert isinstance(error, httpfault.Unauthorized)
    assert error.detail == "Token expired."


@pytest.mark.parametrize(("wait", "header"), [("2.5", "3"), ("0", "0"), ("-3", "0")])
def test_throttled_raised_by_a_view_carries_retry_after(
    client: Client, wait: str, header: str
) -> None:
    """A ``Throttled`` a view raises itself (Ninja adds no header then) answers a 429 whose
    ``Retry-After`` is its wait rounded up, never negative."""
    response = client.get(f"/s/throttled-by-view/{wait}")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == header


def test_throttled_without_a_wait_has_no_retry_after(client: Client) -> None:
    """A ``Throttled`` with no wait answers a 429 without ``Retry-After``."""
    response = client.get("/s/throttled-by-view/none")
    path = "/s/throttled-by-view/none"
    assert response.content == expected_body(httpfault.TooManyRequests(), path)
    assert "Retry-After" not in response.headers
    assert ninja_error(Throttled(wait=None), Config(), ()).retry_after is None  # type: ignore[union-attr]


def test_django_exception_in_a_ninja_view_logs_its_request(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """A ``SuspiciousOperation`` in a Ninja view reaches ``django.security`` with the
    request, as in a Django view."""
    with caplog.at_level(logging.INFO):
        response = client.get("/s/suspicious")
    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == "django.security.SuspiciousOperation"]
    assert record.request.path == "/s/suspicious"  # type: ignore[attr-defined]


def test_debug_names_ninjas_exception(client: Client) -> None:
    """With ``debug=True`` the debug member names Ninja's exception behind the error."""
    with override_settings(HTTPFAULT={"LOGGER_NAME": "django.request", "DEBUG": True}):
        response = client.get("/s/http-error")
    debug: dict[str, Any] = json.loads(response.content)["error"]["debug"]
    assert debug["exception"] == "ninja.errors.HttpError"


def test_debug_names_ninjas_validation_error() -> None:
    """With ``debug=True`` a validation error's debug member names Ninja's
    ``ValidationError``, and the body is the one without debug but for that member."""
    bodies = []
    for debug in (False, True):
        api = NinjaAPI(urls_namespace=f"debug-validation-{debug}")

        @api.get("/q")
        def q(request: HttpRequest, page: int) -> dict[str, int]:
            return {"page": page}

        install(api, Config(debug=debug))
        response = TestClient(api).get("/q?page=x")
        assert response.status_code == 422
        body = json.loads(response.content)["error"]
        del body["request_id"]  # a new one each time: the test client sends none
        bodies.append(body)
    plain, debugged = bodies
    assert debugged.pop("debug")["exception"] == "ninja.errors.ValidationError"
    assert debugged == plain


def test_validation_items_without_loc_and_junk_first() -> None:
    """Items that are not dicts are skipped wherever they are; an item without ``loc``
    points at the whole body."""
    exc = ValidationError(["junk", {"msg": "Body is wrong.", "type": "value_error"},  # type: ignore[list-item]
                           {"loc": ("body", "name"), "msg": "Field required", "type": "missing"}])  # fmt: skip
    errors = field_errors_from_details(validation_details(exc), location_first=True)
    assert [(e.in_, e.pointer) for e in errors] == [("body", "#"), ("body", "#/name")]
