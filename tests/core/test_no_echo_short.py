"""The no-echo rule holds for the shortest input: a one-character value never comes back."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from httpfault import Config, from_exception, render

VALUE = "Q"
"""One character that appears in no message, title, code or pointer of these bodies."""


class Quoted(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def taken(cls, value: str) -> str:
        raise ValueError(f"'{value}' is taken")


class Plain(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def taken(cls, value: str) -> str:
        raise ValueError(f"name {value} is taken")


class Identifier(BaseModel):
    name: uuid.UUID


def _failure(model: type[BaseModel]) -> ValidationError:
    try:
        model.model_validate({"name": VALUE})
    except ValidationError as exc:
        return exc
    raise AssertionError(f"{model.__name__} accepted {VALUE!r}")


@pytest.mark.parametrize(
    "model",
    [Quoted, Plain, Identifier],
)
@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_one_character_input_never_appears_in_the_validation_body(model: Any, fmt: str) -> None:
    """A one-character submitted value is absent from the 422 body, whatever the message."""
    exc = _failure(model)
    assert any(VALUE in item["msg"] for item in exc.errors())  # pydantic's message has it
    rendered = render(from_exception(exc), Config(format=fmt))  # type: ignore[arg-type]
    assert rendered.status == 422
    assert b'"pointer":"#/name"' in rendered.body
    assert VALUE.encode() not in rendered.body
