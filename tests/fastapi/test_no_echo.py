"""FastAPI's 422 answers never show what the client sent, on the first and kept answers."""

from __future__ import annotations

from uuid import UUID

import pytest
from fastapi import FastAPI
from pydantic import BaseModel, field_validator

from httpfault.adapters.fastapi import install
from tests.starlette.helpers import TestClient, body_of


class Signup(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def _taken(cls, value: str) -> str:
        raise ValueError(f"name {value} is taken")


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/things/{thing_id}")
    async def thing(thing_id: UUID) -> dict[str, str]:
        return {"id": str(thing_id)}

    @app.post("/signup")
    async def signup(body: Signup) -> Signup:
        return body

    install(app)
    return app


@pytest.mark.parametrize("value", ["S", "Zebra-Stripes"])
def test_uuid_path_parameter_is_not_quoted(value: str) -> None:
    """A bad UUID path parameter gets a fixed sentence, the first time and the next."""
    client = TestClient(_app())
    for _ in range(3):  # the answer is kept from the second time on
        response = client.get(f"/things/{value}")
        assert response.status_code == 422
        (error,) = body_of(response)["errors"]
        assert error == {"in": "path", "pointer": "#/thing_id",
                         "message": "Input should be a valid UUID.", "code": "uuid_parsing"}  # fmt: skip
        assert f"`{value[0]}`" not in response.text


@pytest.mark.parametrize("name", ["Z", "mallory"])
def test_validator_message_quoting_the_body_is_replaced(name: str) -> None:
    """A custom validator quoting the submitted name is answered with a neutral message."""
    client = TestClient(_app())
    for _ in range(3):
        response = client.post("/signup", json={"name": name})
        assert response.status_code == 422
        (error,) = body_of(response)["errors"]
        assert error["message"] == "Invalid value."
        assert f"name {name}" not in response.text
