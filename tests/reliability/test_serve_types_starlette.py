"""Starlette: ``install(app, config, serve_types=[...])`` serves each problem type's page."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

import httpfault
from httpfault import Config, RequestInfo, render
from httpfault.adapters.starlette import install
from tests.reliability.problem_types import PAGES, TYPES, EmailTaken, NoTypeOfItsOwn, assert_page


async def taken(request: Request) -> Response:
    raise EmailTaken("Email already registered")


def make(**kwargs: object) -> Starlette:
    app = Starlette(routes=[Route("/users", taken, methods=["POST"])])
    install(app, Config(), **kwargs)  # type: ignore[arg-type]
    return app


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_served(path: str) -> None:
    """GET on each type's path is its HTML page; HEAD has the headers and no body."""
    client = TestClient(make(serve_types=TYPES))
    response = client.get(path)
    assert_page(response.status_code, response.headers["content-type"], response.content,
                PAGES[path])  # fmt: skip
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""


def test_errors_link_to_the_served_page() -> None:
    """The error's type URI path is the page's path; other methods are a contract 405."""
    client = TestClient(make(serve_types=TYPES))
    error = client.post("/users").json()["error"]
    assert client.get(error["type"].removeprefix("https://example.com")).status_code == 200
    refused = client.post("/problems/email-taken", headers={"X-Request-ID": "r1"})
    want = render(httpfault.MethodNotAllowed(allow=["GET", "HEAD"]), Config(),
                  RequestInfo("POST", "/problems/email-taken", {"X-Request-ID": "r1"}))  # fmt: skip
    assert refused.status_code == 405
    assert refused.content == want.body


def test_off_by_default() -> None:
    """Without serve_types, a type's path is an ordinary 404."""
    assert TestClient(make()).get("/problems/email-taken").status_code == 404


def test_bad_serve_types_refused_before_installing() -> None:
    """A class with no type URI is refused, and the app is left without httpfault."""
    app = Starlette()
    with pytest.raises(ValueError, match="no problem type URI"):
        install(app, serve_types=[NoTypeOfItsOwn])
    assert app.user_middleware == []
    install(app)  # still installable
