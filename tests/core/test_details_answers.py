"""handle_details(): validation errors given as error dicts, kept and reused by their shape.

What the FastAPI adapter calls for ``RequestValidationError``; here without a framework, so
the core's own tests see every path of the kept validation answers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from httpfault import Config, HTTPError, RequestInfo
from httpfault._answers import ENTRY_OVERHEAD, answer_keyed
from httpfault._convert import with_field_errors
from httpfault._fields import MAX_KEY_TEXT, field_errors_from_details
from httpfault._handling import handle, handle_details
from httpfault._render import Rendered
from httpfault._template import Template
from tests.core.log_capture import captured

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"

DETAILS: dict[str, list[Any]] = {
    "missing": [{"type": "missing", "loc": ("query", "q"), "msg": "Field required"}],
    "echoing": [
        {
            "type": "int_parsing",
            "loc": ("path", "item_id"),
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": "abc",
        }
    ],
    "several": [
        {"type": "missing", "loc": ("body", "items", 0, "name"), "msg": "Field required"},
        {"type": "string_too_short", "loc": ("body", "email"), "msg": "String too short"},
    ],
    "no-key": [{"type": "missing", "loc": ("body", "x" * (MAX_KEY_TEXT + 1)), "msg": "m"}],
}
CONFIGS = [
    Config(),
    Config(format="problem", type_base="https://errors.example/"),
    Config(format="auto"),
    Config(request_id_header=None),
    Config(validation_status=400, trace_id=False),
    Config(languages=("en", "de")),
    Config(request_id_factory=None),
]
REQUESTS = [
    RequestInfo("GET", "/items/abc", {"X-Request-ID": "r-1"}),
    RequestInfo("GET", "", {"X-Request-ID": "r-2"}),  # an empty path, as h11 accepts it
    RequestInfo("HEAD", "/items/abc", {"X-Request-ID": "r-3", "traceparent": TRACEPARENT}),
    RequestInfo("GET", "/items/abc", {"X-Request-ID": "r-5", "traceparent": TRACEPARENT}),
    RequestInfo(
        "POST",
        "/orders",
        {"Accept": "application/problem+json", "Accept-Language": "de", "X-Request-ID": "r-4"},
    ),
    RequestInfo("POST", "/orders", {"Accept-Language": "de"}),  # no id: none, or a new one
]


def _general(details: list[Any], config: Config, request: RequestInfo | None) -> Rendered:
    """What :func:`handle` answers for the same field errors, with nothing kept."""
    errors = field_errors_from_details(details, location_first=True)
    error = with_field_errors(config.validation_status, errors)
    return handle(error, config.replace(cache_bytes=0), request)


def _comparable(rendered: Rendered) -> Rendered:
    """*rendered* with a generated request id (new on each answer) made a fixed one."""
    got = dict(rendered.headers).get("X-Request-ID")
    if got is None or got.startswith("r-"):
        return rendered
    headers = [(k, "generated" if v == got else v) for k, v in rendered.headers]
    return rendered._replace(headers=headers, body=rendered.body.replace(got.encode(), b"gen"))


@pytest.mark.parametrize("config", CONFIGS)
def test_kept_validation_answers_are_the_general_paths_bytes(config: Config) -> None:
    """Each shape of details, for each request, first, second and third time (rendered,
    kept, reused), answers the status, headers and bytes :func:`handle` gives for the same
    field errors: the format, the language, the request's id, path and trace id all count."""
    config = config.replace()  # a cache of its own
    for name, details in DETAILS.items():
        for request in REQUESTS:
            for attempt in range(3):
                got = handle_details(details, config, request)
                want = _general(details, config, request)
                assert _comparable(got) == _comparable(want), (name, request, attempt)


def test_a_kept_validation_answer_is_reused() -> None:
    """The second time a shape of details comes, its answer is kept; the third answer is
    spliced from it, with that request's id and path."""
    config = Config()
    assert config._cache is not None
    details = DETAILS["missing"]
    for rid in ("r-1", "r-2"):
        handle_details(details, config, RequestInfo("GET", "/a", {"X-Request-ID": rid}))
    kept = [v for v in config._cache.values() if isinstance(v, Template)]
    assert len(kept) == 1
    third = RequestInfo("GET", "/b", {"X-Request-ID": "r-3"})
    assert handle_details(details, config, third) == _general(details, config, third)


def test_without_a_cache_or_a_request_details_are_answered_too() -> None:
    """No cache (``cache_bytes=0``) or no request: the answer is rendered each time, and
    is still what :func:`handle` gives."""
    details = DETAILS["several"]
    request = RequestInfo("GET", "/a", {"X-Request-ID": "r-1"})
    for config, where in ((Config(cache_bytes=0), request), (Config(), None)):
        for _ in range(3):
            assert handle_details(details, config, where) == _general(details, config, where)


@pytest.fixture
def kept() -> Iterator[list[logging.LogRecord]]:
    """The records of a logger of its own, at every level."""
    with captured("httpfault.tests.details") as records:
        yield records


def test_every_validation_answer_is_logged_once(kept: list[logging.LogRecord]) -> None:
    """Each answer, kept or not, logs one record with the error's facts and the request's
    ids, as :func:`handle` logs it."""
    logger = logging.getLogger("httpfault.tests.details")
    request = RequestInfo("POST", "/orders", {"X-Request-ID": "r-9", "traceparent": TRACEPARENT})
    for name in ("several", "several", "several", "no-key"):  # "no-key": never kept
        handle_details(DETAILS[name], Config(), request, logger=logger)
    assert len(kept) == 4
    for record in kept:
        assert record.levelno == logging.INFO
        assert record.getMessage().startswith("POST /orders -> 422 Unprocessable Content")
        assert record.getMessage().endswith("(request_id=r-9)")
        facts = (record.http_status, record.error_code, record.trace_id)  # type: ignore[attr-defined]
        assert facts == (422, "unprocessable_content", TRACE)


def test_a_disabled_level_logs_nothing_and_hooks_still_run(kept: list[logging.LogRecord]) -> None:
    """With the 4xx level off, nothing is logged; ``on_error`` hooks still see each error,
    with its field errors, and a failing hook is logged without changing the answer."""
    logger = logging.getLogger("httpfault.tests.details")
    seen: list[tuple[HTTPError, RequestInfo | None]] = []

    def broken(error: HTTPError, request: RequestInfo | None) -> None:
        raise ValueError("hook bug")

    request = RequestInfo("GET", "/items/abc", {"X-Request-ID": "r-1"})
    quiet = Config(log_level_4xx=5)  # below DEBUG, where the logger is set: off
    for _ in range(3):
        handle_details(DETAILS["echoing"], quiet, request, logger=logger)
    assert kept == []
    config = Config(on_error=(lambda e, r: seen.append((e, r)), broken))
    for _ in range(3):
        rendered = handle_details(DETAILS["echoing"], config, request, logger=logger)
        assert rendered == _general(DETAILS["echoing"], Config(), request)
    assert [(e.status, r) for e, r in seen] == [(422, request)] * 3
    assert [e.errors[0].pointer for e, _ in seen] == ["#/item_id"] * 3
    hook_failures = [r for r in kept if "on_error hook" in r.getMessage()]
    assert len(hook_failures) == 3
    assert len(kept) == 6  # the three answers and the three failures


def test_a_validation_key_counts_what_it_holds() -> None:
    """The bytes a shape of details counts in the cache follow the rule of every key:
    each field name and message by its length, 8 for each list index, plus the entry's
    overhead; once its answer is kept, the answer's bytes too."""
    config = Config()
    assert config._cache is not None
    details = DETAILS["several"]
    handle_details(details, config, RequestInfo("GET", "/a", {"X-Request-ID": "r-1"}))
    texts = [part for d in details for part in d["loc"] if isinstance(part, str)]
    indexes = [part for d in details for part in d["loc"] if isinstance(part, int)]
    messages = [d["msg"] for d in details]
    counted = sum(map(len, texts + messages)) + 8 * len(indexes)
    assert config._cache.size == counted + ENTRY_OVERHEAD
    handle_details(details, config, RequestInfo("GET", "/b", {"X-Request-ID": "r-2"}))
    (template,) = [v for v in config._cache.values() if isinstance(v, Template)]
    assert config._cache.size == counted + ENTRY_OVERHEAD + template.size


def test_a_kept_answer_known_by_key_is_served_without_making_the_error() -> None:
    """:func:`answer_keyed` makes the error only until its answer is kept; then each
    request is answered from the key alone, with its own id and path."""
    config = Config()
    made: list[HTTPError] = []

    def make() -> HTTPError:
        errors = field_errors_from_details(DETAILS["missing"], location_first=True)
        made.append(with_field_errors(422, errors))
        return made[-1]

    counts = []
    for n in range(5):
        request = RequestInfo("GET", f"/items/{n}", {"X-Request-ID": f"r-{n}"})
        got = answer_keyed(
            ("shape", 1),
            30,
            make,
            config=config,
            request=request,
            request_id=f"r-{n}",
            language=None,
        )
        assert got == _general(DETAILS["missing"], config, request)
        counts.append(len(made))
    assert counts == [1, 2, 2, 2, 2]


@pytest.mark.parametrize("config", [Config(), Config(cache_bytes=0), Config(debug=True)])
def test_the_cause_given_is_the_errors_cause(config: Config) -> None:
    """The framework's exception passed as *cause* is the error's ``__cause__``: hooks see
    it on a kept answer and on one made afresh, and ``debug`` names it."""
    seen: list[BaseException | None] = []
    cause = LookupError("the framework's validation error")
    hooked = config.replace(on_error=lambda e, r: seen.append(e.__cause__))
    request = RequestInfo("GET", "/items/abc", {"X-Request-ID": "r-1"})
    for _ in range(2):
        rendered = handle_details(DETAILS["echoing"], hooked, request, cause=cause)
    assert seen == [cause, cause]
    assert (b'"exception":"builtins.LookupError"' in rendered.body) is config.debug
