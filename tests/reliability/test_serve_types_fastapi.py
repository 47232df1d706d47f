"""FastAPI: ``install(app, config, serve_types=[...])`` serves each problem type's page."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from httpfault import Config
from httpfault.adapters.fastapi import install, responses
from tests.reliability.problem_types import PAGES, TYPES, EmailTaken, NoTypeOfItsOwn, assert_page


def make(**kwargs: object) -> FastAPI:
    app = FastAPI()
    install(app, Config(format="problem"), **kwargs)  # type: ignore[arg-type]

    @app.post("/users", responses=responses(EmailTaken))
    def create_user() -> None:
        raise EmailTaken("Email already registered")

    return app


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_served(path: str) -> None:
    """GET on each type's path is its HTML page."""
    response = TestClient(make(serve_types=TYPES)).get(path)
    assert_page(response.status_code, response.headers["content-type"], response.content,
                PAGES[path])  # fmt: skip


def test_error_type_leads_to_its_page_and_openapi_is_unchanged() -> None:
    """The problem body's type URI path serves the page; the pages are not operations."""
    client = TestClient(make(serve_types=TYPES))
    problem = client.post("/users").json()
    assert problem["type"] == EmailTaken.type
    assert client.get("/problems/email-taken").status_code == 200
    assert set(client.get("/openapi.json").json()["paths"]) == {"/users"}
    assert TestClient(make()).get("/problems/email-taken").status_code == 404


def test_bad_serve_types_refused() -> None:
    """A class with no type URI of its own is refused with a ValueError."""
    with pytest.raises(ValueError, match="no problem type URI"):
        make(serve_types=[NoTypeOfItsOwn])
