"""httpfault.openapi: components and responses, 3.1 and 3.0, validated and checked."""

from __future__ import annotations

import json
from typing import Any, Literal

import jsonschema
import pytest
from openapi_spec_validator import validate

from httpfault import (
    Config,
    Conflict,
    MethodNotAllowed,
    NotFound,
    ProxyAuthenticationRequired,
    RequestInfo,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    render,
)
from httpfault._openapi_document import add_errors, finish
from httpfault.openapi import components, media_types, responses, self_answered

JSON = "application/json"
PROBLEM = "application/problem+json"
FORMATS = ["json", "problem", "auto"]


class EmailTaken(Conflict):
    """A custom problem type of 409."""

    code = "email_taken"
    type = "https://example.com/problems/email-taken"


class VersionConflict(Conflict):
    """Another custom problem type of 409, with typed members."""

    code = "version_conflict"
    type = "https://example.com/problems/version-conflict"
    current: int
    hint: str = "reload"


class Plain409(Conflict):
    """A 409 with its own code, no type of its own."""

    code = "plain_conflict"


def _document(version: str, paths: dict[str, Any], comps: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0" if version == "3.1" else "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": comps,
    }


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> jsonschema.Validator:
    """A JSON Schema validator resolving #/components refs against *document*."""
    wrapper = {**schema, "components": document.get("components", {})}
    return jsonschema.Draft202012Validator(wrapper)


@pytest.mark.parametrize("version", ["3.1", "3.0"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_components_and_responses_validate(version: str, fmt: str) -> None:
    """Both helpers give parts of a valid document in either version and every format."""
    cfg = Config(format=fmt)  # type: ignore[arg-type]
    answers = responses(
        EmailTaken, VersionConflict, Conflict, NotFound, TooManyRequests, MethodNotAllowed,
        config=cfg, version=version,  # type: ignore[arg-type]
    )  # fmt: skip
    paths = {"/x": {"post": {"responses": {"200": {"description": "ok"}, **answers}}}}
    validate(_document(version, paths, components(cfg, version=version)))  # type: ignore[arg-type]
    assert set(answers["409"]["content"]) == set(media_types(cfg))


def test_components_contents() -> None:
    """Shared schemas, one response per self-answered class, and the headers."""
    parts = components(Config(format="auto"))
    assert set(parts) == {"schemas", "responses", "headers"}
    for name in ("HTTPFaultError", "HTTPFaultProblem", "UnprocessableContentError",
                 "InternalServerErrorProblem"):  # fmt: skip
        assert name in parts["schemas"]
    assert {"BadRequest", "UnprocessableContent", "InternalServerError", "MethodNotAllowed"} <= set(
        parts["responses"]
    )
    assert set(parts["headers"]) >= {"HTTPFaultRequestId", "HTTPFaultRetryAfter", "HTTPFaultAllow"}
    only_json = components()
    assert "HTTPFaultProblem" not in only_json["schemas"]


def test_headers_documented_per_status() -> None:
    """Retry-After on 429/503, Allow on 405, challenges on 401/407, request id on all."""
    answers = responses(
        TooManyRequests, ServiceUnavailable, MethodNotAllowed, Unauthorized,
        ProxyAuthenticationRequired, NotFound,
    )  # fmt: skip
    expect = {"429": "Retry-After", "503": "Retry-After", "405": "Allow",
              "401": "WWW-Authenticate", "407": "Proxy-Authenticate"}  # fmt: skip
    for status, header in expect.items():
        assert header in answers[status]["headers"]
    for answer in answers.values():
        assert answer["headers"]["X-Request-ID"]["required"] is True
    custom = responses(
        NotFound, config=Config(request_id_header="X-Trace", request_id_factory=None)
    )
    assert custom["404"]["headers"] == {"X-Trace": custom["404"]["headers"]["X-Trace"]}
    assert custom["404"]["headers"]["X-Trace"]["required"] is False
    assert responses(NotFound, config=Config(request_id_header=None))["404"]["headers"] == {}


def test_typed_members_in_schema() -> None:
    """Declared members are properties; required unless defaulted."""
    schema = responses(VersionConflict, config=Config(format="problem"))["409"]["content"][PROBLEM]
    constraints = schema["schema"]["allOf"][1]
    assert constraints["properties"]["current"] == {"type": "integer"}
    assert constraints["properties"]["hint"] == {"type": "string", "default": "reload"}
    assert "current" in constraints["required"]
    assert "hint" not in constraints["required"]


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_one_of_tells_the_classes_apart(fmt: str) -> None:
    """Each rendered body of a 409 class matches exactly one option of the oneOf."""
    cfg = Config(format=fmt)  # type: ignore[arg-type]
    classes = [Conflict, EmailTaken, VersionConflict, Plain409]
    media = media_types(cfg)[0]
    schema = responses(*classes, config=cfg)["409"]["content"][media]["schema"]
    options = schema["oneOf"]
    errors = [Conflict("x"), EmailTaken("x"), VersionConflict(current=2), Plain409()]
    request = RequestInfo("POST", "/x", {"X-Request-ID": "abc"})
    for index, error in enumerate(errors):
        body = json.loads(render(error, cfg, request).body)
        matches = [
            i for i, o in enumerate(options) if jsonschema.Draft202012Validator(o).is_valid(body)
        ]
        assert matches == [index], (error, matches)
        jsonschema.validate(body, schema)


def test_discriminator_after_hoisting() -> None:
    """In a document, problem types with their own type get a discriminator on type."""
    cfg = Config(format="auto")
    answers: dict[str, Any] = {}
    add_errors(answers, [EmailTaken, VersionConflict], cfg, "3.1")
    document = _document("3.1", {"/x": {"get": {"responses": answers}}}, {})
    finish(document, cfg)
    validate(document)
    problem = answers["409"]["content"][PROBLEM]["schema"]
    assert problem["discriminator"] == {
        "propertyName": "type",
        "mapping": {
            EmailTaken.type: "#/components/schemas/EmailTakenProblem",
            VersionConflict.type: "#/components/schemas/VersionConflictProblem",
        },
    }
    assert "discriminator" not in answers["409"]["content"][JSON]["schema"]
    body = json.loads(render(VersionConflict(current=1), Config(format="problem")).body)
    _validator(document, problem).validate(body)


def test_add_errors_merges_with_declared_ones() -> None:
    """A route's own httpfault 409 gains the self-answered class; a foreign one is kept."""
    cfg = Config(format="json")
    answers: dict[str, Any] = {"409": responses(EmailTaken, config=cfg)["409"],
                               "400": {"description": "Mine"}}  # fmt: skip
    add_errors(answers, [Conflict], cfg, "3.1")
    add_errors(answers, [Conflict], cfg, "3.1")  # twice: no change
    add_errors(answers, [NotFound], cfg, "3.1")
    from httpfault import BadRequest

    add_errors(answers, [BadRequest], cfg, "3.1")
    assert answers["400"] == {"description": "Mine"}
    options = answers["409"]["content"][JSON]["schema"]["oneOf"]
    assert [o["title"] for o in options] == ["EmailTakenError", "ConflictError"]
    assert "404" in answers


def test_alike_classes_are_any_of() -> None:
    """Two classes that cannot be told apart are listed as anyOf."""

    class Again(Conflict):
        pass

    schema = responses(Conflict, Again)["409"]["content"][JSON]["schema"]
    assert "anyOf" in schema


def test_version_30_dialect() -> None:
    """3.0 output has no const, no examples arrays, no type arrays."""
    answers = responses(VersionConflict, config=Config(format="problem"), version="3.0")
    text = json.dumps(answers)
    assert '"const"' not in text
    assert '"examples"' not in text
    constraints = answers["409"]["content"][PROBLEM]["schema"]["allOf"][1]
    assert constraints["properties"]["status"] == {"enum": [409]}


def test_bad_arguments() -> None:
    """Non-classes and unknown versions are refused."""
    with pytest.raises(TypeError):
        responses(ValueError)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="version"):
        responses(NotFound, version="2.0")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="version"):
        components(version="3.2")  # type: ignore[arg-type]


def test_self_answered_follows_config() -> None:
    """The configured validation and malformed-body statuses are among the classes."""
    statuses = [c.status for c in self_answered(Config(validation_status=400,
                                                       malformed_body_status=415))]  # fmt: skip
    assert statuses == sorted(set(statuses))
    assert 400 in statuses
    assert 415 in statuses
    assert 422 not in statuses


def test_to_30_converts_the_31_only_keywords() -> None:
    """Type arrays, null options, numeric exclusive bounds and meta keys become 3.0."""
    from httpfault._openapi_schemas import to_30

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "a": {"type": ["integer", "null"], "exclusiveMinimum": 0},
            "b": {"type": ["integer", "string"]},
            "c": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "d": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            "e": {"examples": []},
        },
    }
    assert to_30(schema) == {
        "type": "object",
        "properties": {
            "a": {"type": "integer", "nullable": True, "minimum": 0, "exclusiveMinimum": True},
            "b": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
            "c": {"type": "string", "nullable": True},
            "d": {"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True},
            "e": {},
        },
    }


def test_optional_members_in_30_documents() -> None:
    """An optional typed member is nullable in 3.0; the document stays valid."""

    class Reasoned(Conflict):
        reason: Literal["sold", "recalled"] | None = None
        tags: list[str] | None = None

    cfg = Config(format="problem")
    answers = responses(Reasoned, config=cfg, version="3.0")
    props = answers["409"]["content"][PROBLEM]["schema"]["allOf"][1]["properties"]
    assert props["reason"]["nullable"] is True
    assert props["tags"]["nullable"] is True
    paths = {"/x": {"get": {"responses": answers}}}
    validate(_document("3.0", paths, components(cfg, version="3.0")))


@pytest.mark.parametrize("version", ["3.1", "3.0"])
def test_rate_limit_headers_on_429_and_503(version: str) -> None:
    """429 and 503 document Retry-After, RateLimit-Policy and RateLimit, once as components."""
    from tests.openapi_headers import assert_rate_limit_headers

    parts = components(version=version)  # type: ignore[arg-type]
    answers = responses(TooManyRequests, ServiceUnavailable, NotFound,
                        version=version)  # type: ignore[arg-type]  # fmt: skip
    document = _document(version, {"/x": {"get": {"responses": answers}}}, parts)
    validate(document)
    for status in ("429", "503"):
        assert_rate_limit_headers(document, answers[status])
    assert "RateLimit" not in answers["404"]["headers"]
    assert {"HTTPFaultRateLimit", "HTTPFaultRateLimitPolicy"} <= set(parts["headers"])
    listed = parts["responses"]["TooManyRequests"]["headers"]
    assert listed["RateLimit"] == {"$ref": "#/components/headers/HTTPFaultRateLimit"}
    assert_rate_limit_headers(document, {"$ref": "#/components/responses/TooManyRequests"})
