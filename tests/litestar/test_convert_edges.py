"""Edges of the translation of Litestar's exceptions, through Litestar's own test client."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from httpfault import MethodNotAllowed
from tests.starlette.helpers import RID, assert_rendered, body_of

from .edges_app import PATHS, make

HEADERS = {"x-request-id": RID}


@pytest.fixture
def client() -> Iterator[TestClient[Litestar]]:
    with TestClient(make(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def debug_client() -> Iterator[TestClient[Litestar]]:
    with TestClient(make(debug=True), raise_server_exceptions=False) as test_client:
        yield test_client


def test_path_is_the_raw_path_without_the_query(client: TestClient[Litestar]) -> None:
    """The request path the hooks see is the path as sent (still percent-encoded), without
    the query string Litestar's test client puts in the raw path."""
    PATHS.clear()
    assert client.get("/missing/caf%C3%A9?q=1").status_code == 404
    assert PATHS == ["/missing/caf%C3%A9"]


def test_path_without_raw_path_or_root_path() -> None:
    """A server that leaves out ``raw_path`` and ``root_path`` (both optional in ASGI): the
    path is the decoded ``path`` alone. Litestar's test client always sends both, so the app
    is called with a scope made by hand."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/missing/x",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    PATHS.clear()
    asyncio.run(make()(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 404
    assert PATHS == ["/missing/x"]


@pytest.mark.parametrize(("times", "status"), [(3, 400), (4, 500)])
def test_decode_failure_found_up_to_three_causes_deep(
    client: TestClient[Litestar], times: int, status: int
) -> None:
    """A body that does not decode is found through up to three wrapping exceptions (the
    cause chain is followed four links); wrapped deeper it is the app's own failure."""
    response = client.post(
        f"/decode/{times}", content=b'{"a": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("/decode/0", "litestar.exceptions.base_exceptions.SerializationException"),
        ("/missing/x", "litestar.exceptions.http_exceptions.NotFoundException"),
        ("/query", "litestar.exceptions.http_exceptions.ValidationException"),
        ("/own/extras-no-detail", "litestar.exceptions.http_exceptions.ValidationException"),
    ],
)
def test_debug_shows_litestars_exception(
    debug_client: TestClient[Litestar], path: str, cause: str
) -> None:
    """With debug on, the debug member names Litestar's exception the error was made from:
    a malformed body, an HTTPException, a missing parameter, a ValidationException."""
    if path.startswith("/decode"):
        response = debug_client.post(
            path, content=b"{", headers={"content-type": "application/json"}
        )
    else:
        response = debug_client.get(path)
    assert body_of(response)["debug"]["exception"] == cause


@pytest.mark.parametrize(
    ("what", "error"),
    [
        ("405-allow", MethodNotAllowed("Use GET", allow=["GET", "POST"], headers={"X-Hint": "a"})),
        ("405-allowed", MethodNotAllowed(allow=["GET", "HEAD"])),
        ("405-bare", MethodNotAllowed()),
    ],
)
def test_405_raised_by_themake(client: TestClient[Litestar], what: str, error: Any) -> None:
    """A MethodNotAllowedException of the app: its Allow header (or "allowed", as Litestar
    2.19 and 2.20 named it) normalised into the 405's Allow, its detail and other headers kept."""
    response = client.get(f"/own/{what}", headers=HEADERS)
    assert_rendered(response, error, path=f"/own/{what}")
    assert "allowed" not in response.headers
    assert ("allow" in response.headers) == (what != "405-bare")


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("413-title", "The request content is too large."),
        ("413-phrase", "The request content is too large."),
        ("no-detail", "The requested resource was not found."),
    ],
)
def test_default_details_are_not_kept(
    client: TestClient[Litestar], what: str, message: str
) -> None:
    """A detail that is httpfault's own title for the status (413 "Content Too Large"), or
    Python's phrase Litestar fills in when none is given (413 "Request Entity Too Large"),
    or no detail at all, gives the status's default message."""
    response = client.get(f"/own/{what}")
    assert response.status_code == (404 if what == "no-detail" else 413)
    assert body_of(response)["message"] == message


def test_status_beyond_599_is_not_an_error(client: TestClient[Litestar]) -> None:
    """An HTTPException with a status past the 5xx range is answered bare, as a 304 is."""
    response = client.get("/own/beyond")
    assert response.status_code == 600
    assert response.content == b""
