"""The OpenAPI document: error schemas per class, media type per format, valid 3.1."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from openapi_spec_validator import validate

from httpfault import Config, Conflict, NotFound
from httpfault.adapters.fastapi import install, responses
from tests.starlette.helpers import TestClient

from .apps import EmailTaken, make_app

JSON = "application/json"
PROBLEM = "application/problem+json"
OPERATIONS = ("get", "post", "put", "delete", "patch")


def _document(app: FastAPI) -> dict[str, Any]:
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in OPERATIONS
    ]


@pytest.mark.parametrize("fmt", ["json", "problem", "auto"])
def test_document_validates_and_uses_the_format_media_types(fmt: str) -> None:
    """The document is valid OpenAPI 3.1 and lists the installed format's media types."""
    document = _document(make_app(Config(format=fmt)))  # type: ignore[arg-type]
    validate(document)
    wanted = {"json": {JSON}, "problem": {PROBLEM}, "auto": {JSON, PROBLEM}}[fmt]
    conflict = document["paths"]["/users"]["post"]["responses"]["409"]
    assert set(conflict["content"]) == wanted
    for _, _, op in _operations(document):
        assert set(op["responses"]["500"]["content"]) == wanted


def test_every_operation_lists_what_httpfault_answers() -> None:
    """422 and 400 where the operation takes input, 500 everywhere; FastAPI's 422 gone."""
    document = _document(make_app())
    for path, _method, op in _operations(document):
        codes = set(op["responses"])
        takes_input = bool(op.get("parameters")) or "requestBody" in op
        assert "500" in codes, path
        assert ("422" in codes) == takes_input, path
        assert ("400" in codes) == takes_input, path
        if "422" in codes:
            ref = op["responses"]["422"]["content"][JSON]["schema"]["$ref"]
            assert ref == "#/components/schemas/UnprocessableContentError"
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    for name in ("HTTPFaultError", "HTTPFaultProblem", "HTTPFaultFieldError",
                 "HTTPFaultProblemFieldError"):  # fmt: skip
        assert name in schemas


def test_schema_per_class_custom_types_included() -> None:
    """responses() gives each class its own component; custom problem types included."""
    document = _document(make_app(Config(format="auto")))
    post = document["paths"]["/users"]["post"]["responses"]
    assert post["409"]["content"][JSON]["schema"] == {
        "$ref": "#/components/schemas/EmailTakenError"
    }
    assert post["409"]["content"][PROBLEM]["schema"] == {
        "$ref": "#/components/schemas/EmailTakenProblem"
    }
    assert post["429"]["content"][JSON]["schema"]["$ref"].endswith("TooManyRequestsError")
    component = document["components"]["schemas"]["EmailTakenProblem"]
    assert component["allOf"][0] == {"$ref": "#/components/schemas/HTTPFaultProblem"}
    constraints = component["allOf"][1]["properties"]
    assert constraints["status"] == {"const": 409}
    assert constraints["code"]["examples"] == ["email_taken"]
    assert constraints["type"]["examples"] == [EmailTaken.type]


def test_install_before_or_after_routes_gives_the_same_document() -> None:
    """The document does not depend on whether install() came before the routes."""
    assert _document(make_app(early=True)) == _document(make_app(early=False))


def test_routes_added_after_first_document_are_documented() -> None:
    """A route added after the document was built is augmented when it is rebuilt."""
    app = FastAPI()
    install(app)
    client = TestClient(app)
    assert client.get("/openapi.json").json()["paths"] == {}

    @app.get("/late/{n}")
    async def late(n: int) -> int:
        return n

    app.openapi_schema = None  # FastAPI caches its document; releases differ on when it resets
    document = client.get("/openapi.json").json()
    assert set(document["paths"]["/late/{n}"]["get"]["responses"]) >= {"200", "400", "422", "500"}
    validate(document)


def test_same_status_classes_are_listed_together() -> None:
    """Two classes of one status give one response whose schema is oneOf both."""
    entries = responses(Conflict, EmailTaken, NotFound)
    assert list(entries) == [404, 409]
    options = entries[409]["content"][JSON]["schema"]["oneOf"]
    assert [o["title"] for o in options] == ["ConflictError", "EmailTakenError"]
    app = FastAPI()

    @app.get("/x", responses=entries)
    async def x() -> None: ...

    install(app, Config(format="problem"))
    document = _document(app)
    validate(document)
    schema = document["paths"]["/x"]["get"]["responses"]["409"]["content"][PROBLEM]["schema"]
    assert schema["oneOf"] == [{"$ref": "#/components/schemas/ConflictProblem"},
                               {"$ref": "#/components/schemas/EmailTakenProblem"}]  # fmt: skip


def test_responses_without_install_is_valid_and_self_contained() -> None:
    """responses() alone (no install) still gives a valid document, both media types."""
    app = FastAPI()

    @app.get("/x", responses=responses(EmailTaken))
    async def x() -> None: ...

    document = _document(app)
    validate(document)
    content = document["paths"]["/x"]["get"]["responses"]["409"]["content"]
    assert set(content) == {JSON, PROBLEM}


def test_responses_refuses_non_error_classes() -> None:
    """responses() takes HTTPError classes only."""
    with pytest.raises(TypeError):
        responses(ValueError)  # type: ignore[arg-type]


def test_configured_statuses_are_documented() -> None:
    """validation_status and malformed_body_status decide the documented codes."""
    document = _document(make_app(Config(validation_status=400, malformed_body_status=415)))
    op = document["paths"]["/users"]["post"]["responses"]
    assert "422" not in op
    assert op["400"]["content"][JSON]["schema"]["$ref"].endswith("BadRequestError")
    assert op["415"]["content"][JSON]["schema"]["$ref"].endswith("UnsupportedMediaTypeError")
    validate(document)


def test_own_422_is_kept() -> None:
    """A 422 response the route declares itself (not FastAPI's default) is left alone."""
    app = FastAPI()

    @app.post("/x", responses={422: {"description": "Mine", "content": {JSON: {"schema": {}}}}})
    async def x(n: int) -> int:
        return n

    install(app)
    document = _document(app)
    assert document["paths"]["/x"]["post"]["responses"]["422"]["description"] == "Mine"
    validate(document)


def test_document_augmented_once() -> None:
    """Calling app.openapi() again returns the same document, not augmented twice."""
    app = make_app()
    first = app.openapi()
    snapshot = repr(first)
    assert app.openapi() is first
    assert repr(first) == snapshot


def test_headers_and_typed_members_documented() -> None:
    """Retry-After on 429, the request-id header everywhere; typed members in schemas."""

    class OutOfStock(Conflict):
        type = "https://example.com/problems/out-of-stock"
        code = "out_of_stock"
        sku: str
        available: int = 0

    from httpfault import TooManyRequests

    app = FastAPI()

    @app.get("/x", responses=responses(OutOfStock, TooManyRequests))
    async def x() -> None: ...

    install(app)
    document = _document(app)
    validate(document)
    answers = document["paths"]["/x"]["get"]["responses"]
    assert "Retry-After" in answers["429"]["headers"]
    assert all("X-Request-ID" in answers[c]["headers"] for c in ("409", "429", "500"))
    member = document["components"]["schemas"]["OutOfStockError"]["allOf"][1]
    inner = member["properties"]["error"]
    assert inner["properties"]["sku"] == {"type": "string"}
    assert inner["properties"]["available"] == {"type": "integer", "default": 0}
    assert "sku" in inner["required"]
    assert "available" not in inner["required"]


def test_openapi_30_document_gets_30_dialect() -> None:
    """With app.openapi_version 3.0, httpfault's schemas use enum, not const."""
    app = make_app()
    app.openapi_version = "3.0.3"
    document = app.openapi()
    schema = document["components"]["schemas"]["InternalServerErrorError"]["allOf"][1]
    status = schema["properties"]["error"]["properties"]["status"]
    assert status == {"enum": [500]}


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_rate_limit_headers_on_429(version: str) -> None:
    """A declared 429 documents Retry-After, RateLimit-Policy and RateLimit; it validates."""
    from httpfault import TooManyRequests
    from tests.openapi_headers import assert_rate_limit_headers

    app = FastAPI()
    app.openapi_version = version

    @app.get("/limited", responses=responses(TooManyRequests))
    async def limited() -> dict[str, str]:  # not None: FastAPI 0.115 writes type null in 3.0
        return {}

    install(app, Config(format="problem"))
    document = _document(app)
    validate(document)
    assert document["openapi"] == version
    assert_rate_limit_headers(document, document["paths"]["/limited"]["get"]["responses"]["429"])
