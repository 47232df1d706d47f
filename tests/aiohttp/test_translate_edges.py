"""The edges of the aiohttp adapter's translation, through aiohttp's own test server.

aiohttp's ``HTTPException`` of statuses at the limits (400, 500, above 599), header values
httpfault refuses, the cause kept for ``debug``, ``read_json()``'s media types and its use
without ``install()``, ``install()``'s refusals, and an error raised after the response
started (a broken stream).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import NoReturn

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from httpfault import (
    BadRequest,
    Config,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    TooManyRequests,
)
from httpfault.adapters.aiohttp import install, read_json
from tests.starlette.helpers import RID, assert_rendered

from .test_aiohttp import call


class BeyondFiveHundreds(web.HTTPServerError):
    """An aiohttp error of the application's own with a status past 599."""

    status_code = 600


async def bad_request(request: web.Request) -> NoReturn:
    raise web.HTTPBadRequest(text="Missing ?q")


async def bad_header(request: web.Request) -> NoReturn:
    raise web.HTTPTooManyRequests(text="Slow down", headers={"X-Bad": "a\r\nb", "Retry-After": "5"})


async def bad_header_405(request: web.Request) -> NoReturn:
    raise web.HTTPMethodNotAllowed(
        "GET", ["PUT", "POST"], text="Use POST", headers={"X-Bad": "a\nb"}
    )


async def beyond(request: web.Request) -> NoReturn:
    raise BeyondFiveHundreds(text="odd")


async def server_error(request: web.Request) -> NoReturn:
    raise web.HTTPInternalServerError(text="db password hunter2")


async def native_json(request: web.Request) -> web.Response:
    return web.json_response(await request.json())


async def echo_json(request: web.Request) -> web.Response:
    return web.json_response(await read_json(request))


async def broken_stream(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(b"partial")
    raise RuntimeError("stream broke: hunter2")


async def hung_up(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(b"partial")
    raise ConnectionResetError("the client went away")


def make_app(config: Config) -> web.Application:
    """An app with the routes above, httpfault installed with *config*."""
    app = web.Application()
    for path, handler in (
        ("/bad-request", bad_request),
        ("/bad-header", bad_header),
        ("/bad-header-405", bad_header_405),
        ("/beyond", beyond),
        ("/server-error", server_error),
        ("/broken-stream", broken_stream),
        ("/hung-up", hung_up),
    ):
        app.router.add_get(path, handler)
    app.router.add_post("/native-json", native_json)
    app.router.add_post("/echo", echo_json)
    install(app, config)
    return app


def test_a_raised_400_keeps_its_text() -> None:
    """aiohttp's HTTPBadRequest (status 400, the lowest error) raised with a text is the
    contract's 400 with that text as the detail, not a 500."""
    response = call(make_app(Config()), "GET", "/bad-request")
    assert_rendered(response, BadRequest("Missing ?q"), Config(), path="/bad-request")


def test_the_query_string_is_not_part_of_the_path() -> None:
    """The answer's instance is the path as sent, without its query string."""
    cfg = Config(format="problem")
    response = call(make_app(cfg), "GET", "/bad-request?q=&token=abc")
    assert_rendered(response, BadRequest("Missing ?q"), cfg, path="/bad-request")
    assert json.loads(response.content)["instance"] == "/bad-request"


def test_header_values_refused_drop_the_headers_not_the_error() -> None:
    """An aiohttp error with a header value httpfault refuses (CR or LF) keeps its status and
    text, and a 405 its Allow; its headers are dropped."""
    response = call(make_app(Config()), "GET", "/bad-header")
    assert_rendered(response, TooManyRequests("Slow down"), Config(), path="/bad-header")
    assert "Retry-After" not in response.headers
    assert "X-Bad" not in response.headers
    allowed = call(make_app(Config()), "GET", "/bad-header-405")
    expected = MethodNotAllowed("Use POST", allow=["POST", "PUT"])
    assert_rendered(allowed, expected, Config(), path="/bad-header-405")
    assert allowed.headers["Allow"] == "POST, PUT"


def test_a_status_past_599_is_a_500() -> None:
    """An aiohttp error whose status is past 599 is answered as the contract's 500, its
    text hidden."""
    response = call(make_app(Config()), "GET", "/beyond")
    assert_rendered(response, InternalServerError(), Config(), path="/beyond")


def test_a_raised_500_is_logged_and_shown_as_itself(caplog: pytest.LogCaptureFixture) -> None:
    """aiohttp's HTTPInternalServerError (status 500) is kept as the cause: the ERROR record's
    traceback is of it, and debug names it."""
    caplog.set_level(logging.DEBUG)
    response = call(make_app(Config(debug=True)), "GET", "/server-error")
    assert response.status_code == 500
    debug = json.loads(response.content)["error"]["debug"]
    assert debug["exception"] == "aiohttp.web_exceptions.HTTPInternalServerError"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], web.HTTPInternalServerError)


def test_a_client_error_is_shown_as_the_contracts_error() -> None:
    """A 4xx aiohttp error does not keep the aiohttp exception as its cause: debug names the
    contract's class."""
    response = call(make_app(Config(debug=True)), "GET", "/bad-request")
    assert json.loads(response.content)["error"]["debug"]["exception"] == "httpfault.BadRequest"


def test_a_body_request_json_cannot_decode_keeps_the_decode_error() -> None:
    """A body aiohttp's request.json() cannot decode is the malformed-body error caused by
    the decode error, which debug names."""
    response = call(make_app(Config(debug=True)), "POST", "/native-json", data=b"{",
                    headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 400
    debug = json.loads(response.content)["error"]["debug"]
    assert debug["exception"] == "json.decoder.JSONDecodeError"


@pytest.mark.parametrize(
    "media",
    ["application/json", "application/merge-patch+json", "Application/Problem+JSON"],
)
def test_read_json_takes_json_media_types(media: str) -> None:
    """read_json() reads application/json and any application/*+json, in any case."""
    response = call(make_app(Config()), "POST", "/echo", data=b'{"a": 1}',
                    headers={"Content-Type": media})  # fmt: skip
    assert response.status_code == 200
    assert response.json() == {"a": 1}


@pytest.mark.parametrize("media", ["application/xml", "text/x+json", "application/jsonx"])
def test_read_json_refuses_other_media_types(media: str) -> None:
    """read_json() refuses a type that is not application/json or application/*+json."""
    response = call(make_app(Config()), "POST", "/echo", data=b'{"a": 1}',
                    headers={"Content-Type": media})  # fmt: skip
    assert response.status_code == 415


def test_read_json_without_install_raises_a_400() -> None:
    """In an app where install() was not called, read_json() still raises the contract's
    400 for a body that is not JSON (seen here by the app's own middleware)."""

    @web.middleware
    async def own_errors(request: web.Request, handler: web.RequestHandler) -> web.StreamResponse:
        try:
            return await handler(request)
        except HTTPError as exc:
            return web.json_response({"class": type(exc).__name__}, status=exc.status)

    app = web.Application(middlewares=[own_errors])
    app.router.add_post("/echo", echo_json)
    response = call(app, "POST", "/echo", data=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"class": "BadRequest"}


def test_install_refusals_say_why() -> None:
    """install()'s refusals: the exact messages, naming the type given."""
    app = web.Application()
    install(app)
    with pytest.raises(RuntimeError, match=r"^httpfault is already installed on this app$"):
        install(app)
    frozen = web.Application()
    frozen.freeze()
    with pytest.raises(RuntimeError, match=r"^install\(\) must be called before the app starts$"):
        install(frozen)
    with pytest.raises(TypeError, match=r"^config must be a httpfault\.Config, not dict$"):
        install(web.Application(), {"format": "json"})  # type: ignore[arg-type]


def exchange(app: web.Application, path: str, *, close: bool = False) -> bytes:
    """A raw GET of *path* (sent as it is) on aiohttp's test server; every byte until the
    server closes the connection (at most 5 s), asked to close it after the answer with
    *close*."""

    async def go() -> bytes:
        server = TestServer(app)
        await server.start_server()
        try:
            reader, writer = await asyncio.open_connection(server.host, server.port)
            extra = "Connection: close\r\n" if close else ""
            head = f"GET {path} HTTP/1.1\r\nHost: test\r\nX-Request-ID: {RID}\r\n{extra}\r\n"
            writer.write(head.encode())
            await writer.drain()
            data = await asyncio.wait_for(reader.read(), timeout=5)
            writer.close()
            await writer.wait_closed()
            return data
        finally:
            await server.close()

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("target", "instance"),
    [
        ("/nowhere?token=abc", "/nowhere"),
        ("//nowhere?token=abc", "//nowhere"),
        ("http://test/nowhere?token=abc", "/nowhere"),
        ("http://test?token=/x", "/"),
    ],
)
def test_instance_is_the_path_of_the_target(target: str, instance: str) -> None:
    """instance is the path as sent, without the query string, for a target in origin form
    and in absolute form (as sent to a proxy) alike; a path of two slashes stays one."""
    data = exchange(make_app(Config(format="problem")), target, close=True)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 404 Not Found\r\n")
    assert json.loads(body)["instance"] == instance


def test_an_error_after_the_response_started(caplog: pytest.LogCaptureFixture) -> None:
    """An error raised after the response started: the connection is closed after what was
    sent (no second response), the error logged once at ERROR with its traceback and the
    request, the hooks called once."""
    seen: list[int] = []
    cfg = Config(on_error=(lambda error, request: seen.append(error.status),))
    caplog.set_level(logging.DEBUG)
    data = exchange(make_app(cfg), "/broken-stream?token=abc")
    assert data.startswith(b"HTTP/1.1 200 OK\r\n")
    assert data.endswith(b"\r\n\r\n7\r\npartial\r\n")
    assert data.count(b"HTTP/1.1") == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert errors[0].name == "httpfault"
    line = f"GET /broken-stream -> 500 Internal Server Error (request_id={RID})"
    assert errors[0].getMessage() == line
    assert errors[0].exc_info is not None
    assert str(errors[0].exc_info[1]) == "stream broke: hunter2"
    assert seen == [500]


def test_a_client_gone_after_the_response_started(caplog: pytest.LogCaptureFixture) -> None:
    """A ConnectionError raised after the response started is the client hanging up: the
    connection is closed, nothing logged, no hook called."""
    seen: list[int] = []
    cfg = Config(on_error=(lambda error, request: seen.append(error.status),))
    caplog.set_level(logging.DEBUG)
    data = exchange(make_app(cfg), "/hung-up")
    assert data.endswith(b"\r\n\r\n7\r\npartial\r\n")
    assert data.count(b"HTTP/1.1") == 1
    assert [r for r in caplog.records if r.name == "httpfault"] == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert seen == []
