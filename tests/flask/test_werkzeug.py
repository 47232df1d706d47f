"""Werkzeug's and Flask's own errors answer in the contract, with the catalogue's wording."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask import Flask, Response, abort, redirect, request
from werkzeug import exceptions as wz
from werkzeug.routing import RequestRedirect

from httpfault import (
    BadRequest,
    Config,
    ContentTooLarge,
    HTTPError,
    MethodNotAllowed,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnprocessableContent,
    UnsupportedMediaType,
    error_class,
)
from httpfault.adapters._flask.convert import from_werkzeug, user_description

from .conftest import RID, assert_same

HEADERS = {"X-Request-ID": RID}


@pytest.fixture
def app(make_app) -> Flask:
    """An app with a JSON endpoint, a route for every method test, and abort() views."""
    app = make_app(MAX_CONTENT_LENGTH=1024)

    @app.post("/json")
    def json_view():
        return {"got": request.get_json()}

    @app.route("/users", methods=["GET", "POST"])
    def users():
        return "users"

    @app.get("/abort/<int:code>")
    def abort_code(code):
        abort(code)

    return app


def test_routing_404(app):
    """An unknown route is NotFound() with the catalogue's message."""
    assert_same(app.test_client().get("/nowhere", headers=HEADERS), NotFound(), path="/nowhere")


def test_routing_405_keeps_allow(app):
    """A wrong method is a 405 with Allow (canonical order); the body lists no methods."""
    response = app.test_client().delete("/users", headers=HEADERS)
    error = MethodNotAllowed(allow=["GET", "HEAD", "OPTIONS", "POST"])
    assert_same(response, error, method="DELETE", path="/users")
    assert response.headers["Allow"] == error.headers["Allow"]
    assert "GET" not in response.json["error"]["message"]


def test_malformed_json_uses_malformed_body_status(app):
    """get_json() on a body that is not JSON is a 400 with the catalogue's message."""
    response = app.test_client().post("/json", data=b'{"name": ', headers=HEADERS,
                                      content_type="application/json")  # fmt: skip
    assert_same(response, BadRequest(), method="POST", path="/json")
    assert b"decode" not in response.data


def test_malformed_json_in_debug_mode_too(make_app):
    """In debug mode Flask raises werkzeug's wording; the answer is still the catalogue's."""
    app = make_app(DEBUG=True)

    @app.post("/json")
    def json_view():
        return {"got": request.get_json()}

    response = app.test_client().post("/json", data=b"{", content_type="application/json",
                                      headers=HEADERS)  # fmt: skip
    assert_same(response, BadRequest(), method="POST", path="/json")


def test_malformed_body_status_is_configurable(make_app):
    """Config.malformed_body_status changes the status of malformed JSON."""
    app = make_app(Config(malformed_body_status=422))

    @app.post("/json")
    def json_view():
        return {"got": request.get_json()}

    response = app.test_client().post("/json", data=b"{", content_type="application/json",
                                      headers=HEADERS)  # fmt: skip
    assert_same(response, UnprocessableContent(), method="POST", path="/json",
                config=Config(malformed_body_status=422))  # fmt: skip


def test_deeply_nested_json_is_malformed_not_500(make_app):
    """JSON nested too deep to decode is a malformed body (400), not an unhandled 500."""
    app = make_app()

    @app.post("/json")
    def json_view():
        return {"got": request.get_json()}

    body = b"[" * 10_000 + b"]" * 10_000
    response = app.test_client().post("/json", data=body, content_type="application/json",
                                      headers=HEADERS)  # fmt: skip
    assert_same(response, BadRequest(), method="POST", path="/json")


def test_recursion_error_elsewhere_is_a_500(make_app):
    """A RecursionError that is not from decoding JSON stays an unhandled 500."""
    app = make_app()

    @app.get("/loop")
    def loop():
        def forever(n):
            return forever(n + 1)

        return forever(0)

    assert app.test_client().get("/loop").status_code == 500


def test_wrong_content_type_is_415(app):
    """get_json() on a body that is not declared JSON is a 415 with the catalogue's message."""
    response = app.test_client().post("/json", data=b"name=x", headers=HEADERS,
                                      content_type="text/plain")  # fmt: skip
    assert_same(response, UnsupportedMediaType(), method="POST", path="/json")


def test_max_content_length_is_413(app):
    """A body over MAX_CONTENT_LENGTH is ContentTooLarge."""
    response = app.test_client().post("/json", data=b"x" * 5000, headers=HEADERS,
                                      content_type="application/json")  # fmt: skip
    assert_same(response, ContentTooLarge(), method="POST", path="/json")


def test_abort_without_description_uses_catalogue(app):
    """abort(code) answers with the catalogue's message for every werkzeug status."""
    client = app.test_client()
    for code in sorted(wz.default_exceptions):
        if code in (405,):
            continue
        response = client.get(f"/abort/{code}", headers=HEADERS)
        assert_same(response, error_class(code)(), path=f"/abort/{code}")


def test_abort_with_description_keeps_it(make_app):
    """A description the user gives to abort() is the message."""
    app = make_app()

    @app.get("/u")
    def view():
        abort(404, "No such user")

    @app.get("/kw")
    def view_kw():
        abort(403, description="Not yours")

    client = app.test_client()
    assert client.get("/u").json["error"]["message"] == "No such user"
    assert client.get("/kw").json["error"]["message"] == "Not yours"


def test_raised_werkzeug_exception_keeps_user_description(make_app):
    """raise werkzeug.exceptions.Conflict("...") in a view keeps the user's sentence."""
    app = make_app()

    @app.get("/c")
    def view():
        raise wz.Conflict("Already exists")

    assert app.test_client().get("/c").json["error"]["message"] == "Already exists"


def test_user_subclass_description_is_kept():
    """A werkzeug subclass of the user's with its own description counts as a user detail."""

    class UserGone(wz.Gone):
        description = "That user left."

    assert user_description(UserGone()) == "That user left."
    assert user_description(wz.Gone()) is None
    assert user_description(wz.BadRequestKeyError("k")) is None
    assert user_description(wz.NotFound("")) is None


def test_headers_from_werkzeug_are_kept(make_app):
    """WWW-Authenticate, Retry-After and Allow of werkzeug exceptions reach the client."""
    from werkzeug.datastructures import WWWAuthenticate

    app = make_app()
    when = datetime(2030, 1, 1, tzinfo=timezone.utc)

    @app.get("/auth")
    def auth():
        raise wz.Unauthorized(www_authenticate=[WWWAuthenticate("basic", {"realm": "x"}),
                                                WWWAuthenticate("bearer")])  # fmt: skip

    @app.get("/slow")
    def slow():
        raise wz.TooManyRequests(retry_after=120)

    @app.get("/down")
    def down():
        raise wz.ServiceUnavailable(retry_after=when)

    @app.get("/meth")
    def meth():
        raise wz.MethodNotAllowed(["post", "GET"])

    client = app.test_client()
    auth_response = client.get("/auth", headers=HEADERS)
    challenge = "Basic realm=x, Bearer"  # werkzeug's serialization, the two joined
    assert auth_response.headers["WWW-Authenticate"] == challenge
    assert_same(auth_response, Unauthorized(www_authenticate=challenge), path="/auth")
    assert_same(client.get("/slow", headers=HEADERS), TooManyRequests(retry_after=120),
                path="/slow")  # fmt: skip
    assert_same(client.get("/down", headers=HEADERS), ServiceUnavailable(retry_after=when),
                path="/down")  # fmt: skip
    assert client.get("/meth").headers["Allow"] == "GET, POST"


def test_redirects_are_not_errors(make_app):
    """Routing redirects (308 to the slash URL) and redirect() responses stay redirects."""
    app = make_app(TRAP_HTTP_EXCEPTIONS=True)

    @app.get("/folder/")
    def folder():
        return "folder"

    @app.get("/go")
    def go():
        return redirect("/folder/")

    client = app.test_client()
    slash = client.get("/folder")
    assert slash.status_code == 308
    assert slash.headers["Location"].endswith("/folder/")
    assert client.get("/go").status_code == 302


def test_request_redirect_is_left_alone():
    """from_werkzeug() leaves a RequestRedirect (308) alone."""
    assert from_werkzeug(RequestRedirect("http://x/y/"), Config()) is None


def test_exception_with_a_response_is_left_alone(make_app):
    """abort(Response(...)) and an HTTPException carrying a response are answered by it."""
    app = make_app(TRAP_HTTP_EXCEPTIONS=True)

    @app.get("/resp")
    def resp():
        abort(Response("custom body", status=402))

    @app.get("/attached")
    def attached():
        raise wz.NotFound(response=Response("own 404", status=404))

    client = app.test_client()
    assert (client.get("/resp").status_code, client.get("/resp").data) == (402, b"custom body")
    assert client.get("/attached").data == b"own 404"


def test_user_code_handler_wins(make_app):
    """A handler registered for a status code answers werkzeug's errors of that code."""
    app = make_app()

    @app.errorhandler(404)
    def not_found(error):
        return "custom 404", 404

    assert app.test_client().get("/nope").data == b"custom 404"


def test_unregistered_status_gets_its_own_class(make_app):
    """A user's HTTPException with a status the catalogue lacks keeps that status."""
    app = make_app()

    class ClientClosed(wz.HTTPException):
        code = 499

    @app.get("/x")
    def view():
        raise ClientClosed()

    response = app.test_client().get("/x")
    assert response.status_code == 499
    body = response.json["error"]
    assert (body["status"], body["title"], body["code"]) == (499, "Error 499", "error_499")
    assert isinstance(from_werkzeug(ClientClosed(), Config()), HTTPError)


def test_trapped_bad_request_key_error(make_app):
    """With TRAP_BAD_REQUEST_ERRORS, a missing form key still answers a plain 400."""
    app = make_app(TRAP_BAD_REQUEST_ERRORS=True)

    @app.post("/form")
    def form():
        return request.form["name"]

    response = app.test_client().post("/form", data={"other": "1"}, headers=HEADERS)
    assert_same(response, BadRequest(), method="POST", path="/form")


def test_werkzeug_500_via_abort(app):
    """abort(500) is the safe 500 with the catalogue's message."""
    response = app.test_client().get("/abort/500")
    assert response.status_code == 500
    assert response.json["error"]["code"] == "internal_server_error"


def test_missing_form_key_is_400_whatever_malformed_body_status(make_app):
    """A missing form key (werkzeug's BadRequestKeyError, a BadRequest subclass) stays a 400
    with malformed_body_status=422: only a body that could not be parsed takes that status."""
    config = Config(malformed_body_status=422)
    app = make_app(config)

    @app.post("/form")
    def form():
        return request.form["name"]

    @app.post("/json")
    def json_view():
        return {"got": request.get_json()}

    response = app.test_client().post("/form", data={"other": "1"}, headers=HEADERS)
    assert_same(response, BadRequest(), method="POST", path="/form", config=config)
    malformed = app.test_client().post("/json", data=b"{", content_type="application/json",
                                       headers=HEADERS)  # fmt: skip
    assert malformed.status_code == 422
