"""from_exception(), abort(), error_class() and handle(): conversion, logging and hooks."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import httpfault
from httpfault import (
    Config,
    Conflict,
    Forbidden,
    HTTPError,
    InternalServerError,
    NotFound,
    RequestInfo,
    UnprocessableContent,
    abort,
    error_class,
    from_exception,
)
from httpfault._classes import REGISTRY
from httpfault._handling import handle


class Missing(LookupError):
    pass


class MissingUser(Missing):
    pass


class User(BaseModel):
    age: int


def _validation_error() -> ValidationError:
    try:
        User.model_validate({"age": "old"})
    except ValidationError as exc:
        return exc
    raise AssertionError("unreachable")


def test_http_errors_pass_through() -> None:
    """An HTTPError is returned as it is."""
    error = Conflict("x")
    assert from_exception(error) is error


def test_pydantic_validation_error_becomes_422() -> None:
    """A pydantic ValidationError becomes the validation status with field errors."""
    exc = _validation_error()
    error = from_exception(exc)
    assert isinstance(error, UnprocessableContent)
    assert error.errors[0].pointer == "#/age"
    assert error.__cause__ is exc
    assert from_exception(exc, Config(validation_status=400)).status == 400


def test_exception_map_follows_the_mro() -> None:
    """The most specific mapped class wins; callables build the error themselves."""
    cfg = Config(exception_map={Missing: NotFound, PermissionError: lambda e: Forbidden(str(e))})
    error = from_exception(MissingUser("user 7"), cfg)
    assert isinstance(error, NotFound)
    assert error.detail is None
    assert isinstance(error.__cause__, MissingUser)
    forbidden = from_exception(PermissionError("not yours"), cfg)
    assert (forbidden.status, forbidden.detail) == (403, "not yours")


def test_anything_else_becomes_a_500_keeping_the_cause() -> None:
    """An unknown exception becomes an InternalServerError with the original as __cause__."""
    exc = RuntimeError("boom")
    error = from_exception(exc, Config(exception_map={KeyError: NotFound}))
    assert isinstance(error, InternalServerError)
    assert error.__cause__ is exc
    assert error.detail is None


def test_a_mapping_that_returns_garbage_is_an_error() -> None:
    """An exception_map callable must return an HTTPError."""
    cfg = Config(exception_map={KeyError: lambda e: "nope"})
    with pytest.raises(TypeError, match="returned"):
        from_exception(KeyError("k"), cfg)


def test_error_class_and_abort() -> None:
    """error_class() looks a status up; abort() raises its error; others are LookupErrors."""
    assert error_class(404) is NotFound
    with pytest.raises(Conflict) as info:
        abort(409, "taken", code="email_taken")
    assert (info.value.detail, info.value.code) == ("taken", "email_taken")
    for status in (200, 302, 419, 600, "404", None):
        with pytest.raises(LookupError):
            error_class(status)  # type: ignore[arg-type]
        with pytest.raises(LookupError):
            abort(status)  # type: ignore[arg-type]


def test_handle_logs_server_errors_once_with_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """An unhandled exception is logged once at ERROR with its traceback; body says nothing."""
    try:
        raise RuntimeError("db password=hunter2")
    except RuntimeError as caught:
        exc = caught
        with caplog.at_level(logging.DEBUG, logger="httpfault"):
            rendered = handle(exc, None, RequestInfo("GET", "/x", {"x-request-id": "r1"}))
    assert rendered.status == 500
    assert b"hunter2" not in rendered.body
    assert b"RuntimeError" not in rendered.body
    records = [r for r in caplog.records if r.name == "httpfault"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert records[0].exc_info[1] is exc
    assert "GET /x -> 500 Internal Server Error (request_id=r1)" in records[0].getMessage()


def test_handle_logs_client_errors_low_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """A 4xx is logged once at the configured low level, without a traceback."""
    with caplog.at_level(logging.DEBUG, logger="httpfault"):
        handle(NotFound("no user 7"), Config(log_level_4xx=logging.DEBUG))
    (record,) = caplog.records
    assert record.levelno == logging.DEBUG
    assert record.exc_info is None
    assert "- -> 404 Not Found: no user 7" in record.getMessage()


def test_handle_skips_disabled_levels(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing is logged when the logger is not enabled for the level."""
    with caplog.at_level(logging.WARNING, logger="httpfault"):
        handle(NotFound())
    assert caplog.records == []


def test_handle_calls_hooks_and_survives_failing_ones(caplog: pytest.LogCaptureFixture) -> None:
    """on_error hooks see every error; a failing hook is logged and does not break the answer."""
    seen: list[tuple[HTTPError, RequestInfo | None]] = []

    def broken(error: HTTPError, request: RequestInfo | None) -> None:
        raise ValueError("hook bug")

    request = RequestInfo("GET", "/", {})
    cfg = Config(on_error=(lambda e, r: seen.append((e, r)), broken))
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = handle(Conflict(), cfg, request)
    assert rendered.status == 409
    assert seen == [(Conflict(), request)]
    assert "on_error hook" in caplog.text


def test_handle_survives_a_broken_exception_map(caplog: pytest.LogCaptureFixture) -> None:
    """A mapping that raises gives a safe 500 and a log line."""

    def explode(exc: BaseException) -> HTTPError:
        raise RuntimeError("mapper bug")

    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = handle(KeyError("k"), Config(exception_map={KeyError: explode}))
    assert rendered.status == 500
    assert "exception_map could not convert" in caplog.text


def test_handle_uses_the_given_logger(caplog: pytest.LogCaptureFixture) -> None:
    """Adapters can route the log line to their framework's logger."""
    logger = logging.getLogger("app.errors")
    with caplog.at_level(logging.ERROR, logger="app.errors"):
        handle(RuntimeError("x"), logger=logger)
    assert [r.name for r in caplog.records] == ["app.errors"]


def test_request_id_in_log_matches_response(caplog: pytest.LogCaptureFixture) -> None:
    """The request id logged for an error is the one sent to the client."""
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = handle(RuntimeError("x"), None, RequestInfo("GET", "/", {}))
    rid = json.loads(rendered.body)["error"]["request_id"]
    assert caplog.records[0].request_id == rid  # type: ignore[attr-defined]


def test_version_is_exported() -> None:
    """The package exposes its version."""
    assert httpfault.__version__ == "0.1.0"


@pytest.mark.parametrize("status", sorted(REGISTRY), ids=str)
def test_with_field_errors_equals_the_constructed_error(status: int) -> None:
    """The converters' shortcut builds an error equal to ``error_class(status)(errors=...)``."""
    from httpfault._convert import with_field_errors

    errors = [httpfault.FieldError("#/q", "Field required", code="missing", in_="query")]
    cls = httpfault.error_class(status)
    try:
        expected = cls(errors=errors)
    except TypeError:  # a class whose constructor needs a header argument
        with pytest.raises(TypeError):
            with_field_errors(status, errors)
        return
    made = with_field_errors(status, errors)
    assert made == expected
    assert made.__class__ is cls
    assert made.args == ()
    assert made.__dict__ == expected.__dict__
    assert httpfault.render(made) == httpfault.render(expected)


def test_with_field_errors_checks_foreign_items() -> None:
    """Items that are not ``FieldError`` still meet the constructor's check."""
    from httpfault._convert import with_field_errors

    with pytest.raises(TypeError, match="FieldError"):
        with_field_errors(422, ["not a field error"])  # type: ignore[list-item]
    assert with_field_errors(422, []) == httpfault.UnprocessableContent()


def test_log_record_names_the_same_caller_as_logger_log(caplog: pytest.LogCaptureFixture) -> None:
    """The error's record carries the file, function and extras ``Logger.log()`` would give."""
    from httpfault import _handling

    with caplog.at_level(logging.INFO, logger="httpfault"):
        handle(NotFound(), None, RequestInfo("GET", "/a", {"x-request-id": "r9"}))
    (record,) = caplog.records
    assert record.pathname == _handling.__file__
    assert record.funcName == "log_error"
    assert record.lineno > 0
    assert record.status_code == 404  # type: ignore[attr-defined]
    assert record.request_id == "r9"  # type: ignore[attr-defined]
    assert record.exc_info is None


def test_a_custom_logger_class_gets_its_own_log_call() -> None:
    """A ``Logger`` subclass is logged to through its own ``log()``, with the traceback."""
    seen: list[tuple[int, str, Any]] = []

    class Recording(logging.Logger):
        def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
            seen.append((level, str(msg) % args, kwargs["exc_info"]))

    logger = Recording("custom")
    logger.setLevel(logging.INFO)
    boom = RuntimeError("boom")
    handle(boom, None, None, logger=logger)
    handle(NotFound(), None, None, logger=logger)
    assert [(level, text) for level, text, _ in seen] == [
        (logging.ERROR, "- -> 500 Internal Server Error (request_id=-)"),
        (logging.INFO, "- -> 404 Not Found (request_id=-)"),
    ]
    assert seen[0][2] is boom
    assert seen[1][2] is None
