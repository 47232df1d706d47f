"""install()'s single layer in place of Starlette's ExceptionMiddleware: the app's own
handlers keep Starlette's semantics; everything else is answered by httpfault."""

from __future__ import annotations

import functools
import logging
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from httpfault import Config, Conflict, Forbidden, InternalServerError, NotFound
from httpfault.adapters._asgi.layer import SIGNALS, HandlingLayer
from httpfault.adapters.starlette import ErrorMiddleware, install

from .helpers import RID, TestClient, assert_rendered

# Starlette's body limiter (and the signal it raises) arrived with Starlette 1.0.
_NEEDS_BODY_LIMIT = pytest.mark.skipif(not SIGNALS, reason="Starlette 1.0+ only")

HDR = {"x-request-id": RID}


async def conflict(request: Request) -> Response:
    raise Conflict("Email already registered")


async def ok(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


ROUTES = [Route("/conflict", conflict), Route("/ok", ok)]


def _stack(app: Starlette) -> list[Any]:
    TestClient(app).get("/ok")
    nodes, node = [], app.middleware_stack
    while node is not None and node is not app.router:
        nodes.append(node)
        node = getattr(node, "app", None)
    return nodes


def test_install_adds_no_layer() -> None:
    """With install(), a request passes as many layers as without httpfault: the
    ExceptionMiddleware's place is taken by one layer that keeps its handlers."""
    plain = _stack(Starlette(routes=list(ROUTES)))
    app = Starlette(routes=list(ROUTES))
    install(app)
    ours = _stack(app)
    assert len(ours) == len(plain)
    assert isinstance(ours[-1], HandlingLayer)
    assert isinstance(plain[-1], ExceptionMiddleware)


def test_status_handler_of_the_app_answers_router_errors() -> None:
    """A status handler the app registered (async or sync, even partial) answers the
    router's 404 as Starlette would, while endpoint errors stay httpfault's."""

    async def mine(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("mine", status_code=404)

    def sync_mine(request: Request, exc: Exception, *, text: str) -> Response:
        return PlainTextResponse(text, status_code=405)

    handlers: dict[Any, Any] = {404: mine, 405: functools.partial(sync_mine, text="sync")}
    app = Starlette(routes=list(ROUTES), exception_handlers=handlers)
    install(app)
    client = TestClient(app)
    assert client.get("/missing").text == "mine"
    assert client.post("/ok").text == "sync"
    assert_rendered(client.get("/conflict", headers=HDR), Conflict("Email already registered"),
                    path="/conflict")  # fmt: skip


def test_failing_handler_is_answered_by_httpfault(caplog: pytest.LogCaptureFixture) -> None:
    """An app handler that raises: an HTTPError it raises is answered as such, anything
    else as a safe 500, logged once."""

    async def forbid(request: Request, exc: Exception) -> Response:
        raise Forbidden("not for you")

    async def broken(request: Request, exc: Exception) -> Response:
        raise RuntimeError("handler broke")

    app = Starlette(routes=list(ROUTES), exception_handlers={404: forbid, 405: broken})
    install(app)
    client = TestClient(app, raise_server_exceptions=False)
    assert_rendered(client.get("/missing", headers=HDR), Forbidden("not for you"), path="/missing")
    with caplog.at_level(logging.ERROR):
        response = client.post("/ok", headers=HDR)
    assert_rendered(response, InternalServerError(), method="POST", path="/ok")
    assert [str(r.exc_info[1]) for r in caplog.records if r.exc_info] == ["handler broke"]


def test_handler_answering_nothing_sends_nothing() -> None:
    """A handler returning None sends nothing, as with Starlette's ExceptionMiddleware."""

    async def silent(request: Request, exc: Exception) -> None:
        return None

    handlers: dict[Any, Any] = {404: silent}
    app = Starlette(routes=list(ROUTES), exception_handlers=handlers)
    install(app)
    app.middleware_stack = app.build_middleware_stack()
    sent = _call(app, "/missing")
    assert sent == []


def test_handler_failing_after_its_response_started_sends_no_second_response(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An app handler whose response fails after its start: the error is logged once and
    nothing more is sent (the server then closes the connection)."""

    class Broken(Response):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"partial", "more_body": True})
            raise RuntimeError("stream broke")

    async def streamed(request: Request, exc: Exception) -> Response:
        return Broken()

    handlers: dict[Any, Any] = {404: streamed}
    app = Starlette(routes=list(ROUTES), exception_handlers=handlers)
    install(app)
    app.middleware_stack = app.build_middleware_stack()
    with caplog.at_level(logging.ERROR):
        sent = _call(app, "/missing")
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [404]
    assert b"".join(m.get("body", b"") for m in sent) == b"partial"
    assert [str(r.exc_info[1]) for r in caplog.records if r.exc_info] == ["stream broke"]


@_NEEDS_BODY_LIMIT
def test_body_limit_signal_passes_through() -> None:
    """Starlette's body-limit signal, raised by a route or by a handler, reaches the
    limiter outside untouched."""
    signal = SIGNALS[0]

    async def raises(request: Request) -> Response:
        raise signal()

    async def handler_raises(request: Request, exc: Exception) -> Response:
        raise signal()

    routes = [Route("/signal", raises), *ROUTES]
    app = Starlette(routes=routes, exception_handlers={404: handler_raises})
    install(app)
    app.middleware_stack = app.build_middleware_stack()
    layer = _stack_of(app)[-1]
    assert isinstance(layer, HandlingLayer)
    for path in ("/signal", "/missing"):
        with pytest.raises(signal):
            _call(layer, path, owner=app)


def test_middleware_appended_by_hand_gets_a_separate_layer() -> None:
    """When something sits between install()'s entry and the ExceptionMiddleware, the
    ErrorMiddleware layer is used instead, with the same answers."""

    class Passthrough:
        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await self.app(scope, receive, send)

    app = Starlette(routes=list(ROUTES))
    install(app)
    app.user_middleware.append(Middleware(Passthrough))
    client = TestClient(app)
    assert_rendered(client.get("/conflict", headers=HDR), Conflict("Email already registered"),
                    path="/conflict")  # fmt: skip
    assert_rendered(client.get("/missing", headers=HDR), NotFound(), path="/missing")
    assert any(isinstance(node, ErrorMiddleware) for node in _stack_of(app))


@_NEEDS_BODY_LIMIT
def test_error_middleware_alone_passes_lifespan_and_signal() -> None:
    """add_middleware(ErrorMiddleware): lifespan scopes pass through, and the body-limit
    signal reaches the limiter untouched (its streamed 413 is answered in the contract)."""
    from collections.abc import AsyncIterator, Iterator
    from contextlib import asynccontextmanager

    from httpfault import ContentTooLarge

    started: list[bool] = []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        started.append(True)
        yield

    async def echo(request: Request) -> Response:
        return JSONResponse({"n": len(await request.body())})

    def chunks() -> Iterator[bytes]:
        yield b"x" * 60
        yield b"x" * 60

    routes = [Route("/echo", echo, methods=["POST"])]
    app = Starlette(routes=routes, lifespan=lifespan, max_body_size=100)
    app.add_middleware(ErrorMiddleware)
    with TestClient(app) as client:
        response = client.post("/echo", content=chunks(), headers=HDR)
        declared = client.post("/echo", content=b"x" * 200, headers=HDR)
    assert started == [True]
    assert (declared.status_code, declared.text) == (413, "Content Too Large")
    assert_rendered(response, ContentTooLarge(), method="POST", path="/echo")


def test_config_reaches_the_layer() -> None:
    """The layer answers with the installed config (problem format here)."""
    cfg = Config(format="problem")
    app = Starlette(routes=list(ROUTES))
    install(app, cfg)
    response = TestClient(app).get("/missing", headers=HDR)
    assert_rendered(response, NotFound(), cfg, path="/missing")


def _stack_of(app: Starlette) -> list[Any]:
    nodes, node = [], app.middleware_stack
    while node is not None and node is not app.router:
        nodes.append(node)
        node = getattr(node, "app", None)
    return nodes


def _call(app: Any, path: str, owner: Starlette | None = None) -> list[dict[str, Any]]:
    import asyncio

    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": b"", "headers": [], "client": ("127.0.0.1", 1), "server": ("t", 80),
    }  # fmt: skip
    if owner is not None:  # as Starlette.__call__ does; the router raises its 404 then
        scope["app"] = owner
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent
