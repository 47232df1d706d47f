"""Boundaries: whole-value patterns, the request id's length and characters, nesting depth.

Each test sits on the edge a small slip would move: the last accepted and the first refused
value, given literally rather than computed by the code under test.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import pytest

from httpfault import Config, Conflict, NotFound, RequestInfo, render
from httpfault._handling import handle
from httpfault._headers import check_header
from httpfault._json import MAX_DEPTH, Unserializable, jsonable, jsonable_body
from httpfault._request import safe_request_id
from httpfault.testing._rules import is_json_pointer_fragment, is_uri_reference

CONTROL = ["\n", "\r", "\r\n", "\x00", "\t", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028"]
"""Line ends and other control characters, each of which must never reach the wire."""


GENERATED = re.compile(r"[0-9a-f]{32}")
"""An id httpfault generated in place of one unfit to echo."""


def _ids(config: Config, incoming: str | None) -> tuple[str | None, str | None, list[str]]:
    """The request id of the body and of the header, and the log lines, of one 404."""
    headers = {} if incoming is None else {"X-Request-ID": incoming}
    logger = logging.getLogger("httpfault.tests.boundaries")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        rendered = handle(NotFound(), config, RequestInfo("GET", "/x", headers), logger=logger)
    finally:
        logger.removeHandler(handler)
    body = json.loads(rendered.body)["error"].get("request_id")
    header = dict(rendered.headers).get("X-Request-ID")
    return body, header, [r.getMessage() for r in records]


@pytest.mark.parametrize("control", CONTROL)
@pytest.mark.parametrize("where", ["end", "middle", "start"])
def test_safe_request_id_refuses_every_control_character(control: str, where: str) -> None:
    """A request id with a line end or control character anywhere is not echoed."""
    value = {"end": "abc" + control, "middle": "ab" + control + "c", "start": control + "abc"}
    assert safe_request_id(value[where]) is None


def test_safe_request_id_trailing_newline() -> None:
    """``abc\\n`` is refused: the pattern matches the whole value, not up to a final newline."""
    assert safe_request_id("abc\n") is None
    assert safe_request_id("a.b\n") is None
    assert safe_request_id("a.b") == "a.b"


@pytest.mark.parametrize("control", CONTROL)
def test_incoming_id_with_control_character_reaches_no_header_body_or_log(control: str) -> None:
    """An incoming id with a control character is replaced by a generated one everywhere."""
    body, header, lines = _ids(Config(), "req.7" + control)
    assert body is not None
    assert body == header
    assert len(body) == 32
    assert set(body) <= set("0123456789abcdef")
    assert lines
    assert all(control not in line and "req.7" not in line for line in lines)


@pytest.mark.parametrize("control", CONTROL)
def test_factory_id_with_control_character_reaches_no_header_body_or_log(control: str) -> None:
    """A ``request_id_factory`` id goes through the same check: an unsafe one is replaced
    by a generated id, and neither it nor its character reaches a header, body or log line."""
    config = Config(request_id_factory=lambda: "job.7" + control)
    body, header, lines = _ids(config, None)
    assert body == header
    assert GENERATED.fullmatch(body or "")
    assert all(control not in line and "job.7" not in line for line in lines)


def test_factory_id_that_is_safe_is_used() -> None:
    """A factory's id that passes the check is the response's request id."""
    body, header, lines = _ids(Config(request_id_factory=lambda: "job.7"), None)
    assert body == header == "job.7"
    assert "request_id=job.7" in lines[0]


@pytest.mark.parametrize(
    ("incoming", "echoed"),
    [
        ("a" * 128, True),  # the fast path for letters and digits: 128 characters pass
        ("a" * 129, False),
        ("0123-" * 25 + "abc", True),  # 128 characters, dashes: a UUID-like id
        ("0123-" * 25 + "abcd", False),
        ("a." + "b" * 126, True),  # the pattern path: 128 characters pass
        ("a." + "b" * 127, False),
        ("é1", False),  # letters, but not ASCII
        ("١٢٣", False),  # digits, but not ASCII
        ("a b", False),
        ("", False),
    ],
)
def test_incoming_request_id_length_and_characters(incoming: str, echoed: bool) -> None:
    """An incoming id of up to 128 printable ASCII characters is echoed; 129 is not."""
    body, header, _ = _ids(Config(), incoming)
    assert body == header
    assert (body == incoming) is echoed
    if not echoed:
        assert body is not None
        assert len(body) == 32
    assert safe_request_id(incoming) == (incoming if echoed else None)


@pytest.mark.parametrize("length", [128, 129])
def test_factory_id_length_limit(length: int) -> None:
    """A factory's id is held to the same 128-character limit as an incoming one."""
    made = "j." + "x" * (length - 2)
    body, header, _ = _ids(Config(request_id_factory=lambda: made), None)
    assert body == header
    assert body == made if length == 128 else GENERATED.fullmatch(body or "")


@pytest.mark.parametrize("name", ["X-Foo\n", "X-Foo\r\n", "X-Foo\r", "\nX-Foo", "X Foo", ""])
def test_header_name_must_be_a_whole_token(name: str) -> None:
    """A header name with a trailing newline, or anything but a token, is refused."""
    with pytest.raises(ValueError, match="invalid header name"):
        check_header(name, "v")
    with pytest.raises(ValueError, match="invalid header name"):
        Conflict(headers={name: "v"})


def test_header_name_token_is_accepted() -> None:
    """Every token character is accepted in a header name."""
    check_header("!#$%&'*+-.^_`|~09AZaz", "v")
    assert Conflict(headers={"X-Foo": "v"}).headers == {"X-Foo": "v"}


@pytest.mark.parametrize("name", ["abc\n", "abc\r\n", "ab\nc", "\nabc", "1abc", "ab", "ab-c"])
def test_extension_name_must_match_whole(name: str) -> None:
    """An extension name with a trailing newline (or not RFC 9457's shape) is refused."""
    with pytest.raises(ValueError, match="not a valid name"):
        Conflict(**{name: 1})


def test_extension_name_shapes_accepted() -> None:
    """Three characters, a letter first, then letters, digits and underscores, pass."""
    assert Conflict(abc=1, a_9=2, Z__=3).extensions == {"abc": 1, "a_9": 2, "Z__": 3}


def test_conformance_rules_match_whole_values() -> None:
    """The testing kit's URI and pointer checks refuse a value with a trailing newline."""
    assert is_uri_reference("/users/7")
    assert not is_uri_reference("/users/7\n")
    assert is_uri_reference("https://example.com/p")
    assert not is_uri_reference("https\n://example.com/p")
    assert is_json_pointer_fragment("#/a/0")
    assert not is_json_pointer_fragment("#/a/0\n")


def _nested(levels: int) -> Any:
    value: Any = "leaf"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_extension_nested_exactly_max_depth_renders_in_both_formats(fmt: str) -> None:
    """A value nested MAX_DEPTH levels renders, in the JSON format as in the problem one."""
    value = _nested(MAX_DEPTH)
    rendered = render(Conflict("x", deep=value), Config(format=fmt))  # type: ignore[arg-type]
    body = json.loads(rendered.body)
    assert body.get("error", body)["deep"] == value


@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_extension_nested_one_level_more_falls_back_in_both_formats(
    fmt: str, caplog: pytest.LogCaptureFixture
) -> None:
    """One level more than MAX_DEPTH falls back to the minimal body, in both formats."""
    error = Conflict("x", deep=_nested(MAX_DEPTH + 1))
    with caplog.at_level(logging.CRITICAL, logger="httpfault"):
        rendered = render(error, Config(format=fmt))  # type: ignore[arg-type]
    body = json.loads(rendered.body)
    assert rendered.status == 409
    assert "deep" not in body.get("error", body)
    assert body.get("error", body)["code"] == "conflict"


def test_depth_of_a_value_is_the_same_alone_and_in_a_body() -> None:
    """jsonable() alone and jsonable_body() in either envelope agree on the limit."""
    fits, too_deep = _nested(MAX_DEPTH), _nested(MAX_DEPTH + 1)
    assert jsonable(fits)[0] == fits
    with pytest.raises(Unserializable):
        jsonable(too_deep)
    for body in ({"type": "about:blank", "deep": fits}, {"error": {"status": 409, "deep": fits}}):
        assert jsonable_body(body)[0] == body
    for body in ({"type": "about:blank", "deep": too_deep}, {"error": {"deep": too_deep}}):
        with pytest.raises(Unserializable):
            jsonable_body(body)


def test_body_envelope_repairs_text_and_reports_stdlib_only() -> None:
    """jsonable_body() repairs lone surrogates in keys and values and flags big numbers."""
    clean, stdlib_only = jsonable_body({"error": {"k\udc00": "v\ud800"}}, fix_strings=True)
    assert clean == {"error": {"k\ufffd": "v\ufffd"}}
    assert stdlib_only is False
    assert jsonable_body({"error": {"n": 2**70}})[1] is True
    assert jsonable_body({"n": 1e300})[1] is True
    # an "error" member beside others, or not an object, is an ordinary member
    assert jsonable_body({"error": "x", "a": _nested(MAX_DEPTH)})[0]["error"] == "x"
    assert jsonable_body({"error": _nested(MAX_DEPTH)})[0] == {"error": _nested(MAX_DEPTH)}


def test_nested_value_counts_mappings_too() -> None:
    """Objects count as levels like arrays: MAX_DEPTH objects fit, one more does not."""
    value: Any = 1
    for _ in range(MAX_DEPTH):
        value = {"k": value}
    body = json.loads(render(Conflict(deep=value)).body)
    assert body["error"]["deep"] == value
    deeper = json.loads(render(Conflict(deep={"k": value})).body)
    assert "deep" not in deeper["error"]
