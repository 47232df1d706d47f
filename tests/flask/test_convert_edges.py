"""Edges of the translation of werkzeug's exceptions: the ends of the error range, the
original kept as the cause, webargs' errors under another validation status, and 405s
that are not werkzeug's ``MethodNotAllowed``."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Flask, abort, request
from flask_smorest import Api, Blueprint
from werkzeug import exceptions as wz

from httpfault import Config, HTTPError, MethodNotAllowed, RequestInfo
from httpfault.adapters._flask.convert import from_werkzeug, raised_by_framework
from httpfault.adapters.flask import HTTPFault

from .conftest import RID, assert_same

HEADERS = {"X-Request-ID": RID}


class Beyond(wz.HTTPException):
    """An exception of the application's own with a status past the error range."""

    code = 600
    description = "Past the end."


class Edge(wz.HTTPException):
    """The last status of the error range, unknown to the catalogue."""

    code = 599
    description = "At the very end."


class Closed(wz.HTTPException):
    """A 405 of the application's own (not werkzeug's ``MethodNotAllowed``) with headers."""

    code = 405
    description = "Closed for now."

    def get_headers(self, environ: Any = None, scope: Any = None) -> list[tuple[str, str]]:
        return [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Allow", "GET"),
            ("Retry-After", "60"),
        ]


def _app(config: Config | None = None) -> Flask:
    app = Flask("httpfault_flask_edges")
    HTTPFault(app, config)

    @app.get("/beyond")
    def beyond() -> str:
        raise Beyond()

    @app.get("/edge")
    def edge() -> str:
        raise Edge()

    @app.get("/closed")
    def closed() -> str:
        raise Closed()

    @app.get("/post-only")
    def post_only() -> str:
        abort(405, description="Use POST.", valid_methods=["POST"])

    @app.get("/missing")
    def missing() -> str:
        abort(404)

    @app.post("/json")
    def json_view() -> dict[str, Any]:
        return {"got": request.get_json()}

    return app


def _debug(response: Any) -> dict[str, Any]:
    debug: dict[str, Any] = response.get_json()["error"]["debug"]
    return debug


def test_status_599_is_answered_and_600_left_to_flask() -> None:
    """A 599 (the last of the 5xx) is answered in the contract; a 600 is not an error
    status and Flask answers it itself."""
    client = _app().test_client()
    edge = client.get("/edge")
    assert edge.status_code == 599
    assert edge.get_json()["error"]["status"] == 599
    beyond = client.get("/beyond")
    assert beyond.status_code == 600
    assert beyond.mimetype == "text/html"


def test_debug_names_the_framework_exception_of_a_4xx() -> None:
    """With ``debug=True`` the body names the werkzeug exception behind a 4xx: the 400 of
    a body that is not JSON, and an ``abort(404)``."""
    client = _app(Config(debug=True)).test_client()
    malformed = client.post("/json", data="{", content_type="application/json")
    assert malformed.status_code == 400
    assert _debug(malformed)["exception"] == "werkzeug.exceptions.BadRequest"
    missing = client.get("/missing")
    assert missing.status_code == 404
    assert _debug(missing)["exception"] == "werkzeug.exceptions.NotFound"


class Body(ma.Schema):
    name = ma.fields.String(required=True)


def _smorest_app(config: Config) -> Flask:
    app = Flask("httpfault_flask_edges_smorest")
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0")
    api = Api(app)
    HTTPFault(app, config)
    blp = Blueprint("things", __name__)

    @blp.post("/things")
    @blp.arguments(Body)
    def post(body: dict[str, Any]) -> dict[str, Any]:
        return body

    api.register_blueprint(blp)
    return app


def test_webargs_errors_answer_the_configured_validation_status() -> None:
    """webargs' 422 answers ``validation_status`` (400 here) with its field errors, and
    with ``debug=True`` names webargs' werkzeug exception as the original."""
    client = _smorest_app(Config(validation_status=400, debug=True)).test_client()
    response = client.post("/things", json={})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert [(e["in"], e["pointer"]) for e in error["errors"]] == [("body", "#/name")]
    assert error["debug"]["exception"] == "werkzeug.exceptions.UnprocessableEntity"


def test_abort_405_keeps_its_detail_and_allow() -> None:
    """``abort(405, description=..., valid_methods=...)`` keeps the description and names
    the methods in ``Allow``."""
    response = _app().test_client().get("/post-only", headers=HEADERS)
    assert_same(response, MethodNotAllowed("Use POST.", allow=["POST"]), path="/post-only")


def test_own_405_class_keeps_its_headers() -> None:
    """A 405 exception of the application's own, with ``Allow`` and ``Retry-After`` from
    its ``get_headers()``, answers with both, its description, and no werkzeug ``Content-Type``
    among the headers the error carries (what ``on_error`` hooks see)."""
    seen: list[HTTPError] = []

    def hook(error: HTTPError, request: RequestInfo | None) -> None:
        seen.append(error)

    response = _app(Config(on_error=(hook,))).test_client().get("/closed", headers=HEADERS)
    expected = MethodNotAllowed("Closed for now.", headers={"Allow": "GET", "Retry-After": "60"})
    assert_same(response, expected, path="/closed")
    assert response.headers["allow"] == "GET"
    assert seen[0].headers == {"Allow": "GET", "Retry-After": "60"}


def test_exception_never_raised_is_not_the_frameworks() -> None:
    """An exception built but never raised (no traceback) is not werkzeug's own: a bare
    ``BadRequest`` handed over keeps its description instead of becoming the malformed-body
    error."""
    exc = wz.BadRequest("Missing the name.")
    assert raised_by_framework(exc) is False
    error = from_werkzeug(exc, Config())
    assert error is not None
    assert (error.status, error.detail) == (400, "Missing the name.")
