"""Flask-Limiter's 429 answers in the contract, its headers kept (the real library)."""

from __future__ import annotations

import json

import httpx
import pytest
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from httpfault import RateLimit, TooManyRequests
from httpfault import client as httpfault_client
from httpfault.adapters.flask import HTTPFault
from httpfault.testing import assert_conforms, assert_error
from tests.servers import gunicorn

from .conftest import RID


def make_app(*, headers_enabled: bool = True) -> tuple[Flask, Limiter]:
    app = Flask("httpfault_limiter_tests")
    HTTPFault(app)
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://",
                      headers_enabled=headers_enabled)  # fmt: skip

    @app.get("/items")
    @limiter.limit("2 per minute")
    def items() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/quiet")
    @limiter.limit("1 per minute", error_message="Slow down, please.")
    def quiet() -> dict[str, bool]:
        return {"ok": True}

    return app, limiter


def test_limit_exceeded_answers_in_the_contract_with_its_headers() -> None:
    """The third request is a 429 in the contract, with Flask-Limiter's headers and ours."""
    app, _ = make_app()
    http = app.test_client()
    assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
    response = http.get("/items", headers={"X-Request-ID": RID})
    assert_error(response, TooManyRequests)
    assert_conforms(response)
    body = json.loads(response.data)["error"]
    assert body["message"] == TooManyRequests.default_detail  # not "2 per 1 minute"
    assert body["request_id"] == RID
    # Flask-Limiter's own headers, added by its after_request hook, are kept.
    assert response.headers["X-RateLimit-Limit"] == "2"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    # The limit that was hit, as the IETF RateLimit-Policy field.
    assert response.headers["RateLimit-Policy"] == '"2 per 1 minute";q=2;w=60'
    error = httpfault_client.error_from_response(response)
    assert isinstance(error, TooManyRequests)
    assert error.ratelimit == (RateLimit("2 per 1 minute", quota=2, window=60),)
    assert error.retry_after == int(response.headers["Retry-After"])


def test_own_error_message_is_the_detail() -> None:
    """A limit's own ``error_message`` is sent as the detail."""
    app, _ = make_app(headers_enabled=False)
    http = app.test_client()
    assert http.get("/quiet").status_code == 200
    response = http.get("/quiet")
    assert_error(response, TooManyRequests)
    assert json.loads(response.data)["error"]["message"] == "Slow down, please."
    assert "X-RateLimit-Limit" not in response.headers
    assert response.headers["RateLimit-Policy"] == '"1 per 1 minute";q=1;w=60'


@pytest.mark.server
def test_limit_exceeded_on_a_real_server() -> None:
    """Under gunicorn (one worker: the limiter counts in its memory), the same 429."""
    with (
        gunicorn("tests.flask.limiter_app:app", workers=1, ready_path="/health") as server,
        httpx.Client(base_url=server.url, timeout=10.0) as http,
    ):
        assert [http.get("/items").status_code for _ in range(2)] == [200, 200]
        response = http.get("/items")
    assert_error(response, TooManyRequests)
    assert_conforms(response)
    assert response.headers["X-RateLimit-Limit"] == "2"
    assert response.headers["RateLimit-Policy"] == '"2 per 1 minute";q=2;w=60'
    assert 1 <= int(response.headers["Retry-After"]) <= 60
