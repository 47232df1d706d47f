"""render() at its edges: where Accept is found, ids a factory makes, what the fallback
body and its log lines hold, the debug traceback."""

from __future__ import annotations

import json
import logging
import traceback
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from httpfault import Config, Conflict, HTTPError, NotFound, RequestInfo, render

PROBLEM_ACCEPT = "application/problem+json"


class CaseFreeHeaders(Mapping[str, str]):
    """Headers whose get() matches a name in any case (as werkzeug's and Django's do)."""

    case_insensitive = True

    def __init__(self, data: dict[str, str]) -> None:
        self.data = {name.lower(): value for name, value in data.items()}

    def __getitem__(self, name: str) -> str:
        return self.data[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


@pytest.mark.parametrize(
    "headers",
    [
        [(b"accept", PROBLEM_ACCEPT.encode())],  # an ASGI scope's raw headers
        CaseFreeHeaders({"Accept": PROBLEM_ACCEPT}),
    ],
)
def test_accept_is_found_in_raw_and_case_free_headers(headers: Any) -> None:
    """The auto format reads Accept from an ASGI scope's byte pairs and from a mapping that
    matches names in any case."""
    rendered = render(NotFound(), Config(format="auto"), RequestInfo("GET", "/a", headers))
    assert rendered.media_type == PROBLEM_ACCEPT


def test_a_factory_id_that_is_not_text_is_sent_as_its_text() -> None:
    """A request_id_factory may return a UUID: its text is the request id sent."""
    made = uuid.UUID("12345678-1234-5678-1234-567812345678")
    rendered = render(NotFound(), Config(request_id_factory=lambda: made), RequestInfo("GET", "/"))
    assert json.loads(rendered.body)["error"]["request_id"] == str(made)
    assert ("X-Request-ID", str(made)) in rendered.headers


def _failing() -> str:
    raise RuntimeError("no ids today")


def _unfit() -> str:
    return "bad\nid"


@pytest.mark.parametrize(
    ("factory", "sentence"),
    [
        (_failing, "request_id_factory %r failed; a generated request id was used"),
        (_unfit, "request_id_factory %r made an id unfit to echo; a generated request id was used"),
    ],
)
def test_a_failing_factory_is_logged_by_name(
    factory: Any, sentence: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A request_id_factory that raises, or makes an id unfit to echo, is logged with its
    name (never the id), and a generated id is sent."""
    with caplog.at_level(logging.WARNING, logger="httpfault"):
        rendered = render(NotFound(), Config(request_id_factory=factory), RequestInfo("GET", "/"))
    assert [record.getMessage() for record in caplog.records] == [sentence % (factory,)]
    rid = json.loads(rendered.body)["error"]["request_id"]
    assert len(rid) == 32
    assert "\n" not in rid


def test_the_debug_traceback_is_the_original_exceptions_lines() -> None:
    """With debug, the traceback member is the original exception's traceback, line by line."""
    try:
        try:
            {}["missing"]
        except KeyError as original:
            raise Conflict("no") from original
    except Conflict as error:
        caught: HTTPError = error
    body = json.loads(render(caught, Config(debug=True)).body)
    cause = caught.__cause__
    assert cause is not None
    lines = "".join(traceback.format_exception(cause)).splitlines()
    assert len(lines) > 2
    assert body["error"]["debug"]["traceback"] == lines


def _broken(error: HTTPError, body: dict[str, Any], request: RequestInfo | None) -> dict[str, Any]:
    raise RuntimeError("formatter bug")


def test_the_minimal_problem_body_is_complete(caplog: pytest.LogCaptureFixture) -> None:
    """The fallback in the problem format is a whole RFC 9457 body with the request id,
    served as problem+json with the request id header."""
    request = RequestInfo("GET", "/a", {"X-Request-ID": "req-1"})
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(Conflict(), Config(format="problem", formatter=_broken), request)
    assert json.loads(rendered.body) == {
        "type": "about:blank", "title": "Conflict", "status": 409,
        "detail": Conflict.default_detail, "code": "conflict", "request_id": "req-1",
    }  # fmt: skip
    assert rendered.headers == [("Content-Type", PROBLEM_ACCEPT), ("X-Request-ID", "req-1")]


def test_the_fallback_keeps_every_sound_header_but_the_content_type(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Past a broken header, the fallback keeps the sound ones, never a Content-Type of the
    error's own."""
    error = Conflict()
    error.headers["X-Bad"] = "a\r\nb"
    error.headers["content-type"] = "text/html"
    error.headers["X-Good"] = "1"
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        rendered = render(error)
    assert rendered.status == 409
    assert rendered.headers == [("Content-Type", "application/json"), ("X-Good", "1")]


def test_the_request_id_is_found_in_case_free_headers() -> None:
    """The incoming request id is read from a mapping that matches names in any case."""
    request = RequestInfo("GET", "/", CaseFreeHeaders({"x-request-id": "abc-1"}))
    rendered = render(NotFound(), None, request)
    assert json.loads(rendered.body)["error"]["request_id"] == "abc-1"


def test_numbers_only_the_standard_encoder_writes_alike_take_it() -> None:
    """Extensions with a float that needs a negative exponent, or an int beyond 64 bits,
    are written as the standard library writes them (``1e-07``), repaired text as well."""
    assert b'"small":1e-07}' in render(Conflict(small=1e-7)).body
    assert b'"huge":18446744073709551616}' in render(Conflict(huge=2**64)).body
    body = render(Conflict(small=1e-7, note="x\ud800")).body
    assert body.endswith('"small":1e-07,"note":"x\ufffd"}}'.encode())


def test_statuses_from_400_to_599_render_and_no_others(caplog: pytest.LogCaptureFixture) -> None:
    """599 is an error status like 400; 600 is none: it renders as a minimal 500, and the
    log says why."""
    from httpfault import ServerError

    class NetworkTimeout(ServerError):
        status = 599
        title = "Network Connect Timeout Error"

    rendered = render(NetworkTimeout())
    assert rendered.status == 599
    assert json.loads(rendered.body)["error"]["title"] == "Network Connect Timeout Error"
    beyond = NetworkTimeout()
    beyond.status = 600
    with caplog.at_level(logging.ERROR, logger="httpfault"):
        assert render(beyond).status == 500
    assert "NetworkTimeout.status 600 is not a 4xx/5xx" in caplog.text


def test_handle_answers_an_unrenderable_error_with_the_minimal_body(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """handle() never raises: an error whose body cannot be encoded is answered with the
    minimal body of its status, and the failure is logged."""
    from httpfault._handling import handle

    with caplog.at_level(logging.ERROR, logger="httpfault"):
        error = Conflict(thing=object())
        rendered = handle(error, Config(), RequestInfo("GET", "/a"))
    assert rendered.status == 409
    assert json.loads(rendered.body)["error"]["code"] == "conflict"
    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert failures == [f"could not render {error!r}; sent a minimal body instead"]
