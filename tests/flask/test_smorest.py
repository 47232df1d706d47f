"""flask-smorest: httpfault answers the Api's errors and documents them in its spec."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import pytest
from flask import Flask
from flask.views import MethodView
from flask_smorest import Api, Blueprint
from openapi_spec_validator import validate

from httpfault import Config, Conflict
from httpfault.adapters.flask import HTTPFault, responses
from httpfault.testing import assert_conforms

JSON = "application/json"
PROBLEM = "application/problem+json"


class TooOld(Conflict):
    """A 409 problem type with a typed member."""

    type = "https://example.com/problems/too-old"
    code = "too_old"
    version: int


class Body(ma.Schema):
    name = ma.fields.String(required=True)
    tags = ma.fields.List(ma.fields.Integer())


def _blueprint() -> Blueprint:
    blp = Blueprint("things", __name__)

    @blp.route("/things")
    class Things(MethodView):
        @blp.arguments(Body)
        @blp.response(201, Body)
        @blp.doc(responses=responses(TooOld, Conflict))
        def post(self, body: dict[str, Any]) -> dict[str, Any]:
            if body["name"] == "old":
                raise TooOld("stale", version=3)
            return body

    @blp.route("/things/<int:thing_id>")
    class Thing(MethodView):
        @blp.response(200, Body)
        def get(self, thing_id: int) -> dict[str, Any]:
            return {"name": "x"}

    return blp


def _app(version: str = "3.1.0", fmt: str = "json", *, late: bool = False) -> Flask:
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION=version,
                      OPENAPI_URL_PREFIX="/")  # fmt: skip
    api = Api(app)
    if late:
        api.register_blueprint(_blueprint())
        HTTPFault(app, Config(format=fmt))  # type: ignore[arg-type]
    else:
        HTTPFault(app, Config(format=fmt))  # type: ignore[arg-type]
        api.register_blueprint(_blueprint())
    return app


def _document(app: Flask) -> dict[str, Any]:
    document: dict[str, Any] = app.test_client().get("/openapi.json").get_json()
    return document


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
@pytest.mark.parametrize("fmt", ["json", "problem", "auto"])
def test_document_validates_without_smorest_errors(version: str, fmt: str) -> None:
    """Valid in both versions; flask-smorest's default error and its refs are gone."""
    document = _document(_app(version, fmt))
    validate(document)
    wanted = {"json": {JSON}, "problem": {PROBLEM}, "auto": {JSON, PROBLEM}}[fmt]
    post = document["paths"]["/things"]["post"]["responses"]
    assert set(post) == {"201", "400", "405", "409", "422", "500"}
    assert set(post["422"]["content"]) == wanted
    assert "$ref" not in post["422"]
    get = document["paths"]["/things/{thing_id}"]["get"]["responses"]
    assert set(get) == {"200", "404", "405", "500"}
    assert "default" not in get


def test_declared_errors_and_members() -> None:
    """responses(...) in @blp.doc: a oneOf of both 409 classes; members in the schema."""
    document = _document(_app(fmt="problem"))
    schema = document["paths"]["/things"]["post"]["responses"]["409"]["content"][PROBLEM]["schema"]
    assert [o["$ref"].rsplit("/", 1)[1] for o in schema["oneOf"]] == [
        "TooOldProblem", "ConflictProblem"]  # fmt: skip
    member = document["components"]["schemas"]["TooOldProblem"]["allOf"][1]
    assert member["properties"]["version"] == {"type": "integer"}


def test_answers_follow_the_contract() -> None:
    """webargs' 422 has field errors with pointers; routing errors are ours, not smorest's."""
    client = _app().test_client()
    response = client.post("/things", json={"tags": ["x"]})
    assert response.status_code == 422
    errors = response.get_json()["error"]["errors"]
    assert {(e["in"], e["pointer"]) for e in errors} == {("body", "#/name"), ("body", "#/tags/0")}
    assert_conforms(response)
    for response in (client.get("/things/x"), client.put("/things"),
                     client.post("/things", data="{", content_type=JSON)):  # fmt: skip
        assert response.status_code in (400, 404, 405)
        assert_conforms(response)
    assert client.post("/things", json={"name": "old"}).get_json()["error"]["version"] == 3


def test_late_install_warns() -> None:
    """HTTPFault(app) after register_blueprint warns that those routes lack the errors."""
    with pytest.warns(UserWarning, match="register_blueprint"):
        _app(late=True)


def test_flask_without_smorest_is_unchanged() -> None:
    """Without an Api on the app, HTTPFault registers nothing for flask-smorest."""
    app = Flask(__name__)
    HTTPFault(app)
    assert "flask-smorest" not in app.extensions


def test_smorest_reference_detection() -> None:
    """Only flask-smorest's own error references are dropped; others are kept."""
    from httpfault.adapters._flask.openapi import _smorest_ref

    assert _smorest_ref("default", "DEFAULT_ERROR")
    assert _smorest_ref("422", "UNPROCESSABLE_CONTENT") or _smorest_ref(
        "422", "UNPROCESSABLE_ENTITY"
    )
    assert not _smorest_ref("200", "OK")
    assert not _smorest_ref("409", "MyConflict")
    assert not _smorest_ref("default", {"description": "x"})
    assert not _smorest_ref("2XX", "OK")


def test_second_install_adds_no_second_plugin() -> None:
    """HTTPFault installed twice on one app hooks the Api's spec once."""
    from httpfault.adapters._flask.openapi import HTTPFaultPlugin

    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0")
    api = Api(app)
    HTTPFault(app)
    HTTPFault(app)
    assert sum(isinstance(p, HTTPFaultPlugin) for p in api.spec.plugins) == 1


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_rate_limit_headers_on_429(version: str) -> None:
    """A declared 429 documents Retry-After, RateLimit-Policy and RateLimit; it validates."""
    from httpfault import TooManyRequests
    from tests.openapi_headers import assert_rate_limit_headers

    app = _app(version)
    blp = Blueprint("limited", __name__)

    @blp.route("/limited")
    class Limited(MethodView):
        @blp.response(200, Body)
        @blp.doc(responses=responses(TooManyRequests))
        def get(self) -> dict[str, Any]:
            return {"name": "x"}

    app.extensions["flask-smorest"]["apis"][""]["ext_obj"].register_blueprint(blp)
    document = _document(app)
    validate(document)
    assert_rate_limit_headers(document, document["paths"]["/limited"]["get"]["responses"]["429"])
