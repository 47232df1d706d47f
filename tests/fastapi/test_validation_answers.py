"""Validation answers kept rendered: the same bytes as the general path, request by request."""

from __future__ import annotations

import logging
from typing import Any, Literal

import pytest
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from httpfault import Config, HTTPError, RequestInfo
from httpfault._answers import MAX_ANSWER_SIZE
from httpfault._template import _RID as STAND_IN
from httpfault._template import Template
from httpfault.adapters.fastapi import ErrorMiddleware, install
from tests.starlette.helpers import TestClient


class Order(BaseModel):
    kind: Literal["a", "b"]
    count: int


def _build(config: Config) -> FastAPI:
    app = FastAPI()

    @app.api_route("/items/{item_id}", methods=["GET", "HEAD"])
    async def item(item_id: int, q: str) -> dict[str, Any]:
        return {"id": item_id, "q": q}

    @app.post("/orders/{shop}")
    async def order(shop: str, body: Order) -> Order:
        return body

    @app.get("/raise/{name}")
    async def by_hand(name: str, size: int = 1) -> None:
        detail = {"type": "missing", "loc": ("query", name * size), "msg": "Field required"}
        raise RequestValidationError([detail])

    @app.get("/odd/{kind}")
    async def odd(kind: str) -> None:
        details: dict[str, list[Any]] = {
            "strings": ["not a dict"],
            "unhashable": [{"type": "missing", "loc": ("query", ["x"]), "msg": "m"}],
            "malformed": [{"type": "json_invalid", "loc": ("body", 1), "msg": "bad JSON"}],
            "stand-in": [{"type": "missing", "loc": ("query", STAND_IN), "msg": "m"}],
            "int-loc": [{"type": "missing", "loc": ("query", 1), "msg": "m"}],
            "bool-loc": [{"type": "missing", "loc": ("query", True), "msg": "m"}],
        }
        raise RequestValidationError(details[kind])

    install(app, config)
    return app


def _uncached(config: Config) -> Config:
    """The same config with no cache: every error rendered afresh."""
    return config.replace(cache_bytes=0)


def _answers(client: TestClient) -> Any:
    """The cache of rendered answers of the installed config (None where there is none)."""
    if client.app.middleware_stack is None:  # type: ignore[attr-defined]
        client.get("/items/1?q=built")  # the app builds its middleware on its first request
    layer: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while layer is not None:
        errors = getattr(layer, "errors", layer)
        if isinstance(errors, ErrorMiddleware):
            return errors.config._cache
        layer = getattr(layer, "app", None)
    raise AssertionError("httpfault is not installed")


def _prepared(cache: Any) -> list[object]:
    """The answers kept rendered (not the keys seen once, or never kept)."""
    return [v for v in cache.values() if isinstance(v, Template)]


REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/items/abc", {}),
    ("GET", "/items/1?q=x", {}),  # a 200: untouched
    ("GET", "/items/x%20y/../%zz", {}),
    ("HEAD", "/items/abc", {}),
    ("POST", "/orders/s1", {"json": {"kind": "c", "count": "many"}}),
    ("POST", "/orders/s%2F2", {"json": {"kind": "secret-value"}}),
    ("POST", "/orders/s3", {"json": [1, 2]}),
    ("POST", "/orders/s4", {"content": b"{", "headers": {"content-type": "application/json"}}),
    ("GET", "/odd/strings", {}),
    ("GET", "/odd/unhashable", {}),
    ("GET", "/odd/malformed", {}),
    ("GET", "/odd/stand-in", {}),  # cannot be templated: rendered every time
    ("GET", "/odd/int-loc", {}),
    ("GET", "/odd/bool-loc", {}),  # equal to the int's key, but another pointer: not kept
]
FORMATS: list[tuple[Config, dict[str, str]]] = [
    (Config(), {}),
    (Config(format="problem", type_base="https://errors.example/"), {}),
    (Config(format="auto"), {"accept": "application/problem+json"}),
    (Config(format="auto"), {"accept": "application/json"}),
    (Config(request_id_header=None), {}),
    (Config(request_id_header="X-Trace", validation_status=400), {"x-trace": "t-1"}),
]


@pytest.mark.parametrize(("config", "headers"), FORMATS)
def test_kept_answers_are_the_general_paths_bytes(config: Config, headers: dict[str, str]) -> None:
    """Each request, first or repeated, answers exactly what the general path answers."""
    kept = TestClient(_build(config), raise_server_exceptions=False)
    general = TestClient(_build(_uncached(config)), raise_server_exceptions=False)
    assert _answers(general) is None
    for method, path, extra in REQUESTS:
        sent = {"x-request-id": "req-42", **headers, **extra.pop("headers", {})}
        for attempt in range(3):  # rendered, kept, answered from what was kept
            ours = kept.request(method, path, headers=sent, **extra)
            theirs = general.request(method, path, headers=sent, **extra)
            where = (method, path, attempt)
            assert ours.status_code == theirs.status_code, where
            assert ours.content == theirs.content, where
            assert ours.headers.items() == theirs.headers.items(), where
    assert "secret-value" not in ours.text
    assert 0 < len(_prepared(_answers(kept))) < len(REQUESTS)


def test_each_request_gets_its_own_request_id() -> None:
    """A kept answer carries each request's own id, sent or made, in header and body."""
    client = TestClient(_build(Config()))
    first, second = client.get("/items/abc"), client.get("/items/abc")
    ids = [r.headers["x-request-id"] for r in (first, second)]
    assert ids[0] != ids[1]
    assert [r.json()["error"]["request_id"] for r in (first, second)] == ids
    echoed = client.get("/items/abc", headers={"x-request-id": "mine-1"})
    assert echoed.json()["error"]["request_id"] == "mine-1"
    assert echoed.headers["content-length"] == str(len(echoed.content))
    problem = TestClient(_build(Config(format="problem")))
    assert problem.get("/items/abc").json()["instance"] == "/items/abc"
    assert problem.get("/items/a%20b").json()["instance"] == "/items/a%20b"


def test_kept_answers_are_bounded_by_bytes() -> None:
    """The cache holds at most its byte limit, and no answer over MAX_ANSWER_SIZE bytes."""
    config = Config(cache_bytes=20_000)
    client = TestClient(_build(config))
    answers = _answers(client)
    for index in range(60):
        for _ in range(2):  # kept the second time
            assert client.get(f"/raise/n{index}").status_code == 422
        assert answers.size <= config.cache_bytes
    assert 0 < len(_prepared(answers)) < 60  # the oldest went first
    answers.clear()
    for _ in range(3):
        large = client.get("/raise/x", params={"size": 300})
        assert large.status_code == 422
    assert _prepared(answers) == []  # a field name over the key's bound: never kept
    assert large.json()["error"]["errors"][0]["pointer"] == "#/" + "x" * 300
    answers.clear()
    for _ in range(3):
        assert client.get("/raise/y", params={"size": 20}).status_code == 422
    assert len(_prepared(answers)) == 1
    assert len(client.get("/raise/y", params={"size": 20}).content) < MAX_ANSWER_SIZE


def test_an_answer_is_kept_the_second_time() -> None:
    """Errors that never repeat are rendered, not kept: only a repeated one is."""
    client = TestClient(_build(Config()))
    answers = _answers(client)
    answers.clear()
    client.get("/raise/once")
    assert _prepared(answers) == []
    client.get("/raise/twice")
    client.get("/raise/twice")
    assert len(_prepared(answers)) == 1


def test_kept_answers_are_logged_once_per_request(caplog: pytest.LogCaptureFixture) -> None:
    """With 4xx logging enabled, every request's 422 is logged, kept answer or not."""
    client = TestClient(_build(Config(logger_name="httpfault.kept")))
    with caplog.at_level(logging.INFO, logger="httpfault.kept"):
        for rid in ("r-1", "r-2", "r-3"):  # rendered, kept, answered from what was kept
            client.get("/items/abc", headers={"x-request-id": rid})
    records = [r for r in caplog.records if r.name == "httpfault.kept"]
    assert [r.getMessage() for r in records] == [
        f"GET /items/abc -> 422 Unprocessable Content (request_id={rid})"
        for rid in ("r-1", "r-2", "r-3")
    ]
    assert all(r.levelno == logging.INFO and r.exc_info is None for r in records)


@pytest.mark.parametrize(
    "config",
    [
        Config(debug=True),
        Config(formatter=lambda error, body, request: {**body, "seen": request is not None}),
        Config(cache_bytes=0),
    ],
    ids=["debug", "formatter", "off"],
)
def test_nothing_is_kept_where_the_body_is_more_than_its_facts(config: Config) -> None:
    """With debug or a formatter (the body depends on more than the error), or the cache
    turned off, no answer is kept."""
    client = TestClient(_build(config))
    assert client.get("/items/abc").status_code == 422
    assert _answers(client) is None


def test_hooks_see_every_validation_error() -> None:
    """Every request reaches the on_error hooks, with its own request."""
    seen: list[tuple[HTTPError, RequestInfo | None]] = []
    client = TestClient(_build(Config(on_error=(lambda e, r: seen.append((e, r)),))))
    for _ in range(3):
        client.get("/items/abc")
    assert [(e.status, r and r.path) for e, r in seen] == [(422, "/items/abc")] * 3
    assert len(_prepared(_answers(client))) == 1  # hooks and kept answers go together
