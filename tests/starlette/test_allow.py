"""A routing 405 in Starlette and FastAPI names every method the path answers."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Host, Mount, Route, Router

from httpfault import MethodNotAllowed
from httpfault.adapters import fastapi as fastapi_adapter
from httpfault.adapters import starlette as starlette_adapter
from httpfault.adapters._asgi.allow import allowed_methods
from tests.servers import Server, uvicorn
from tests.starlette.helpers import RID, TestClient, assert_rendered


async def ok(request: Request) -> Response:
    return PlainTextResponse("ok")


async def refuse(request: Request) -> Response:
    raise HTTPException(405, headers={"Allow": "GET"})


def make_starlette() -> Starlette:
    inner = Router(routes=[Route("/a", ok, methods=["POST"]), Route("/a", ok, methods=["PURGE"])])
    app = Starlette(
        routes=[
            Route("/users/{id:int}", ok, methods=["GET"]),
            Route("/users/{id:int}", ok, methods=["DELETE"]),
            Route("/refuse", refuse),
            Route("/health", ok, methods=["GET"]),
            Mount("/m", routes=[Route("/a", ok, methods=["PUT"])]),
            Mount("/m", app=inner),  # shadowed by the first mount: never reached
            Mount("/n", app=inner),
            Host("api.example.com", app=Router(routes=[Route("/h", ok, methods=["PATCH"])])),
        ]
    )
    starlette_adapter.install(app)
    return app


def make_fastapi() -> FastAPI:
    app = FastAPI()

    @app.get("/users/{user_id}")
    async def get_user(user_id: int) -> dict[str, int]:
        return {"id": user_id}

    @app.delete("/users/{user_id}")
    async def delete_user(user_id: int) -> None:
        return None

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    fastapi_adapter.install(app)
    return app


starlette_app = make_starlette()
fastapi_app = make_fastapi()


@pytest.mark.parametrize(
    ("path", "allow"),
    [("/users/1", "GET, HEAD, DELETE"), ("/m/a", "PUT"), ("/n/a", "POST, PURGE")],
)
def test_starlette_allow_is_every_route_of_the_path(path: str, allow: str) -> None:
    """Routes split by method, mounts searched the way the router dispatches."""
    client = TestClient(starlette_app)
    response = client.request("OPTIONS", path, headers={"x-request-id": RID})
    assert_rendered(response, MethodNotAllowed(allow=allow.split(", ")), method="OPTIONS",
                    path=path)  # fmt: skip
    for method in allow.split(", "):
        assert client.request(method, path).status_code == 200


def test_a_host_route_is_searched_for_its_host() -> None:
    """A ``Host`` route counts for requests to that host only."""
    client = TestClient(starlette_app, base_url="http://api.example.com")
    assert client.get("/h").headers["allow"] == "PATCH"


def test_an_endpoint_raising_its_own_405_keeps_its_allow() -> None:
    """A 405 the routing did not make (the method reached the endpoint) stays as raised."""
    response = TestClient(starlette_app).get("/refuse")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_fastapi_split_routes() -> None:
    """FastAPI's routes do not add HEAD: Allow says GET and DELETE, and HEAD is a 405."""
    client = TestClient(fastapi_app)
    response = client.put("/users/1", headers={"x-request-id": RID})
    assert_rendered(response, MethodNotAllowed(allow=["GET", "DELETE"]), method="PUT",
                    path="/users/1")  # fmt: skip
    assert client.head("/users/1").status_code == 405
    assert client.delete("/users/1").status_code == 200


def test_no_routes_to_ask() -> None:
    """A scope with no router or app to read routes from gives no answer, nor one whose
    method a route would take."""
    assert allowed_methods({"type": "http", "path": "/x", "method": "PUT"}) is None
    assert allowed_methods({"type": "http", "path": "/x", "app": object()}) is None
    # A mount of an app with no routes to read answers every method: not a routing 405.
    router = Router(routes=[Mount("/raw", app=PlainTextResponse("raw"))])
    assert allowed_methods({"type": "http", "path": "/raw/x", "method": "PUT",
                            "router": router}) is None  # fmt: skip


@pytest.fixture(scope="module", params=["starlette_app", "fastapi_app"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    with uvicorn(f"tests.starlette.test_allow:{request.param}", ready_path="/health") as running:
        yield running


@pytest.mark.server
def test_split_routes_through_uvicorn(server: Server) -> None:
    """Over a real connection, PUT names GET and DELETE, and DELETE works."""
    with httpx.Client(base_url=server.url, timeout=20.0) as http:
        refused = http.put("/users/1")
        assert refused.status_code == 405
        assert {"GET", "DELETE"} <= set(refused.headers["allow"].split(", "))
        assert http.delete("/users/1").status_code in {200, 204}
