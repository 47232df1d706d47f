"""Accept negotiation and header lookup, edge by edge.

``prefers_problem`` keeps its answers (an LRU cache); these tests ask the function behind
the cache (``__wrapped__``) so that each answer is computed here, then check that the cached
function agrees.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from httpfault._request import find_headers, header_names, header_value, prefers_problem

negotiate = prefers_problem.__wrapped__

PROBLEM = "application/problem+json"
JSON = "application/json"


@pytest.mark.parametrize(
    ("accept", "problem"),
    [
        (PROBLEM, True),
        (JSON, False),
        ("", False),
        ("text/html", False),
        (f"{PROBLEM}, {JSON}", False),  # a tie goes to JSON
        (f"{JSON}, {PROBLEM}", False),
        (f"{PROBLEM};q=1, {JSON};q=0.9", True),
        (f"{JSON};q=0.5, {PROBLEM}", True),
        (f"{PROBLEM};q=0", False),
        (f"{JSON};q=0.5", False),  # problem+json not listed at all: quality 0
        ("APPLICATION/PROBLEM+JSON", True),  # media types are case-insensitive
        (f"  {PROBLEM}  ", True),
        (f"{PROBLEM} ;q=0.8, {JSON} ;q=0.7", True),
        (f"{PROBLEM}; Q = 0.8 , {JSON};q=0.7", True),  # parameter names are case-insensitive
        (f"{PROBLEM};charset=utf-8;q=0.5, {JSON};q=0.4", True),
        (f"{PROBLEM};level=1, {JSON};q=0.4", True),
        # the most specific range gives the quality, whatever the order
        (f"application/*;q=0.6, {PROBLEM};q=0.5", False),
        (f"application/*;q=0.4, {PROBLEM};q=0.5", True),
        (f"{PROBLEM};q=0.5, application/*;q=0.6", False),
        (f"*/*;q=0.3, {PROBLEM};q=0.2", False),
        (f"*/*;q=0.1, {PROBLEM};q=0.2", True),
        (f"{PROBLEM};q=0.2, */*;q=0.3", False),
        (f"*/*;q=0.5, {PROBLEM};q=0.4", False),
        (f"*/*;q=0.5, application/*;q=0.4, {PROBLEM};q=0.3", False),
        (f"*/*;q=0.5, application/*;q=0.2, {PROBLEM};q=0.3", True),
        (f"application/*;q=0.2, */*;q=0.9, {PROBLEM};q=0.3", True),
        ("*/*", False),
        ("application/*", False),
        ("*/json", False),  # not a range: */json matches nothing
        (f"application/*;q=0.5, {PROBLEM};q=0.9, text/*;q=1", True),
        ("text/*, application/problem+xml, problem+json", False),
        # with two entries for one type the first is the one that counts
        (f"{PROBLEM};q=0.9, {PROBLEM};q=0.1, {JSON};q=0.5", True),
        (f"{JSON};q=0.9, {JSON};q=0.1, {PROBLEM};q=0.5", False),
        # a quality that is not a number counts as 0; outside 0-1 it is clamped
        (f"{PROBLEM};q=abc, {JSON};q=0.1", False),
        (f"{JSON};q=abc, {PROBLEM};q=0.1", True),
        (f"{PROBLEM};q=, {JSON};q=0.1", False),
        (f"{PROBLEM};q=2, {JSON};q=1", False),
        (f"{PROBLEM};q=0.5, {JSON};q=7", False),
        (f"{JSON};q=-1", False),
        (f"{PROBLEM};q=-1, {JSON};q=-3", False),
        (f"{PROBLEM};q=0.001, {JSON};q=0", True),
        (f"{PROBLEM};q=1.0, {JSON};q=0.999", True),
        (f"{PROBLEM};q=1, {JSON};q=inf", False),
        (f"{PROBLEM};q=nan, {JSON};q=0", False),
        (f"{PROBLEM};q=1.5, {JSON};q=0.9", True),  # above 1 counts as 1, not as 0
        (f"{PROBLEM}, {JSON};q=1", False),  # no q is q=1
        (f"text/*, {PROBLEM};q=0.5", True),  # text/* is no range for application types
        (f"{PROBLEM};charset=utf-8;q=0.3, {JSON};q=0.4", False),  # q after other params
        (f"{PROBLEM};q=0.5=1, {JSON};q=0.4", False),  # "0.5=1" is no number
        # only the first 64 entries are read
        ("text/html," * 63 + PROBLEM, True),
        ("text/html," * 64 + PROBLEM, False),
        (f"{PROBLEM}, " + "text/html," * 70 + JSON, True),
    ],
)
def test_prefers_problem(accept: str, problem: bool) -> None:
    """``application/problem+json`` is chosen only when it outranks ``application/json``."""
    assert negotiate(accept) is problem
    assert prefers_problem(accept) is problem


class _Bytes(bytes):
    """A header name of a bytes subclass (as some servers build them)."""


class _Str(str):
    """A header name of a str subclass."""


def test_str_pairs_are_matched_by_whole_name_not_by_length() -> None:
    """In pairs of str, a name of the same length that comes first is not taken for the
    one looked up, in any case; names of a str subclass are matched the same way."""
    pairs = [("Accept-Encoding", "gzip"), ("ACCEPT-LANGUAGE", "de")]
    assert header_value(pairs, "Accept-Language") == "de"
    subclassed = [(_Str("X-Other-Id"), "a"), (_Str("X-Request-ID"), "r-1")]
    assert header_value(subclassed, "x-request-id") == "r-1"
    assert header_value([(_Str("X-Other"), "a")], "X-Request-ID") is None


def test_header_pairs_of_bytes_are_matched_by_whole_name() -> None:
    """Among ASGI byte pairs, the value is the one whose name matches, not a neighbour's."""
    pairs = [(b"host", b"h"), (b"abcdef", b"same-length"), (b"accept", b"a"), (b"Accept", b"b")]
    assert header_value(pairs, "Accept") == "a"
    assert header_value(pairs, "ACCEPT") == "a"
    assert header_value([(b"ACCEPT", b"up")], "accept") == "up"
    assert header_value(pairs, "Cookie") is None
    assert header_value([(b"x-id", "\xe9".encode("latin-1"))], "X-Id") == "\xe9"
    assert header_value([(b"x-id", "text")], "x-id") == "text"


def test_header_names_of_a_bytes_subclass() -> None:
    """Names that are bytes but not exactly ``bytes`` are compared case-insensitively."""
    pairs = [(_Bytes(b"Other"), b"x"), (_Bytes(b"Accept"), b"\xe9")]
    assert header_value(pairs, "accept") == "\xe9"
    assert header_value([(_Bytes(b"Accept"), "as str")], "accept") == "as str"
    assert header_value([(_Bytes(b"Other"), b"x")], "accept") is None
    assert header_value([(7, b"x"), (_Bytes(b"accept"), b"y")], "accept") == "y"


def test_headers_as_any_iterable_of_pairs() -> None:
    """A generator or an items view of pairs is scanned like a list."""

    def pairs() -> Iterator[tuple[str, str]]:
        yield ("Host", "h")
        yield ("X-Request-ID", "r-1")

    assert header_value(pairs(), "x-request-id") == "r-1"
    assert header_value({"X-Request-ID": "r-2"}.items(), "x-request-id") == "r-2"
    assert header_value(iter([(b"accept", b"a")]), "Accept") == "a"
    assert header_value(iter([]), "Accept") is None


_SOURCES = [
    [(b"host", b"h"), (b"x-request-id", b"r1"), (b"traceparent", b"t1"), (b"x-request-id", b"r2"),
     (b"accept-language", b"de")],
    [(b"X-Request-ID", b"r1"), (b"TraceParent", "t1"), (b"traceparent", b"t2"),
     (b"Accept-Language", b"fr"), (b"accept-language", b"de")],
    [("Host", "h"), ("x-request-ID", "r1"), ("Traceparent", "t1"), ("ACCEPT-LANGUAGE", "de")],
    [(7, b"x"), (_Bytes(b"X-Request-Id"), b"r1"), (_Bytes(b"Traceparent"), b"t1")],
    [(b"abcdefghijk", b"same length as traceparent"), (b"x-request-ix", b"same as the id"),
     (b"accept-languagf", b"same length as accept-language")],
    {"X-Request-ID": "r1", "traceparent": "t1", "Accept-Language": "de"},
    {"x-request-id": "r1"},
    [],
]  # fmt: skip
_NAMES = ("X-Request-ID", "traceparent", "Accept-Language")


@pytest.mark.parametrize("headers", _SOURCES)
@pytest.mark.parametrize("as_generator", [False, True])
def test_three_headers_found_in_one_pass_as_by_three_lookups(
    headers: object, as_generator: bool
) -> None:
    """``find_headers`` gives what three ``header_value`` lookups give, for every kind of
    header source (bytes, str, mixed case, a bytes subclass, repeated names: the first wins,
    names of equal length, a mapping, a generator read once)."""
    expected = tuple(header_value(headers, name) for name in _NAMES)  # type: ignore[arg-type]
    source = iter(list(headers)) if as_generator and isinstance(headers, list) else headers
    assert find_headers(source, header_names(*_NAMES)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("headers", _SOURCES)
@pytest.mark.parametrize("absent", [0, 1, 2])
def test_a_name_not_asked_for_is_not_found(headers: object, absent: int) -> None:
    """A name given as ``None``, in any place, is not looked up: found as ``None`` whatever
    the request sent, while the names asked for are still found."""
    names: list[str | None] = list(_NAMES)
    names[absent] = None
    found = find_headers(headers, header_names(*names))  # type: ignore[arg-type]
    expected = tuple(None if n is None else header_value(headers, n) for n in names)  # type: ignore[arg-type]
    assert found == expected


def test_two_header_names_of_the_same_length() -> None:
    """Two names of equal length are told apart by their text, not their size."""
    pairs = [(b"x-b", b"2"), (b"x-a", b"1")]
    assert find_headers(pairs, header_names("X-A", "x-b")) == ("1", "2", None)
    assert find_headers(pairs, header_names("x-a", "x-a", "x-b")) == ("1", "1", "2")
