"""``assert_conforms``: each rule of the contract and RFC 9457, broken one at a time."""

from __future__ import annotations

import json
import sys
from typing import Any

import httpx
import pytest

from httpfault import Config, Conflict, FieldError, MethodNotAllowed, RequestInfo, render
from httpfault.client._response import ResponseView
from httpfault.testing import (
    PROBLEM_SCHEMA,
    ConformanceError,
    assert_conforms,
    is_json_pointer_fragment,
    is_uri_reference,
)
from httpfault.testing._rules import schema_problems

JSON = "application/json"
PROBLEM = "application/problem+json"


def good(fmt: str = "json", **kwargs: Any) -> dict[str, Any]:
    """A conforming body of a 409 in *fmt*, with a request id and a field error."""
    error = Conflict("taken", errors=[FieldError("email", "Taken.", code="taken")], **kwargs)
    rendered = render(
        error, Config(format=fmt), RequestInfo("POST", "/users", {"X-Request-ID": "r1"})
    )
    return json.loads(rendered.body)


def response(
    body: Any,
    *,
    status: int = 409,
    media: str | None = JSON,
    request_id: str | None = "r1",
    method: str | None = None,
    **headers: str,
) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    out = dict(headers)
    if media is not None:
        out["Content-Type"] = media
    if request_id is not None:
        out["X-Request-ID"] = request_id
    request = httpx.Request(method, "http://api.test/users") if method else None
    return httpx.Response(status, headers=out, content=content, request=request)


def problems_of(resp: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(ConformanceError) as caught:
        assert_conforms(resp, **kwargs)
    assert isinstance(caught.value, AssertionError)
    return caught.value.problems


def test_good_bodies_conform() -> None:
    """Both formats of a rendered error pass and return the parsed body."""
    assert assert_conforms(response(good()))["error"]["code"] == "conflict"
    assert assert_conforms(response(good("problem"), media=PROBLEM))["instance"] == "/users"


def with_member(fmt: str, name: str, value: Any) -> dict[str, Any]:
    body = good(fmt)
    members = body["error"] if fmt == "json" else body
    if value is DELETE:
        del members[name]
    else:
        members[name] = value
    return body


DELETE = object()


@pytest.mark.parametrize(
    ("fmt", "name", "value", "fragment"),
    [
        ("json", "status", 500, "member 'status' is 500, the response status is 409"),
        ("problem", "status", True, "member 'status' is True"),
        ("problem", "status", "409", "is not of type 'integer'"),
        ("json", "title", None, "member 'title' is null"),
        ("json", "request_id", None, "member 'request_id' is null"),
        ("json", "title", DELETE, "member 'title' is missing"),
        ("problem", "type", DELETE, "member 'type' is missing"),
        ("problem", "message", "x", "member 'message' does not belong"),
        ("json", "detail", "x", "member 'detail' does not belong"),
        ("json", "title", "Clash", "'title' must be 'Conflict', not 'Clash'"),
        ("problem", "title", "Clash", "'title' must be 'Conflict'"),
        ("json", "type", "about:blank", "about:blank is omitted in the JSON format"),
        ("problem", "type", "not a uri", "'type' is not a valid URI reference"),
        ("json", "instance", "/a b", "'instance' is not a valid URI reference"),
        ("json", "code", "", "'code' must not be empty"),
        ("json", "code", 5, "'code' must be a string"),
        ("problem", "detail", ["x"], "'detail' must be a string"),
        ("json", "errors", "nope", "'errors' must be a list"),
        ("json", "errors", [1], "errors[0] must be an object"),
        ("json", "errors", [{"in": "body", "message": "m"}], "errors[0] has no 'pointer'"),
        (
            "json",
            "errors",
            [{"in": "body", "pointer": "#/a", "message": "m", "value": 1}],
            "errors[0] has unexpected members ['value']",
        ),
        (
            "problem",
            "errors",
            [{"in": "body", "pointer": "#/a", "message": "m"}],
            "errors[0] has no 'detail'",
        ),
        (
            "json",
            "errors",
            [{"in": "form", "pointer": "#/a", "message": "m"}],
            "errors[0].in must be",
        ),
        (
            "json",
            "errors",
            [{"in": ["x"], "pointer": "#/a", "message": "m"}],
            "errors[0].in must be",
        ),
        (
            "json",
            "errors",
            [{"in": "body", "pointer": "a", "message": "m"}],
            "errors[0].pointer is not",
        ),
        (
            "json",
            "errors",
            [{"in": "body", "pointer": "#/a", "message": 1}],
            "errors[0].message must be",
        ),
        (
            "problem",
            "errors",
            [{"in": "body", "pointer": "#/a", "detail": "d", "code": None}],
            "errors[0].code must be a string",
        ),
        ("json", "request_id", 7, "'request_id' must be a string"),
        (
            "json",
            "request_id",
            "other",
            "request_id 'other' in the body differs from X-Request-ID 'r1'",
        ),
        (
            "json",
            "request_id",
            DELETE,
            "the X-Request-ID header is set but the body has no request_id",
        ),
        ("json", "debug", {"exception": "x"}, "member 'debug' is present"),
        ("problem", "a-b", 1, "extension member 'a-b' breaks RFC 9457"),
        ("problem", "ab", 1, "extension member 'ab' breaks RFC 9457"),
    ],
)
def test_each_broken_rule_is_reported(fmt: str, name: str, value: Any, fragment: str) -> None:
    """Each way a body can break the contract is named in the failure."""
    media = JSON if fmt == "json" else PROBLEM
    found = problems_of(response(with_member(fmt, name, value), media=media))
    assert any(fragment in problem for problem in found), found


def test_request_id_in_body_without_header() -> None:
    """A body request id with no header is reported; with no header name it is not checked."""
    body = good()
    found = problems_of(response(body, request_id=None))
    assert found == ["the body has a request_id but the X-Request-ID header is missing"]
    assert assert_conforms(response(body, request_id=None), request_id_header=None)


def test_no_request_id_anywhere_is_fine() -> None:
    """A response rendered without a request has no request id, which conforms."""
    rendered = render(Conflict())
    assert assert_conforms(httpx.Response(409, headers=rendered.headers, content=rendered.body))


def test_debug_member_allowed_when_asked() -> None:
    """With ``debug=True`` a debug object is accepted; a debug member of another type is not."""
    rendered = render(Conflict(), Config(debug=True))
    resp = httpx.Response(409, headers=rendered.headers, content=rendered.body)
    assert "debug" in assert_conforms(resp, debug=True)["error"]
    found = problems_of(response(with_member("json", "debug", "boom")), debug=True)
    assert found == ["member 'debug' must be an object"]


@pytest.mark.parametrize(
    ("body", "media", "status", "fragment"),
    [
        (b"<html></html>", "text/html", 409, "Content-Type must be application/json"),
        (b"{}", None, 409, "Content-Type must be"),
        (b"{", JSON, 409, "not valid UTF-8 JSON"),
        (b'{"error": {"status": NaN}}', JSON, 409, "not valid UTF-8 JSON"),
        (b'{"a": 1, "a": 2}', JSON, 409, "duplicate member 'a'"),
        (b'{"error": {"message": "\xff"}}', JSON, 409, "not valid UTF-8 JSON"),
        (b"[" * 50_000, JSON, 409, "not valid UTF-8 JSON"),
        (b"[]", PROBLEM, 409, "must be a JSON object"),
        (b'{"error": {}, "x": 1}', JSON, 409, 'exactly {"error": {...}}'),
        (b'{"error": []}', JSON, 409, 'exactly {"error": {...}}'),
        (b"{}", JSON, 200, "status 200 is not an error status"),
    ],
)
def test_bodies_that_are_not_ours(
    body: bytes, media: str | None, status: int, fragment: str
) -> None:
    """Wrong content types, broken JSON and success statuses are reported."""
    found = problems_of(response(body, media=media, status=status, request_id=None))
    assert any(fragment in problem for problem in found), found


def test_problem_schema_is_applied() -> None:
    """Problem bodies are checked against RFC 9457's schema (status range, member types)."""
    assert PROBLEM_SCHEMA["properties"]["status"]["maximum"] == 599
    assert schema_problems({"status": 700, "title": 1, "instance": 2})
    assert schema_problems([]) == ["RFC 9457 schema: the body: [] is not of type 'object'"]
    assert schema_problems({"type": "about:blank", "status": 409}) == []


def test_schema_without_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without jsonschema installed, a built-in structural check applies the same schema."""
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    assert schema_problems({"type": "about:blank", "status": 409, "extra": None}) == []
    assert schema_problems([1]) == ["RFC 9457 schema: the body is not an object"]
    found = schema_problems({"status": "409", "title": 1, "detail": None})
    assert found == [
        "RFC 9457 schema: title: 1 is not of type 'string'",
        "RFC 9457 schema: status: '409' is not of type 'integer'",
        "RFC 9457 schema: detail: None is not of type 'string'",
    ]
    assert schema_problems({"status": True}) == [
        "RFC 9457 schema: status: True is not of type 'integer'"
    ]
    assert schema_problems({"status": 99}) == ["RFC 9457 schema: status: 99 is out of 100..599"]
    resp = response(with_member("problem", "status", "409"), media=PROBLEM)
    assert any("not of type 'integer'" in p for p in problems_of(resp))


@pytest.mark.parametrize("status", [101, 204, 304])
def test_no_body_statuses(status: int) -> None:
    """1xx, 204 and 304 responses must have no body; without one they pass."""
    assert assert_conforms(response(b"", status=status, media=None, request_id=None)) == {}
    found = problems_of(response(b"x", status=status, media=None, request_id=None))
    assert found == [f"a {status} response must have no body, got 1 bytes"]


def test_head_responses() -> None:
    """A HEAD error has no body but keeps its content type; the method may be passed in."""
    assert assert_conforms(response(b"", method="HEAD")) == {}
    assert assert_conforms(response(b"", method="GET"), method="head") == {}
    found = problems_of(response(good(), method="HEAD"))
    assert found[0].startswith("a HEAD response must have no body")
    found = problems_of(response(b"", media="text/plain", method="HEAD"))
    assert found == [
        "Content-Type must be application/json or application/problem+json, not 'text/plain'"
    ]


def test_required_headers() -> None:
    """With ``required_headers``, a 405 needs Allow; the option is off by default."""
    rendered = render(MethodNotAllowed())
    bare = httpx.Response(405, headers=rendered.headers, content=rendered.body)
    assert assert_conforms(bare)
    assert problems_of(bare, required_headers=True) == [
        "a 405 response must carry the Allow header"
    ]
    rendered = render(MethodNotAllowed(allow=["GET"]))
    full = httpx.Response(405, headers=rendered.headers, content=rendered.body)
    assert assert_conforms(full, required_headers=True)


def test_failure_message_truncates_a_huge_body() -> None:
    """A failure shows at most a few thousand characters of the body and its size."""
    body = b'{"error": "' + b"x" * 20_000 + b'"}'
    with pytest.raises(ConformanceError) as caught:
        assert_conforms(ResponseView(409, (("Content-Type", JSON),), body))
    message = str(caught.value)
    assert "... (20013 bytes in all)" in message
    assert len(message) < 6000
    with pytest.raises(ConformanceError, match=r"\(empty body\)"):
        assert_conforms(ResponseView(409, (("Content-Type", JSON),), b""))


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("about:blank", True),
        ("https://example.com/probs/out-of-credit?x=1#frag", True),
        ("/users/1", True),
        ("users/a:b", True),
        ("", True),
        ("urn:isbn:0451450523", True),
        ("%41bc", True),
        ("a b", False),
        ("/x/%zz", False),
        ("1http:x", False),
        ("a:b/c#x#y", False),
        ("ü", False),
        (5, False),
    ],
)
def test_is_uri_reference(value: object, valid: bool) -> None:
    """URI references follow RFC 3986: allowed characters, escapes, scheme syntax."""
    assert is_uri_reference(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("#", True),
        ("#/", True),
        ("#/items/0/name", True),
        ("#/a~1b~0c", True),
        ("#/%C3%BC", True),
        ("#/a%20b", True),
        ("", False),
        ("/a", False),
        ("#a", False),
        ("#/a~2", False),
        ("#/a~", False),
        ("#/%ZZ", False),
        ("#/%FF", False),
        ("#/a b", False),
        ("#/a#b", False),
        (None, False),
    ],
)
def test_is_json_pointer_fragment(value: object, valid: bool) -> None:
    """Pointers are RFC 6901 JSON Pointers in URI-fragment form, correctly escaped."""
    assert is_json_pointer_fragment(value) is valid
