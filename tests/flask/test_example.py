"""The example API through Flask's test client: every status it documents."""

from __future__ import annotations

import pytest
from examples.flask_app import create_app


@pytest.fixture
def client():
    """A test client on a fresh example app (fresh in-memory store)."""
    return create_app().test_client()


def test_user_lifecycle(client):
    """201 with Location, 200, 409 on the same email, 204 on delete, then 404."""
    created = client.post("/users", json={"name": "Bob", "email": "bob@example.com"})
    assert created.status_code == 201
    assert created.headers["Location"] == f"/users/{created.json['id']}"
    assert client.get(created.headers["Location"]).json["name"] == "Bob"
    again = client.post("/users", json={"name": "Bob", "email": "bob@example.com"})
    assert (again.status_code, again.json["error"]["code"]) == (409, "email_taken")
    deleted = client.delete(created.headers["Location"])
    assert (deleted.status_code, deleted.data) == (204, b"")
    gone = client.get(created.headers["Location"])
    assert gone.status_code == 404
    assert gone.json["error"]["message"] == f"User {created.json['id']} does not exist"


def test_items(client):
    """Items: 201 on create, 200 on read, 404 unknown, 422 invalid, 429 on search."""
    created = client.post("/items", json={"name": "Cup", "price_cents": 300})
    assert created.status_code == 201
    assert client.get(f"/items/{created.json['id']}").json["name"] == "Cup"
    assert client.get("/items/999").status_code == 404
    invalid = client.post("/items", json={"name": "Cup", "price_cents": -1})
    assert invalid.status_code == 422
    assert invalid.json["error"]["errors"][0]["pointer"] == "#/price_cents"
    limited = client.get("/items/search")
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "30")


def test_bad_bodies(client):
    """Malformed JSON 400, wrong content type 415, oversized body 413, 500 leaks nothing."""
    assert client.post("/users", data="{", content_type="application/json").status_code == 400
    assert client.post("/users", data="x", content_type="text/plain").status_code == 415
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    assert client.post("/users", data=big, content_type="application/json").status_code == 413
    boom = client.get("/boom")
    assert boom.status_code == 500
    assert b"hunter2" not in boom.data
