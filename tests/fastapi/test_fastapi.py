"""The FastAPI adapter through the TestClient: FastAPI's own errors in the contract."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from httpfault import (
    BadRequest,
    Config,
    FieldError,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
    UnprocessableContent,
)
from httpfault.adapters.fastapi import install
from tests.starlette.helpers import RID, TestClient, assert_rendered, body_of

from .apps import EmailTaken, make_app

HDR = {"x-request-id": RID}
JSON_HDR = {**HDR, "content-type": "application/json"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app(), raise_server_exceptions=False)


def test_http_error_in_endpoint(client: TestClient) -> None:
    """A custom HTTPError subclass raised in an endpoint answers render()'s bytes."""
    response = client.post("/users", json={"name": "taken", "age": 3}, headers=HDR)
    expected = EmailTaken("That email is registered", field_name="email")
    assert_rendered(response, expected, method="POST", path="/users")


def test_http_error_in_dependency(client: TestClient) -> None:
    """An HTTPError raised by a dependency keeps its WWW-Authenticate header."""
    response = client.get("/me", headers=HDR)
    expected = Unauthorized("Missing or bad token", www_authenticate='Bearer realm="api"')
    assert_rendered(response, expected, path="/me")
    assert client.get("/me", headers={"authorization": "Bearer good"}).json() == {"user": "ada"}


def test_fastapi_http_exception_detail_kept_or_defaulted(client: TestClient) -> None:
    """FastAPI's HTTPException keeps the user's detail; the default phrase means none."""
    assert_rendered(client.get("/items/0", headers=HDR), NotFound("No item 0"), path="/items/0")
    assert_rendered(client.get("/items/1", headers=HDR), NotFound(), path="/items/1")


def test_request_validation_error_fields(client: TestClient) -> None:
    """RequestValidationError is a 422 whose field errors say where (in) and which (pointer)."""
    payload = {"name": "", "age": -1, "tags": [1], "address": {}}
    response = client.post("/users", json=payload, headers=HDR)
    assert response.status_code == 422
    errors = body_of(response)["errors"]
    pointers = {e["pointer"]: e for e in errors}
    assert set(pointers) == {"#/name", "#/age", "#/tags/0", "#/address/city"}
    assert all(e["in"] == "body" for e in errors)
    assert pointers["#/address/city"]["code"] == "missing"
    assert "-1" not in response.text  # never echoes input


def test_path_query_and_header_locations(client: TestClient) -> None:
    """Validation errors of path and query parameters carry in=path / in=query."""
    response = client.get("/items/abc?q=toolong", headers=HDR)
    errors = {e["in"]: e for e in body_of(response)["errors"]}
    assert set(errors) == {"path", "query"}
    assert errors["path"]["pointer"] == "#/item_id"
    assert errors["query"]["pointer"] == "#/q"
    expected = UnprocessableContent(errors=[
        FieldError(("item_id",), errors["path"]["message"], code="int_parsing", in_="path"),
        FieldError(("q",), errors["query"]["message"], code="string_too_long", in_="query"),
    ])  # fmt: skip
    assert_rendered(response, expected, path="/items/abc")


def test_validation_status_configurable() -> None:
    """validation_status changes the status of RequestValidationError."""
    client = TestClient(make_app(Config(validation_status=400)))
    response = client.post("/users", json={}, headers=HDR)
    assert response.status_code == 400
    assert body_of(response)["code"] == "bad_request"


@pytest.mark.parametrize(
    "content",
    [b'{"name": ', b'{"name": "\xff"}', b"[" * 10_000 + b"]" * 10_000],
    ids=["malformed", "invalid-utf8", "deep-nesting"],
)
def test_malformed_bodies_are_400(client: TestClient, content: bytes) -> None:
    """Malformed JSON, invalid UTF-8 and too-deep nesting answer the malformed-body status."""
    response = client.post("/users", content=content, headers=JSON_HDR)
    assert_rendered(response, BadRequest(), method="POST", path="/users")


def test_malformed_body_status_configurable() -> None:
    """malformed_body_status changes the status of unparseable bodies."""
    client = TestClient(make_app(Config(malformed_body_status=422)))
    response = client.post("/users", content=b"{", headers=JSON_HDR)
    assert_rendered(response, UnprocessableContent(), Config(malformed_body_status=422),
                    method="POST", path="/users")  # fmt: skip


def test_routing_404_and_405(client: TestClient) -> None:
    """Routing 404/405 use the catalogue defaults; 405 keeps Allow."""
    assert_rendered(client.get("/nowhere", headers=HDR), NotFound(), path="/nowhere")
    response = client.get("/post-only", headers=HDR)
    assert_rendered(response, MethodNotAllowed(allow=["POST", "PUT"]), path="/post-only")


def test_unhandled_500_safe_and_logged_once(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """An unhandled exception (async or sync endpoint) is a safe 500 logged once."""
    for path in ("/crash", "/sync-crash"):
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            response = client.get(path, headers=HDR)
        assert_rendered(response, InternalServerError(), path=path)
        assert "secret" not in response.text
        assert len([r for r in caplog.records if r.exc_info]) == 1


def test_fastapi_debug_true_still_safe(caplog: pytest.LogCaptureFixture) -> None:
    """FastAPI(debug=True) shows no traceback; only httpfault's debug adds one."""
    with caplog.at_level(logging.CRITICAL):
        response = TestClient(make_app(debug=True)).get("/crash", headers=HDR)
        assert_rendered(response, InternalServerError(), path="/crash")
        debug = TestClient(make_app(Config(debug=True))).get("/crash", headers=HDR)
    assert body_of(debug)["debug"]["exception"] == "builtins.RuntimeError"


def test_response_validation_error_is_500(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A response that fails its model is a server bug: 500, not 422."""
    with caplog.at_level(logging.CRITICAL):
        response = client.get("/bad-response", headers=HDR)
    assert_rendered(response, InternalServerError(), path="/bad-response")


def test_group_user_validation_and_map(client: TestClient) -> None:
    """Task-group errors, user pydantic errors and exception_map entries all convert."""
    assert_rendered(client.get("/group", headers=HDR), NotFound("No such widget"), path="/group")
    response = client.get("/user-validation", headers=HDR)
    assert response.status_code == 422
    assert body_of(response)["errors"][0]["pointer"] == "#/count"
    assert_rendered(client.get("/mapped", headers=HDR), NotFound(), path="/mapped")


def test_middleware_errors(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    """Errors raised in other middleware answer in the contract, with CORS headers."""
    headers = {**HDR, "origin": "https://app.example.com"}
    response = client.get("/mw-error", headers=headers)
    assert_rendered(response, Unauthorized("Token expired"), path="/mw-error")
    assert response.headers["access-control-allow-origin"] == "https://app.example.com"
    with caplog.at_level(logging.CRITICAL):
        crash = client.get("/mw-crash", headers=headers)
    assert_rendered(crash, InternalServerError(), path="/mw-crash")
    assert crash.headers["access-control-allow-origin"] == "https://app.example.com"


def test_cors_on_errors_when_installed_before_middleware(caplog: pytest.LogCaptureFixture) -> None:
    """install() before add_middleware(CORS): endpoint errors, a 500 included, keep CORS."""
    client = TestClient(make_app(early=True), raise_server_exceptions=False)
    headers = {**HDR, "origin": "https://app.example.com"}
    with caplog.at_level(logging.CRITICAL):
        for path, error in (("/crash", InternalServerError()), ("/items/1", NotFound()),
                            ("/mw-error", Unauthorized("Token expired"))):  # fmt: skip
            response = client.get(path, headers=headers)
            assert_rendered(response, error, path=path)
            assert response.headers["access-control-allow-origin"] == "https://app.example.com"


def test_head_and_success_untouched(client: TestClient) -> None:
    """HEAD errors have no body; successful responses carry no request id."""
    head = client.head("/nowhere", headers=HDR)
    assert head.status_code == 404
    assert head.content == b""
    ok = client.get("/health", headers=HDR)
    assert ok.json() == {"status": "ok"}
    assert "x-request-id" not in ok.headers


def test_user_handlers_are_respected() -> None:
    """Handlers the app registered itself for HTTPException/validation are kept."""
    from fastapi.responses import JSONResponse

    async def mine(request: object, exc: Exception) -> JSONResponse:
        return JSONResponse({"mine": True}, status_code=418)

    app = FastAPI(exception_handlers={RequestValidationError: mine, HTTPException: mine})

    @app.get("/n/{n}")
    async def n(n: int) -> int:
        return n

    install(app)
    client = TestClient(app)
    assert client.get("/n/x").json() == {"mine": True}
    assert client.get("/missing").json() == {"mine": True}


def test_validation_errors_from_any_iterable() -> None:
    """A RequestValidationError raised by hand with its errors as a one-pass iterable
    (not a list) answers the same field errors."""
    app = FastAPI()

    @app.get("/check")
    async def check() -> None:
        details = ({"type": "missing", "loc": ("query", name), "msg": "Field required"}
                   for name in ("a", "b"))  # fmt: skip
        raise RequestValidationError(details)  # type: ignore[arg-type]

    install(app)
    response = TestClient(app).get("/check", headers={"x-request-id": RID})
    expected = UnprocessableContent(errors=[
        FieldError(("a",), "Field required", code="missing", in_="query"),
        FieldError(("b",), "Field required", code="missing", in_="query"),
    ])  # fmt: skip
    assert_rendered(response, expected, path="/check")
