"""The example apps served for real (uvicorn, gunicorn), one per framework and version."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.servers import Server, gunicorn, uvicorn

from .helpers import JSON, Answer, record

USER = b'{"name": "Ada", "email": "ada@example.com"}'
TAKEN = b'{"name": "Alice", "email": "alice@example.com"}'


@dataclass(frozen=True)
class Example:
    """One example app: how to serve it, where its document is, what provokes errors."""

    name: str
    start: Any
    document_path: str
    requests: list[tuple[str, str, str, bytes | None, str]]


FASTAPI = Example(
    "fastapi",
    lambda env: uvicorn("examples.fastapi_app:app", env=env, ready_path="/health"),
    "/openapi.json",
    [
        ("POST", "/users", "/users", USER, JSON),
        ("POST", "/users", "/users", USER, JSON),  # 409 email_taken
        ("POST", "/users", "/users", b'{"name": ', JSON),  # 400
        ("POST", "/users", "/users", b'{"name": ""}', JSON),  # 422
        ("GET", "/users/999", "/users/{user_id}", None, ""),
        ("GET", "/users/abc", "/users/{user_id}", None, ""),
        ("DELETE", "/users/999", "/users/{user_id}", None, ""),
        ("GET", "/items/999", "/items/{item_id}", None, ""),
        *[("GET", "/search?q=x", "/search", None, "")] * 6,  # the sixth is a 429
        ("GET", "/stats", "/stats", None, ""),  # 500
    ],
)
DRF = Example(
    "drf",
    lambda env: gunicorn(
        "examples.django_app.wsgi:application",
        workers=1,
        env={"DJANGO_SETTINGS_MODULE": "examples.django_app.settings", **env},
        ready_path="/health",
    ),
    "/drf/openapi.json",
    [
        ("POST", "/drf/users", "/drf/users", TAKEN, JSON),  # 409 email_taken
        ("POST", "/drf/users", "/drf/users", b'{"name": ', JSON),  # 400
        ("POST", "/drf/users", "/drf/users", b"name=x", "text/plain"),  # 415
        ("POST", "/drf/users", "/drf/users", b'{"email": "x"}', JSON),  # 422
        ("PUT", "/drf/users", "/drf/users", None, ""),  # 405
        ("GET", "/drf/users/999", "/drf/users/{user_id}", None, ""),
        ("DELETE", "/drf/users/999", "/drf/users/{user_id}", None, ""),
        ("POST", "/drf/items", "/drf/items", b'{"price_cents": -1}', JSON),
        ("GET", "/drf/items/search", "/drf/items/search", None, ""),  # 429
        ("GET", "/drf/private", "/drf/private", None, ""),  # 401
        ("GET", "/drf/boom", "/drf/boom", None, ""),  # 500
    ],
)
SMOREST = Example(
    "flask-smorest",
    lambda env: gunicorn(
        "examples.flask_smorest_app:app", workers=1, env=env, ready_path="/openapi.json"
    ),
    "/openapi.json",
    [
        ("POST", "/users", "/users", USER, JSON),
        ("POST", "/users", "/users", USER, JSON),  # 409 email_taken, with its member
        ("POST", "/users", "/users", b'{"name": ', JSON),  # 400
        ("POST", "/users", "/users", b'{"name": "", "extra": 1}', JSON),  # 422
        ("PUT", "/users", "/users", None, ""),  # 405
        ("GET", "/users/999", "/users/{user_id}", None, ""),
        ("DELETE", "/users/999", "/users/{user_id}", None, ""),
        ("GET", "/items?q=" + "x" * 101, "/items", None, ""),  # 422 in the query
    ],
)
LITESTAR = Example(
    "litestar",
    lambda env: uvicorn("examples.litestar_app:app", env=env, ready_path="/health"),
    "/schema/openapi.json",
    [
        ("POST", "/users", "/users", USER, JSON),
        ("POST", "/users", "/users", USER, JSON),  # 409 email_taken
        ("POST", "/users", "/users", b'{"name": ', JSON),  # 400
        ("POST", "/users", "/users", b"name=x", "text/plain"),  # 415
        ("POST", "/users", "/users", b'{"name": ""}', JSON),  # 422
        ("GET", "/users/999", "/users/{user_id}", None, ""),
        ("GET", "/users/0", "/users/{user_id}", None, ""),  # 422 in the path
        ("DELETE", "/users/999", "/users/{user_id}", None, ""),
        ("GET", "/items/999", "/items/{item_id}", None, ""),
        *[("GET", "/search?q=x", "/search", None, "")] * 6,  # the sixth is a 429
        ("GET", "/stats", "/stats", None, ""),  # 500
    ],
)
NINJA = Example(
    "ninja",
    lambda env: gunicorn(
        "examples.django_app.wsgi:application",
        workers=1,
        env={"DJANGO_SETTINGS_MODULE": "examples.django_app.settings", **env},
        ready_path="/health",
    ),
    "/ninja/openapi.json",
    [
        ("POST", "/ninja/users", "/ninja/users", USER, JSON),
        ("POST", "/ninja/users", "/ninja/users", USER, JSON),  # 409 email_taken
        ("POST", "/ninja/users", "/ninja/users", b'{"name": ', JSON),  # 400
        ("POST", "/ninja/users", "/ninja/users", b"name=x", "text/plain"),  # 415
        ("POST", "/ninja/users", "/ninja/users", b'{"email": "x"}', JSON),  # 422
        ("GET", "/ninja/users/999", "/ninja/users/{user_id}", None, ""),
        ("GET", "/ninja/users/abc", "/ninja/users/{user_id}", None, ""),  # 422 in the path
        ("DELETE", "/ninja/users/999", "/ninja/users/{user_id}", None, ""),
        *[("GET", "/ninja/items/search?q=x", "/ninja/items/search", None, "")] * 6,  # 429
        ("GET", "/ninja/private", "/ninja/private", None, ""),  # 401
        ("GET", "/ninja/boom", "/ninja/boom", None, ""),  # 500
    ],
)
EXAMPLES = {"fastapi-3.1": (FASTAPI, "3.1.0"), "litestar-3.1": (LITESTAR, "3.1.0"),
            "ninja-3.1": (NINJA, "3.1.0"), "drf-3.1": (DRF, "3.1.0"),
            "drf-3.0": (DRF, "3.0.3"), "flask-smorest-3.1": (SMOREST, "3.1.0"),
            "flask-smorest-3.0": (SMOREST, "3.0.3")}  # fmt: skip


@dataclass
class Served:
    """A running example: its server, document and the error answers recorded from it."""

    example: Example
    server: Server
    document: dict[str, Any]
    answers: list[Answer]


def _send(server: Server) -> Any:
    def send(
        method: str, url: str, headers: Mapping[str, str], body: bytes | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        response = httpx.request(method, server.url + url, headers=dict(headers), content=body,
                                 timeout=20.0)  # fmt: skip
        return response.status_code, dict(response.headers), response.content

    return send


@pytest.fixture(scope="session", params=sorted(EXAMPLES))
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    example, version = EXAMPLES[request.param]
    with example.start({"OAS_VERSION": version}) as server:
        document = httpx.get(server.url + example.document_path, timeout=20.0).json()
        answers = list(record(_send(server), example.requests))
        yield Served(example, server, document, answers)
