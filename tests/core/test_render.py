"""render(): the wire contract of both formats, request ids, negotiation and safety."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    FieldError,
    HTTPError,
    InternalServerError,
    NotFound,
    RequestInfo,
    TooManyRequests,
    render,
)

from .rfc9457 import validate_problem

REQ = RequestInfo("POST", "/users", {"X-Request-ID": "req-1"})


def body_of(
    error: HTTPError, config: Config | None = None, request: RequestInfo | None = None
) -> Any:
    return json.loads(render(error, config, request).body)


def test_json_format_matches_the_documented_shape() -> None:
    """The default json body is the documented envelope, members in order, no nulls."""
    error = Conflict("Email already registered", code="email_taken",
                     errors=[FieldError("email", "already taken", code="taken")])  # fmt: skip
    rendered = render(error, None, REQ)
    assert rendered.status == 409
    assert rendered.headers == [("Content-Type", "application/json"), ("X-Request-ID", "req-1")]
    assert rendered.media_type == "application/json"
    assert rendered.body == (
        b'{"error":{"status":409,"code":"email_taken","title":"Conflict",'
        b'"message":"Email already registered","errors":[{"in":"body","pointer":"#/email",'
        b'"message":"already taken","code":"taken"}],"request_id":"req-1"}}'
    )


def test_problem_format_matches_rfc_9457() -> None:
    """The problem body carries type, title, status, detail, instance, then our members."""
    error = Conflict("Email already registered", code="email_taken",
                     errors=[FieldError("email", "already taken", code="taken")])  # fmt: skip
    rendered = render(error, Config(format="problem"), REQ)
    assert rendered.headers[0] == ("Content-Type", "application/problem+json")
    body = json.loads(rendered.body)
    assert list(body) == ["type", "title", "status", "detail", "instance", "code", "errors",
                          "request_id"]  # fmt: skip
    assert body["type"] == "about:blank"
    assert body["errors"] == [{"in": "body", "pointer": "#/email", "detail": "already taken",
                               "code": "taken"}]  # fmt: skip
    validate_problem(body)


def test_absent_members_are_omitted() -> None:
    """Without request, errors, type or instance, those members are absent, never null."""
    assert body_of(NotFound()) == {"error": {
        "status": 404, "code": "not_found", "title": "Not Found",
        "message": "The requested resource was not found."}}  # fmt: skip
    problem = body_of(NotFound(), Config(format="problem"))
    assert problem == {"type": "about:blank", "title": "Not Found", "status": 404,
                       "detail": "The requested resource was not found.", "code": "not_found"}  # fmt: skip
    assert b"null" not in render(NotFound()).body


def test_request_id_is_echoed_or_generated() -> None:
    """A safe incoming id is echoed; a missing or unsafe one is replaced by a new one."""
    assert body_of(NotFound(), None, REQ)["error"]["request_id"] == "req-1"
    generated = render(NotFound(), None, RequestInfo("GET", "/", {}))
    rid = json.loads(generated.body)["error"]["request_id"]
    assert len(rid) == 32
    assert ("X-Request-ID", rid) in generated.headers
    hostile = RequestInfo("GET", "/", [("x-request-id", "a\x1b[31mred"), ("other", "x")])
    assert (
        json.loads(render(NotFound(), None, hostile).body)["error"]["request_id"] != "a\x1b[31mred"
    )
    too_long = RequestInfo("GET", "/", {"X-Request-ID": "a" * 200})
    assert json.loads(render(NotFound(), None, too_long).body)["error"]["request_id"] != "a" * 200
    odd_but_safe = RequestInfo("GET", "/", {"X-Request-ID": "trace:abc/1=="})
    assert body_of(NotFound(), None, odd_but_safe)["error"]["request_id"] == "trace:abc/1=="


def test_request_id_header_is_configurable() -> None:
    """The request id header name is configurable, and can be turned off."""
    cfg = Config(request_id_header="X-Correlation-ID")
    rendered = render(NotFound(), cfg, RequestInfo("GET", "/", [(b"x-correlation-id", b"c-9")]))
    assert ("X-Correlation-ID", "c-9") in rendered.headers
    off = render(NotFound(), Config(request_id_header=None), REQ)
    assert "request_id" not in json.loads(off.body)["error"]
    assert len(off.headers) == 1
    no_factory = render(NotFound(), Config(request_id_factory=None), RequestInfo("GET", "/"))
    assert "request_id" not in json.loads(no_factory.body)["error"]


def test_generated_request_ids() -> None:
    """The default factory gives 32 hex digits; a custom factory's id is used only if safe."""
    bare = RequestInfo("GET", "/")
    generated = body_of(NotFound(), None, bare)["error"]["request_id"]
    assert len(generated) == 32
    assert set(generated) <= set("0123456789abcdef")
    assert generated != body_of(NotFound(), None, bare)["error"]["request_id"]
    for made in ("job-7", "job:7"):
        custom = Config(request_id_factory=lambda made=made: made)
        assert body_of(NotFound(), custom, bare)["error"]["request_id"] == made
    unsafe = Config(request_id_factory=lambda: "bad id\r\n")
    replaced = body_of(NotFound(), unsafe, bare)["error"]["request_id"]
    assert len(replaced) == 32  # a generated id instead
    assert set(replaced) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    "headers",
    [{"x-request-id": "r"}, {"X-REQUEST-ID": "r"}, [("X-Request-Id", "r")], [(b"x-request-id", b"r")],
     ((b"X-Request-ID", "r"),)],
)  # fmt: skip
def test_headers_are_matched_case_insensitively(headers: Any) -> None:
    """Request headers as mappings or str/bytes pairs match whatever their case."""
    assert body_of(NotFound(), None, RequestInfo("GET", "/", headers))["error"]["request_id"] == "r"


def test_instance_is_the_percent_encoded_path() -> None:
    """In problem format, instance is the request path as a valid URI reference."""
    cfg = Config(format="problem")
    for path, expected in [("/users", "/users"), ("/a b/ü", "/a%20b/%C3%BC"),
                           ("/x%2Fy", "/x%2Fy"), ("/100%", "/100%25"), ('/"<>', "/%22%3C%3E")]:  # fmt: skip
        body = body_of(NotFound(), cfg, RequestInfo("GET", path))
        assert body["instance"] == expected
        validate_problem(body)
    assert body_of(NotFound(instance="/orders/1"), cfg, REQ)["instance"] == "/orders/1"
    assert body_of(NotFound(instance="/orders/1"))["error"]["instance"] == "/orders/1"


def test_head_requests_get_no_body_but_keep_headers() -> None:
    """A HEAD request gets the status and headers without a body."""
    rendered = render(TooManyRequests(retry_after=5), None, RequestInfo("HEAD", "/", {}))
    assert rendered.status == 429
    assert rendered.body == b""
    assert ("Retry-After", "5") in rendered.headers


@pytest.mark.parametrize(
    ("accept", "problem"),
    [
        (None, False),
        ("application/json", False),
        ("application/problem+json", True),
        ("application/json;q=0.5, application/problem+json", True),
        ("application/json, application/problem+json", False),
        ("application/problem+json;q=0.4, application/json;q=0.5", False),
        ("application/*;q=0.2, application/problem+json;q=0.3", True),
        ("*/*", False),
        ("text/html", False),
        ("application/problem+json;q=nonsense, application/json;q=0.1", False),
        ("application/problem+json;q=7", True),
        ("application/problem+json;q=nan", False),
        ("application/problem+json;q=0", False),
        ("application/problem+json;level=1;q=0.9, */*;q=0.1", True),
    ],
)
def test_auto_format_negotiates_with_accept(accept: str | None, problem: bool) -> None:
    """Under format='auto' the Accept header's q-values choose the format; ties go to json."""
    headers = {} if accept is None else {"Accept": accept}
    rendered = render(NotFound(), Config(format="auto"), RequestInfo("GET", "/", headers))
    expected = "application/problem+json" if problem else "application/json"
    assert rendered.headers[0] == ("Content-Type", expected)
    assert ("Vary", "Accept") in rendered.headers


def test_server_errors_hide_their_detail_unless_exposed() -> None:
    """A 5xx detail is replaced by the default sentence unless expose=True."""
    hidden = body_of(InternalServerError("password=hunter2 at db.internal"))
    assert hidden["error"]["message"] == InternalServerError.default_detail
    assert b"hunter2" not in render(InternalServerError("password=hunter2")).body
    shown = body_of(InternalServerError("Scheduled maintenance", expose=True))
    assert shown["error"]["message"] == "Scheduled maintenance"
    secret = body_of(Conflict("internal reason", expose=False))
    assert secret["error"]["message"] == Conflict.default_detail


def test_debug_member_only_with_debug() -> None:
    """With debug=True the original exception's type, message and traceback are sent."""
    try:
        raise KeyError("the-secret")
    except KeyError as exc:
        error = InternalServerError()
        error.__cause__ = exc
    assert b"the-secret" not in render(error).body
    debug = body_of(error, Config(debug=True))["error"]["debug"]
    assert debug["exception"] == "builtins.KeyError"
    assert debug["message"] == "'the-secret'"
    assert any("raise KeyError" in line for line in debug["traceback"])
    plain = body_of(NotFound("gone"), Config(debug=True, format="problem"))["debug"]
    assert plain["exception"] == "httpfault.NotFound"


def test_type_base_and_custom_titles() -> None:
    """type_base derives type URIs from codes; about:blank always keeps the status phrase."""
    cfg = Config(format="problem", type_base="https://errors.example.com/")
    body = body_of(Conflict(code="email_taken"), cfg)
    assert body["type"] == "https://errors.example.com/email_taken"
    assert body_of(Conflict(title="Custom"), Config(format="problem"))["title"] == "Conflict"
    custom = Conflict(type="https://example.com/p/x", title="Custom")
    assert body_of(custom, Config(format="problem"))["title"] == "Custom"
    assert body_of(custom)["error"]["type"] == "https://example.com/p/x"
    assert body_of(custom)["error"]["title"] == "Custom"


def test_extensions_never_overwrite_standard_members() -> None:
    """Extensions added after construction cannot replace status or other members."""
    error = Conflict("x", balance=30)
    error.extensions["status"] = 200
    error.extensions["title"] = "OK"
    body = body_of(error)["error"]
    assert body["status"] == 409
    assert body["title"] == "Conflict"
    assert body["balance"] == 30


def test_formatter_replaces_the_envelope() -> None:
    """A formatter gets the error, the standard body and the request; its result is sent."""
    seen: list[Any] = []

    def envelope(
        error: HTTPError, body: dict[str, Any], request: RequestInfo | None
    ) -> dict[str, Any]:
        seen.append((error, request))
        return {"ok": False, "error": body["error"]["code"], "status": error.status}

    rendered = render(Conflict(), Config(formatter=envelope), REQ)
    assert json.loads(rendered.body) == {"ok": False, "error": "conflict", "status": 409}
    assert seen[0][1] is REQ


def test_broken_formatter_falls_back_to_a_minimal_body(caplog: pytest.LogCaptureFixture) -> None:
    """A formatter that raises gives a minimal valid body of the same status, logged."""

    def broken(
        error: HTTPError, body: dict[str, Any], request: RequestInfo | None
    ) -> dict[str, Any]:
        raise RuntimeError("formatter bug")

    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(Conflict(), Config(formatter=broken), REQ)
    assert rendered.status == 409
    assert json.loads(rendered.body) == {"error": {
        "status": 409, "code": "conflict", "title": "Conflict",
        "message": Conflict.default_detail, "request_id": "req-1"}}  # fmt: skip
    assert "could not render" in caplog.text
    assert "formatter bug" in caplog.text


def test_unserializable_extension_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    """An extension with no JSON form gives a minimal body of the same status, logged."""
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(Conflict(thing=object()), Config(format="auto"),
                          RequestInfo("GET", "/", {"accept": "application/problem+json"}))  # fmt: skip
    assert rendered.status == 409
    body = json.loads(rendered.body)
    assert body["status"] == 409
    assert body["type"] == "about:blank"
    assert ("Vary", "Accept") in rendered.headers
    validate_problem(body)
    assert "has no JSON form" in caplog.text


def test_fallback_keeps_the_errors_sound_headers(caplog: pytest.LogCaptureFixture) -> None:
    """The minimal body keeps the error's valid headers (Retry-After...), drops broken ones."""
    error = TooManyRequests(retry_after=30, thing=object())
    error.headers["X-Bad"] = "a\r\nb"
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(error)
    assert rendered.status == 429
    assert ("Retry-After", "30") in rendered.headers
    assert all(name != "X-Bad" for name, _ in rendered.headers)
    broken = Conflict(thing=object())
    broken.headers = None  # type: ignore[assignment]
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        assert render(broken).headers == [("Content-Type", "application/json")]


def test_invalid_status_falls_back_to_500(caplog: pytest.LogCaptureFixture) -> None:
    """An error whose status was tampered with renders as a minimal 500."""
    error = Conflict()
    error.status = 200
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(error)
    assert rendered.status == 500
    assert json.loads(rendered.body)["error"]["status"] == 500


def test_unregistered_status_keeps_its_own_title() -> None:
    """An error with an unregistered status renders with its own title."""
    error = BadRequest()
    error.status = 499
    error.title = "Client Closed Request"
    body = body_of(error)["error"]
    assert (body["status"], body["title"]) == (499, "Client Closed Request")


def test_lone_surrogates_are_replaced() -> None:
    """Text that is not valid Unicode is repaired, not a crash."""
    body = body_of(Conflict("bad \ud800 text", note="x\udfff"))["error"]
    assert body["message"] == "bad \ufffd text"
    assert body["note"] == "x\ufffd"
    assert body_of(Conflict("only \ud800"))["error"]["message"] == "only \ufffd"


def test_header_tampering_is_caught_at_render(caplog: pytest.LogCaptureFixture) -> None:
    """A header value with CR/LF added after construction never reaches the response."""
    error = Conflict()
    error.headers["X-Bad"] = "a\r\nSet-Cookie: x"
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(error)
    assert all("\n" not in value for _, value in rendered.headers)
    assert rendered.status == 409


def test_content_type_in_error_headers_is_ignored() -> None:
    """The format decides the Content-Type; an error header cannot replace it."""
    rendered = render(Conflict(headers={"Content-Type": "text/html", "X-A": "1"}))
    assert rendered.headers == [("Content-Type", "application/json"), ("X-A", "1")]
