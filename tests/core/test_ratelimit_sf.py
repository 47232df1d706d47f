"""The rate-limit fields are valid Structured Fields, checked by an independent parser.

``http_sf`` (a maintained RFC 9651 implementation) parses every ``RateLimit-Policy`` and
``RateLimit`` value made from hypothesis-generated policies, and must find exactly the
names and parameters the draft defines. The other way round, httpfault's own parser
agrees with ``http_sf`` on what ``http_sf`` serialises.
"""

from __future__ import annotations

from datetime import timedelta

import http_sf
from hypothesis import given
from hypothesis import strategies as st

from httpfault import RateLimit, ratelimit_headers
from httpfault._ratelimit import UNITS, parse_ratelimit
from httpfault._sf import MAX_INTEGER, parse_list

counts = st.integers(min_value=0, max_value=MAX_INTEGER)
names = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=30)


@st.composite
def limits(draw: st.DrawFn) -> RateLimit:
    remaining = draw(st.none() | counts)
    return RateLimit(
        draw(names),
        quota=draw(counts),
        window=draw(st.none() | counts | st.integers(0, 10**6).map(lambda s: timedelta(seconds=s))),
        remaining=remaining,
        reset=None if remaining is None else draw(st.none() | counts),
        unit=draw(st.none() | st.sampled_from(sorted(UNITS))),
        partition_key=draw(st.none() | st.binary(max_size=40)),
    )


policy_lists = st.lists(
    limits(), min_size=1, max_size=5, unique_by=lambda lim: (lim.policy, lim.partition_key)
)


@given(policy_lists)
def test_fields_parse_with_http_sf(policies: list[RateLimit]) -> None:
    """Both fields are Lists of String items with the draft's parameters, nothing else."""
    headers = ratelimit_headers(policies)
    for name, value in headers.items():
        assert value.isascii(), name
        assert not set(value) & {"\r", "\n", "\x00"}, name
    parsed = http_sf.parse(headers["RateLimit-Policy"].encode("ascii"), tltype="list")
    assert len(parsed) == len(policies)
    for (value, params), limit in zip(parsed, policies, strict=True):
        assert isinstance(value, str)
        assert not isinstance(value, http_sf.Token)
        assert value == limit.policy
        expected: dict[str, object] = {"q": limit.quota}
        if limit.unit is not None:
            expected["qu"] = limit.unit
        if limit.window is not None:
            expected["w"] = limit.window
        if limit.partition_key is not None:
            expected["pk"] = limit.partition_key
        assert params == expected
    with_state = [limit for limit in policies if limit.remaining is not None]
    if not with_state:
        assert "RateLimit" not in headers
        return
    parsed = http_sf.parse(headers["RateLimit"].encode("ascii"), tltype="list")
    assert [value for value, _ in parsed] == [limit.policy for limit in with_state]
    for (_, params), limit in zip(parsed, with_state, strict=True):
        assert params["r"] == limit.remaining
        assert params.get("t") == limit.reset
        assert params.get("pk") == limit.partition_key
        assert set(params) <= {"r", "t", "pk"}


@given(policy_lists)
def test_fields_read_back_equal(policies: list[RateLimit]) -> None:
    """What httpfault writes, httpfault's client reads back as equal policies."""
    headers = ratelimit_headers(policies)
    assert parse_ratelimit(headers["RateLimit-Policy"], headers.get("RateLimit")) == tuple(policies)


bare = (
    st.integers(-MAX_INTEGER, MAX_INTEGER)
    | names
    | st.binary(max_size=20)
    | st.booleans()
    | st.from_regex(r"\A[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]{0,10}\Z").map(http_sf.Token)
)
keys = st.from_regex(r"\A[a-z*][a-z0-9_\-.*]{0,6}\Z")
items = st.tuples(bare, st.dictionaries(keys, bare, max_size=4))
members = items | st.tuples(st.lists(items, max_size=3), st.dictionaries(keys, bare, max_size=2))


@given(st.lists(members, min_size=1, max_size=5))
def test_own_parser_agrees_with_http_sf(value: list[object]) -> None:
    """Any List ``http_sf`` serialises, httpfault's parser reads as ``http_sf`` does."""
    text = http_sf.ser(value)
    ours = parse_list(text)
    theirs = http_sf.parse(text.encode("ascii"), tltype="list")
    assert _plain(ours) == _plain(theirs)


def _plain(value: object) -> object:
    # Compare structure and values, not the classes used for tuples and inner lists.
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return (type(value) is bool, str(value) if isinstance(value, str) else value)
