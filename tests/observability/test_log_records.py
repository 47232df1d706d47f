"""Log records of errors carry the request's facts as attributes, for structured logs."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from pythonjsonlogger.json import JsonFormatter

from httpfault import Config, Conflict, InternalServerError, RequestInfo
from httpfault._handling import handle, handle_details

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"
FIELDS = ("http_status", "error_code", "request_id", "trace_id", "http_method", "url_path")


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def kept() -> Iterator[tuple[logging.Logger, _Keep]]:
    """A logger of its own whose records are kept."""
    logger = logging.getLogger("httpfault.tests.records")
    handler = _Keep()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, handler
    logger.removeHandler(handler)


def _request(**headers: str) -> RequestInfo:
    return RequestInfo("POST", "/orders/7", {"X-Request-ID": "rid-7", **headers})


def test_4xx_record_carries_the_facts(kept: tuple[logging.Logger, _Keep]) -> None:
    """A 4xx's record has status, code, ids, method and path as attributes."""
    logger, handler = kept
    handle(Conflict("Taken"), Config(), _request(traceparent=TRACEPARENT), logger=logger)
    (record,) = handler.records
    assert {name: getattr(record, name) for name in FIELDS} == {
        "http_status": 409, "error_code": "conflict", "request_id": "rid-7", "trace_id": TRACE,
        "http_method": "POST", "url_path": "/orders/7",
    }  # fmt: skip
    assert record.levelno == logging.INFO
    assert record.exc_info is None


def test_5xx_record_without_trace(kept: tuple[logging.Logger, _Keep]) -> None:
    """A 5xx's record has its traceback; trace_id is None without a trace."""
    logger, handler = kept
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        handle(exc, Config(), _request(), logger=logger)
    (record,) = handler.records
    assert record.http_status == 500
    assert record.error_code == "internal_server_error"
    assert record.trace_id is None
    assert record.request_id == "rid-7"
    assert record.exc_info is not None
    assert record.exc_info[0] is RuntimeError


def test_trace_id_logged_even_when_the_member_is_off(kept: tuple[logging.Logger, _Keep]) -> None:
    """Config(trace_id=False) keeps trace_id out of the body, not out of the logs."""
    logger, handler = kept
    rendered = handle(Conflict(), Config(trace_id=False), _request(traceparent=TRACEPARENT),
                      logger=logger)  # fmt: skip
    assert b"trace_id" not in rendered.body
    assert handler.records[0].trace_id == TRACE


def test_validation_record_carries_the_facts(kept: tuple[logging.Logger, _Keep]) -> None:
    """Validation errors answered from their details are logged with the same attributes."""
    logger, handler = kept
    details = [{"loc": ("body", "email"), "msg": "Field required", "type": "missing"}]
    for _ in range(3):  # the third is answered from the kept answer
        handle_details(details, Config(), _request(traceparent=TRACEPARENT), logger=logger)
    assert len(handler.records) == 3
    for record in handler.records:
        assert (record.http_status, record.error_code, record.trace_id) == (
            422,
            "unprocessable_content",
            TRACE,
        )


def test_no_request_gives_none_attributes(kept: tuple[logging.Logger, _Keep]) -> None:
    """Without a request, the request's attributes are None (present, never missing)."""
    logger, handler = kept
    handle(InternalServerError(), Config(), None, logger=logger)
    record = handler.records[0]
    assert (record.request_id, record.trace_id, record.http_method, record.url_path) == (
        None,
        None,
        None,
        None,
    )


def test_python_json_logger_prints_the_attributes(kept: tuple[logging.Logger, _Keep]) -> None:
    """python-json-logger prints the attributes as JSON members, no message parsing."""
    logger, handler = kept
    handle(Conflict("Taken"), Config(), _request(traceparent=TRACEPARENT), logger=logger)
    formatter = JsonFormatter(" ".join(f"%({name})s" for name in ("levelname", *FIELDS)))
    line = json.loads(formatter.format(handler.records[0]))
    assert {name: line[name] for name in ("levelname", *FIELDS)} == {
        "levelname": "INFO", "http_status": 409, "error_code": "conflict",
        "request_id": "rid-7", "trace_id": TRACE, "http_method": "POST", "url_path": "/orders/7",
    }  # fmt: skip


def test_structlog_prints_the_attributes(kept: tuple[logging.Logger, _Keep]) -> None:
    """structlog's ProcessorFormatter with ExtraAdder renders the attributes as keys."""
    logger, handler = kept
    handle(Conflict("Taken"), Config(), _request(traceparent=TRACEPARENT), logger=logger)
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.add_log_level, structlog.stdlib.ExtraAdder(FIELDS)],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.JSONRenderer(),
        ],
    )
    line = json.loads(formatter.format(handler.records[0]))
    assert line["level"] == "info"
    assert line["trace_id"] == TRACE
    assert {name: line[name] for name in FIELDS}["http_status"] == 409
    assert line["event"].startswith("POST /orders/7 -> 409 Conflict")
