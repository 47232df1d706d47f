"""``httpfault.client`` on responses built in-process: consumer rules, odd bodies, shapes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import httpx
import pytest

from httpfault import (
    BadRequest,
    ClientError,
    Config,
    Conflict,
    FieldError,
    Forbidden,
    HTTPError,
    MethodNotAllowed,
    NotFound,
    RequestInfo,
    ServerError,
    Unauthorized,
    UnprocessableContent,
    client,
    render,
)
from httpfault.client._parse import parse_body
from httpfault.client._response import ResponseView, view
from tests.client.scenarios import RAW, EmailTaken, OutOfCredit


def response(
    status: int, body: Any = None, *, media: str = "application/json", **headers: str
) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    if body is None:
        content = b""
    return httpx.Response(status, headers={"Content-Type": media, **headers}, content=content)


def raw(name: str) -> httpx.Response:
    status, headers, body = RAW[name]
    return httpx.Response(status, headers=headers, content=body)


@pytest.mark.parametrize("status", [100, 200, 204, 301, 304, 399, 600, 999])
def test_non_error_statuses_give_none(status: int) -> None:
    """Only 4xx and 5xx responses are errors; anything else gives ``None``."""
    assert client.error_from_response(response(status, {"error": {}})) is None
    resp = response(status)
    assert client.raise_for_error(resp) is resp


def test_wrong_member_types_are_ignored() -> None:
    """Members of the wrong type are ignored; an unknown member is kept as an extension."""
    error = client.error_from_response(raw("wrong-types-400"))
    assert type(error) is BadRequest
    assert error.detail is None
    assert error.code == "bad_request"
    assert error.type is None
    assert error.instance is None
    assert error.errors == []
    assert error.extensions == {"vendor_flag": True}
    assert error.request_id == "hdr-id"  # the body's id was no string: the header's is used


def test_field_errors_missing_or_wrong_members_are_skipped() -> None:
    """Field errors lacking a pointer or message are dropped; a bad ``in`` falls back to body."""
    error = client.error_from_response(raw("bad-items-422"))
    assert isinstance(error, UnprocessableContent)
    assert error.errors == [
        FieldError("#/ok", "Fine."),
        FieldError("#/name", "Plain name."),
    ]


def test_problem_body_sent_as_plain_json() -> None:
    """An RFC 9457 body labelled application/json is read as a problem."""
    registry = client.ProblemRegistry([EmailTaken])
    error = client.error_from_response(raw("plain-problem-409"), registry=registry)
    assert isinstance(error, EmailTaken)
    assert error.detail == "bob@example.com is registered"
    assert error.extensions == {"account_id": 7}


@pytest.mark.parametrize(
    ("body", "shape"),
    [
        ({"status": 404, "detail": "gone"}, "problem"),
        ({"status": 404, "title": "Not Found"}, "problem"),
        ({"type": "https://x.example/p", "title": "T"}, "problem"),
        ({"type": "https://x.example/p"}, "none"),
        ({"title": "T", "detail": "d"}, "none"),
        ({"status": 404, "message": "nope", "error": "Not Found"}, "none"),
        ({"status": True, "detail": "d"}, "none"),
        ({"error": {"message": "hi"}}, "envelope"),
        ({"error": "Not Found"}, "none"),
        ({"detail": "Not Found"}, "none"),
    ],
)
def test_shape_detection_of_plain_json(body: dict[str, Any], shape: str) -> None:
    """Plain JSON is ours when it is the envelope or has RFC 9457 members of the right types."""
    members, key = parse_body("application/json", json.dumps(body).encode())
    if shape == "none":
        assert members == {}
    elif shape == "envelope":
        assert (members, key) == (body["error"], "message")
    else:
        assert (members, key) == (body, "detail")


@pytest.mark.parametrize(
    "media",
    [None, "text/html", "text/json", "application/xml", "application/jsonx", "multipart/json"],
)
def test_other_media_types_are_not_read(media: str | None) -> None:
    """Only application/json, problem+json and other application/*+json bodies are read."""
    body = json.dumps({"error": {"message": "hi"}}).encode()
    assert parse_body(media, body) == ({}, "detail")


def test_vendor_json_suffix_is_read() -> None:
    """A vendor ``application/*+json`` type is read like plain JSON."""
    members, _ = parse_body("application/vnd.api+json", b'{"error": {"message": "hi"}}')
    assert members == {"message": "hi"}


def test_problem_media_type_with_parameters() -> None:
    """``Content-Type`` parameters and case do not matter."""
    resp = response(
        404, {"detail": "gone", "code": "x"}, media="Application/Problem+JSON; charset=utf-8"
    )
    error = client.error_from_response(resp)
    assert isinstance(error, NotFound)
    assert (error.detail, error.code) == ("gone", "x")


def test_status_member_never_overrides_the_response_status() -> None:
    """The class follows the response status; a body claiming another status is ignored."""
    error = client.error_from_response(response(409, {"error": {"status": 500, "message": "m"}}))
    assert type(error) is Conflict
    assert error.status == 409


def test_registered_type_with_another_status_is_not_used() -> None:
    """A registered type arriving with another status gives the status class, type kept."""
    registry = client.ProblemRegistry([EmailTaken])
    body = {"type": EmailTaken.type, "title": "Email already taken", "status": 400}
    error = client.error_from_response(
        response(400, body, media="application/problem+json"), registry=registry
    )
    assert type(error) is BadRequest
    assert error.type == EmailTaken.type
    assert error.title == "Email already taken"


def test_about_blank_title_is_the_status_phrase() -> None:
    """With about:blank the body's title is not kept: the class's phrase stands."""
    body = {"type": "about:blank", "title": "Whatever", "status": 404}
    error = client.error_from_response(response(404, body, media="application/problem+json"))
    assert error.title == "Not Found"
    assert "title" not in error.__dict__


def test_default_sentence_means_no_detail() -> None:
    """The catalogue's default sentence reads back as ``detail=None``."""
    rendered = render(Forbidden())
    error = client.error_from_response(
        httpx.Response(403, headers=rendered.headers, content=rendered.body)
    )
    assert error == Forbidden()
    assert error.detail is None


def test_server_error_detail_that_was_sent_is_exposed() -> None:
    """A 5xx detail the server chose to send is kept and may be passed on."""
    error = client.error_from_response(response(502, {"error": {"message": "upstream said no"}}))
    assert isinstance(error, ServerError)
    assert error.detail == "upstream said no"
    assert error.expose is True


def test_message_key_fallback() -> None:
    """A problem body using ``message`` (or an envelope using ``detail``) is still read."""
    problem = client.error_from_response(
        response(400, {"status": 400, "title": "Bad Request", "message": "m1"})
    )
    envelope = client.error_from_response(response(400, {"error": {"detail": "m2"}}))
    assert (problem.detail, envelope.detail) == ("m1", "m2")


def test_unknown_status_without_title() -> None:
    """A status with no class and no title gets a generic title and code."""
    error = client.error_from_response(response(461, {"error": {"message": "m"}}))
    assert type(error) is ClientError
    assert (error.status, error.title, error.code, error.detail) == (
        461,
        "Client Error",
        "client_error",
        "m",
    )
    server = client.error_from_response(response(590, {"error": {"title": "!!!"}}))
    assert type(server) is ServerError
    assert (server.status, server.title, server.code) == (590, "!!!", "error")


def test_debug_member_is_kept_as_an_extension() -> None:
    """The ``debug`` member of a debug server is kept with the extensions."""
    rendered = render(NotFound("x"), Config(debug=True))
    error = client.error_from_response(
        httpx.Response(404, headers=rendered.headers, content=rendered.body)
    )
    assert set(error.extensions) == {"debug"}
    assert error.extensions["debug"]["exception"] == "httpfault.NotFound"


def test_extension_names_that_break_rfc_9457_are_kept() -> None:
    """Odd member names from another server are kept as they are, never refused."""
    error = client.error_from_response(
        response(400, {"status": 400, "title": "Bad Request", "a-b": 1, "x": 2})
    )
    assert error.extensions == {"a-b": 1, "x": 2}


def test_restored_headers() -> None:
    """The headers that matter come back under the classes' spelling; others are left."""
    resp = httpx.Response(
        401,
        headers=[
            ("www-authenticate", 'Bearer realm="a"'),
            ("WWW-Authenticate", 'Basic realm="b"'),
            ("X-Other", "1"),
        ],
    )
    error = client.error_from_response(resp)
    assert error == Unauthorized(www_authenticate=['Bearer realm="a"', 'Basic realm="b"'])
    allow = client.error_from_response(httpx.Response(405, headers={"Allow": "GET, POST"}))
    assert allow == MethodNotAllowed(allow=["POST", "GET"])


def test_request_id_header_is_configurable() -> None:
    """``request_id_header`` names the header read when the body has no request id."""
    resp = httpx.Response(500, headers={"X-Trace": "t-1", "X-Request-ID": "r-1"})
    assert client.error_from_response(resp, request_id_header="X-Trace").request_id == "t-1"
    assert client.error_from_response(resp).request_id == "r-1"
    assert client.error_from_response(resp, request_id_header=None).request_id is None


def test_custom_class_constructor_is_not_called() -> None:
    """A registered class whose constructor needs arguments is still restored."""
    rendered = render(OutOfCredit(1, 2), Config(format="problem"))
    resp = httpx.Response(403, headers=rendered.headers, content=rendered.body)
    error = client.error_from_response(resp, registry=client.ProblemRegistry([OutOfCredit]))
    assert error == OutOfCredit(1, 2)


def test_streamed_sync_response_is_read() -> None:
    """An unread sync stream is read by ``error_from_response``."""
    rendered = render(Conflict("taken"))

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(409, headers=rendered.headers, content=iter([rendered.body]))

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        http.stream("GET", "https://api.test/x") as resp,
    ):
        assert client.error_from_response(resp) == Conflict("taken")


def test_unread_async_stream_says_how_to_read_it() -> None:
    """An unread async stream gives a clear error naming ``aread``/``aerror_from_response``."""
    rendered = render(Conflict("taken"))

    async def chunks() -> AsyncIterator[bytes]:
        yield rendered.body

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(409, headers=rendered.headers, content=chunks())

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            async with http.stream("GET", "https://api.test/x") as resp:
                with pytest.raises(RuntimeError, match="aread"):
                    client.error_from_response(resp)
                assert await client.aerror_from_response(resp) == Conflict("taken")
            ok = await client.aerror_from_response(httpx.Response(200))
            assert ok is None

    asyncio.run(run())


def test_other_response_objects_by_duck_typing() -> None:
    """Anything with status_code, headers and content (requests-like) is understood."""

    class Plain:
        status_code = 404
        headers: ClassVar = {"Content-Type": "application/json"}
        content = b'{"error": {"message": "m", "code": "c"}}'

    error = client.error_from_response(Plain())
    assert (type(error), error.detail, error.code) == (NotFound, "m", "c")


def test_response_without_content_raises_when_it_cannot_be_read() -> None:
    """A RuntimeError from a response with no ``read()`` is not hidden."""

    class Broken:
        status_code = 500
        headers: ClassVar[dict[str, str]] = {}

        @property
        def content(self) -> bytes:
            raise RuntimeError("cannot")

    with pytest.raises(RuntimeError, match="cannot"):
        client.error_from_response(Broken())


def test_not_a_response() -> None:
    """An object with no integer status is refused with a TypeError."""
    with pytest.raises(TypeError, match="status_code"):
        client.error_from_response(object())
    with pytest.raises(TypeError):
        view(type("R", (), {"status_code": True})())


def test_view_spellings() -> None:
    """``view`` reads status strings, header pairs, bytes headers and str bodies."""

    class Odd:
        status = "404 NOT FOUND"
        headers: ClassVar = [(b"Content-Type", b"application/json")]
        content = '{"error": {"message": "m"}}'

    seen = view(Odd())
    assert (seen.status, seen.media_type, seen.body) == (
        404,
        "application/json",
        b'{"error": {"message": "m"}}',
    )
    assert view(seen) is seen

    class NoHeaders:
        status = "bad"

    with pytest.raises(TypeError):
        view(NoHeaders())

    class Bare:
        status_code = 500
        content = b""

    bare = view(Bare())
    assert (bare.headers, bare.media_type, bare.method, bare.path) == ((), None, None, None)


def test_view_of_httpx_request_and_items_headers() -> None:
    """A request's method and raw path are known; old Django ``items()`` headers work."""
    request = httpx.Request("head", "https://api.test/a%20b?q=1")
    seen = view(httpx.Response(404, request=request))
    assert (seen.method, seen.path) == ("HEAD", "/a%20b?q=1")

    class OldDjango:
        status_code = 404
        content = b""
        request: ClassVar = {"REQUEST_METHOD": "get", "PATH_INFO": "/x"}

        def items(self) -> list[tuple[str, str]]:
            return [("Content-Type", "text/html")]

    old = view(OldDjango())
    assert (old.method, old.path, old.media_type) == ("GET", "/x", "text/html")

    class Werkzeugish:
        status_code = 404
        headers: ClassVar = {"Content-Type": "text/html"}
        request = type("Req", (), {"method": "POST", "path": "/w", "url": "http://x/w"})()

        def get_data(self) -> str:
            return "text"

    wz = view(Werkzeugish())
    assert (wz.method, wz.path, wz.body) == ("POST", "/w", b"text")


def test_view_of_streaming_django_like_responses() -> None:
    """A streaming body is joined; an async-only stream is refused."""

    class Streaming:
        status_code = 500
        headers: ClassVar[dict[str, str]] = {}
        streaming = True
        streaming_content = iter([b"a", memoryview(b"b")])

    assert view(Streaming()).body == b"ab"

    class AsyncOnly:
        def __aiter__(self) -> AsyncOnly:
            return self

    class AsyncStreaming(Streaming):
        streaming_content = AsyncOnly()  # type: ignore[assignment]

    with pytest.raises(TypeError, match="asynchronous"):
        view(AsyncStreaming())


def test_response_view_header_lookup() -> None:
    """Header lookup is case-insensitive and joins repeated values."""
    seen = ResponseView(400, (("A", "1"), ("a", "2")), b"")
    assert seen.header("a") == "1, 2"
    assert seen.header("b") is None
    assert seen.header_list("A") == ["1", "2"]


def test_event_hooks_ignore_success_and_raise_errors() -> None:
    """The sync hook leaves 2xx responses alone and raises the typed error otherwise."""
    rendered = render(Conflict("taken"), request=RequestInfo("GET", "/x", {"X-Request-ID": "abc"}))

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/ok":
            return httpx.Response(200, json={"ok": True})
        return httpx.Response(409, headers=rendered.headers, content=rendered.body)

    with httpx.Client(
        transport=httpx.MockTransport(handler), event_hooks=client.event_hooks()
    ) as http:
        assert http.get("https://api.test/ok").json() == {"ok": True}
        with pytest.raises(Conflict) as caught:
            http.get("https://api.test/x")
    assert caught.value.request_id == "abc"


def test_registries_do_not_leak_between_clients() -> None:
    """Two clients with their own registries read the same body differently."""
    rendered = render(EmailTaken("x"))
    resp = httpx.Response(409, headers=rendered.headers, content=rendered.body)
    mine = client.ProblemRegistry()
    mine.register(EmailTaken)
    assert type(client.error_from_response(resp, registry=mine)) is EmailTaken
    assert type(client.error_from_response(resp, registry=client.ProblemRegistry())) is Conflict
    assert type(client.error_from_response(resp)) is Conflict


def test_errors_read_back_are_http_errors() -> None:
    """Everything read back is an HTTPError with its status's base class."""
    for status in (400, 404, 499, 500, 503, 599):
        error = client.error_from_response(httpx.Response(status))
        assert isinstance(error, HTTPError)
        assert isinstance(error, ClientError if status < 500 else ServerError)


def test_view_of_multi_item_headers() -> None:
    """Headers offering ``multi_items()`` (without httpx's ``raw``) keep repeated values."""

    class MultiHeaders:
        def multi_items(self) -> list[tuple[str, str]]:
            return [("Allow", "GET"), ("Allow", "POST")]

    class Resp:
        status_code = 405
        headers = MultiHeaders()
        content = b""

    error = client.error_from_response(Resp())
    assert error == MethodNotAllowed(allow=["GET", "POST"])
