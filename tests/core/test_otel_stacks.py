"""The stack trace of a recorded 5xx's ``exception`` event: the innermost frames in the
standard library's wording, the right one for each way a failure is reached, and a bound
on how many the cache holds."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from httpfault import _otel
from httpfault._otel import MAX_FRAMES, _exception_attributes


def _fail(depth: int) -> None:
    if depth == 0:
        raise RuntimeError("disk on fire")
    _fail(depth - 1)


def _caught(call: object, *args: int) -> RuntimeError:
    try:
        call(*args)  # type: ignore[operator]
    except RuntimeError as exc:
        return exc
    raise AssertionError("nothing raised")


def _via_a() -> None:
    _fail(1)


def _via_b() -> None:
    _fail(1)


def _two_lines(second: int) -> None:
    if not second:
        _fail(0)
    _fail(0)


def _expected(exc: BaseException) -> str:
    """The stack trace as the standard library words it, innermost frames only."""
    summary = traceback.extract_tb(exc.__traceback__)[-MAX_FRAMES:]
    lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in summary]
    return "".join(["Traceback (most recent call last):\n", *lines, "RuntimeError: disk on fire\n"])


@contextmanager
def _empty_cache() -> Iterator[dict[object, str]]:
    saved = dict(_otel._STACK_CACHE)
    _otel._STACK_CACHE.clear()
    try:
        yield _otel._STACK_CACHE
    finally:
        _otel._STACK_CACHE.clear()
        _otel._STACK_CACHE.update(saved)


@pytest.mark.parametrize("depth", [0, MAX_FRAMES - 2, MAX_FRAMES - 1, MAX_FRAMES + 5])
def test_the_stack_trace_shows_the_innermost_frames(depth: int) -> None:
    """Up to :data:`MAX_FRAMES` innermost frames, each with its file, line and function,
    then the exception's type and message: the same lines ``traceback`` gives."""
    with _empty_cache():
        exc = _caught(_fail, depth)
        first = _exception_attributes(exc)["exception.stacktrace"]
        again = _exception_attributes(_caught(_fail, depth))["exception.stacktrace"]
    assert first == _expected(exc)
    assert again == first
    assert first.count("  File ") == min(depth + 2, MAX_FRAMES)


def test_each_way_to_the_same_failure_has_its_own_stack_trace() -> None:
    """The same raise reached through two callers reads differently, also when the first
    one's stack trace is already cached."""
    with _empty_cache():
        a = _caught(_via_a)
        b = _caught(_via_b)
        text_a = _exception_attributes(a)["exception.stacktrace"]
        text_b = _exception_attributes(b)["exception.stacktrace"]
    assert ", in _via_a\n" in text_a
    assert ", in _via_b\n" in text_b
    assert (text_a, text_b) == (_expected(a), _expected(b))


def test_two_lines_of_one_function_have_their_own_stack_traces() -> None:
    """One function failing from either of two lines: each stack trace names its line."""
    with _empty_cache():
        first = _caught(_two_lines, 0)
        second = _caught(_two_lines, 1)
        texts = [_exception_attributes(exc)["exception.stacktrace"] for exc in (first, second)]
    assert texts == [_expected(first), _expected(second)]
    assert texts[0] != texts[1]


def test_the_stack_cache_holds_no_more_than_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the cache holds :data:`STACK_CACHE_SIZE` stack traces, a new one is made for
    each answer and not cached; the cached ones stay."""
    monkeypatch.setattr(_otel, "STACK_CACHE_SIZE", 1)
    with _empty_cache() as kept:
        a = _caught(_via_a)
        b = _caught(_via_b)
        _exception_attributes(a)
        _exception_attributes(b)
        assert len(kept) == 1
        assert list(kept.values()) == [_expected(a).rpartition("RuntimeError")[0]]
        assert _exception_attributes(b)["exception.stacktrace"] == _expected(b)
