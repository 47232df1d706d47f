"""Edges of the translation of Starlette's ``HTTPException``: stock details, structured
details, the ``Allow`` of a 405, statuses out of range, and the Python 3.10 group unwrap."""

from __future__ import annotations

import builtins
import http.client
import uuid

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from httpfault import InternalServerError, MethodNotAllowed, error_class
from httpfault.adapters import starlette as starlette_adapter
from httpfault.adapters._asgi.convert import _unwrap_by_name, http_exception_error, unwrap_group
from tests.starlette.helpers import RID, TestClient, assert_rendered, body_of

GROUP = getattr(builtins, "BaseExceptionGroup", None)
ERROR_STATUSES = sorted(s for s in http.client.responses if s >= 400)


async def ok(request: Request) -> Response:
    return PlainTextResponse("ok")


async def stock(request: Request) -> Response:
    raise HTTPException(int(request.path_params["status"]))


async def detailed(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind == "accented":
        raise HTTPException(400, detail={"reason": "café fermé"})  # type: ignore[arg-type]
    if kind == "uuid":
        raise HTTPException(400, detail={"id": uuid.UUID(int=7)})  # type: ignore[arg-type]
    raise HTTPException(400, detail=[1, 2])  # type: ignore[arg-type]


async def refuse(request: Request) -> Response:
    raise HTTPException(405, "Only reads here.", headers={"allow": "post,get"})


class Guard:
    """A middleware refusing ``PUT`` before the routing sees it, its 405 raised bare or
    inside an exception group (as a task group raises it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "PUT":
            exc: Exception = HTTPException(
                405, "Not by PUT.", headers={"Allow": "GET", "Retry-After": "5"}
            )
            if scope["path"].endswith("/own"):
                exc = MethodNotAllowed("Patch it.", allow=["PATCH"])
            elif scope["path"].endswith("/unchanged"):
                exc = HTTPException(304, headers={"ETag": '"v1"'})
            if scope["path"].endswith(("/grouped", "/own", "/unchanged")) and GROUP is not None:
                raise GROUP("task group", [exc])
            raise exc
        await self.app(scope, receive, send)


def make_app() -> Starlette:
    app = Starlette(
        routes=[
            Route("/stock/{status:int}", stock),
            Route("/detail/{kind}", detailed),
            Route("/refuse", refuse),
            Route("/users/{id:int}", ok, methods=["GET"]),
            Route("/users/{id:int}", ok, methods=["DELETE"]),
            Route("/users/{id:int}/grouped", ok, methods=["GET"]),
            Route("/users/{id:int}/own", ok, methods=["GET"]),
            Route("/users/{id:int}/unchanged", ok, methods=["GET"]),
        ],
        middleware=[Middleware(Guard)],
    )
    starlette_adapter.install(app)
    return app


client = TestClient(make_app())


@pytest.mark.parametrize("status", ERROR_STATUSES)
def test_stock_phrase_of_every_status_is_no_detail(status: int) -> None:
    """``HTTPException(status)`` carries Python's reason phrase as its detail (``Request
    Entity Too Large`` on older Pythons, ``I'm a Teapot``): the answer is the catalogue's
    default for the status, as if no detail had been given."""
    response = client.get(f"/stock/{status}", headers={"x-request-id": RID})
    try:
        expected = error_class(status)()
    except LookupError:
        expected = error_class(400 if status < 500 else 500)()
    assert_rendered(response, expected, path=f"/stock/{status}")


def test_structured_detail_is_compact_json_with_its_own_characters() -> None:
    """A detail that is not a string is sent as compact JSON, non-ASCII kept as it is."""
    response = client.get("/detail/accented")
    assert body_of(response)["message"] == '{"reason":"café fermé"}'
    assert body_of(client.get("/detail/list"))["message"] == "[1,2]"


def test_structured_detail_with_other_values_writes_them_as_text() -> None:
    """A value JSON cannot write (a UUID) inside a structured detail becomes its text,
    and the detail stays JSON."""
    response = client.get("/detail/uuid")
    assert body_of(response)["message"] == '{"id":"00000000-0000-0000-0000-000000000007"}'


def test_endpoint_405_allow_is_normalised_and_detail_kept() -> None:
    """An endpoint's own 405 with an ``allow`` header in any case and spacing answers one
    ``Allow`` header, upper-cased in the usual order, and keeps its detail."""
    response = client.get("/refuse", headers={"x-request-id": RID})
    assert_rendered(
        response, MethodNotAllowed("Only reads here.", allow=["GET", "POST"]), path="/refuse"
    )
    assert response.headers.get_list("allow") == ["GET, POST"]


def test_routing_405_from_middleware_keeps_detail_and_other_headers() -> None:
    """A 405 a middleware raises for a method no route takes names the path's methods in
    ``Allow`` and keeps the exception's detail and its other headers."""
    response = client.put("/users/1", headers={"x-request-id": RID})
    expected = MethodNotAllowed(
        "Not by PUT.", allow=["GET", "HEAD", "DELETE"], headers={"Retry-After": "5"}
    )
    assert_rendered(response, expected, method="PUT", path="/users/1")
    assert response.headers.get_list("allow") == ["GET, HEAD, DELETE"]


@pytest.mark.skipif(GROUP is None, reason="exception groups need Python 3.11")
def test_routing_405_inside_an_exception_group_names_the_path_methods() -> None:
    """The same 405 inside an exception group of one answers the same: ``Allow`` names
    the methods the path serves, not the ones the middleware guessed."""
    response = client.put("/users/1/grouped", headers={"x-request-id": RID})
    expected = MethodNotAllowed("Not by PUT.", allow=["GET", "HEAD"], headers={"Retry-After": "5"})
    assert_rendered(response, expected, method="PUT", path="/users/1/grouped")


@pytest.mark.skipif(GROUP is None, reason="exception groups need Python 3.11")
def test_own_405_inside_an_exception_group_keeps_its_allow() -> None:
    """An httpfault ``MethodNotAllowed`` of the application's own, inside an exception group
    of one, is answered as raised: its ``Allow`` is not the routing's."""
    response = client.put("/users/1/own", headers={"x-request-id": RID})
    expected = MethodNotAllowed("Patch it.", allow=["PATCH"])
    assert_rendered(response, expected, method="PUT", path="/users/1/own")


@pytest.mark.skipif(GROUP is None, reason="exception groups need Python 3.11")
def test_not_modified_inside_an_exception_group_is_answered_bare() -> None:
    """A 304 ``HTTPException`` inside an exception group of one is answered as a bare 304
    with its headers, as it is when raised alone."""
    response = client.put("/users/1/unchanged")
    assert response.status_code == 304
    assert response.headers["etag"] == '"v1"'
    assert response.content == b""


def test_internal_server_error_keeps_http_exception_as_cause() -> None:
    """A 500 ``HTTPException`` keeps the original as ``__cause__`` (its traceback is logged),
    as every 5xx does; a 499 (a 4xx) does not."""
    exc = HTTPException(500)
    error = http_exception_error(exc)
    assert isinstance(error, InternalServerError)
    assert error.__cause__ is exc
    client_error = http_exception_error(HTTPException(499, "closed"))
    assert client_error is not None
    assert client_error.__cause__ is None


def test_status_beyond_599_is_not_an_error() -> None:
    """A status above the 5xx range (600) is left to the framework, like a 3xx."""
    assert http_exception_error(HTTPException(600, "odd")) is None


@pytest.mark.skipif(GROUP is None, reason="exception groups need Python 3.11")
def test_unwrap_by_name_matches_unwrap_group() -> None:
    """The unwrap by class name (the path taken on Python 3.10, where groups come from the
    ``exceptiongroup`` backport) gives what ``unwrap_group`` gives: nested groups of one
    unwrap to the error, a group of two stays itself, anything else is returned as is."""
    inner = KeyError("k")
    nested = GROUP("a", [GROUP("b", [inner])])  # type: ignore[misc]
    pair = GROUP("two", [ValueError(), inner])  # type: ignore[misc]
    for exc in (nested, pair, inner):
        assert _unwrap_by_name(exc) is unwrap_group(exc)
    assert _unwrap_by_name(nested) is inner
    assert _unwrap_by_name(pair) is pair


class Batch(Exception):
    """An exception that is not a group but holds others in ``exceptions``."""

    def __init__(self, *inner: BaseException) -> None:
        super().__init__("batch")
        self.exceptions = inner


def test_unwrap_by_name_leaves_other_exceptions_with_inner_ones() -> None:
    """An exception that only looks like a group (an ``exceptions`` attribute of one) is not
    unwrapped by the Python 3.10 path: only classes named ``BaseExceptionGroup`` are."""
    batch = Batch(KeyError("k"))
    assert _unwrap_by_name(batch) is batch
    assert unwrap_group(batch) is batch
