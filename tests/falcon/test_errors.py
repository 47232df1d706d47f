"""The Falcon adapter, on ``falcon.App`` and ``falcon.asgi.App``, through Falcon's own
test client: every kind of error answers render()'s bytes."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import falcon
import falcon.asgi
import falcon.testing
import pytest
from pydantic import BaseModel

from httpfault import (
    BadRequest,
    Config,
    Conflict,
    Forbidden,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    RequestInfo,
    TooManyRequests,
    Unauthorized,
    UnprocessableContent,
    UnsupportedMediaType,
    render,
)
from httpfault.adapters.falcon import install

RID = "req-0123456789abcdef"
SECRET = "password hunter2"


class Signup(BaseModel):
    email: str
    age: int


class Missing(Exception):
    """A domain exception mapped to NotFound."""


def _raiser(make: Callable[[], BaseException]) -> Callable[..., None]:
    def raise_it(*args: Any, **kwargs: Any) -> None:
        raise make()

    return raise_it


RAISED: dict[str, Callable[[], BaseException]] = {
    "conflict": lambda: Conflict("Email already registered"),
    "falcon-404": lambda: falcon.HTTPNotFound(description="No such user"),
    "falcon-403-title": lambda: falcon.HTTPForbidden(title="Account locked"),
    "falcon-403-bare": falcon.HTTPForbidden,
    "falcon-401": lambda: falcon.HTTPUnauthorized(challenges=['Bearer realm="api"']),
    "falcon-429": lambda: falcon.HTTPTooManyRequests(retry_after=30),
    "falcon-405": lambda: falcon.HTTPMethodNotAllowed(["GET", "PUT"]),
    "falcon-499": lambda: falcon.HTTPError(499),
    "boom": lambda: RuntimeError(SECRET),
    "mapped": lambda: Missing("row 7"),
}
EXPECTED: dict[str, HTTPError] = {
    "conflict": Conflict("Email already registered"),
    "falcon-404": NotFound("No such user"),
    "falcon-403-title": Forbidden("Account locked"),
    "falcon-403-bare": Forbidden(),
    "falcon-401": Unauthorized(www_authenticate='Bearer realm="api"'),
    "falcon-429": TooManyRequests(retry_after=30),
    "falcon-405": MethodNotAllowed(allow=["GET", "PUT"]),
    "falcon-499": BadRequest(),
    "boom": InternalServerError(),
    "mapped": NotFound(),
}


def _sync_resources(app: falcon.App[Any, Any]) -> None:
    class Raise:
        def on_get(self, req: Any, resp: Any, name: str) -> None:
            raise RAISED[name]()

        on_head = on_get

    class Body:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = Signup.model_validate(req.get_media()).model_dump()

    class Param:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {"limit": req.get_param_as_int("limit", required=True)}

    @falcon.before(_raiser(lambda: Conflict("From a hook")))
    class Hooked:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {}

    class Ok:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {"ok": True}

    app.add_route("/raise/{name}", Raise())
    app.add_route("/body", Body())
    app.add_route("/param", Param())
    app.add_route("/hooked", Hooked())
    app.add_route("/ok", Ok())


def _async_resources(app: falcon.asgi.App) -> None:
    class Raise:
        async def on_get(self, req: Any, resp: Any, name: str) -> None:
            raise RAISED[name]()

        on_head = on_get

    class Body:
        async def on_post(self, req: Any, resp: Any) -> None:
            resp.media = Signup.model_validate(await req.get_media()).model_dump()

    class Param:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {"limit": req.get_param_as_int("limit", required=True)}

    async def hook(req: Any, resp: Any, resource: Any, params: Any) -> None:
        raise Conflict("From a hook")

    @falcon.before(hook)
    class Hooked:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {}

    class Ok:
        async def on_get(self, req: Any, resp: Any) -> None:
            resp.media = {"ok": True}

    app.add_route("/raise/{name}", Raise())
    app.add_route("/body", Body())
    app.add_route("/param", Param())
    app.add_route("/hooked", Hooked())
    app.add_route("/ok", Ok())


@pytest.fixture(params=["wsgi", "asgi"])
def kind(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test runs on falcon.App and on falcon.asgi.App.

    The ASGI runs get a current event loop of their own: Falcon 4.0's test client asks
    for one, and on Python 3.10 there is none once an earlier test ran ``asyncio.run()``.
    """
    if request.param == "wsgi":
        yield "wsgi"
        return
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        yield "asgi"
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def make(kind: str, config: Config | None = None, middleware: list[Any] | None = None) -> Any:
    """An app of *kind* with the test resources, httpfault installed with *config*."""
    if kind == "wsgi":
        app: Any = falcon.App(middleware=middleware or [])
        install(app, config or Config(exception_map={Missing: NotFound}))
        _sync_resources(app)
    else:
        app = falcon.asgi.App(middleware=middleware or [])
        install(app, config or Config(exception_map={Missing: NotFound}))
        _async_resources(app)
    return app


def send(app: Any, method: str, path: str, **kwargs: Any) -> falcon.testing.Result:
    headers = {"X-Request-ID": RID, **kwargs.pop("headers", {})}
    # The target as sent, as servers pass it (not every Falcon test client does).
    asgi = isinstance(app, falcon.asgi.App)
    kwargs["extras"] = {"raw_path": path.encode()} if asgi else {"RAW_URI": path}
    return falcon.testing.TestClient(app).simulate_request(method, path, headers=headers, **kwargs)


def assert_same(result: falcon.testing.Result, error: HTTPError, method: str = "GET",
                path: str = "/", config: Config | None = None, **headers: str) -> None:  # fmt: skip
    """The result carries exactly render()'s status, headers and bytes for *error*."""
    request = RequestInfo(method, path, {"X-Request-ID": RID, **headers})
    rendered = render(error, config, request)
    assert result.status_code == rendered.status
    assert result.content == rendered.body
    for name, value in rendered.headers:
        assert result.headers.get(name) == value, name


@pytest.mark.parametrize("name", list(RAISED))
def test_raised_errors_same_bytes_as_render(kind: str, name: str) -> None:
    """httpfault errors, Falcon's HTTPError family (description or own title kept,
    WWW-Authenticate, Retry-After, Allow), an unregistered status, an unhandled exception
    and a mapped one: each answers render()'s bytes for the matching error."""
    result = send(make(kind), "GET", f"/raise/{name}")
    assert_same(result, EXPECTED[name], path=f"/raise/{name}")


def test_routing_404_and_405(kind: str) -> None:
    """No route: 404 with the default sentence. A method the resource lacks: 405 with
    Falcon's Allow, which lists exactly the methods that answer."""
    app = make(kind)
    assert_same(send(app, "GET", "/nope"), NotFound(), path="/nope")
    wrong = send(app, "DELETE", "/ok")
    assert_same(wrong, MethodNotAllowed(allow=["GET", "OPTIONS"]), method="DELETE", path="/ok")
    assert {send(app, m, "/ok").status_code for m in ("GET", "OPTIONS")} == {200}


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b'{"email": ', "application/json", BadRequest()),
        (b'{"email": "\xff\xfe"}', "application/json", BadRequest()),
        (b"[" * 100_000, "application/json", BadRequest()),
        (b"", "application/json", BadRequest()),
        (b"{}", "text/plain", UnsupportedMediaType()),
    ],
    ids=["malformed", "invalid-utf8", "too-deep", "empty", "not-json"],
)
def test_media_errors(kind: str, body: bytes, content_type: str, error: HTTPError) -> None:
    """Falcon's media errors (malformed, empty, undecodable, nesting too deep) are the
    malformed-body status with the default sentence; another media type is a 415."""
    app = make(kind)
    result = send(app, "POST", "/body", body=body, headers={"Content-Type": content_type})
    assert_same(result, error, method="POST", path="/body")


def test_malformed_body_status_is_configurable(kind: str) -> None:
    """Config(malformed_body_status=422): malformed JSON answers 422."""
    app = make(kind, Config(malformed_body_status=422))
    result = send(app, "POST", "/body", body=b"{", headers={"Content-Type": "application/json"})
    assert_same(result, UnprocessableContent(), method="POST", path="/body")


def test_validation_error_does_not_echo_input(kind: str) -> None:
    """A pydantic ValidationError is a 422 with pointers, never the submitted values."""
    body = json.dumps({"email": 5, "age": "s3cret-never-echoed"}).encode()
    result = send(make(kind), "POST", "/body", body=body,
                  headers={"Content-Type": "application/json"})  # fmt: skip
    assert result.status_code == 422
    assert b"s3cret" not in result.content
    assert {e["pointer"] for e in result.json["error"]["errors"]} == {"#/email", "#/age"}


def test_missing_parameter_keeps_falcons_sentence(kind: str) -> None:
    """req.get_param_as_int(required=True): a 400 whose message names the parameter."""
    result = send(make(kind), "GET", "/param")
    assert_same(result, BadRequest('The "limit" parameter is required.'), path="/param")


def test_hooks_and_middleware_raising(kind: str) -> None:
    """An error from a before hook, and from middleware's process_request and
    process_response, answers in the contract."""

    class Request:
        def process_request(self, req: Any, resp: Any) -> None:
            if req.get_header("X-Fail") == "request":
                raise Conflict("From middleware")

    class Response:
        def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
            if req.get_header("X-Fail") == "response":
                raise Conflict("From middleware")

    class AsyncRequest:
        async def process_request(self, req: Any, resp: Any) -> None:
            Request().process_request(req, resp)

    class AsyncResponse:
        async def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
            Response().process_response(req, resp, resource, ok)

    middleware = [Request(), Response()] if kind == "wsgi" else [AsyncRequest(), AsyncResponse()]
    app = make(kind, middleware=middleware)
    assert_same(send(app, "GET", "/hooked"), Conflict("From a hook"), path="/hooked")
    for where in ("request", "response"):
        result = send(app, "GET", "/ok", headers={"X-Fail": where})
        assert_same(result, Conflict("From middleware"), path="/ok")


def test_unhandled_500_is_safe_and_logged_once(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    """An unhandled exception: the safe 500, nothing of it in the body, one ERROR record
    with its traceback (Falcon's own handler, which logs too, is replaced)."""
    with caplog.at_level(logging.INFO):
        result = send(make(kind), "GET", "/raise/boom")
    assert result.status_code == 500
    assert SECRET.encode() not in result.content
    logged = [r for r in caplog.records if r.exc_info]
    assert len(logged) == 1
    assert logged[0].exc_info[1].args == (SECRET,)  # type: ignore[index]


def test_users_handler_raising_falcon_error_uses_the_serializer(kind: str) -> None:
    """A handler of yours that raises a Falcon HTTPError (Falcon's documented pattern):
    Falcon writes it with httpfault's serializer, so the body is the contract's."""
    app = make(kind)

    class Domain(Exception):
        pass

    if kind == "wsgi":

        def handler(req: Any, resp: Any, ex: Exception, params: Any) -> None:
            raise falcon.HTTPConflict(description="Changed meanwhile")

        class Resource:
            def on_get(self, req: Any, resp: Any) -> None:
                raise Domain()

    else:

        async def handler(req: Any, resp: Any, ex: Exception, params: Any) -> None:  # type: ignore[misc]
            raise falcon.HTTPConflict(description="Changed meanwhile")

        class Resource:  # type: ignore[no-redef]
            async def on_get(self, req: Any, resp: Any) -> None:
                raise Domain()

    app.add_error_handler(Domain, handler)
    app.add_route("/domain", Resource())
    assert_same(send(app, "GET", "/domain"), Conflict("Changed meanwhile"), path="/domain")


def test_head_has_no_body(kind: str) -> None:
    """HEAD on an error: the status and headers, no body."""
    result = send(make(kind), "HEAD", "/raise/conflict")
    assert result.status_code == 409
    assert result.content == b""
    assert result.headers["X-Request-ID"] == RID


def test_format_auto_negotiates_with_vary(kind: str) -> None:
    """format="auto": problem+json when asked for, JSON otherwise, Vary: Accept."""
    app = make(kind, Config(format="auto"))
    problem = send(app, "GET", "/nope", headers={"Accept": "application/problem+json"})
    assert problem.headers["Content-Type"] == "application/problem+json"
    assert problem.headers["Vary"] == "Accept"
    assert problem.json["instance"] == "/nope"
    plain = send(app, "GET", "/nope", headers={"Accept": "application/json"})
    assert plain.headers["Content-Type"] == "application/json"


def test_on_error_hooks_see_every_error(kind: str) -> None:
    """on_error hooks are called once per error, with the request."""
    seen: list[tuple[int, str]] = []
    app = make(kind, Config(on_error=lambda error, req: seen.append((error.status, req.path))))
    send(app, "GET", "/raise/conflict")
    send(app, "GET", "/nope")
    assert seen == [(409, "/raise/conflict"), (404, "/nope")]


def test_success_left_alone(kind: str) -> None:
    """A success carries no request id and no error body."""
    result = send(make(kind), "GET", "/ok")
    assert result.status_code == 200
    assert result.json == {"ok": True}
    assert "X-Request-ID" not in result.headers


def test_websocket_error_closes_with_falcons_codes(caplog: pytest.LogCaptureFixture) -> None:
    """On falcon.asgi.App, an error in a WebSocket responder is logged once and closes
    the connection: 3000 + the status for an HTTP error, 1011 for an unhandled one."""
    app = falcon.asgi.App()
    install(app)

    class Socket:
        async def on_websocket(self, req: Any, ws: Any, name: str) -> None:
            raise RAISED[name]()

    app.add_route("/ws/{name}", Socket())

    async def close_code(name: str) -> int | None:
        async with falcon.testing.ASGIConductor(app) as conductor:
            try:
                async with conductor.simulate_ws(f"/ws/{name}") as ws:
                    await ws.receive_text()
            except falcon.WebSocketDisconnected as closed:
                return closed.code
        return None

    for name, code in (("conflict", 3409), ("boom", 1011)):
        caplog.clear()
        # Not asyncio.run(), which leaves no current event loop: Falcon 4.0's test client
        # on Python 3.10 asks for one.
        loop = asyncio.new_event_loop()
        try:
            with caplog.at_level(logging.INFO):
                assert loop.run_until_complete(close_code(name)) == code
        finally:
            loop.close()
        assert len([r for r in caplog.records if r.name == "httpfault"]) == 1


def test_more_edges(kind: str) -> None:
    """A media validator's error is the validation status without its words; a
    RecursionError of your own is an unhandled 500 (only Falcon's media decoding makes a
    400 of it); an error's own Vary is kept next to format="auto"'s."""
    messages = {
        "validation": lambda: falcon.MediaValidationError(description="5 is not a 'string'"),
        "recursion": lambda: RecursionError("mine"),
        "vary": lambda: Conflict("x", headers={"Vary": "Origin"}),
    }
    RAISED.update(messages)
    try:
        app = make(kind, Config(format="auto"))
        validation = send(app, "GET", "/raise/validation")
        assert_same(validation, UnprocessableContent(), path="/raise/validation",
                    config=Config(format="auto"))  # fmt: skip
        assert send(app, "GET", "/raise/recursion").status_code == 500
        assert send(app, "GET", "/raise/vary").headers["Vary"] == "Origin, Accept"
    finally:
        for name in messages:
            RAISED.pop(name)
