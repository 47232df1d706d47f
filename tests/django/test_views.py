"""Errors raised in views, answered by ErrorMiddleware.process_exception (sync views)."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client, override_settings

import httpfault
from httpfault import Config
from tests.django.helpers import HEADERS, RID, assert_rendered


@pytest.fixture
def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


def error_body(response: object) -> dict[str, object]:
    body: dict[str, object] = json.loads(response.content)["error"]  # type: ignore[attr-defined]
    return body


def test_http_error_in_view_renders_same_bytes(client: Client) -> None:
    """An HTTPError raised in a view answers with exactly the bytes render() gives."""
    response = client.get("/conflict")
    assert_rendered(response, httpfault.Conflict("Email already registered", code="email_taken"))
    assert response["X-Request-ID"] == RID


def test_problem_format_from_settings() -> None:
    """HTTPFAULT = {"FORMAT": "problem"} gives problem+json with instance, same as render()."""
    with override_settings(HTTPFAULT={"FORMAT": "problem"}):
        response = Client(headers=HEADERS).get("/conflict")
    assert response["Content-Type"] == "application/problem+json"
    error = httpfault.Conflict("Email already registered", code="email_taken")
    assert_rendered(response, error, path="/conflict", config=Config(format="problem"))
    assert json.loads(response.content)["instance"] == "/conflict"


def test_field_errors_and_headers_kept(client: Client) -> None:
    """Field errors keep their escaped pointers; Retry-After is kept on a 429."""
    response = client.get("/fields")
    assert error_body(response)["errors"] == [
        {"in": "body", "pointer": "#/items/0/a~1b", "message": "bad", "code": "x"}
    ]
    throttled = client.get("/throttled")
    assert_rendered(throttled, httpfault.TooManyRequests(retry_after=30))
    assert throttled["Retry-After"] == "30"


def test_http404_uses_the_catalogue_message(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """Http404 from a view is NotFound() on the wire; Django's text reaches only the log."""
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get("/http404")
    assert_rendered(response, httpfault.NotFound())
    assert b"matches" not in response.content
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert "No User matches the given query." in records[0].getMessage()
    assert records[0].levelno == logging.INFO
    assert records[0].exc_info is None


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/forbidden", httpfault.Forbidden()),
        ("/suspicious", httpfault.BadRequest()),
        ("/bad-request", httpfault.BadRequest()),
        ("/multipart", httpfault.BadRequest()),
    ],
)
def test_django_exceptions_map_to_statuses(
    client: Client, path: str, error: httpfault.HTTPError
) -> None:
    """PermissionDenied -> 403, SuspiciousOperation/BadRequest/multipart errors -> 400."""
    response = client.get(path)
    assert_rendered(response, error)
    assert error_body(response)["code"] == error.code


def test_suspicious_operation_reaches_the_security_logger(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """A SuspiciousOperation is reported on django.security.<Name>, as Django does."""
    with caplog.at_level(logging.INFO):
        client.get("/suspicious")
    security = [r for r in caplog.records if r.name == "django.security.SuspiciousOperation"]
    assert len(security) == 1
    assert security[0].getMessage() == "Odd header"


def test_malformed_body_status_is_configurable() -> None:
    """A multipart parse error answers with the configured malformed_body_status."""
    with override_settings(HTTPFAULT={"malformed_body_status": 422}):
        response = Client(headers=HEADERS).get("/multipart")
    assert_rendered(response, httpfault.UnprocessableContent())


def test_request_body_too_big_is_413(client: Client) -> None:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE read by a view is 413 Content Too Large."""
    response = client.post("/body", data=b"x" * 2048, content_type="application/octet-stream")
    assert_rendered(response, httpfault.ContentTooLarge(), method="POST")


def test_form_too_big_is_413(client: Client) -> None:
    """A form body over the limit (read through request.POST) is 413 too."""
    response = client.post(
        "/form", data="a=" + "x" * 2048, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_django_validation_error_dict(client: Client) -> None:
    """ValidationError(message_dict) -> 422: pointers per field, '#' for non-field errors,
    Django's codes, params filled in, and no message that quotes the submitted value."""
    response = client.get("/validation-dict")
    assert response.status_code == 422
    body = error_body(response)
    assert body["code"] == "unprocessable_content"
    assert body["errors"] == [
        {"in": "body", "pointer": "#/email", "message": "Enter a valid email address.",
         "code": "invalid"},
        {"in": "body", "pointer": "#/age",
         "message": "Ensure this value is less than or equal to 150.", "code": "max_value"},
        {"in": "body", "pointer": "#/age", "message": "Invalid value.", "code": "invalid"},
        {"in": "body", "pointer": "#", "message": "Passwords do not match.", "code": "invalid"},
    ]  # fmt: skip
    assert b"secret-input" not in response.content


def test_django_validation_error_list(client: Client) -> None:
    """A list ValidationError points at the body; a template whose params do not fit is kept."""
    body = error_body(client.get("/validation-list"))
    assert body["errors"] == [
        {"in": "body", "pointer": "#", "message": "First problem.", "code": "invalid"},
        {"in": "body", "pointer": "#", "message": "Bad %(x)s", "code": "invalid"},
    ]


def test_validation_status_is_configurable() -> None:
    """Django's ValidationError answers with the configured validation_status."""
    with override_settings(HTTPFAULT={"VALIDATION_STATUS": 400}):
        response = Client(headers=HEADERS).get("/validation-list")
    assert response.status_code == 400
    assert error_body(response)["code"] == "bad_request"


def test_pydantic_validation_error(client: Client) -> None:
    """A pydantic ValidationError raised by a view is 422 with field errors, input not echoed."""
    response = client.get("/pydantic")
    assert response.status_code == 422
    errors = error_body(response)["errors"]
    assert [e["pointer"] for e in errors] == ["#/name", "#/age"]  # type: ignore[index]
    assert b"not a number" not in response.content


def test_exception_map_from_dotted_paths() -> None:
    """EXCEPTION_MAP entries may be dotted paths; a mapped Django exception wins too."""
    mapping = {
        "tests.django.views.DomainError": "httpfault.NotFound",
        "django.http.Http404": "httpfault.Gone",
    }
    with override_settings(HTTPFAULT={"EXCEPTION_MAP": mapping}):
        client = Client(headers=HEADERS)
        assert_rendered(client.get("/domain"), httpfault.NotFound())
        assert_rendered(client.get("/http404"), httpfault.Gone())


def test_unhandled_exception_is_a_safe_500_logged_once(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """Any other exception: a 500 revealing nothing, one ERROR record with the traceback."""
    with caplog.at_level(logging.DEBUG):
        response = client.get("/boom")
    assert_rendered(response, httpfault.InternalServerError())
    assert b"hunter2" not in response.content
    assert b"RuntimeError" not in response.content
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1
    assert errors[0].name == "django.request"
    assert errors[0].levelno == logging.ERROR
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], RuntimeError)


def test_unhandled_exception_sends_got_request_exception() -> None:
    """Django's got_request_exception is sent, so the test client re-raises as Django's does."""
    with pytest.raises(RuntimeError, match="hunter2"):
        Client().get("/boom")


def test_template_render_failure_is_a_500(client: Client) -> None:
    """An exception while rendering a TemplateResponse answers as a 500 too."""
    assert_rendered(client.get("/template-boom"), httpfault.InternalServerError())


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_debug_true_still_answers_json_without_debug_member(fmt: str) -> None:
    """With DEBUG = True API clients get the contract, not the HTML technical page."""
    with override_settings(DEBUG=True, HTTPFAULT={"FORMAT": fmt}):
        response = Client(headers=HEADERS, raise_request_exception=False).get("/boom")
    assert_rendered(response, httpfault.InternalServerError(), path="/boom",
                    config=Config(format=fmt))  # fmt: skip
    assert b"debug" not in response.content


def test_httpfault_debug_adds_the_debug_member() -> None:
    """HTTPFAULT = {"DEBUG": True} adds the debug member (exception type and traceback)."""
    with override_settings(HTTPFAULT={"DEBUG": True}):
        response = Client(raise_request_exception=False).get("/boom")
    debug = error_body(response)["debug"]
    assert debug["exception"] == "builtins.RuntimeError"  # type: ignore[index]


def test_require_http_methods_405_keeps_allow(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """require_http_methods' bare 405 becomes MethodNotAllowed(allow=...), logged once."""
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.delete("/only-get-post")
    assert_rendered(response, httpfault.MethodNotAllowed(allow=["GET", "POST"]), method="DELETE")
    assert response["Allow"] == "GET, POST"
    assert len([r for r in caplog.records if r.name == "django.request"]) == 1


def test_class_based_view_405(client: Client) -> None:
    """View.http_method_not_allowed's 405 is answered the same way."""
    response = client.post("/only-get")
    assert_rendered(
        response, httpfault.MethodNotAllowed(allow=["GET", "HEAD", "OPTIONS"]), method="POST"
    )


def test_a_views_own_404_response_is_left_alone(client: Client) -> None:
    """A 404 response a view returns itself is the view's choice: not converted."""
    response = client.get("/own-404")
    assert response.status_code == 404
    assert response.content == b"the view's own 404 page"


def test_head_has_no_body(client: Client) -> None:
    """A HEAD request gets the error's status and headers, no body."""
    response = client.head("/only-get-post")
    assert response.status_code == 405
    assert response.content == b""
    assert response["Allow"] == "GET, POST"
    missing = client.head("/http404")
    assert missing.status_code == 404
    assert missing.content == b""
    assert missing["Content-Type"] == "application/json"
    assert missing["X-Request-ID"] == RID


def test_request_id_generated_and_only_on_errors() -> None:
    """Without X-Request-ID one is generated for the error; success responses get none."""
    client = Client()
    response = client.get("/conflict")
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    assert error_body(response)["request_id"] == rid
    assert not client.get("/ok", headers=HEADERS).has_header("X-Request-ID")


def test_excluded_paths_keep_djangos_pages(caplog: pytest.LogCaptureFixture) -> None:
    """EXCLUDE_PATHS: errors there are Django's own (HTML pages, Django's logging)."""
    client = Client(raise_request_exception=False)
    assert client.get("/html/http404")["Content-Type"].startswith("text/html")
    boom = client.get("/html/boom")
    assert boom.status_code == 500
    assert boom["Content-Type"].startswith("text/html")
    assert client.delete("/html/only-get-post").content == b""
    assert client.get("/html/missing")["Content-Type"].startswith("text/html")


def test_paths_restricts_conversion_to_prefixes() -> None:
    """PATHS = ["/api/"]: errors elsewhere keep Django's pages."""
    with override_settings(HTTPFAULT={"PATHS": ["/api/"]}):
        client = Client(raise_request_exception=False)
        response = client.get("/http404")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"a": [1, 2]}', "application/json", 200),
        (b'{"a": 1}', "application/merge-patch+json", 200),
        (b"a=1", "application/x-www-form-urlencoded", 415),
        (b'{"a": ', "application/json", 400),
        (b'{"a": "\xff"}', "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 413),
        (b"[" * 500 + b"]" * 500, "application/json", 200),
    ],
)
def test_json_body(client: Client, content: bytes, content_type: str, status: int) -> None:
    """json_body(): 415 unless JSON, 400 if malformed or not UTF-8, 413 over the limit."""
    response = client.post("/json", data=content, content_type=content_type)
    assert response.status_code == status, response.content


def test_json_body_too_deep_is_malformed() -> None:
    """JSON nested deeper than the parser can go is a malformed body, not a 500."""
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        response = Client(headers=HEADERS).post(
            "/json", data=b"[" * 100_000 + b"]" * 100_000, content_type="application/json"
        )
    assert_rendered(response, httpfault.BadRequest(), method="POST")
