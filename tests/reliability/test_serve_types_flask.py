"""Flask: ``HTTPFault(app, config, serve_types=[...])`` serves each problem type's page."""

from __future__ import annotations

import pytest
from flask import Flask

import httpfault
from httpfault import Config, RequestInfo, render
from httpfault.adapters.flask import HTTPFault
from tests.reliability.problem_types import PAGES, TYPES, EmailTaken, NoTypeOfItsOwn, assert_page


def make(**kwargs: object) -> Flask:
    app = Flask("serve_types")

    @app.post("/users")
    def users() -> None:
        raise EmailTaken("Email already registered")

    HTTPFault(app, Config(), **kwargs)  # type: ignore[arg-type]
    return app


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_served(path: str) -> None:
    """GET on each type's path is its HTML page; HEAD has no body."""
    client = make(serve_types=TYPES).test_client()
    response = client.get(path)
    assert_page(response.status_code, response.headers["Content-Type"], response.data,
                PAGES[path])  # fmt: skip
    head = client.head(path)
    assert head.status_code == 200
    assert head.data == b""


def test_other_methods_and_default_off() -> None:
    """POST on a page is the contract's 405; without serve_types the path is a 404."""
    client = make(serve_types=TYPES).test_client()
    refused = client.post("/problems/out-of-credit", headers={"X-Request-ID": "r1"})
    want = render(httpfault.MethodNotAllowed(allow=["GET", "HEAD", "OPTIONS"]), Config(),
                  RequestInfo("POST", "/problems/out-of-credit", {"X-Request-ID": "r1"}))  # fmt: skip
    assert refused.status_code == 405
    assert refused.data == want.body
    assert make().test_client().get("/problems/email-taken").status_code == 404


def test_init_app_on_two_apps() -> None:
    """One extension, two apps: both serve the pages (endpoints do not clash)."""
    ext = HTTPFault(serve_types=TYPES)
    first, second = Flask("first"), Flask("second")
    ext.init_app(first)
    ext.init_app(second)
    for app in (first, second):
        assert app.test_client().get("/problems/email-taken").status_code == 200


def test_type_base_from_app_config() -> None:
    """A class without its own type is served under the app's type_base."""
    app = Flask("base")
    app.config["HTTPFAULT"] = {"type_base": "https://example.com/errors/"}
    HTTPFault(app, serve_types=[NoTypeOfItsOwn])
    response = app.test_client().get("/errors/no_type")
    assert response.status_code == 200
    assert b"https://example.com/errors/no_type" in response.data


def test_bad_serve_types_refused() -> None:
    """serve_types=True is a TypeError at once; a class with no type a ValueError."""
    with pytest.raises(TypeError, match="serve_types takes"):
        HTTPFault(serve_types=True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no problem type URI"):
        make(serve_types=[NoTypeOfItsOwn])
