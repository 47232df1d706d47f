"""``RateLimit``: validation, the two header fields, errors that carry them, parsing back."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

from httpfault import (
    ContentTooLarge,
    RateLimit,
    ServiceUnavailable,
    TooManyRequests,
    ratelimit_headers,
    render,
)
from httpfault._ratelimit import parse_ratelimit, wait_from_ratelimit


def test_headers_of_the_draft_example() -> None:
    """The issue's example: a policy of 100 per 60 s, none left, reset in 30 s."""
    limit = RateLimit("default", quota=100, window=60, remaining=0, reset=30)
    assert ratelimit_headers(limit) == {
        "RateLimit-Policy": '"default";q=100;w=60',
        "RateLimit": '"default";r=0;t=30',
    }


def test_several_policies_are_one_list_each() -> None:
    """Several policies give one list member each, in the order given, in both fields."""
    headers = ratelimit_headers(
        [
            RateLimit("burst", quota=10, window=1, remaining=3, reset=1),
            RateLimit("day", quota=5000, window=timedelta(days=1), remaining=4000, reset=600,
                      unit="requests"),
            RateLimit("bytes", quota=10**9, unit="content-bytes", partition_key=b"user-1"),
        ]
    )  # fmt: skip
    assert headers["RateLimit-Policy"] == (
        '"burst";q=10;w=1, "day";q=5000;w=86400, '
        '"bytes";q=1000000000;qu="content-bytes";pk=:dXNlci0x:'
    )
    # The third policy has no state: it has no item in RateLimit.
    assert headers["RateLimit"] == '"burst";r=3;t=1, "day";r=4000;t=600'


def test_policy_only_gives_no_ratelimit_field() -> None:
    """Without ``remaining`` only ``RateLimit-Policy`` is written."""
    assert ratelimit_headers(RateLimit(quota=5)) == {"RateLimit-Policy": '"default";q=5'}


def test_names_are_escaped_as_strings() -> None:
    """Quotes and backslashes in a policy name are escaped as RFC 9651 asks."""
    limit = RateLimit('a "b" \\c', quota=1)
    assert limit.policy_item == '"a \\"b\\" \\\\c";q=1'


def test_durations_and_datetimes_become_seconds() -> None:
    """``timedelta`` rounds up to whole seconds; a ``datetime`` reset counts from now."""
    limit = RateLimit(quota=1, window=timedelta(seconds=1.2), remaining=0,
                      reset=datetime.now(timezone.utc) + timedelta(seconds=100))  # fmt: skip
    assert limit.window == 2
    assert limit.reset is not None
    assert 99 <= limit.reset <= 100
    past = RateLimit(quota=1, remaining=0, reset=datetime(2000, 1, 1))
    assert past.reset == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"quota": -1}, ValueError),
        ({"quota": 10**15}, ValueError),
        ({"quota": True}, TypeError),
        ({"quota": 1.5}, TypeError),
        ({"quota": 1, "window": -1}, ValueError),
        ({"quota": 1, "window": timedelta(seconds=-1)}, ValueError),
        ({"quota": 1, "window": "60"}, TypeError),
        ({"quota": 1, "remaining": -3}, ValueError),
        ({"quota": 1, "reset": 5}, ValueError),
        ({"quota": 1, "remaining": 0, "reset": "soon"}, TypeError),
        ({"quota": 1, "unit": "apples"}, ValueError),
        ({"quota": 1, "partition_key": "text"}, TypeError),
        ({"policy": "", "quota": 1}, ValueError),
        ({"policy": "bad\r\nname", "quota": 1}, ValueError),
        ({"policy": "café", "quota": 1}, ValueError),
        ({"policy": 7, "quota": 1}, ValueError),
    ],
)
def test_bad_values_are_refused_at_construction(kwargs: dict[str, object], error: type) -> None:
    """Every invalid member fails when the limit is made, with a clear exception."""
    with pytest.raises(error):
        RateLimit(**kwargs)  # type: ignore[arg-type]


def test_immutable_equal_hashable_and_picklable() -> None:
    """A limit cannot be changed, compares by value, hashes, and pickles to an equal one."""
    limit = RateLimit("p", quota=3, window=9, remaining=1, reset=4, partition_key=b"k")
    with pytest.raises(AttributeError):
        limit.quota = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del limit.quota
    twin = RateLimit("p", quota=3, window=9, remaining=1, reset=4, partition_key=b"k")
    assert limit == twin
    assert hash(limit) == hash(twin)
    assert limit != RateLimit("p", quota=3)
    assert limit != "p"
    assert pickle.loads(pickle.dumps(limit)) == limit
    assert (
        repr(limit) == "RateLimit('p', quota=3, window=9, remaining=1, reset=4, partition_key=b'k')"
    )


def test_header_helper_refuses_empty_duplicates_and_other_types() -> None:
    """No policy, a policy named twice, or something else than RateLimit is refused."""
    with pytest.raises(ValueError, match="at least one"):
        ratelimit_headers([])
    with pytest.raises(ValueError, match="twice"):
        ratelimit_headers([RateLimit(quota=1), RateLimit(quota=2)])
    with pytest.raises(TypeError):
        ratelimit_headers(["default"])  # type: ignore[list-item]
    # The same name with different partition keys is two policies.
    assert ratelimit_headers(
        [RateLimit(quota=1, partition_key=b"a"), RateLimit(quota=1, partition_key=b"b")]
    )


def test_too_many_requests_writes_every_header() -> None:
    """``TooManyRequests(retry_after=..., ratelimit=...)`` renders all three headers."""
    error = TooManyRequests(
        "Slow down.",
        retry_after=30,
        ratelimit=RateLimit(quota=100, window=60, remaining=0, reset=30),
    )
    headers = dict(render(error).headers)
    assert headers["Retry-After"] == "30"
    assert headers["RateLimit-Policy"] == '"default";q=100;w=60'
    assert headers["RateLimit"] == '"default";r=0;t=30'
    assert error.ratelimit == (RateLimit(quota=100, window=60, remaining=0, reset=30),)
    assert pickle.loads(pickle.dumps(error)) == error


def test_service_unavailable_takes_ratelimit_too() -> None:
    """503 takes ``ratelimit`` (a sequence of policies here); for others it is no header."""
    limits = (RateLimit("a", quota=1, window=1), RateLimit("b", quota=2, window=2, remaining=0))
    error = ServiceUnavailable(ratelimit=limits)
    assert error.headers["RateLimit-Policy"] == '"a";q=1;w=1, "b";q=2;w=2'
    assert error.headers["RateLimit"] == '"b";r=0'
    assert error.ratelimit == limits
    other = ContentTooLarge(ratelimit=1)  # an ordinary extension member there
    assert other.headers == {}
    assert other.extensions == {"ratelimit": 1}


def test_errors_without_ratelimit_have_none() -> None:
    """An error without the fields has an empty ``ratelimit``."""
    assert TooManyRequests().ratelimit == ()
    assert TooManyRequests(headers={"RateLimit-Policy": "not a list ("}).ratelimit == ()


def test_parsing_matches_state_to_policies() -> None:
    """Parsing pairs each policy with its state by name and partition key."""
    policy = '"a";q=10;w=1, b;q=20;qu="content-bytes", "c";q=5;pk=:eA==:, "nq";w=3, "a";q=99'
    current = '"c";r=2;t=4;pk=:eA==:, "a";r=1, "zzz";r=0;t=9, "b";r=-1'
    assert parse_ratelimit(policy, current) == (
        RateLimit("a", quota=10, window=1, remaining=1),
        RateLimit("b", quota=20, unit="content-bytes"),
        RateLimit("c", quota=5, remaining=2, reset=4, partition_key=b"x"),
    )


@pytest.mark.parametrize(
    "policy",
    ['"a";q=1,', '"a";q=1 "b"', '"a', '"a";q=1.', "", '"a\\x";q=1', '"é";q=1', ",", '"a";Q=1'],
)
def test_invalid_fields_count_as_absent(policy: str) -> None:
    """A field that is not a valid Structured Field List gives nothing at all."""
    assert parse_ratelimit(policy, None) == ()


def test_wait_is_the_latest_reset_of_exhausted_policies() -> None:
    """The wait a ``RateLimit`` field asks for: the largest ``t`` among items with ``r=0``."""
    assert wait_from_ratelimit('"a";r=0;t=5, "b";r=0;t=12, "c";r=4;t=60') == 12
    assert wait_from_ratelimit('"a";r=3;t=5') is None
    assert wait_from_ratelimit('"a";r=0') is None
    assert wait_from_ratelimit("((") is None
    assert wait_from_ratelimit(None) is None
