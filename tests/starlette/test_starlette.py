"""The Starlette adapter through Starlette's TestClient: every error path, same bytes."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import AsyncIterator, Iterator

import pytest
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    ContentTooLarge,
    FieldError,
    Forbidden,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
    UnprocessableContent,
    UnsupportedMediaType,
)
from httpfault.adapters.starlette import ErrorMiddleware, install, read_json

from .apps import EmailTaken, make_app
from .helpers import RID, TestClient, assert_rendered, body_of

HDR = {"x-request-id": RID}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(make_app(), raise_server_exceptions=False)


def test_http_error_in_endpoint_renders_same_bytes(client: TestClient) -> None:
    """A Conflict raised in an endpoint answers exactly render()'s status, headers and bytes."""
    response = client.get("/conflict", headers=HDR)
    assert_rendered(response, Conflict("Email already registered"), path="/conflict")


def test_custom_problem_type_with_extension(client: TestClient) -> None:
    """A custom problem subclass keeps its code, type and extension members."""
    response = client.get("/custom", headers=HDR)
    assert_rendered(
        response, EmailTaken("ada@example.com is taken", field_name="email"), path="/custom"
    )
    assert body_of(response)["code"] == "email_taken"


def test_problem_format_and_auto_negotiation() -> None:
    """format='problem' answers problem+json; 'auto' follows Accept and adds Vary."""
    problem = TestClient(make_app(Config(format="problem")))
    response = problem.get("/conflict", headers=HDR)
    assert_rendered(response, Conflict("Email already registered"), Config(format="problem"),
                    path="/conflict")  # fmt: skip
    auto = TestClient(make_app(Config(format="auto")))
    headers = {**HDR, "accept": "application/problem+json"}
    response = auto.get("/conflict", headers=headers)
    assert response.headers["content-type"] == "application/problem+json"
    assert "Accept" in response.headers["vary"]
    assert_rendered(response, Conflict("Email already registered"), Config(format="auto"),
                    path="/conflict", headers=headers)  # fmt: skip


def test_starlette_http_exception_keeps_headers_default_detail_dropped(client: TestClient) -> None:
    """HTTPException(401) with the default detail is Unauthorized() with its header kept."""
    response = client.get("/http-exc", headers=HDR)
    expected = Unauthorized(headers={"WWW-Authenticate": 'Bearer realm="api"'})
    assert_rendered(response, expected, path="/http-exc")
    assert response.headers["www-authenticate"] == 'Bearer realm="api"'


def test_starlette_http_exception_user_detail_kept(client: TestClient) -> None:
    """A detail the user gave to HTTPException is kept as the message."""
    response = client.get("/http-exc-detail", headers=HDR)
    assert_rendered(response, Forbidden("Only admins may do this"), path="/http-exc-detail")


def test_http_exception_with_non_error_status_is_bare(client: TestClient) -> None:
    """HTTPException(304) answers an empty 304 with its headers, as Starlette does."""
    response = client.get("/not-modified", headers=HDR)
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == '"v1"'


def test_unregistered_status_falls_back_to_its_class(client: TestClient) -> None:
    """An HTTPException with an unregistered 4xx status answers as a 400."""
    response = client.get("/unregistered", headers=HDR)
    assert_rendered(response, BadRequest("Client closed"), path="/unregistered")


def test_routing_404_uses_catalogue_default(client: TestClient) -> None:
    """An unknown route answers NotFound() with the catalogue's default message."""
    response = client.get("/nowhere", headers=HDR)
    assert_rendered(response, NotFound(), path="/nowhere")


def test_routing_405_has_allow_and_no_methods_in_body(client: TestClient) -> None:
    """A wrong method answers MethodNotAllowed with Allow; the body lists no methods."""
    response = client.get("/post-only", headers=HDR)
    assert_rendered(response, MethodNotAllowed(allow=["POST", "PUT"]), path="/post-only")
    assert response.headers["allow"] == "POST, PUT"
    assert "POST" not in response.text


def test_unhandled_exception_is_safe_500_logged_once(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Any other exception is a 500 revealing nothing, logged once with its traceback."""
    with caplog.at_level(logging.ERROR):
        response = client.get("/crash", headers=HDR)
    assert_rendered(response, InternalServerError(), path="/crash")
    assert "hunter2" not in response.text
    records = [r for r in caplog.records if r.exc_info]
    assert len(records) == 1
    assert "hunter2" in str(records[0].exc_info[1])


def test_unhandled_exception_not_reraised_to_server() -> None:
    """The 500 is not re-raised: a client that raises server exceptions gets the response."""
    response = TestClient(make_app(), raise_server_exceptions=True).get("/crash", headers=HDR)
    assert response.status_code == 500


def test_starlette_debug_true_still_safe(caplog: pytest.LogCaptureFixture) -> None:
    """Starlette(debug=True) does not leak a traceback page; httpfault's debug decides."""
    with caplog.at_level(logging.CRITICAL):
        response = TestClient(make_app(debug=True)).get("/crash", headers=HDR)
    assert_rendered(response, InternalServerError(), path="/crash")
    debug = TestClient(make_app(Config(debug=True))).get("/crash", headers=HDR)
    assert "hunter2" in body_of(debug)["debug"]["message"]


def test_exception_group_of_one_is_unwrapped(client: TestClient) -> None:
    """An HTTPError raised in an anyio task group answers as itself."""
    response = client.get("/group", headers=HDR)
    assert_rendered(response, NotFound("No such widget"), path="/group")


def test_exception_group_of_two_is_a_500(client: TestClient) -> None:
    """A group of several exceptions is a plain 500."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        response = client.get("/group-of-two", headers=HDR)
    assert_rendered(response, InternalServerError(), path="/group-of-two")


def test_pydantic_validation_error_from_user_code_is_422(client: TestClient) -> None:
    """A pydantic ValidationError raised by an endpoint is a 422 with field errors."""
    response = client.get("/validation", headers=HDR)
    body = body_of(response)
    assert response.status_code == 422
    assert {e["pointer"] for e in body["errors"]} == {"#/name", "#/size"}
    assert all(e["in"] == "body" for e in body["errors"])


def test_exception_map_entry(client: TestClient) -> None:
    """exception_map turns a domain exception into its HTTP error."""
    assert_rendered(client.get("/mapped", headers=HDR), NotFound(), path="/mapped")


def test_error_raised_in_middleware(client: TestClient) -> None:
    """An HTTPError raised inside another middleware answers in the contract."""
    response = client.get("/mw-error", headers=HDR)
    expected = Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')
    assert_rendered(response, expected, path="/mw-error")


def test_head_has_no_body(client: TestClient) -> None:
    """HEAD errors keep status and headers but carry no body."""
    response = client.head("/conflict", headers=HDR)
    assert response.status_code == 409
    assert response.content == b""
    assert response.headers["x-request-id"] == RID


def test_request_id_echoed_on_errors_only(client: TestClient) -> None:
    """The incoming X-Request-ID is echoed on errors; success responses are untouched."""
    assert client.get("/conflict", headers=HDR).headers["x-request-id"] == RID
    ok = client.get("/health", headers=HDR)
    assert "x-request-id" not in ok.headers
    assert ok.json() == {"status": "ok"}
    generated = client.get("/conflict")
    assert generated.headers["x-request-id"] == body_of(generated)["request_id"]


def test_request_id_header_configurable() -> None:
    """request_id_header names the header read and echoed."""
    client = TestClient(make_app(Config(request_id_header="X-Trace")))
    response = client.get("/conflict", headers={"x-trace": "trace-9"})
    assert response.headers["x-trace"] == "trace-9"
    assert body_of(response)["request_id"] == "trace-9"


def test_error_after_response_started_sends_nothing_more(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A streaming body that fails keeps its 200 start; the error is logged once."""
    with caplog.at_level(logging.ERROR):
        response = client.get("/stream-fail", headers=HDR)
    assert response.status_code == 200
    # Older Starlette test clients drop a partial body when the app raises; none add to it.
    assert response.content in (b'{"partial": ', b"")
    assert [r.exc_info[1].args[0] for r in caplog.records if r.exc_info] == ["stream broke"]


def test_background_task_failure_logged_once(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A failing background task leaves the sent response alone and is logged once."""
    with caplog.at_level(logging.ERROR):
        response = client.get("/background-fail", headers=HDR)
    assert response.json() == {"accepted": True}
    assert len([r for r in caplog.records if r.exc_info]) == 1


def test_read_json_bad_bodies(client: TestClient) -> None:
    """read_json: malformed JSON and invalid UTF-8 are 400, a wrong type 415, deep nesting 400."""
    json_type = {**HDR, "content-type": "application/json"}
    cases = [
        (b'{"name": ', json_type, BadRequest()),
        (b'{"name": "\xff"}', json_type, BadRequest()),
        (b"[" * 10_000 + b"]" * 10_000, json_type, BadRequest()),
        (b"name=x", {**HDR, "content-type": "text/plain"}, UnsupportedMediaType()),
    ]
    for content, headers, expected in cases:
        response = client.post("/users", content=content, headers=headers)
        assert_rendered(response, expected, method="POST", path="/users", headers=headers)
    created = client.post("/users", json={"name": "a", "size": 1})
    assert created.status_code == 201


def test_read_json_uses_installed_malformed_status() -> None:
    """read_json raises the configured malformed-body status."""
    client = TestClient(make_app(Config(malformed_body_status=422)))
    response = client.post("/users", content=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert body_of(response)["code"] == "unprocessable_content"


def test_read_json_without_install_defaults_to_400() -> None:
    """With only the middleware added (no install), read_json still answers 400."""

    async def endpoint(request: Request) -> Response:
        return JSONResponse(await read_json(request))

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    app.add_middleware(ErrorMiddleware)
    response = TestClient(app).post("/", content=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 400


def test_middleware_alone_handles_routing_and_http_exceptions() -> None:
    """add_middleware(ErrorMiddleware) alone also takes over 404/405 and HTTPException."""

    async def endpoint(request: Request) -> Response:
        raise HTTPException(429, headers={"Retry-After": "5"})

    app = Starlette(routes=[Route("/", endpoint)])
    app.add_middleware(ErrorMiddleware, config=Config())
    client = TestClient(app)
    assert_rendered(client.get("/missing", headers=HDR), NotFound(), path="/missing")
    response = client.get("/", headers=HDR)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "5"


def test_user_http_exception_handler_is_respected() -> None:
    """An HTTPException handler the app registered itself is left in place."""

    async def mine(request: Request, exc: Exception) -> Response:
        return JSONResponse({"mine": True}, status_code=418)

    app = Starlette(exception_handlers={HTTPException: mine})
    install(app)
    assert TestClient(app).get("/missing").json() == {"mine": True}


def test_install_twice_or_late_is_refused() -> None:
    """install() refuses a second install and an app that already served requests."""
    app = Starlette()
    install(app)
    with pytest.raises(RuntimeError, match="already installed"):
        install(app)
    served = Starlette()
    TestClient(served).get("/")
    with pytest.raises(RuntimeError, match="first request"):
        install(served)


def test_install_returns_config_and_stores_it() -> None:
    """install() returns the config in use and keeps it on app.state."""
    app = Starlette()
    cfg = install(app)
    assert app.state.httpfault is cfg
    assert cfg == Config()


def test_non_http_scopes_pass_through() -> None:
    """Lifespan (and websocket) scopes pass through the middleware untouched."""
    started: list[bool] = []

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        started.append(True)
        yield

    app = Starlette(lifespan=lifespan)
    install(app)
    with TestClient(app):
        pass
    assert started == [True]


def test_broken_http_exception_header_is_a_500(caplog: pytest.LogCaptureFixture) -> None:
    """An HTTPException whose header holds CR/LF cannot be sent: a safe 500 instead."""

    async def endpoint(request: Request) -> Response:
        raise HTTPException(400, headers={"X-Bad": "a\r\nInjected: yes"})

    app = Starlette(routes=[Route("/", endpoint)])
    install(app)
    with caplog.at_level(logging.CRITICAL):
        response = TestClient(app).get("/", headers=HDR)
    assert response.status_code == 500
    assert "injected" not in response.headers


def test_non_string_detail_is_json_text() -> None:
    """A structured HTTPException detail becomes compact JSON text."""

    async def endpoint(request: Request) -> Response:
        raise HTTPException(409, detail={"reason": "taken"})  # type: ignore[arg-type]

    app = Starlette(routes=[Route("/", endpoint)])
    install(app)
    assert body_of(TestClient(app).get("/"))["message"] == '{"reason":"taken"}'


def test_field_errors_shape(client: TestClient) -> None:
    """Field errors from user validation render as render() makes them."""
    response = client.post("/users", json={"name": "a"}, headers=HDR)
    expected = UnprocessableContent(
        errors=[FieldError(("size",), "Field required", code="missing")]
    )
    assert_rendered(response, expected, method="POST", path="/users")


def test_content_too_large_from_body_limit(caplog: pytest.LogCaptureFixture) -> None:
    """Starlette's max_body_size: a streamed body over the limit answers in the contract;
    a declared Content-Length over it keeps Starlette's own 413, and nothing is logged."""
    pytest.importorskip("starlette.middleware.body_limit", reason="Starlette 1.0+ only")

    async def endpoint(request: Request) -> Response:
        return JSONResponse({"n": len(await request.body())})

    def chunks() -> Iterator[bytes]:
        yield b"x" * 60
        yield b"x" * 60

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])], max_body_size=100)
    install(app)
    client = TestClient(app)
    response = client.post("/", content=chunks(), headers=HDR)
    assert_rendered(response, ContentTooLarge(), method="POST", path="/")
    with caplog.at_level(logging.INFO):
        declared = client.post("/", content=b"x" * 200, headers=HDR)
    assert declared.status_code == 413
    assert not [r for r in caplog.records if r.exc_info]


def test_cors_preflight_untouched() -> None:
    """A CORS preflight is still answered by CORSMiddleware."""
    app = make_app()
    response = TestClient(app).options(
        "/conflict",
        headers={"origin": "https://app.example.com", "access-control-request-method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://app.example.com"
    assert isinstance(CORSMiddleware, type)
