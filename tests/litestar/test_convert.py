"""Litestar's exceptions translated, one by one, without an app around them."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar, Request, post
from litestar.exceptions import HTTPException, ValidationException
from litestar.testing import TestClient
from pydantic import BaseModel, ValidationError

import httpfault
from httpfault import Config
from httpfault.adapters._litestar.convert import litestar_error, request_info
from httpfault.adapters.litestar import HTTPFaultPlugin, JSONRequest

CONFIG = Config()


def test_request_info_without_raw_path() -> None:
    """Without the server's raw path, the path is root_path + path."""
    info = request_info({"method": "GET", "root_path": "/api", "path": "/x", "headers": []})
    assert (info.method, info.path) == ("GET", "/api/x")


def test_other_exceptions_pass_through() -> None:
    """An exception that is not Litestar's is left for the core (exception_map, 500)."""
    exc = KeyError("x")
    assert litestar_error(exc, CONFIG) is exc


@pytest.mark.parametrize(
    ("status", "cls"), [(499, httpfault.BadRequest), (599, httpfault.InternalServerError)]
)
def test_unregistered_status(status: int, cls: type[httpfault.HTTPError]) -> None:
    """An unregistered 4xx is a 400, an unregistered 5xx a 500, with the given detail."""
    error = litestar_error(HTTPException("Odd", status_code=status), CONFIG)
    assert type(error) is cls
    assert error.detail == "Odd"  # type: ignore[union-attr]


def test_validation_messages_of_every_shape() -> None:
    """Litestar-shaped extras: missing (KeyError wording), indexes, quoting messages
    replaced, items that are not dicts skipped, a non-list extra gives no field errors."""
    extra: list[Any] = [
        {"key": "name", "message": "'name'", "source": "body"},
        {"key": "items[1].sku", "message": "Expected `str`, got `int`", "source": "body"},
        {"key": "color", "message": "Invalid enum value 'secret'", "source": "query"},
        {"message": "Object missing required field `x`"},
        "not a dict",
    ]
    error = litestar_error(ValidationException(extra=extra), CONFIG)
    assert isinstance(error, httpfault.HTTPError)
    assert [(e.in_, e.pointer, e.message, e.code) for e in error.errors] == [
        ("body", "#/name", "Field required", "missing"),
        ("body", "#/items/1/sku", "Expected `str`, got `int`", "invalid"),
        ("query", "#/color", "Invalid value.", "invalid"),
        ("body", "#", "Object missing required field `x`", "missing"),
    ]
    plain = litestar_error(ValidationException(extra={"a": 1}), CONFIG)
    assert isinstance(plain, httpfault.HTTPError)
    assert plain.errors == []


def test_pydantic_cause_without_error_dicts() -> None:
    """A pydantic error behind a ValidationException: its field errors, pydantic's codes."""

    class Model(BaseModel):
        n: int

    try:
        Model.model_validate({"n": "x"})
    except ValidationError as caught:
        pydantic_error = caught
    exc = ValidationException()
    exc.__cause__ = pydantic_error
    error = litestar_error(exc, CONFIG)
    assert isinstance(error, httpfault.HTTPError)
    assert [(e.pointer, e.code) for e in error.errors] == [("#/n", "int_parsing")]
    assert error.__cause__ is pydantic_error


def test_body_without_content_type_is_415() -> None:
    """A body sent with no Content-Type where JSON is read is a 415; no body reads null."""

    @post("/echo", status_code=200)
    async def echo(request: Request[Any, Any, Any]) -> Any:
        return {"got": await request.json()}

    class Mine(JSONRequest):
        pass

    app = Litestar([echo], request_class=Mine, plugins=[HTTPFaultPlugin()])
    with TestClient(app) as client:
        assert client.post("/echo", content=b"{}", headers={"content-type": ""}).status_code == 415
        assert client.post("/echo").json() == {"got": None}


def test_a_broken_exception_still_answers() -> None:
    """An HTTPException whose headers cannot be used still gets a contract answer."""

    @post("/broken")
    async def broken() -> None:
        raise HTTPException("x", status_code=409, headers={"X-Bad": "a\r\nb"})

    with TestClient(Litestar([broken], plugins=[HTTPFaultPlugin()])) as client:
        response = client.post("/broken")
    assert response.status_code == 500
    assert "\r" not in str(response.headers)
