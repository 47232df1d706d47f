"""CORS headers on every error response, whichever order CORS and httpfault were added in."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from httpfault import Config, Conflict, InternalServerError, NotFound, Unauthorized
from httpfault.adapters.starlette import ErrorMiddleware, install

from .apps import ORIGIN, ROUTES, AuthMiddleware, make_app
from .helpers import RID, TestClient, assert_rendered

HEADERS = {"origin": ORIGIN, "x-request-id": RID}
MW_ERROR = Unauthorized("Token expired", www_authenticate='Bearer error="invalid_token"')


def _cors(app: Starlette) -> None:
    app.add_middleware(CORSMiddleware, allow_origins=[ORIGIN], expose_headers=["X-Request-ID"])


def _middleware_before_cors() -> Starlette:
    app = Starlette(routes=list(ROUTES))
    app.add_middleware(AuthMiddleware)
    app.add_middleware(ErrorMiddleware, config=Config())
    _cors(app)
    return app


def _middleware_after_cors() -> Starlette:
    app = Starlette(routes=list(ROUTES))
    app.add_middleware(AuthMiddleware)
    _cors(app)
    app.add_middleware(ErrorMiddleware, config=Config())
    return app


def _install_first_cors_in_constructor() -> Starlette:
    from starlette.middleware import Middleware

    app = Starlette(
        routes=list(ROUTES),
        middleware=[
            Middleware(CORSMiddleware, allow_origins=[ORIGIN], expose_headers=["X-Request-ID"]),
            Middleware(AuthMiddleware),
        ],
    )
    install(app)
    return app


SETUPS: dict[str, Callable[[], Starlette]] = {
    "install() after add_middleware(CORS)": lambda: make_app(Config(), order="cors-first"),
    "install() before add_middleware(CORS)": lambda: make_app(Config(), order="install-first"),
    "CORS in the constructor, then install()": _install_first_cors_in_constructor,
    "ErrorMiddleware added before CORS": _middleware_before_cors,
    "ErrorMiddleware added after CORS": _middleware_after_cors,
}
CASES = [
    ("/conflict", Conflict("Email already registered")),
    ("/crash", InternalServerError()),
    ("/nowhere", NotFound()),
    ("/mw-error", MW_ERROR),
    ("/mw-crash", InternalServerError()),
]


@pytest.mark.parametrize("setup", SETUPS, ids=list(SETUPS))
@pytest.mark.parametrize(("path", "error"), CASES, ids=[c[0] for c in CASES])
def test_error_responses_carry_cors_headers(
    setup: str, path: str, error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    """Every error (500 included, errors of other middleware too) has the CORS headers."""
    client = TestClient(SETUPS[setup](), raise_server_exceptions=False)
    with caplog.at_level(logging.CRITICAL):
        response = client.get(path, headers=HEADERS)
    assert response.headers.get("access-control-allow-origin") == ORIGIN, dict(response.headers)
    assert response.headers.get("access-control-expose-headers") == "X-Request-ID"
    assert_rendered(response, error, path=path, headers=HEADERS)  # type: ignore[arg-type]


@pytest.mark.parametrize("setup", SETUPS, ids=list(SETUPS))
def test_success_untouched_and_foreign_origin_gets_no_cors(setup: str) -> None:
    """Success responses are left alone; an origin CORS refuses gets no CORS headers."""
    client = TestClient(SETUPS[setup]())
    ok = client.get("/health", headers=HEADERS)
    assert ok.json() == {"status": "ok"}
    assert "x-request-id" not in ok.headers
    other = client.get("/conflict", headers={"origin": "https://evil.example"})
    assert other.status_code == 409
    assert "access-control-allow-origin" not in other.headers


def test_late_middleware_errors_reach_the_server_but_answer_the_contract() -> None:
    """Middleware added after install() is outside httpfault: Starlette re-raises its
    errors to the server, but the response body is still the contract's."""
    app = Starlette(routes=list(ROUTES))
    install(app)
    app.add_middleware(AuthMiddleware)
    with pytest.raises(Unauthorized):
        TestClient(app).get("/mw-error", headers=HEADERS)
    response = TestClient(app, raise_server_exceptions=False).get("/mw-error", headers=HEADERS)
    assert_rendered(response, MW_ERROR, path="/mw-error", headers=HEADERS)


def test_own_500_handler_is_kept() -> None:
    """An app's own 500 handler is not replaced by the last-resort handler."""

    def mine(request: object, exc: Exception) -> None:  # pragma: no cover - never reached
        return None

    app = Starlette(exception_handlers={500: mine})
    install(app)
    assert app.exception_handlers[500] is mine
    assert Exception not in app.exception_handlers
