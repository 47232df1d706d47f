"""A small users/items API on flask-smorest, its OpenAPI document showing httpfault's errors.

Run it with ``python examples/flask_smorest_app.py`` (http://127.0.0.1:8000; the document
at /openapi.json, Swagger UI at /docs), or ``gunicorn examples.flask_smorest_app:app``.
``HTTPFault(app)`` goes after ``Api(app)`` and before ``api.register_blueprint(...)``.
"""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import dataclass, field
from typing import Any

import marshmallow as ma
from flask import Flask, current_app
from flask.views import MethodView
from flask_smorest import Api, Blueprint

from httpfault import Config, Conflict, NotFound
from httpfault.adapters.flask import HTTPFault, responses


class EmailTaken(Conflict):
    """A custom problem type: the email address is already registered."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"
    email: str


class UserIn(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    email = ma.fields.Email(required=True)


class User(UserIn):
    id = ma.fields.Integer(required=True)


class ItemQuery(ma.Schema):
    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=100))


class Item(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


@dataclass
class Store:
    """The example's in-memory data, kept in ``app.extensions["store"]``."""

    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    items: dict[int, dict[str, Any]] = field(
        default_factory=lambda: {1: {"id": 1, "name": "Teapot"}}
    )
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)


def store() -> Store:
    result: Store = current_app.extensions["store"]
    return result


blp = Blueprint("users", __name__, description="Users and items")


@blp.route("/users")
class Users(MethodView):
    @blp.arguments(UserIn)
    @blp.response(201, User)
    @blp.doc(responses=responses(EmailTaken))
    def post(self, user: dict[str, Any]) -> dict[str, Any]:
        data = store()
        with data.lock:
            if any(u["email"] == user["email"] for u in data.users.values()):
                raise EmailTaken(f"{user['email']} is already registered", email=user["email"])
            created = {"id": next(data.ids), **user}
            data.users[created["id"]] = created
        return created


@blp.route("/users/<int:user_id>")
class UserById(MethodView):
    @blp.response(200, User)
    def get(self, user_id: int) -> dict[str, Any]:
        user = store().users.get(user_id)
        if user is None:
            raise NotFound(f"No user with id {user_id}")
        return user

    @blp.response(204)
    def delete(self, user_id: int) -> None:
        if store().users.pop(user_id, None) is None:
            raise NotFound(f"No user with id {user_id}")


@blp.route("/items")
class Items(MethodView):
    @blp.arguments(ItemQuery, location="query")
    @blp.response(200, Item(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        text = query["q"].lower()
        return [i for i in store().items.values() if text in i["name"].lower()]


def create_app() -> Flask:
    """The example app: a fresh store, the Api, then httpfault, then the routes."""
    app = Flask(__name__)
    app.config.update(
        API_TITLE="httpfault flask-smorest example",
        API_VERSION="1.0.0",
        OPENAPI_VERSION=os.environ.get("OAS_VERSION", "3.1.0"),
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.extensions["store"] = Store()
    api = Api(app)
    HTTPFault(app, Config(format="auto"))
    api.register_blueprint(blp)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8000)
