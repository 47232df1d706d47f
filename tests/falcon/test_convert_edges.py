"""Edges of the Falcon adapter's translation of Falcon's own errors, on ``falcon.App`` and
``falcon.asgi.App`` through Falcon's test client: whose wording is kept, which headers
travel, how a 405's ``Allow`` is read, and which ``RecursionError`` is a bad body."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import falcon
import falcon.asgi
import falcon.media
import pytest

from httpfault import (
    BadRequest,
    Config,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    UnsupportedMediaType,
)
from httpfault.adapters.falcon import install

from .test_errors import assert_same, kind, send

__all__ = ["kind"]  # the fixture: each test runs on falcon.App and on falcon.asgi.App

DEEP = b"[" * 100_000


class RecursiveHandler(falcon.media.BaseHandler):
    """A media handler of an application's own whose decoder recurses per nesting level."""

    def deserialize(self, stream: Any, content_type: str | None, content_length: int | None) -> Any:
        return self._nest(stream.read().decode())

    async def deserialize_async(self, stream: Any, content_type: str | None,
                                content_length: int | None) -> Any:  # fmt: skip
        return self._nest((await stream.read()).decode())

    def _nest(self, text: str) -> Any:
        return [self._nest(text[1:])] if text.startswith("[") else text


def make(kind: str, raised: dict[str, Callable[[], BaseException]],
         config: Config | None = None) -> Any:  # fmt: skip
    """An app of *kind*: ``/raise/{name}`` raises ``raised[name]()``; ``/ok`` answers GET;
    ``/deep`` decodes its body with the ``application/x-nested`` handler; ``/direct``
    decodes its body with Falcon's JSON handler called by the responder itself."""
    handlers = falcon.media.Handlers({"application/x-nested": RecursiveHandler()})
    if kind == "wsgi":
        app: Any = falcon.App()

        class Raise:
            def on_get(self, req: Any, resp: Any, name: str) -> None:
                raise raised[name]()

        class Deep:
            def on_post(self, req: Any, resp: Any) -> None:
                resp.media = {"got": len(req.get_media())}

        class Direct:
            def on_post(self, req: Any, resp: Any) -> None:
                stream, length = req.bounded_stream, req.content_length
                resp.media = {"got": falcon.media.JSONHandler().deserialize(stream, None, length)}

        class Ok:
            def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {"ok": True}

    else:
        app = falcon.asgi.App()

        class Raise:  # type: ignore[no-redef]
            async def on_get(self, req: Any, resp: Any, name: str) -> None:
                raise raised[name]()

        class Deep:  # type: ignore[no-redef]
            async def on_post(self, req: Any, resp: Any) -> None:
                resp.media = {"got": len(await req.get_media())}

        class Direct:  # type: ignore[no-redef]
            async def on_post(self, req: Any, resp: Any) -> None:
                handler = falcon.media.JSONHandler()
                got = await handler.deserialize_async(req.stream, None, req.content_length)
                resp.media = {"got": got}

        class Ok:  # type: ignore[no-redef]
            async def on_get(self, req: Any, resp: Any) -> None:
                resp.media = {"ok": True}

    app.req_options.media_handlers.update(handlers)
    install(app, config)
    app.add_route("/raise/{name}", Raise())
    app.add_route("/deep", Deep())
    app.add_route("/direct", Direct())
    app.add_route("/ok", Ok())
    return app


def check(kind: str, raised: BaseException, expected: HTTPError) -> None:
    """*raised*, raised by a responder, answers exactly render()'s bytes for *expected*."""
    app = make(kind, {"it": lambda: raised})
    assert_same(send(app, "GET", "/raise/it"), expected, path="/raise/it")


@pytest.mark.filterwarnings("ignore:Unknown REQUEST_METHOD")  # the WSGI test client's validator
def test_falcons_own_wording_is_dropped(kind: str) -> None:
    """A method Falcon does not know: Falcon answers with a 400 of its own words ("Bad
    request" / "Invalid HTTP method"); the client gets the catalogue's default 400."""
    result = send(make(kind, {}), "FROB", "/ok")
    assert_same(result, BadRequest(), method="FROB", path="/ok")
    assert b"Invalid HTTP method" not in result.content


def test_unregistered_server_status_is_500(kind: str) -> None:
    """A 5xx status the catalogue lacks (599) answers as an InternalServerError; a 4xx
    one (499) as a BadRequest."""
    check(kind, falcon.HTTPError(599), InternalServerError())
    check(kind, falcon.HTTPError(499), BadRequest())


def test_your_405_keeps_description_and_headers(kind: str) -> None:
    """falcon.HTTPMethodNotAllowed raised by you: its description and its other headers
    travel with the Allow list."""
    raised = falcon.HTTPMethodNotAllowed(
        ["GET", "PUT"], description="This resource is read-mostly.",
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip
    expected = MethodNotAllowed("This resource is read-mostly.", allow=["GET", "PUT"],
                                headers={"Cache-Control": "no-store"})  # fmt: skip
    check(kind, raised, expected)


def test_405_allow_header_is_read_as_a_list(kind: str) -> None:
    """A 405 whose Allow comes as headers of yours, written without spaces and split over
    two header lines: the methods are read one by one and answered as render() spells them."""
    raised = falcon.HTTPError(405, headers=[("Allow", "GET,PUT"), ("allow", "DELETE")])
    check(kind, raised, MethodNotAllowed(allow=["GET", "PUT", "DELETE"]))


def test_error_headers_travel_but_not_framing_ones(kind: str) -> None:
    """The headers of a Falcon error travel (repeated names joined with ", "), except its
    Content-Type (the body is httpfault's), from a dict and from a list of pairs."""
    as_dict = falcon.HTTPError(400, headers={"Content-Type": "text/html", "X-Trace": "abc"})
    check(kind, as_dict, BadRequest(headers={"X-Trace": "abc"}))
    pairs = [("Content-Type", "text/html"), ("Link", "</a>; rel=a"), ("Link", "</b>; rel=b")]
    check(kind, falcon.HTTPError(400, headers=pairs),
          BadRequest(headers={"Link": "</a>; rel=a, </b>; rel=b"}))  # fmt: skip


def test_unsupported_media_type_never_carries_a_description(kind: str) -> None:
    """A 415 answers the catalogue sentence even with a description: Falcon's 415 wording
    quotes the Content-Type the client sent, so no 415 description is passed on."""
    raised = falcon.HTTPUnsupportedMediaType(description="'text/x-mine' is not supported.")
    check(kind, raised, UnsupportedMediaType())


def test_translated_error_keeps_falcons_as_cause(kind: str) -> None:
    """The httpfault error an on_error hook sees has Falcon's exception as __cause__."""
    causes: list[BaseException | None] = []
    config = Config(on_error=lambda error, req: causes.append(error.__cause__))
    raised = falcon.HTTPMethodNotAllowed(["GET"])
    app = make(kind, {"it": lambda: raised}, config)
    assert send(app, "GET", "/raise/it").status_code == 405
    assert causes == [raised]


@pytest.mark.parametrize("path", ["/deep", "/direct"])
def test_media_too_deep_from_any_decoder_is_400(kind: str, path: str) -> None:
    """A RecursionError while decoding the request's media is a 400, whether it comes from
    a handler of the application's own reached through req.get_media() (/deep), or from
    Falcon's JSON handler called by the responder itself (/direct)."""
    content_type = "application/x-nested" if path == "/deep" else "application/json"
    result = send(make(kind, {}), "POST", path, body=DEEP,
                  headers={"Content-Type": content_type})  # fmt: skip
    assert_same(result, BadRequest(), method="POST", path=path)
    ok = send(make(kind, {}), "POST", path, body=b"[[1]]" if path == "/direct" else b"[[x",
              headers={"Content-Type": content_type})  # fmt: skip
    assert ok.status_code == 200
    assert json.loads(ok.content)["got"] in ([[1]], 1)
