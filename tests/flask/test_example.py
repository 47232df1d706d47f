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
    created = client.post("/users", json={"name": "Ada", "email": "ada@example.com"})
    assert created.status_code == 201
    assert created.headers["Location"] == f"/users/{created.json['id']}"
    assert client.get(created.headers["Location"]).json["name"] == "Ada"
    again = client.post("/users", json={"name": "Ada", "email": "ada@example.com"})
    assert again.status_code == 409
    assert again.json["error"]["code"] == "email_taken"
    assert again.json["error"]["type"] == "https://example.com/problems/email-taken"
    deleted = client.delete(created.headers["Location"])
    assert (deleted.status_code, deleted.data) == (204, b"")
    gone = client.get(created.headers["Location"])
    assert gone.status_code == 404
    assert gone.json["error"]["message"] == f"No user with id {created.json['id']}"
    assert client.delete(created.headers["Location"]).status_code == 404


def test_problem_format_on_request(client):
    """The example installs format="auto": problem+json when the client asks for it."""
    response = client.get("/users/42", headers={"Accept": "application/problem+json"})
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json["instance"] == "/users/42"


def test_items_and_stats(client):
    """Items: 201, 200, 404, 422; /stats is a 500 with no items (leaking nothing), then 200."""
    stats = client.get("/stats")
    assert stats.status_code == 500
    assert b"ZeroDivision" not in stats.data
    created = client.post("/items", json={"name": "Cup", "price": 3.5})
    assert created.status_code == 201
    assert client.get(f"/items/{created.json['id']}").json["name"] == "Cup"
    assert client.get("/items/999").status_code == 404
    invalid = client.post("/items", json={"name": "Cup", "price": 0})
    assert invalid.status_code == 422
    assert invalid.json["error"]["errors"][0]["pointer"] == "#/price"
    assert client.get("/stats").json == {"average_price": 3.5}


def test_search_rate_limit(client):
    """The sixth search in ten seconds is a 429 with Retry-After."""
    for _ in range(5):
        assert client.get("/search?q=cup").status_code == 200
    limited = client.get("/search?q=cup")
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "10")


def test_bad_bodies(client):
    """Malformed JSON 400, wrong content type 415, oversized body 413, not an object 422."""
    assert client.post("/users", data="{", content_type="application/json").status_code == 400
    assert client.post("/users", data="x", content_type="text/plain").status_code == 415
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    assert client.post("/users", data=big, content_type="application/json").status_code == 413
    assert client.post("/users", json="a string").status_code == 422
