"""Edges of the Quart extension, through Quart's own test client: the state it keeps,
synchronous got_request_exception receivers, and read_json()'s media type checks, also on
a request read outside its request context."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from quart import Quart, got_request_exception

from httpfault import BadRequest, HTTPError, InternalServerError, UnsupportedMediaType
from httpfault.adapters.quart import EXTENSION_KEY, HTTPFault, read_json

from .conftest import assert_same, call


def test_state_knows_its_extension() -> None:
    """app.extensions["httpfault"] is the app's state, and its extension is the one
    that was initialised on the app."""
    app = Quart("httpfault_quart_edges")
    ext = HTTPFault()
    ext.init_app(app)
    assert app.extensions[EXTENSION_KEY].extension is ext


def test_sync_got_request_exception_receiver(make_app: Callable[..., Quart]) -> None:
    """A plain (not async) got_request_exception receiver is called for an unhandled
    exception, as Quart calls it, and the client still gets the safe 500."""
    app = make_app()
    raised = LookupError("unhandled")

    @app.get("/boom")
    async def boom() -> None:
        raise raised

    received: list[BaseException] = []

    def receiver(sender: Any, exception: BaseException, **extra: Any) -> None:
        received.append(exception)

    got_request_exception.connect(receiver, app)
    try:
        answer = call(app, "GET", "/boom")
    finally:
        got_request_exception.disconnect(receiver, app)
    assert_same(answer, InternalServerError(), path="/boom")
    assert received == [raised]


def _echo_app(make_app: Callable[..., Quart]) -> Quart:
    app = make_app()

    @app.post("/echo")
    async def echo() -> Any:
        return {"got": await read_json()}

    return app


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Content-Type": "application/json; charset=utf-8"}, None),
        ({"Content-Type": "Application/Problem+JSON"}, None),
        ({"Content-Type": "application/xml"}, UnsupportedMediaType()),
        ({"Content-Type": "text/x+json"}, UnsupportedMediaType()),
        ({}, UnsupportedMediaType()),
    ],
    ids=["json-with-charset", "plus-json", "xml", "text-plus-json", "none"],
)
def test_read_json_media_types(make_app: Callable[..., Quart], headers: dict[str, str],
                               expected: HTTPError | None) -> None:  # fmt: skip
    """read_json() takes application/json with parameters and application/*+json in any
    case; another application/ type, a +json type outside application/, and a body with
    no Content-Type at all are a 415."""
    answer = call(_echo_app(make_app), "POST", "/echo", headers=headers, data=b"[1]")
    if expected is None:
        assert (answer.status_code, answer.json) == (200, {"got": [1]})
    else:
        assert_same(answer, expected, method="POST", path="/echo")


def test_read_json_of_a_request_outside_its_context() -> None:
    """read_json(req) reads the request it is given, also outside any request or app
    context (a request kept for later): its JSON, or a 400 for a body that does not
    decode (no app config to read the malformed-body status from)."""
    app = Quart("httpfault_quart_edges")
    HTTPFault(app)
    json_type = {"Content-Type": "application/json"}

    async def read(body: bytes) -> Any:
        ctx = app.test_request_context("/later", method="POST", headers=json_type, data=body)
        return await read_json(ctx.request)

    assert asyncio.run(read(b'{"a": 1}')) == {"a": 1}
    with pytest.raises(BadRequest) as raised:
        asyncio.run(read(b"{"))
    assert raised.value.status == 400
