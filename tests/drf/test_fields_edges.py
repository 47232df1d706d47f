"""Edges of DRF's error details as field errors: the shapes users raise, the value each
message is checked against, pydantic's error types as codes, DRF's texts per language."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from rest_framework import exceptions

from httpfault.adapters._django.drf_fields import is_default_detail
from tests.django.helpers import HEADERS


@pytest.fixture
def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


def errors_of(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.content
    errors: list[dict[str, Any]] = json.loads(response.content)["error"]["errors"]
    return errors


def post(client: Client, path: str, data: Any) -> Any:
    return client.post(path, data=json.dumps(data), content_type="application/json")


def test_list_of_objects_gives_pointers_by_index(client: Client) -> None:
    """A detail holding a list of objects (older DRF's ``many=True`` errors, or raised so by
    a view) points into each object by index; an object's ``non_field_errors`` point at it."""
    assert errors_of(client.get("/shapes/list-of-objects")) == [
        {"in": "body", "pointer": "#/lines/0", "message": "Line total is wrong.",
         "code": "invalid"},
        {"in": "body", "pointer": "#/lines/1/name", "message": "Duplicate name.",
         "code": "invalid"},
    ]  # fmt: skip


def test_message_given_for_a_field_keeps_its_code(client: Client) -> None:
    """``ValidationError({"name": "Already taken."}, code="taken")``: a message given alone
    (not in a list) for a field keeps the code it was raised with."""
    assert errors_of(client.get("/shapes/message")) == [
        {"in": "body", "pointer": "#/name", "message": "Already taken.", "code": "taken"}
    ]


def test_message_is_checked_against_its_own_fields_value(client: Client) -> None:
    """A field's message is checked against that field's submitted value only (in a nested
    object and in an item of a list): another field's value (``France``) appearing in it
    does not replace it."""
    home = {"city": "Lyon", "country": "France"}
    errors = errors_of(post(client, "/trips", {"home": home, "stops": [home]}))
    assert errors == [
        {"in": "body", "pointer": "#/home/city", "message": "Only cities in France are served.",
         "code": "served"},
        {"in": "body", "pointer": "#/stops/0/city",
         "message": "Only cities in France are served.", "code": "served"},
    ]  # fmt: skip


def test_non_field_message_is_not_checked_against_the_body(client: Client) -> None:
    """A message about the whole object (``non_field_errors``) is the serializer's sentence:
    a submitted value that happens to occur in it (``France``) does not replace it."""
    paris = {"city": "Paris", "country": "France"}
    assert errors_of(post(client, "/trips", {"home": paris, "stops": [paris]})) == [
        {"in": "body", "pointer": "#", "message": "Trips within France need two stops.",
         "code": "short"}
    ]  # fmt: skip


def test_pydantic_types_as_codes(client: Client) -> None:
    """pydantic's errors re-raised with their type as the code: pydantic's own sentence is
    kept even when the value sent (``integer``) occurs in it; a message quoting the value
    is replaced by ``Invalid value.``, not by pydantic's sentence for the type."""
    errors = errors_of(post(client, "/numbers", {"age": "integer", "code": "abc"}))
    assert errors == [
        {"in": "body", "pointer": "#/age",
         "message": "Input should be a valid integer, unable to parse string as an integer",
         "code": "int_parsing"},
        {"in": "body", "pointer": "#/code", "message": "Invalid value.", "code": "int_parsing"},
    ]  # fmt: skip


def test_default_detail_is_recognised_in_each_language() -> None:
    """DRF's default text is recognised in whichever language is active, one after the
    other (each language's text is its own, not the first one met)."""
    for language in ("en", "fr", "de", "en"):
        with translation.override(language):
            assert is_default_detail(exceptions.NotFound()), language
            assert is_default_detail(exceptions.PermissionDenied()), language


def test_detail_of_a_placeholder_class_that_is_not_its_template() -> None:
    """For a DRF class whose default text has a placeholder (``Method "{method}" not
    allowed.``), the default with any method is DRF's; a detail of the user's is not."""
    assert is_default_detail(exceptions.MethodNotAllowed("PATCH"))
    assert not is_default_detail(exceptions.MethodNotAllowed("PATCH", detail="Use /batch."))
