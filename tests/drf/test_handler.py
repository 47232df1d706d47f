"""DRF's exception_handler: the APIException family, serializer errors, everything else."""

from __future__ import annotations

import importlib
import json
import logging
import sys
from typing import Any

import pytest
from django.test import Client, override_settings
from rest_framework.exceptions import ErrorDetail

import httpfault
from httpfault import Config
from httpfault.adapters._django.drf_fields import drf_field_errors
from tests.django.helpers import HEADERS, assert_rendered, stream_reads_are_limited


@pytest.fixture
def client() -> Client:
    return Client(headers=HEADERS, raise_request_exception=False)


def body(response: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(response.content)["error"]
    return result


def post(client: Client, data: Any) -> Any:
    return client.post("/orders", data=json.dumps(data), content_type="application/json")


def test_serializer_errors_become_pointers_with_drf_codes(client: Client) -> None:
    """Nested serializers, ListField indexes and many=True lists give JSON Pointers;
    DRF's field codes go to errors[].code; the top-level code is the catalogue's."""
    response = post(client, {
        "email": "not-an-email", "colour": "green", "address": {"city": "X", "zip": "1"},
        "tags": [1, "a"], "lines": [{"name": "ok"}, {"name": "much too long"}],
    })  # fmt: skip
    assert response.status_code == 422
    error = body(response)
    assert error["code"] == "unprocessable_content"
    assert [(e["pointer"], e["code"]) for e in error["errors"]] == [
        ("#/email", "invalid"),
        ("#/colour", "invalid_choice"),
        ("#/address/zip", "invalid"),
        ("#/tags/1", "invalid"),
        ("#/lines/1/name", "max_length"),
    ]
    assert b"green" not in response.content  # DRF's message quotes the input; ours does not
    assert error["errors"][1]["message"] == "Not a valid choice."


def test_required_fields(client: Client) -> None:
    """Missing fields carry DRF's 'required' code."""
    error = body(post(client, {}))
    assert {(e["pointer"], e["code"]) for e in error["errors"]} == {
        ("#/email", "required"),
        ("#/address", "required"),
    }


def test_non_field_errors_point_at_their_object(client: Client) -> None:
    """non_field_errors point at the object they belong to: '#' or '#/address'."""
    top = body(post(client, {"email": "a@b.cd", "address": {"city": "X", "zip": "12345"},
                             "password": "a", "confirm": "b"}))  # fmt: skip
    assert top["errors"] == [
        {"in": "body", "pointer": "#", "message": "Passwords do not match.", "code": "mismatch"}
    ]
    nested = body(post(client, {"email": "a@b.cd", "address": {"city": "Nowhere", "zip": "12345"}}))
    assert nested["errors"] == [
        {"in": "body", "pointer": "#/address", "message": "No such city.", "code": "no_city"}
    ]


def test_validation_status_setting() -> None:
    """VALIDATION_STATUS moves serializer errors to another status."""
    with override_settings(HTTPFAULT={"VALIDATION_STATUS": 400}):
        response = post(Client(), {})
    assert response.status_code == 400
    assert body(response)["code"] == "bad_request"


@pytest.mark.parametrize(
    ("what", "error"),
    [
        ("not-found", httpfault.NotFound()),
        ("not-found-detail", httpfault.NotFound("No order 7.")),
        ("permission", httpfault.Forbidden()),
        ("not-acceptable", httpfault.NotAcceptable()),
        ("unsupported", httpfault.UnsupportedMediaType()),
        ("throttled", httpfault.TooManyRequests(retry_after=30)),
        ("throttled-one", httpfault.TooManyRequests(retry_after=1)),
        ("throttled-nowait", httpfault.TooManyRequests()),
        ("throttled-detail", httpfault.TooManyRequests(
            "Slow down. Expected available in 5 seconds.", retry_after=5)),
        ("parse", httpfault.BadRequest()),
        ("validation-bare", httpfault.UnprocessableContent()),
        ("api-500", httpfault.InternalServerError()),
        ("api-500-detail", httpfault.InternalServerError()),
        ("api-odd-status", httpfault.BadRequest()),
        ("api-odd-5xx", httpfault.InternalServerError()),
        ("custom", httpfault.Conflict("Order locked.")),
        ("http-error", httpfault.Conflict("Order already placed", code="duplicate")),
        ("django-404", httpfault.NotFound()),
        ("django-403", httpfault.Forbidden()),
    ],
)  # fmt: skip
def test_api_exceptions_render_like_httpfault(
    client: Client, what: str, error: httpfault.HTTPError
) -> None:
    """Each DRF exception answers with render()'s bytes for the matching httpfault error:
    DRF's default texts count as no detail, a detail the user gave is kept, headers kept."""
    response = client.get(f"/raise/{what}")
    assert_rendered(response, error, path=f"/raise/{what}")


def test_validation_error_with_a_message(client: Client) -> None:
    """ValidationError("...") is one field error pointing at the body, with its code."""
    assert body(client.get("/raise/validation-str"))["errors"] == [
        {"in": "body", "pointer": "#", "message": "Bad things.", "code": "bad"}
    ]


def test_dict_detail_on_other_exceptions(client: Client) -> None:
    """A dict detail on a non-validation APIException becomes field errors."""
    error = body(client.get("/raise/api-dict"))
    assert error["code"] == "forbidden"
    assert error["errors"][0]["pointer"] == "#/scope"


def test_not_authenticated_is_401_with_challenge(client: Client) -> None:
    """NotAuthenticated -> 401 with the authenticator's WWW-Authenticate."""
    response = client.get("/private")
    assert_rendered(response, httpfault.Unauthorized(www_authenticate='Bearer realm="api"'))
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_authentication_failed(client: Client) -> None:
    """AuthenticationFailed: DRF's default text is dropped; an authenticator's own is kept."""
    wrong = client.get("/private", headers={"Authorization": "Bearer wrong"})
    assert_rendered(wrong, httpfault.Unauthorized(www_authenticate='Bearer realm="api"'))
    expired = client.get("/private", headers={"Authorization": "Bearer expired"})
    assert body(expired)["message"] == "Token expired."


def test_no_challenge_means_403(client: Client) -> None:
    """Without an authenticator's challenge DRF answers 403; so do we (code 'forbidden')."""
    response = client.get("/private-no-challenge")
    assert_rendered(response, httpfault.Forbidden())


def test_method_not_allowed_keeps_canonical_allow(client: Client) -> None:
    """MethodNotAllowed -> 405 whose Allow lists the view's methods in the canonical order."""
    response = client.delete("/orders")
    assert_rendered(response, httpfault.MethodNotAllowed(allow=["GET", "POST", "HEAD", "OPTIONS"]),
                    method="DELETE")  # fmt: skip
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert client.get("/raise/method")["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"a": ', "application/json", 400),
        (b'{"a": "\xff"}', "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
        (b"a,b", "text/csv", 415),
        (b"{}", "application/x-broken", 400),
    ],
)
def test_request_body_errors(
    client: Client, content: bytes, content_type: str, status: int
) -> None:
    """Malformed JSON, invalid UTF-8, nesting too deep and parser failures are 400 with the
    catalogue message (never DRF's parser text); an unknown media type is 415."""
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        response = client.post("/parsed" if "broken" not in content_type else "/broken",
                               data=content, content_type=content_type)  # fmt: skip
    assert response.status_code == status
    assert body(response)["message"] == httpfault.error_class(status).default_detail


def test_body_over_the_limit_is_413(client: Client) -> None:
    """DRF reads the body through Django, so DATA_UPLOAD_MAX_MEMORY_SIZE gives a 413."""
    if not stream_reads_are_limited():
        pytest.skip("this Django release does not limit streamed request bodies")
    response = client.post("/parsed", data=b"[" + b"1," * 2000 + b"1]",
                           content_type="application/json")  # fmt: skip
    assert_rendered(response, httpfault.ContentTooLarge(), method="POST", path="/parsed")


def test_value_error_outside_a_parser_is_a_500(client: Client) -> None:
    """A ValueError that no parser raised is a bug: a 500."""
    assert client.get("/value-error").status_code == 500


def test_unhandled_exception_logged_once(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    """Any other exception in an APIView: a safe 500, one ERROR record with the traceback."""
    with caplog.at_level(logging.INFO):
        response = client.get("/raise/boom")
    assert_rendered(response, httpfault.InternalServerError(), path="/raise/boom")
    assert b"hunter2" not in response.content
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].name == "django.request"
    assert records[0].exc_info is not None
    assert isinstance(records[0].exc_info[1], RuntimeError)


def test_unhandled_exception_sends_got_request_exception() -> None:
    """got_request_exception is sent for an unhandled exception (Django's test client re-raises)."""
    with pytest.raises(RuntimeError, match="hunter2"):
        Client().get("/raise/boom")


def test_head_has_no_body(client: Client) -> None:
    """HEAD on a DRF error: status and headers, no body."""
    response = client.head("/raise/not-found")
    assert response.status_code == 404
    assert response.content == b""
    assert response["X-Request-ID"] == HEADERS["X-Request-ID"]


def test_handler_without_the_middleware() -> None:
    """The handler works alone: config from the HTTPFAULT setting, no middleware needed."""
    with override_settings(MIDDLEWARE=[], HTTPFAULT={"FORMAT": "problem"}):
        response = Client(headers=HEADERS).get("/raise/not-found")
    assert_rendered(response, httpfault.NotFound(), path="/raise/not-found",
                    config=Config(format="problem"))  # fmt: skip


def test_handler_called_without_a_request() -> None:
    """Called with an empty context, the handler still answers (no request id, no instance)."""
    from httpfault.adapters.drf import exception_handler

    response = exception_handler(httpfault.Conflict("x"), {})
    assert response.status_code == 409
    assert not response.has_header("X-Request-ID")


def test_exception_map_wins_over_drf_translation() -> None:
    """An exception_map entry for a DRF exception class is used instead of the translation."""
    mapping = {"rest_framework.exceptions.NotFound": "httpfault.Gone"}
    with override_settings(HTTPFAULT={"EXCEPTION_MAP": mapping}):
        response = Client(headers=HEADERS).get("/raise/not-found")
    assert_rendered(response, httpfault.Gone(), path="/raise/not-found")


def test_echoing_messages_are_neutralised() -> None:
    """DRF messages that quote the input (does_not_exist, invalid_choice) are replaced;
    a user's own message with such a code is kept."""
    errors = drf_field_errors({
        "owner": [ErrorDetail('Invalid pk "42" - object does not exist.', code="does_not_exist")],
        "team": [ErrorDetail("Object with slug=red-team does not exist.", code="does_not_exist")],
        "kind": [ErrorDetail("We stopped selling that.", code="invalid_choice")],
        "other": "plain text",
    })  # fmt: skip
    assert [(e.pointer, e.message, e.code) for e in errors] == [
        ("#/owner", "Object does not exist.", "does_not_exist"),
        ("#/team", "Object does not exist.", "does_not_exist"),
        ("#/kind", "We stopped selling that.", "invalid_choice"),
        ("#/other", "plain text", None),
    ]


def test_import_without_drf_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the DRF adapter without DRF raises ImportError naming the extra."""
    monkeypatch.delitem(sys.modules, "httpfault.adapters.drf")
    monkeypatch.setitem(sys.modules, "rest_framework.negotiation", None)
    with pytest.raises(ImportError, match=r"pip install 'httpfault\[drf\]'"):
        importlib.import_module("httpfault.adapters.drf")


def test_method_not_allowed_without_a_view() -> None:
    """Called without a view, a 405 still answers (no Allow list to copy back)."""
    from rest_framework.exceptions import MethodNotAllowed

    from httpfault.adapters.drf import exception_handler

    assert exception_handler(MethodNotAllowed("PATCH"), {}).status_code == 405
    response = exception_handler(httpfault.MethodNotAllowed(allow=["GET"]), {})
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("name", ["Z", "mallory"])
def test_validator_message_quoting_the_value_is_replaced(client: Client, name: str) -> None:
    """A serializer validator's ``f"name {value} is taken"`` is not sent as is (one character
    included), nor a message about a list element quoting it; the codes stay."""
    response = client.post("/signup", data=json.dumps({"name": name, "tags": ["zz-top"]}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    errors = body(response)["errors"]
    assert errors == [
        {"in": "body", "pointer": "#/name", "message": "Invalid value.", "code": "taken"},
        {"in": "body", "pointer": "#/tags/0", "message": "Invalid value.", "code": "invalid"},
    ]
    assert name.encode() not in response.content.replace(b"#/name", b"")
    assert b"zz-top" not in response.content


@pytest.mark.parametrize(("wait", "header"), [(1.2, "2"), (0.5, "1"), (29.01, "30"), (3, "3")])
def test_fractional_wait_on_a_custom_api_exception_rounds_up(wait: float, header: str) -> None:
    """A ``wait`` of a custom APIException (not Throttled, which rounds itself) becomes a
    Retry-After rounded up: a client told to wait less than asked would be refused again."""
    from rest_framework.exceptions import APIException

    from httpfault.adapters.drf import exception_handler

    class Busy(APIException):
        status_code = 503
        default_detail = "Busy."

    exc = Busy()
    exc.wait = wait  # type: ignore[attr-defined]
    response = exception_handler(exc, {})
    assert response.status_code == 503
    assert response["Retry-After"] == header
