"""One ``install()`` on the outer app reaches every Starlette and FastAPI app mounted in it."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, Router

from httpfault import Config, NotFound
from httpfault.adapters.fastapi import install
from tests.starlette.helpers import TestClient


def _build() -> FastAPI:
    outer = FastAPI()
    v2 = FastAPI()

    @v2.get("/users/{user_id}")
    async def user(user_id: int) -> dict[str, int]:
        raise NotFound(f"No user with id {user_id}")

    async def boom(request: Request) -> Response:
        raise RuntimeError("secret detail")

    plain = Starlette(routes=[Route("/boom", boom)])
    nested = Router(routes=[Mount("/deep", app=Starlette(routes=[Route("/boom", boom)]))])
    outer.mount("/v2", v2)
    outer.mount("/s", plain)
    outer.mount("/r", nested)
    install(outer, Config())
    return outer


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/v2/users/7", 404, "not_found"),  # raised in the mounted app
        ("/v2/users/abc", 422, "unprocessable_content"),  # its own validation
        ("/v2/nowhere", 404, "not_found"),  # its own routing
        ("/s/nowhere", 404, "not_found"),  # a mounted Starlette app's routing
        ("/s/boom", 500, "internal_server_error"),  # and its unhandled exceptions
        ("/r/deep/boom", 500, "internal_server_error"),  # mounted under a plain router
    ],
)
def test_mounted_apps_answer_in_the_contract(path: str, status: int, code: str) -> None:
    """Errors of mounted apps have the contract's status, media type, code and request id,
    reveal nothing and echo no input."""
    client = TestClient(_build(), raise_server_exceptions=False)
    response = client.get(path, headers={"x-request-id": "m-1"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert (error["code"], error["request_id"]) == (code, "m-1")
    assert "secret" not in response.text
    assert "abc" not in response.text


def test_a_mounted_app_installed_by_the_user_keeps_its_config() -> None:
    """A mounted app with httpfault installed already keeps its own config."""
    outer, inner = FastAPI(), FastAPI()
    install(inner, Config(format="problem"))
    outer.mount("/in", inner)
    install(outer, Config())
    response = TestClient(outer).get("/in/nowhere")
    assert response.headers["content-type"] == "application/problem+json"


def test_a_mounted_app_that_already_served_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    """A mounted app that built its middleware first cannot be installed; a warning says so."""
    outer, inner = FastAPI(), FastAPI()
    TestClient(inner).get("/")
    outer.mount("/in", inner)
    install(outer, Config())
    with caplog.at_level(logging.WARNING, logger="httpfault"):
        TestClient(outer).get("/in/nowhere")
    assert any("install() on it as well" in r.getMessage() for r in caplog.records)
