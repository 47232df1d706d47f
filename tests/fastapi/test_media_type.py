"""A body that is not JSON on a route reading JSON is a 415, as in every other adapter."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from httpfault import UnsupportedMediaType
from httpfault.adapters.fastapi import install
from tests.servers import Server, uvicorn
from tests.starlette.helpers import RID, TestClient, assert_rendered, body_of


class Signup(BaseModel):
    name: str


def make_app() -> FastAPI:
    app = FastAPI()

    @app.post("/signup")
    async def signup(body: Signup, n: int = 0) -> Signup:
        return body

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    install(app)
    return app


app = make_app()
NOT_JSON = [
    ("text/plain", b"name=Ada"),
    ("application/x-www-form-urlencoded", b"name=Ada"),
    ("application/xml", b"<name>Ada</name>"),
    ("text/json", b'{"name": "Ada"}'),
]


@pytest.mark.parametrize(("content_type", "body"), NOT_JSON)
def test_non_json_body_is_415(content_type: str, body: bytes) -> None:
    """Not 422: the 415 answer, byte for byte render()'s, every time (kept or not)."""
    client = TestClient(app)
    for _ in range(3):
        headers = {"content-type": content_type, "x-request-id": RID}
        response = client.post("/signup", content=body, headers=headers)
        assert_rendered(response, UnsupportedMediaType(), method="POST", path="/signup")


def test_no_content_type_and_a_bad_query_is_still_415() -> None:
    """A body without a content type is not JSON either, whatever else is wrong."""
    response = TestClient(app).post("/signup?n=x", content=b'{"name": "Ada"}')
    assert response.status_code == 415


@pytest.mark.parametrize("content_type", ["application/json", "application/merge-patch+json"])
def test_json_bodies_are_validated_as_before(content_type: str) -> None:
    """A JSON body that is a string is a 422 (JSON, of the wrong shape), never a 415."""
    client = TestClient(app)
    response = client.post("/signup", content=b'"Ada"', headers={"content-type": content_type})
    assert response.status_code == 422
    assert body_of(response)["errors"][0]["pointer"] == "#"
    good = client.post(
        "/signup", content=b'{"name": "Ada"}', headers={"content-type": content_type}
    )
    assert good.status_code == 200


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with uvicorn("tests.fastapi.test_media_type:app", ready_path="/health") as running:
        yield running


@pytest.mark.server
def test_non_json_body_is_415_through_uvicorn(server: Server) -> None:
    """The same 415 over a real connection."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        response = http.post("/signup", content=b"name=Ada",
                             headers={"content-type": "text/plain", "x-request-id": RID})  # fmt: skip
    assert_rendered(response, UnsupportedMediaType(), method="POST", path="/signup")
