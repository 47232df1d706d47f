"""The edges of the Sanic adapter's translation, through Sanic's ASGI test client.

``SanicException`` of statuses at the limits (below 400, 500, past 599), a 405 with no
methods or of the application's own, header values httpfault refuses, an empty message, the
cause kept for ``debug``, ``read_json()``'s media types and its use without ``install()``,
and ``install()``'s refusals.
"""

from __future__ import annotations

import json
import logging
from typing import Any, NoReturn

import pytest
from sanic import Request, Sanic
from sanic.exceptions import MethodNotAllowed as SanicMethodNotAllowed
from sanic.exceptions import SanicException, ServerError
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from httpfault import (
    Config,
    Conflict,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    TooManyRequests,
)
from httpfault.adapters.sanic import install, read_json
from tests.starlette.helpers import assert_rendered

from .apps import make_app
from .test_sanic import call


def edges_app(config: Config | None = None) -> Sanic:  # type: ignore[type-arg]
    """The tests' app (httpfault installed with *config*) with the routes these tests use."""
    app = make_app(config or Config())

    @app.get("/not-modified")
    async def not_modified(request: Request) -> NoReturn:
        raise SanicException(status_code=304, headers={"ETag": '"v1"'})

    @app.get("/beyond")
    async def beyond(request: Request) -> NoReturn:
        raise SanicException("odd", status_code=600)

    @app.get("/no-methods")
    async def no_methods(request: Request) -> NoReturn:
        raise SanicMethodNotAllowed("Closed for maintenance", "GET", [])

    @app.get("/own-405")
    async def own_405(request: Request) -> NoReturn:
        raise SanicException("Use POST", status_code=405, headers={"Allow": "PUT, POST"})

    @app.get("/bad-header")
    async def bad_header(request: Request) -> NoReturn:
        headers = {"X-Bad": "a\r\nb", "Retry-After": "5"}
        raise SanicException("Slow down", status_code=429, headers=headers)

    @app.get("/bad-header-405")
    async def bad_header_405(request: Request) -> NoReturn:
        raise SanicMethodNotAllowed("Use POST", "GET", ["PUT", "POST"], headers={"X-Bad": "a\nb"})

    @app.get("/empty-message")
    async def empty_message(request: Request) -> NoReturn:
        raise SanicException("", status_code=409)

    @app.post("/echo")
    async def echo(request: Request) -> HTTPResponse:
        return json_response(read_json(request))

    return app


def test_a_status_below_400_is_sanics_own() -> None:
    """A SanicException below 400 (a 304 with its ETag) is answered as it is: that status,
    its headers, no body, no request id."""
    response = call(edges_app(), "GET", "/not-modified")
    assert response.status_code == 304
    assert response.headers["etag"] == '"v1"'
    assert response.content == b""
    assert "x-request-id" not in response.headers


def test_a_status_past_599_is_a_500() -> None:
    """A SanicException whose status is past 599 is the contract's 500, its text hidden."""
    response = call(edges_app(), "GET", "/beyond")
    assert_rendered(response, InternalServerError(), Config(), path="/beyond")


def test_a_405_allowing_no_methods() -> None:
    """Sanic's MethodNotAllowed with no allowed methods answers an empty Allow (the resource
    allows none), not no Allow at all."""
    response = call(edges_app(), "GET", "/no-methods")
    expected = MethodNotAllowed("Closed for maintenance", allow=[])
    assert_rendered(response, expected, Config(), path="/no-methods")
    assert response.headers["allow"] == ""


def test_a_405_of_the_apps_own_keeps_its_allow_header() -> None:
    """A plain SanicException of status 405 takes its methods from its Allow header."""
    response = call(edges_app(), "GET", "/own-405")
    expected = MethodNotAllowed("Use POST", allow=["POST", "PUT"])
    assert_rendered(response, expected, Config(), path="/own-405")
    assert response.headers["allow"] == "POST, PUT"


def test_header_values_refused_drop_the_headers_not_the_error() -> None:
    """A SanicException with a header value httpfault refuses (CR or LF) keeps its status and
    message, and a 405 its Allow; its headers are dropped."""
    response = call(edges_app(), "GET", "/bad-header")
    assert_rendered(response, TooManyRequests("Slow down"), Config(), path="/bad-header")
    assert "retry-after" not in response.headers
    allowed = call(edges_app(), "GET", "/bad-header-405")
    expected = MethodNotAllowed("Use POST", allow=["POST", "PUT"])
    assert_rendered(allowed, expected, Config(), path="/bad-header-405")


def test_an_empty_message_is_no_detail() -> None:
    """A SanicException raised with an empty message has no detail."""
    response = call(edges_app(), "GET", "/empty-message")
    assert_rendered(response, Conflict(), Config(), path="/empty-message")


def test_the_query_string_is_not_part_of_the_path() -> None:
    """The answer's instance is the path as sent, without its query string."""
    cfg = Config(format="problem")
    response = call(edges_app(cfg), "GET", "/empty-message?token=abc")
    assert_rendered(response, Conflict(), cfg, path="/empty-message")
    assert json.loads(response.content)["instance"] == "/empty-message"


def test_a_path_starting_with_two_slashes_is_a_path() -> None:
    """A path that starts with two slashes is a path, not a host: instance keeps it whole."""
    cfg = Config(format="problem")
    app = edges_app(cfg)
    response = call(app, "GET", f"{app.asgi_client.base_url}//empty-message?token=abc")
    assert json.loads(response.content)["instance"] == "//empty-message"


def test_a_raised_500_is_logged_and_shown_as_itself(caplog: pytest.LogCaptureFixture) -> None:
    """Sanic's ServerError (status 500) is kept as the cause: the ERROR record's traceback is
    of it, and debug names it."""
    caplog.set_level(logging.DEBUG)
    response = call(edges_app(Config(debug=True)), "GET", "/server-error")
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["debug"]["exception"] == (
        "sanic.exceptions.ServerError"
    )
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], ServerError)


def test_a_client_error_is_shown_as_the_contracts_error() -> None:
    """A 4xx SanicException does not keep the Sanic exception as its cause: debug names the
    contract's class."""
    response = call(edges_app(Config(debug=True)), "GET", "/empty-message")
    assert json.loads(response.content)["error"]["debug"]["exception"] == "httpfault.Conflict"


def test_a_body_request_json_cannot_parse_keeps_sanics_error() -> None:
    """A body Sanic's request.json cannot parse is the malformed-body error caused by Sanic's
    BadRequest, which debug names."""
    response = call(edges_app(Config(debug=True)), "POST", "/native-json", content=b"{",
                    headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 400
    debug = json.loads(response.content)["error"]["debug"]
    assert debug["exception"] == "sanic.exceptions.BadRequest"


@pytest.mark.parametrize(
    "media",
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/merge-patch+json",
        "Application/Problem+JSON",
    ],
)
def test_read_json_takes_json_media_types(media: str) -> None:
    """read_json() reads application/json (with parameters) and any application/*+json, in
    any case."""
    response = call(edges_app(), "POST", "/echo", content=b'{"a": 1}',
                    headers={"content-type": media})  # fmt: skip
    assert response.status_code == 200
    assert json.loads(response.content) == {"a": 1}


@pytest.mark.parametrize("media", [None, "application/xml", "text/x+json", "application/jsonx"])
def test_read_json_refuses_other_media_types(media: str | None) -> None:
    """read_json() refuses a body without a content type, or of a type that is not
    application/json or application/*+json."""
    headers: dict[str, Any] = {} if media is None else {"content-type": media}
    response = call(edges_app(), "POST", "/echo", content=b'{"a": 1}', headers=headers)
    assert response.status_code == 415


def test_read_json_without_install_raises_a_400() -> None:
    """In an app where install() was not called, read_json() still raises the contract's
    400 for a body that is not JSON (seen here by the app's own exception handler)."""
    app = Sanic("read_json_without_install")
    app.config.TOUCHUP = False

    @app.post("/echo")
    async def echo(request: Request) -> HTTPResponse:
        return json_response(read_json(request))

    @app.exception(HTTPError)
    async def own_errors(request: Request, exc: HTTPError) -> HTTPResponse:
        return json_response({"class": type(exc).__name__}, status=exc.status)

    response = call(
        app, "POST", "/echo", content=b"{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert json.loads(response.content) == {"class": "BadRequest"}


def test_install_refusals_say_why() -> None:
    """install()'s refusals: the exact messages, naming the type given."""
    app = Sanic("install_refusals")
    install(app)
    with pytest.raises(RuntimeError, match=r"^httpfault is already installed on this app$"):
        install(app)
    with pytest.raises(TypeError, match=r"^config must be a httpfault\.Config, not dict$"):
        install(Sanic("install_refusals_2"), {"format": "json"})  # type: ignore[arg-type]
