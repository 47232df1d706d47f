"""``HTTPError.retry_after`` and ``HTTPError.request_id``: read back from a response."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

from httpfault import HTTPError, NotFound, ServiceUnavailable, TooManyRequests, render
from httpfault._headers import parse_retry_after

NOW = datetime(2015, 10, 21, 7, 28, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30", 30),
        (" 7 ", 7),
        ("0", 0),
        ("Wed, 21 Oct 2015 07:28:45 GMT", 45),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0),
        ("Wed, 21 Oct 2015 07:00:00 GMT", 0),
        ("Wed, 21 Oct 2015 07:28:10", 10),
        ("-1", None),
        ("1.5", None),
        ("", None),
        ("soon", None),
        ("Mon, 99 Foo 2015 99:99:99 GMT", None),
        ("٣", None),
    ],
)
def test_parse_retry_after(value: str, expected: int | None) -> None:
    """Delay-seconds and HTTP-dates become seconds to wait; anything else is None."""
    assert parse_retry_after(value, now=NOW) == expected


def test_retry_after_property_reads_the_header() -> None:
    """``retry_after`` gives the seconds of the Retry-After header, whatever its case."""
    assert TooManyRequests(retry_after=timedelta(seconds=2.5)).retry_after == 3
    assert ServiceUnavailable(headers={"retry-after": "12"}).retry_after == 12
    assert NotFound().retry_after is None
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    seconds = TooManyRequests(retry_after=later).retry_after
    assert seconds is not None
    assert 3500 < seconds <= 3600


def test_request_id_defaults_to_none_and_is_not_rendered() -> None:
    """``request_id`` is None by default; a set one survives pickling and is never rendered."""
    error = NotFound("gone")
    assert error.request_id is None
    error.request_id = "abc123"
    copy = pickle.loads(pickle.dumps(error))
    assert copy.request_id == "abc123"
    assert copy == error
    assert b"abc123" not in render(error).body
    assert HTTPError.request_id is None
