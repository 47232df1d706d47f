"""handle(): the exact log lines and records of what goes wrong while answering an error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from httpfault import Config, Conflict, HTTPError, NotFound, RequestInfo
from httpfault._handling import handle
from tests.core.log_capture import captured

REQUEST = RequestInfo("PUT", "/users/7", {"X-Request-ID": "r-7"})


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    """The records of the ``httpfault.tests.handling`` logger, at every level."""
    with captured("httpfault.tests.handling") as kept:
        yield kept


def _logger() -> logging.Logger:
    return logging.getLogger("httpfault.tests.handling")


def test_a_failing_exception_map_is_logged_and_is_the_500s_cause(
    records: list[logging.LogRecord],
) -> None:
    """A mapping that raises is logged by name with the exception it was given; the 500
    answered is logged with the mapping's failure as its traceback."""
    failure = RuntimeError("mapper bug")

    def explode(exc: BaseException) -> HTTPError:
        raise failure

    original = KeyError("k")
    config = Config(exception_map={KeyError: explode})
    rendered = handle(original, config, REQUEST, logger=_logger())
    assert rendered.status == 500
    mapping, answered = records
    assert mapping.getMessage() == "exception_map could not convert KeyError('k')"
    assert mapping.levelno == logging.ERROR
    assert mapping.exc_info is not None
    assert mapping.exc_info[1] is failure
    assert answered.getMessage() == "PUT /users/7 -> 500 Internal Server Error (request_id=r-7)"
    assert answered.exc_info == (RuntimeError, failure, failure.__traceback__)


def test_a_failing_hook_is_logged_by_name_and_the_next_hook_runs(
    records: list[logging.LogRecord],
) -> None:
    """A hook that raises is logged as ``on_error hook <hook> failed`` with its traceback;
    the hooks after it still run and the answer is unchanged."""
    seen: list[HTTPError] = []

    def broken(error: HTTPError, request: RequestInfo | None) -> None:
        raise ValueError("hook bug")

    config = Config(on_error=(broken, lambda e, r: seen.append(e)), log_level_4xx=5)
    rendered = handle(Conflict("Taken"), config, REQUEST, logger=_logger())
    assert rendered == handle(Conflict("Taken"), Config(cache_bytes=0), REQUEST)
    assert seen == [Conflict("Taken")]
    (record,) = [r for r in records if r.levelno == logging.ERROR]
    assert record.getMessage() == f"on_error hook {broken!r} failed"
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "hook bug"


def test_a_5xx_record_has_the_triple_logger_exception_gives(
    records: list[logging.LogRecord],
) -> None:
    """The record of an unhandled exception carries ``(type, exception, traceback)`` as
    ``exc_info``, as ``Logger.exception()`` makes it, so formatters that read the type
    (JSON formatters print its name) see the original exception's."""
    try:
        raise LookupError("gone")
    except LookupError as caught:
        exc = caught
    handle(exc, Config(), REQUEST, logger=_logger())
    (record,) = records
    assert record.exc_info == (LookupError, exc, exc.__traceback__)
    assert record.exc_info[2] is not None


def test_a_custom_logger_class_gets_the_records_attributes() -> None:
    """A ``Logger`` subclass logged to through its own ``log()`` gets the same attributes
    (status, code, ids, method, path) the standard record carries."""
    seen: list[dict[str, Any]] = []

    class Recording(logging.Logger):
        def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
            seen.append(kwargs["extra"])

    logger = Recording("custom")
    logger.setLevel(logging.INFO)
    handle(NotFound(), Config(), REQUEST, logger=logger)
    (extra,) = seen
    assert extra == {
        "status_code": 404, "request_id": "r-7", "http_status": 404, "error_code": "not_found",
        "trace_id": None, "http_method": "PUT", "url_path": "/users/7",
    }  # fmt: skip
