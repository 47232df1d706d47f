"""Errors Django answers outside views: other middleware, the URL resolver, CSRF, DEBUG."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings

import httpfault
from httpfault import Config
from httpfault.adapters import django as adapter
from tests.django.helpers import HEADERS, assert_rendered

EXPECTED = {
    "conflict": httpfault.Conflict("Raised in middleware"),
    "http404": httpfault.NotFound(),
    "forbidden": httpfault.Forbidden(),
    "suspicious": httpfault.BadRequest(),
    "bad": httpfault.BadRequest(),
    "boom": httpfault.InternalServerError(),
}


def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize("what", sorted(EXPECTED))
def test_errors_in_inner_middleware(what: str, debug: bool) -> None:
    """Exceptions raised by middleware listed after ErrorMiddleware answer in the contract,
    with DEBUG off (through the error views) and on (instead of Django's technical pages)."""
    with override_settings(DEBUG=debug):
        response = client().get("/ok", headers={"X-Raise-Inner": what})
    assert_rendered(response, EXPECTED[what], path="/ok")


@pytest.mark.parametrize("what", sorted(EXPECTED))
def test_errors_in_outer_middleware(what: str) -> None:
    """Exceptions raised by middleware listed before ErrorMiddleware reach the error views."""
    response = client().get("/ok", headers={"X-Raise-Outer": what})
    assert_rendered(response, EXPECTED[what], path="/ok")


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_unhandled_in_middleware_logged_once(debug: bool, caplog: pytest.LogCaptureFixture) -> None:
    """An exception in other middleware is logged once, with its traceback, DEBUG or not."""
    with override_settings(DEBUG=debug), caplog.at_level(logging.INFO):
        response = client().get("/ok", headers={"X-Raise-Inner": "boom"})
    assert response.status_code == 500
    assert b"secret" not in response.content
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert isinstance(records[0].exc_info[1], RuntimeError)


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_routing_404(debug: bool, caplog: pytest.LogCaptureFixture) -> None:
    """An unknown URL is NotFound() (catalogue message), logged once, DEBUG or not."""
    with override_settings(DEBUG=debug), caplog.at_level(logging.INFO, logger="django.request"):
        response = client().get("/no/such/page")
    assert_rendered(response, httpfault.NotFound(), path="/no/such/page")
    assert len([r for r in caplog.records if r.name == "django.request"]) == 1


def test_routing_404_without_handler404() -> None:
    """The middleware converts the routing 404 even when handler404 is Django's."""
    with override_settings(ROOT_URLCONF="tests.django.urls_plain"):
        response = client().get("/missing")
    assert_rendered(response, httpfault.NotFound(), path="/missing")


def test_middleware_errors_without_handlers_debug_off() -> None:
    """Without handler500, an exception in other middleware is still answered (as a 500)."""
    with override_settings(ROOT_URLCONF="tests.django.urls_plain"):
        response = client().get("/ok", headers={"X-Raise-Inner": "conflict"})
    assert_rendered(response, httpfault.Conflict("Raised in middleware"), path="/ok")


def test_csrf_failure_is_forbidden(caplog: pytest.LogCaptureFixture) -> None:
    """CSRF_FAILURE_VIEW: a bare Forbidden(); Django logs the reason on django.security.csrf."""
    csrf_client = Client(enforce_csrf_checks=True, headers=HEADERS)
    with caplog.at_level(logging.INFO):
        response = csrf_client.post("/csrf", data={"a": "1"})
    assert_rendered(response, httpfault.Forbidden(), method="POST", path="/csrf")
    assert b"CSRF" not in response.content
    records = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.name for r in records] == ["django.security.csrf"]
    assert "CSRF cookie not set" in records[0].getMessage()


def test_csrf_failure_on_excluded_path_is_djangos() -> None:
    """On a path httpfault does not convert, the CSRF failure page is Django's."""
    request = RequestFactory().post("/html/form")
    response = adapter.csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("view", "status"),
    [(adapter.handler400, 400), (adapter.handler403, 403), (adapter.handler404, 404)],
)
def test_error_views_without_exception(view: object, status: int) -> None:
    """The error views answer in the contract when called without an exception too."""
    response = view(RequestFactory().get("/x", headers=HEADERS))  # type: ignore[operator]
    assert response.status_code == status
    assert json.loads(response.content)["error"]["status"] == status


def test_handler500_outside_an_exception() -> None:
    """handler500 called outside an exception answers a plain InternalServerError."""
    response = adapter.handler500(RequestFactory().get("/x", headers=HEADERS))
    assert_rendered(response, httpfault.InternalServerError(), path="/x")


@pytest.mark.parametrize(
    ("view", "status"),
    [
        (adapter.handler400, 400),
        (adapter.handler403, 403),
        (adapter.handler404, 404),
        (adapter.handler500, 500),
    ],
)
def test_error_views_on_excluded_paths_are_djangos(view: object, status: int) -> None:
    """On excluded paths the error views hand over to Django's default views (HTML)."""
    response = view(RequestFactory().get("/html/x"))  # type: ignore[operator]
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")


def test_debug_on_with_httpfault_debug_has_debug_member() -> None:
    """DEBUG = True plus HTTPFAULT DEBUG: the debug member names the original exception."""
    with override_settings(DEBUG=True, HTTPFAULT={"debug": True}):
        response = client().get("/ok", headers={"X-Raise-Inner": "boom"})
    body = json.loads(response.content)["error"]
    assert body["debug"]["exception"] == "builtins.RuntimeError"
    assert response.status_code == 500


def test_debug_on_excluded_path_keeps_technical_page() -> None:
    """With DEBUG = True, excluded paths still get Django's technical 500 page."""
    with override_settings(DEBUG=True):
        response = client().get("/html/boom")
    assert response.status_code == 500
    assert b"RuntimeError" in response.content


def test_same_bytes_in_problem_format_outside_views() -> None:
    """Errors outside views follow the configured format too."""
    with override_settings(HTTPFAULT={"FORMAT": "problem"}):
        response = client().get("/missing")
    assert_rendered(
        response, httpfault.NotFound(), path="/missing", config=Config(format="problem")
    )


def test_recording_outside_converted_requests_is_harmless() -> None:
    """The DEBUG reporter and the signal receiver keep nothing when there is nothing to keep."""
    from httpfault.adapters.django import _record_exception, _RecordingReporter

    request = RequestFactory().get("/x")
    _RecordingReporter(request, None, None, None)
    request.__dict__["_httpfault"] = object()
    _record_exception(None, request=request)  # not inside an exception
    assert "_httpfault_exception" not in request.__dict__


def test_hooks_see_all_request_headers() -> None:
    """RequestInfo.headers (what on_error hooks get) reads every header, case-insensitively."""
    from httpfault.adapters._django.respond import request_info

    request = RequestFactory().post(
        "/x", data=b"{}", content_type="application/json", headers={"X-Trace": "t1"}
    )
    headers = request_info(request).headers
    assert request_info(request).header("x-trace") == "t1"
    assert headers["Content-Type"] == "application/json"  # type: ignore[index]
    assert "x-trace" in dict(headers.items())  # type: ignore[union-attr]
    assert "content-length" in list(headers)  # type: ignore[arg-type]
    assert len(headers) == len(list(headers))  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        headers["X-Missing"]  # type: ignore[index]


def test_absent_header_is_one_lookup() -> None:
    """A header missing from META is answered by one lookup; META is not scanned for it."""
    from httpfault._request import header_value
    from httpfault.adapters._django.respond import MetaHeaders

    class Unscannable(dict[str, str]):
        def items(self) -> Any:
            raise AssertionError("META was scanned")

    headers = MetaHeaders(Unscannable(HTTP_X_TRACE="t1", CONTENT_TYPE="text/plain"))
    assert header_value(headers, "X-Request-ID") is None
    assert header_value(headers, "x-trace") == "t1"
    assert header_value(headers, "Content-Type") == "text/plain"


MIDDLEWARE_ONLY = {
    "ROOT_URLCONF": "tests.django.urls_middleware_only",
    "CSRF_FAILURE_VIEW": "django.views.csrf.csrf_failure",
}


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_csrf_failure_with_the_middleware_alone(
    debug: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """Without CSRF_FAILURE_VIEW, a CSRF failure is still a bare Forbidden() in the
    contract, not Django's HTML 403; Django's CSRF log line is the only one."""
    csrf_client = Client(enforce_csrf_checks=True, headers=HEADERS)
    with override_settings(DEBUG=debug, **MIDDLEWARE_ONLY), caplog.at_level(logging.INFO):
        response = csrf_client.post("/csrf", data={"a": "1"})
    assert_rendered(response, httpfault.Forbidden(), method="POST", path="/csrf")
    records = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.name for r in records] == ["django.security.csrf"]


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize("what", sorted(EXPECTED))
def test_inner_middleware_errors_with_the_middleware_alone(what: str, debug: bool) -> None:
    """Without handler400/403/404/500 in the URLconf, exceptions in middleware below
    ErrorMiddleware still answer in the contract (Django's default pages are replaced)."""
    with override_settings(DEBUG=debug, **MIDDLEWARE_ONLY):
        response = client().get("/ok", headers={"X-Raise-Inner": what})
    assert_rendered(response, EXPECTED[what], path="/ok")


def test_a_views_own_error_response_is_left_alone() -> None:
    """A 403 page a view returns itself is the view's answer, not one Django made."""
    with override_settings(**MIDDLEWARE_ONLY):
        response = client().get("/own-403")
    assert response.status_code == 403
    assert response.content == b"<p>Not for you</p>"
