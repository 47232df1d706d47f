"""Header values an error carries: the exact refusals, and Retry-After at its edges."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from httpfault._headers import check_header, format_retry_after, join_values, validated_headers


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is New York (UTC-5 in winter) during the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_check_header_refusals_say_what_is_wrong() -> None:
    """Each refusal names the header and the fault, in words a user can act on."""
    with pytest.raises(ValueError) as name:
        check_header("X A", "v")
    assert str(name.value) == "invalid header name 'X A'"
    with pytest.raises(ValueError) as kind:
        check_header("X-A", 7)  # type: ignore[arg-type]
    assert str(kind.value) == "header X-A must be a str, not int"
    with pytest.raises(ValueError) as crlf:
        check_header("X-A", "a\r\nb")
    assert str(crlf.value) == "header X-A must not contain CR, LF or NUL characters"
    for bad in ("a\rb", "a\nb", "a\x00b"):
        with pytest.raises(ValueError):
            check_header("X-A", bad)
    check_header("X-A", "tab\tand space are fine")


def test_validated_headers_copies_and_checks() -> None:
    """validated_headers() returns a new dict of checked headers; empty gives {}."""
    given = {"X-A": "1", "X-B": "2"}
    result = validated_headers(given)
    assert result == given
    assert result is not given
    assert validated_headers(None) == {}
    assert validated_headers({}) == {}
    with pytest.raises(ValueError):
        validated_headers({"X-A": "1", "X-B": "\n"})


def test_join_values() -> None:
    """Values are stripped and joined with ", "; an empty list or value is refused."""
    assert join_values("Allow", ["GET", " POST "]) == "GET, POST"
    assert join_values("Allow", "GET") == "GET"
    for bad in ([], [""], ["GET", "  "], [7]):
        with pytest.raises(ValueError) as info:
            join_values("Allow", bad)  # type: ignore[arg-type]
        assert str(info.value) == "Allow needs at least one non-empty string value"
    with pytest.raises(ValueError):
        join_values("Allow", ["GET\r\nX: y"])


@pytest.mark.parametrize(
    ("value", "header"),
    [
        (0, "0"),
        (1, "1"),
        (30, "30"),
        (timedelta(0), "0"),
        (timedelta(seconds=0.2), "1"),
        (timedelta(seconds=1), "1"),
        (timedelta(seconds=1.000001), "2"),
        (timedelta(minutes=2), "120"),
        (datetime(2015, 10, 21, 7, 28, tzinfo=timezone.utc), "Wed, 21 Oct 2015 07:28:00 GMT"),
        (
            datetime(2015, 10, 21, 9, 28, tzinfo=timezone(timedelta(hours=2))),
            "Wed, 21 Oct 2015 07:28:00 GMT",
        ),
    ],
)
def test_format_retry_after(value: int | timedelta | datetime, header: str) -> None:
    """Whole seconds, a duration rounded up, or an IMF-fixdate in GMT."""
    assert format_retry_after(value) == header


def test_naive_and_aware_datetimes_are_utc_whatever_the_local_zone(new_york: None) -> None:
    """A naive datetime is taken as UTC, an aware one converted to GMT, not to local time."""
    assert format_retry_after(datetime(2015, 10, 21, 7, 28)) == "Wed, 21 Oct 2015 07:28:00 GMT"
    aware = datetime(2015, 10, 21, 9, 28, tzinfo=timezone(timedelta(hours=2)))
    assert format_retry_after(aware) == "Wed, 21 Oct 2015 07:28:00 GMT"


def test_format_retry_after_refusals() -> None:
    """Negative delays, bools and other types are refused with a message naming the fault."""
    for negative in (-1, timedelta(seconds=-0.5)):
        with pytest.raises(ValueError) as info:
            format_retry_after(negative)
        assert str(info.value) == "retry_after must not be negative"
    with pytest.raises(TypeError) as flag:
        format_retry_after(True)
    assert str(flag.value) == "retry_after must be an int, timedelta or datetime, not bool"
    with pytest.raises(TypeError) as text:
        format_retry_after("5")  # type: ignore[arg-type]
    assert str(text.value) == "retry_after must be an int, timedelta or datetime, not str"
