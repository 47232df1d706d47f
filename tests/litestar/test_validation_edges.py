"""Edges of the translation of Litestar's validation errors, through its own test client."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.starlette.helpers import body_of

from .edges_app import make


@pytest.fixture
def client() -> Iterator[TestClient[Litestar]]:
    with TestClient(make(), raise_server_exceptions=False) as test_client:
        yield test_client


def test_litestar_validation_detail_is_not_the_message(client: TestClient[Litestar]) -> None:
    """Litestar's "Validation failed for GET /query?..." and its "Bad Request" default are
    not used as the message: the 422's own message is."""
    default = "The request was well-formed but contains invalid data."
    bad = client.get("/query?page=abc")
    assert body_of(bad)["message"] == default
    bare = client.get("/own/extras-no-detail")
    assert body_of(bare)["message"] == default
    assert body_of(bare)["errors"][0]["message"] == "Too short"


def test_pydantic_error_found_at_most_three_causes_deep(client: TestClient[Litestar]) -> None:
    """A pydantic error behind a ValidationException is used up to three causes deep;
    deeper, the exception's own messages are the field errors."""
    near = client.get("/own/pydantic-wrapped")
    assert [(e["pointer"], e["code"]) for e in body_of(near)["errors"]] == [("#/n", "int_parsing")]
    far = client.get("/own/pydantic-too-deep")
    assert [(e["pointer"], e["message"]) for e in body_of(far)["errors"]] == [("#/n", "Too small")]


def test_hidden_inputs_are_still_not_echoed(client: TestClient[Litestar]) -> None:
    """A model with ``hide_input_in_errors`` whose validator quotes the value: the value is
    still left out of the answer."""
    response = client.post("/hidden", json={"name": "secret-name-9"})
    assert response.status_code == 422
    assert b"secret-name-9" not in response.content
    assert body_of(response)["errors"][0]["pointer"] == "#/name"


def test_validation_messages_through_themake(client: TestClient[Litestar]) -> None:
    """Each message of a ValidationException's extra: items that are not dicts skipped
    wherever they stand; an empty or non-text message neutral; an unknown source is the
    body; ``data`` in the body is the whole body, elsewhere a name; a KeyError-worded
    missing field keeps its source; messages quoting a value (an enum's, any with a quote)
    neutral."""
    response = client.get("/own/messages")
    got = [(e["in"], e["pointer"], e["message"], e["code"]) for e in body_of(response)["errors"]]
    assert got == [
        ("body", "#/a", "Invalid value.", "invalid"),
        ("body", "#/b", "Invalid value.", "invalid"),
        ("body", "#/c", "Too long", "invalid"),
        ("body", "#", "Expected `object`", "invalid"),
        ("query", "#/data", "Expected `str`", "invalid"),
        ("query", "#/page", "Field required", "missing"),
        ("body", "#/d", "Invalid value.", "invalid"),
        ("body", "#/e", "Invalid value.", "invalid"),
    ]
    assert json.loads(response.content)["error"]["status"] == 422
