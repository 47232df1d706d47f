"""The Quart extension answers every kind of error with render()'s bytes."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel
from quart import Blueprint, Quart, abort, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest as WerkzeugBadRequest
from werkzeug.exceptions import Unauthorized as WerkzeugUnauthorized

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    ContentTooLarge,
    Forbidden,
    HTTPError,
    ImATeapot,
    MethodNotAllowed,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnprocessableContent,
    UnsupportedMediaType,
)
from httpfault.adapters.quart import HTTPFault, read_json
from tests.reliability.drivers import asgi_scope

from .conftest import RID, assert_same, call


class Signup(BaseModel):
    email: str
    age: int


def test_httpfault_error_same_bytes_as_render(make_app):
    """A raised Conflict answers exactly render()'s status, headers and body."""
    app = make_app()

    @app.get("/c")
    async def view():
        raise Conflict("Email already registered")

    assert_same(call(app, "GET", "/c"), Conflict("Email already registered"), path="/c")


def test_headers_of_the_error_are_sent(make_app):
    """Retry-After and WWW-Authenticate made by the error's constructor come through."""
    app = make_app()

    @app.get("/slow")
    async def slow():
        raise TooManyRequests("Slow down", retry_after=timedelta(seconds=30))

    @app.get("/auth")
    async def auth():
        raise Unauthorized(www_authenticate='Bearer realm="api"')

    slow_answer = call(app, "GET", "/slow")
    assert slow_answer.headers["Retry-After"] == "30"
    assert_same(slow_answer, TooManyRequests("Slow down", retry_after=30), path="/slow")
    assert call(app, "GET", "/auth").headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_routing_404_and_405_with_truthful_allow(make_app):
    """Unknown path: 404 with the default sentence; wrong method: 405 whose Allow lists
    what the route answers (Quart adds HEAD and OPTIONS to a GET route), and each of
    those methods indeed answers something else than 405."""
    app = make_app()

    @app.get("/only-get")
    async def only_get():
        return {"ok": True}

    assert_same(call(app, "GET", "/nope"), NotFound(), path="/nope")
    wrong = call(app, "DELETE", "/only-get")
    allow = ["GET", "HEAD", "OPTIONS"]
    assert_same(wrong, MethodNotAllowed(allow=allow), method="DELETE", path="/only-get")
    assert wrong.headers["Allow"] == "GET, HEAD, OPTIONS"
    for method in allow:
        assert call(app, method, "/only-get").status_code == 200


def test_abort_keeps_the_users_description_and_headers(make_app):
    """abort(404, "...") keeps the detail; a bare abort(403) gets the default sentence;
    werkzeug's Unauthorized keeps its WWW-Authenticate; an unregistered code works."""
    app = make_app()

    @app.get("/user")
    async def user():
        abort(404, "No such user")

    @app.get("/forbidden")
    async def forbidden():
        abort(403)

    @app.get("/teapot")
    async def teapot():
        abort(418)

    @app.get("/auth")
    async def unauthorized():
        raise WerkzeugUnauthorized(www_authenticate=WWWAuthenticate("bearer", {"realm": "api"}))

    assert_same(call(app, "GET", "/user"), NotFound("No such user"), path="/user")
    assert_same(call(app, "GET", "/forbidden"), Forbidden(), path="/forbidden")
    assert_same(call(app, "GET", "/teapot"), ImATeapot(), path="/teapot")
    auth = call(app, "GET", "/auth")
    # werkzeug writes the realm as a token, unquoted: its header is kept as it is.
    assert_same(auth, Unauthorized(www_authenticate="Bearer realm=api"), path="/auth")


def test_werkzeug_bad_request_raised_by_user_keeps_its_detail(make_app):
    """A BadRequest the view raises with its own words is a 400 with those words."""
    app = make_app()

    @app.get("/b")
    async def bad():
        raise WerkzeugBadRequest("Missing the ?page parameter")

    assert_same(call(app, "GET", "/b"), BadRequest("Missing the ?page parameter"), path="/b")


def test_redirects_are_left_alone(make_app):
    """A routing redirect (308, strict slashes) is no error: Quart's own response."""
    app = make_app()

    @app.get("/dir/")
    async def directory():
        return {"ok": True}

    answer = call(app, "GET", "/dir")
    assert answer.status_code == 308
    assert answer.headers["Location"].endswith("/dir/")
    assert "X-Request-ID" not in answer.headers


JSON = {"Content-Type": "application/json"}


def _json_app(make_app, config=None):
    app = make_app(config)

    @app.post("/get-json")
    async def get_json_view():
        return Signup.model_validate(await request.get_json()).model_dump()

    @app.post("/read-json")
    async def read_json_view():
        return Signup.model_validate(await read_json()).model_dump()

    return app


@pytest.mark.parametrize("path", ["/get-json", "/read-json"])
@pytest.mark.parametrize(
    "body",
    [b'{"email": ', b'{"email": "\xff\xfe"}', b"[" * 100_000, b""],
    ids=["malformed", "invalid-utf8", "too-deep", "empty"],
)
def test_undecodable_json_is_the_malformed_body_status(make_app, path, body):
    """Malformed JSON, invalid UTF-8, nesting too deep and an empty body: 400 with the
    default sentence, through Quart's get_json() and through read_json() alike."""
    app = _json_app(make_app)
    assert_same(call(app, "POST", path, headers=JSON, data=body), BadRequest(), method="POST",
                path=path)  # fmt: skip


def test_malformed_body_status_is_configurable(make_app):
    """Config(malformed_body_status=422) answers malformed JSON with a 422."""
    app = _json_app(make_app, Config(malformed_body_status=422))
    for path in ("/get-json", "/read-json"):
        answer = call(app, "POST", path, headers=JSON, data=b"{")
        assert_same(answer, UnprocessableContent(), method="POST", path=path)


def test_read_json_refuses_other_media_types(make_app):
    """read_json(): a body that is not declared JSON is a 415; application/*+json is JSON."""
    app = _json_app(make_app)
    plain = call(app, "POST", "/read-json", headers={"Content-Type": "text/plain"}, data=b"{}")
    assert_same(plain, UnsupportedMediaType(), method="POST", path="/read-json")
    merge = {"Content-Type": "application/merge-patch+json"}
    ok = call(app, "POST", "/read-json", headers=merge, data=b'{"email": "a", "age": 1}')
    assert (ok.status_code, ok.json) == (200, {"email": "a", "age": 1})


def test_validation_error_does_not_echo_input(make_app):
    """A pydantic ValidationError is the validation status with pointers, never the
    submitted values."""
    app = _json_app(make_app)
    secret = "s3cret-value-never-echoed"
    answer = call(app, "POST", "/get-json", headers=JSON,
                  data=json.dumps({"email": 5, "age": secret}).encode())  # fmt: skip
    assert answer.status_code == 422
    assert secret.encode() not in answer.data
    pointers = {e["pointer"] for e in answer.json["error"]["errors"]}
    assert pointers == {"#/email", "#/age"}


def test_max_content_length_is_413(make_app):
    """A body over MAX_CONTENT_LENGTH is a 413 with the default sentence."""
    app = _json_app(make_app, None)
    app.config["MAX_CONTENT_LENGTH"] = 10
    answer = call(app, "POST", "/read-json", headers=JSON, data=b'{"email": "xxxxxxxxxxxx"}')
    assert_same(answer, ContentTooLarge(), method="POST", path="/read-json")


def test_head_has_no_body_and_no_length(make_app):
    """HEAD on an error: the status and headers, no body, no Content-Length of a body
    that was never made."""
    app = make_app()

    @app.get("/c")
    async def view():
        raise Conflict("x")

    answer = call(app, "HEAD", "/c")
    assert answer.status_code == 409
    assert answer.data == b""
    assert answer.headers["X-Request-ID"] == RID
    # Quart's test client makes a Content-Length of the body it received: the headers
    # the app sends are read from the ASGI messages themselves.
    messages = asyncio.run(_asgi_messages(app, "HEAD", "/c", {"X-Request-ID": RID}))
    start = next(m for m in messages if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    assert (start["status"], headers.get("x-request-id"), body) == (409, RID, b"")
    assert "content-length" not in headers


async def _asgi_messages(app: Any, method: str, path: str, headers: dict[str, str]) -> list[Any]:
    """The ASGI messages *app* sends for one request; the client disconnects once it has
    the whole response (Quart listens for that while it answers)."""
    scope = asgi_scope(method, path, headers, b"")
    sent: list[Any] = []
    requested: list[bool] = []
    done = asyncio.Event()

    async def receive() -> dict[str, Any]:
        if not requested:
            requested.append(True)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.wait_for(done.wait(), timeout=10)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    await asyncio.wait_for(app(scope, receive, send), timeout=20)
    return sent


def test_format_auto_negotiates_with_vary(make_app):
    """format="auto": problem+json when asked for it, JSON otherwise; Vary: Accept."""
    app = make_app(Config(format="auto"))
    problem = call(app, "GET", "/x", headers={"Accept": "application/problem+json"})
    assert problem.headers["Content-Type"] == "application/problem+json"
    assert problem.headers["Vary"] == "Accept"
    assert problem.json["instance"] == "/x"
    plain = call(app, "GET", "/x", headers={"Accept": "application/json"})
    assert plain.headers["Content-Type"] == "application/json"
    assert plain.headers["Vary"] == "Accept"


def test_request_id_generated_when_missing_or_unsafe(make_app):
    """No id, or one unsafe to echo: a fresh 32-hex id in header and body."""
    app = make_app()
    answer = call(app, "GET", "/x", headers={"X-Request-ID": "bad\x01id"})
    rid = answer.headers["X-Request-ID"]
    assert len(rid) == 32
    assert answer.json["error"]["request_id"] == rid


def test_blueprint_and_specific_handlers_still_win(make_app):
    """An app handler for a more specific class and a blueprint's own handler answer
    their errors; everything else is httpfault's."""
    app = make_app()
    bp = Blueprint("bp", __name__)

    class Mine(Exception):
        pass

    @app.errorhandler(Mine)
    async def mine(exc):
        return {"mine": True}, 418

    @bp.errorhandler(404)
    async def bp_404(exc):
        return {"bp": True}, 404

    @bp.get("/bp/missing")
    async def bp_missing():
        abort(404)

    @app.get("/mine")
    async def raise_mine():
        raise Mine()

    app.register_blueprint(bp)
    assert call(app, "GET", "/mine").json == {"mine": True}
    assert call(app, "GET", "/bp/missing").json == {"bp": True}
    assert call(app, "GET", "/elsewhere").json["error"]["code"] == "not_found"


def test_init_app_reads_app_config(make_app):
    """HTTPFault() then init_app(app): app.config["HTTPFAULT"] (a dict of Config fields)
    overrides the extension's config; config_for() gives it back."""
    ext = HTTPFault(config=Config(format="json"))
    app = Quart("x")
    app.config["HTTPFAULT"] = {"format": "problem", "request_id_header": "X-Correlation-ID"}
    ext.init_app(app)
    config = HTTPFault.config_for(app)
    assert (config.format, config.request_id_header) == ("problem", "X-Correlation-ID")
    answer = call(app, "GET", "/x", headers={"X-Correlation-ID": "abc"})
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.headers["X-Correlation-ID"] == "abc"
    assert "httpfault" in repr(app.extensions["httpfault"]).lower()


def test_bad_settings_are_refused():
    """Unknown settings, a wrong type, or a non-Config config: a clear error."""
    app = Quart("x")
    app.config["HTTPFAULT"] = {"formt": "json"}
    with pytest.raises(ValueError, match="formt"):
        HTTPFault(app)
    app.config["HTTPFAULT"] = 3
    with pytest.raises(TypeError, match="HTTPFAULT"):
        HTTPFault(app)
    app.config["HTTPFAULT"] = Config(format="problem")
    HTTPFault(app)
    assert HTTPFault.config_for(app).format == "problem"
    with pytest.raises(TypeError, match="Config"):
        HTTPFault(config={"format": "json"})  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="not installed"):
        HTTPFault.config_for(Quart("y"))


def test_exception_map_and_hooks(make_app):
    """exception_map turns a domain exception into its error; on_error hooks see every
    error once with the request."""
    seen: list[tuple[HTTPError, str]] = []

    class Missing(Exception):
        pass

    config = Config(exception_map={Missing: NotFound},
                    on_error=lambda error, req: seen.append((error, req.path)))  # fmt: skip
    app = make_app(config)

    @app.get("/m")
    async def missing():
        raise Missing("row 7")

    assert_same(call(app, "GET", "/m"), NotFound(), path="/m")
    call(app, "GET", "/nowhere")
    assert [(type(e).__name__, p) for e, p in seen] == [
        ("NotFound", "/m"),
        ("NotFound", "/nowhere"),
    ]


def test_serve_types_page(make_app):
    """serve_types: GET on a problem type's path answers its HTML page."""

    class EmailTaken(Conflict):
        code = "email_taken"
        type = "/problems/email-taken"

    app = Quart("x")
    HTTPFault(app, serve_types=[EmailTaken])
    page = call(app, "GET", "/problems/email-taken")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert b"email_taken" in page.data


def test_client_errors_logged_low_without_traceback(make_app, caplog):
    """A 4xx is logged once at INFO, without a traceback, to the app's logger."""
    app = make_app()
    with caplog.at_level(logging.DEBUG):
        call(app, "GET", "/nope")
    records = [r for r in caplog.records if r.name == app.logger.name]
    assert len(records) == 1
    assert records[0].levelno == logging.INFO
    assert records[0].exc_info is None
