"""The translation helpers shared by the Starlette and FastAPI adapters."""

from __future__ import annotations

import builtins

import pytest
from starlette.exceptions import HTTPException

from httpfault import BadGateway, InternalServerError, MethodNotAllowed, NotFound
from httpfault._request import uri_reference
from httpfault.adapters._asgi.convert import (
    http_exception_error,
    is_default_detail,
    request_info,
    unwrap_group,
)

GROUP = getattr(builtins, "BaseExceptionGroup", None)


@pytest.mark.parametrize(
    ("status", "detail", "default"),
    [
        (404, None, True),
        (404, "", True),
        (404, "Not Found", True),
        (413, "Content Too Large", True),
        (404, "The requested resource was not found.", True),
        (404, "No user 7", False),
        (799, "Whatever", False),
    ],
)
def test_is_default_detail(status: int, detail: str | None, default: bool) -> None:
    """Framework stock texts (HTTP phrase, catalogue title/message) count as no detail."""
    assert is_default_detail(status, detail) is default


def test_server_error_keeps_http_exception_as_cause() -> None:
    """A 5xx HTTPException keeps the original as __cause__ (its traceback is logged)."""
    exc = HTTPException(502)
    error = http_exception_error(exc)
    assert isinstance(error, BadGateway)
    assert error.__cause__ is exc


def test_unregistered_5xx_and_non_error_statuses() -> None:
    """An unregistered 5xx becomes a 500; a non-error status gives None."""
    assert isinstance(http_exception_error(HTTPException(599, "odd")), InternalServerError)
    assert http_exception_error(HTTPException(302)) is None


def test_405_without_allow_header() -> None:
    """A 405 raised without Allow still becomes MethodNotAllowed."""
    error = http_exception_error(HTTPException(405, headers={"X-Other": "1"}))
    assert isinstance(error, MethodNotAllowed)
    assert error.headers == {"X-Other": "1"}


def test_unserializable_detail_falls_back_to_str() -> None:
    """A detail that is not JSON-serializable becomes its str()."""
    loop: list[object] = []
    loop.append(loop)
    error = http_exception_error(HTTPException(400, detail=loop))  # type: ignore[arg-type]
    assert error is not None
    assert error.detail == "[[...]]"


def test_request_info_paths() -> None:
    """The path comes from raw_path without the query, else from root_path + path."""
    assert (
        request_info({"raw_path": b"/a%20b?x=1", "method": "POST", "headers": []}).path == "/a%20b"
    )
    info = request_info({"root_path": "/api", "path": "/users", "method": "GET", "headers": []})
    assert (info.method, info.path) == ("GET", "/api/users")


@pytest.mark.skipif(GROUP is None, reason="exception groups need Python 3.11")
def test_unwrap_group() -> None:
    """Nested groups of one unwrap to the error; a group of two stays a group."""
    inner = NotFound()
    assert unwrap_group(GROUP("a", [GROUP("b", [inner])])) is inner  # type: ignore[misc]
    pair = GROUP("two", [ValueError(), KeyError()])  # type: ignore[misc]
    assert unwrap_group(pair) is pair


def test_raw_utf8_path_bytes_are_encoded_once() -> None:
    """Raw non-ASCII bytes in the request target (UTF-8, not percent-encoded) give the path
    Flask and Django give: ``instance`` is ``/nf/%C3%A9``, not the bytes encoded twice."""
    scope = {"type": "http", "method": "GET", "raw_path": "/nf/é?x=1".encode(), "headers": []}
    assert request_info(scope).path == "/nf/é"
    assert uri_reference(request_info(scope).path) == "/nf/%C3%A9"
    broken = {**scope, "raw_path": b"/nf/\xff"}
    assert request_info(broken).path == "/nf/\ufffd"
