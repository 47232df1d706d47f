"""A Litestar app for the edges of the translation: one route per edge, the plugin installed."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from litestar import Litestar, Request, get, post
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    SerializationException,
    ValidationException,
)
from litestar.params import Body, Parameter
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from httpfault import Config, HTTPError, RequestInfo
from httpfault.adapters.litestar import HTTPFaultPlugin

PATHS: list[str | None] = []
"""The request path the ``on_error`` hook saw, one per error."""


def _seen(error: HTTPError, request: RequestInfo | None) -> None:
    PATHS.append(request.path if request else None)


class Hidden(BaseModel):
    """A model that hides the submitted values in its errors, its validator quoting one."""

    model_config = ConfigDict(hide_input_in_errors=True)
    name: str

    @field_validator("name")
    @classmethod
    def _taken(cls, value: str) -> str:
        raise ValueError(f"{value} is taken")


class Small(BaseModel):
    n: int


def _pydantic_error() -> ValidationError:
    try:
        Small.model_validate({"n": "x"})
    except ValidationError as caught:
        return caught
    raise AssertionError("not raised")  # pragma: no cover


def _wrapped(exc: BaseException, times: int) -> BaseException:
    """*exc* as the cause of *times* RuntimeErrors, each the cause of the next."""
    for i in range(times):
        outer = RuntimeError(f"wrap {i}")
        outer.__cause__ = exc
        exc = outer
    return exc


@get("/missing/{what:str}", sync_to_thread=False)
def missing() -> NoReturn:
    raise NotFoundException()


@get("/own/{what:str}", sync_to_thread=False)
def own(request: Request[Any, Any, Any]) -> NoReturn:
    raise OWN[request.path_params["what"]]()


@post("/decode/{times:int}")
async def decode(request: Request[Any, Any, Any]) -> Any:
    try:
        return await request.json()
    except SerializationException as exc:
        raise _wrapped(exc, request.path_params["times"])  # its causes set by _wrapped


@post("/hidden")
async def hidden(data: Annotated[Hidden, Body()]) -> str:
    return data.name


@get("/query")
async def query(page: Annotated[int, Parameter()]) -> int:
    return page


def _405_allow() -> NoReturn:
    raise MethodNotAllowedException("Use GET", headers={"Allow": "GET,POST, ,", "X-Hint": "a"})


def _405_allowed() -> NoReturn:
    raise MethodNotAllowedException(headers={"allowed": "GET,HEAD"})


def _405_bare() -> NoReturn:
    raise MethodNotAllowedException()


def _413_title() -> NoReturn:
    raise HTTPException("Content Too Large", status_code=413)


def _413_phrase() -> NoReturn:
    raise HTTPException(status_code=413)


def _no_detail() -> NoReturn:
    exc = NotFoundException()
    exc.detail = None  # type: ignore[assignment]
    raise exc


def _beyond() -> NoReturn:
    raise HTTPException("Odd", status_code=600)


def _extras_no_detail() -> NoReturn:
    raise ValidationException(extra=[{"key": "name", "message": "Too short", "source": "body"}])


def _pydantic_too_deep() -> NoReturn:
    exc = ValidationException(extra=[{"key": "n", "message": "Too small"}])
    raise exc from _wrapped(_pydantic_error(), 3)


def _pydantic_wrapped() -> NoReturn:
    raise ValidationException() from _wrapped(_pydantic_error(), 1)


def _messages() -> NoReturn:
    raise ValidationException(
        extra=[
            "not a dict",
            {"key": "a", "message": ""},
            {"key": "b", "message": 5},
            {"key": "c", "message": "Too long", "source": "form"},
            {"key": "data", "message": "Expected `object`", "source": "body"},
            {"key": "data", "message": "Expected `str`", "source": "query"},
            {"key": "page", "message": "'page'", "source": "query"},
            {"key": "d", "message": "Invalid enum value 3"},
            {"key": "e", "message": "Expected `str`, got 'x'"},
        ]
    )


OWN = {
    "405-allow": _405_allow,
    "405-allowed": _405_allowed,
    "405-bare": _405_bare,
    "413-title": _413_title,
    "413-phrase": _413_phrase,
    "no-detail": _no_detail,
    "beyond": _beyond,
    "extras-no-detail": _extras_no_detail,
    "pydantic-too-deep": _pydantic_too_deep,
    "pydantic-wrapped": _pydantic_wrapped,
    "messages": _messages,
}


def make(debug: bool = False) -> Litestar:
    """The edges' app, the plugin's hook recording each error's request path in PATHS."""
    config = Config(debug=debug, on_error=(_seen,))
    return Litestar([missing, own, decode, hidden, query], plugins=[HTTPFaultPlugin(config)])
