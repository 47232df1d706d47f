"""httpfault's own errors raised anywhere in a Flask app answer with render()'s bytes."""

from __future__ import annotations

import importlib.util

import pytest
from flask import Blueprint, jsonify, request
from pydantic import BaseModel, Field

from httpfault import (
    Config,
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnprocessableContent,
)

from .conftest import RID, assert_same

HEADERS = {"X-Request-ID": RID}
HAS_ASGIREF = importlib.util.find_spec("asgiref") is not None


def test_view_error_same_bytes_as_render(make_app):
    """A Conflict raised by a view answers with exactly render()'s status, headers and body."""
    app = make_app()

    @app.post("/users")
    def create():
        raise Conflict("Email already registered", code="email_taken")

    response = app.test_client().post("/users", headers=HEADERS)
    assert_same(response, Conflict("Email already registered", code="email_taken"),
                method="POST", path="/users")  # fmt: skip
    assert response.headers["Content-Type"] == "application/json"


def test_headers_of_the_error_are_sent(make_app):
    """WWW-Authenticate and Retry-After set on httpfault errors reach the client."""
    app = make_app()

    @app.get("/auth")
    def auth():
        raise Unauthorized(www_authenticate='Bearer realm="api"')

    @app.get("/slow")
    def slow():
        raise TooManyRequests(retry_after=30)

    client = app.test_client()
    auth_response = client.get("/auth", headers=HEADERS)
    assert auth_response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert_same(auth_response, Unauthorized(www_authenticate='Bearer realm="api"'), path="/auth")
    slow_response = client.get("/slow", headers=HEADERS)
    assert slow_response.headers["Retry-After"] == "30"
    assert_same(slow_response, TooManyRequests(retry_after=30), path="/slow")


def test_field_errors_and_extensions(make_app):
    """Field errors and extension members are rendered as the contract says."""
    app = make_app()
    error = UnprocessableContent(errors=[FieldError("email", "already taken", code="taken")],
                                 limit=3)  # fmt: skip

    @app.post("/users")
    def create():
        raise error

    response = app.test_client().post("/users", headers=HEADERS)
    assert_same(response, error, method="POST", path="/users")
    assert response.json["error"]["errors"][0]["pointer"] == "#/email"
    assert response.json["error"]["limit"] == 3


def test_before_request_hook(make_app):
    """An error raised by a before_request hook answers in the contract."""
    app = make_app()

    @app.before_request
    def guard():
        if request.path.startswith("/admin"):
            raise Forbidden("Admins only")

    @app.get("/admin")
    def admin():  # pragma: no cover - the hook refuses first
        return "secret"

    assert_same(app.test_client().get("/admin", headers=HEADERS), Forbidden("Admins only"),
                path="/admin")  # fmt: skip


def test_after_request_hook(make_app, caplog):
    """An error raised by an after_request hook answers in the contract, logged by Flask once."""
    app = make_app()
    calls = []

    @app.after_request
    def audit(response):
        calls.append(response.status_code)
        if len(calls) == 1:
            raise Conflict("Audit refused the response")
        return response

    @app.get("/x")
    def view():
        return "fine"

    with caplog.at_level("INFO"):
        response = app.test_client().get("/x", headers=HEADERS)
    assert_same(response, Conflict("Audit refused the response"), path="/x")
    assert calls == [200, 409]
    # Flask logs exceptions from after_request hooks itself; httpfault does not repeat it.
    assert len([r for r in caplog.records if r.exc_info]) == 1


def test_error_from_a_blueprint(make_app):
    """A blueprint's view raising an httpfault error is answered by the app-wide handler."""
    app = make_app()
    bp = Blueprint("users", __name__, url_prefix="/v1")

    @bp.get("/users/<int:user_id>")
    def user(user_id):
        raise NotFound(f"User {user_id} does not exist")

    app.register_blueprint(bp)
    assert_same(app.test_client().get("/v1/users/7", headers=HEADERS),
                NotFound("User 7 does not exist"), path="/v1/users/7")  # fmt: skip


def test_blueprint_handler_wins_as_in_flask(make_app):
    """A blueprint's own error handler answers for its views; other views get httpfault's."""
    app = make_app()
    bp = Blueprint("legacy", __name__, url_prefix="/legacy")

    @bp.errorhandler(Conflict)
    def legacy_conflict(error):
        return jsonify(legacy=True, reason=error.detail), 409

    @bp.get("/x")
    def legacy_view():
        raise Conflict("old style")

    @app.get("/x")
    def new_view():
        raise Conflict("new style")

    app.register_blueprint(bp)
    client = app.test_client()
    assert client.get("/legacy/x").json == {"legacy": True, "reason": "old style"}
    assert_same(client.get("/x", headers=HEADERS), Conflict("new style"), path="/x")


def test_blueprint_handler_for_exception_wins_over_the_app(make_app):
    """Even a blueprint handler for plain Exception beats the app-level one, as in Flask."""
    app = make_app()
    bp = Blueprint("own", __name__, url_prefix="/own")

    @bp.errorhandler(Exception)
    def own(error):
        return {"own": type(error).__name__}, 418

    @bp.get("/boom")
    def boom():
        raise NotFound()

    app.register_blueprint(bp)
    response = app.test_client().get("/own/boom")
    assert (response.status_code, response.json) == (418, {"own": "NotFound"})


def test_app_handler_for_a_specific_class_wins(make_app):
    """An app handler registered for a more specific class is preferred to httpfault's."""
    app = make_app()

    class Teapot(Exception):
        pass

    @app.errorhandler(Teapot)
    def teapot(error):
        return "short and stout", 418

    @app.get("/tea")
    def tea():
        raise Teapot

    response = app.test_client().get("/tea")
    assert (response.status_code, response.data) == (418, b"short and stout")


@pytest.mark.skipif(not HAS_ASGIREF, reason="async views need flask[async] (asgiref)")
def test_async_view(make_app):
    """An httpfault error raised by an async view answers in the contract."""
    app = make_app()

    @app.get("/async")
    async def view():
        raise Conflict("from a coroutine")

    assert_same(app.test_client().get("/async", headers=HEADERS), Conflict("from a coroutine"),
                path="/async")  # fmt: skip


@pytest.mark.skipif(not HAS_ASGIREF, reason="async views need flask[async] (asgiref)")
def test_async_view_unhandled(make_app):
    """An unexpected exception in an async view becomes the safe 500."""
    app = make_app()

    @app.get("/async")
    async def view():
        raise RuntimeError("secret")

    response = app.test_client().get("/async", headers=HEADERS)
    assert response.status_code == 500
    assert b"secret" not in response.data


def test_head_has_no_body(make_app):
    """A HEAD request gets the error's status and headers, and no body."""
    app = make_app()

    @app.get("/users/1")
    def user():
        raise NotFound("gone")

    response = app.test_client().head("/users/1", headers=HEADERS)
    assert response.status_code == 404
    assert response.data == b""
    assert response.headers["X-Request-ID"] == RID
    assert response.headers["Content-Type"] == "application/json"


def test_request_id_echoed_or_generated(make_app):
    """The incoming request id is echoed; without one a fresh id is sent on errors only."""
    app = make_app()

    @app.get("/ok")
    def ok():
        return "ok"

    client = app.test_client()
    echoed = client.get("/missing", headers={"x-request-id": "abc-123"})
    assert echoed.headers["X-Request-ID"] == "abc-123"
    assert echoed.json["error"]["request_id"] == "abc-123"
    fresh = client.get("/missing")
    assert fresh.json["error"]["request_id"] == fresh.headers["X-Request-ID"]
    assert len(fresh.headers["X-Request-ID"]) == 32
    assert "X-Request-ID" not in client.get("/ok", headers={"x-request-id": "abc"}).headers


def test_problem_format_instance_is_the_path_as_sent(make_app):
    """With format="problem", instance is the percent-encoded path as the client sent it."""
    config = Config(format="problem")
    app = make_app(config)

    @app.get("/caf\u00e9/<path:rest>")
    def view(rest):
        raise Conflict("nope")

    response = app.test_client().get("/caf%C3%A9/a%2Fb", headers=HEADERS)
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json["instance"] == "/caf%C3%A9/a%2Fb"
    assert_same(response, Conflict("nope"), path="/caf%C3%A9/a%2Fb", config=config)


def test_auto_format_negotiates(make_app):
    """With format="auto", Accept chooses problem+json and the response varies on Accept."""
    app = make_app(Config(format="auto"))
    client = app.test_client()
    problem = client.get("/nope", headers={"Accept": "application/problem+json"})
    plain = client.get("/nope", headers={"Accept": "application/json"})
    assert problem.headers["Content-Type"] == "application/problem+json"
    assert plain.headers["Content-Type"] == "application/json"
    assert problem.headers["Vary"] == "Accept"


class Signup(BaseModel):
    email: str = Field(min_length=3)
    age: int


def test_pydantic_validation_error(make_app):
    """A pydantic ValidationError raised by a view is a 422 with field errors, input not echoed."""
    app = make_app()

    @app.post("/signup")
    def signup():
        return Signup.model_validate(request.get_json()).model_dump()

    response = app.test_client().post("/signup", json={"email": "x", "age": "old"})
    assert response.status_code == 422
    errors = response.json["error"]["errors"]
    assert [(e["pointer"], e["code"]) for e in errors] == [
        ("#/email", "string_too_short"),
        ("#/age", "int_parsing"),
    ]
    assert b"old" not in response.data


def test_validation_status_is_configurable(make_app):
    """Config.validation_status changes the status of validation errors."""
    app = make_app(Config(validation_status=400))

    @app.post("/signup")
    def signup():
        return Signup.model_validate({}).model_dump()

    assert app.test_client().post("/signup").status_code == 400
