"""Accept-Language negotiation: RFC 9110 q-values, RFC 4647 filtering and lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from httpfault._catalogues import LANGUAGES
from httpfault._languages import MAX_ITEMS, negotiate, parse_accept_language

OFFERED = ("en", "de", "fr", "pt-BR", "zh-Hans")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("fr, de", "fr"),
        ("fr;q=0.5, de", "de"),
        ("fr;q=0.5, de;q=0.8", "de"),
        ("de-CH", "de"),  # lookup: de-CH falls back to de
        ("de-CH, fr;q=0.9", "de"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh-hans", "zh-Hans"),  # case-insensitive, offered spelling returned
        ("pt", "pt-BR"),  # basic filtering: pt accepts pt-BR
        ("pt-PT", None),  # a sibling region is not a match
        ("*", "en"),  # the first offered tag
        ("*;q=0.1, fr", "fr"),
        ("fr;q=0, *", "en"),
        ("en;q=0, de;q=0, *", "fr"),
        ("de;q=0", None),
        ("de-CH, de;q=0", None),  # q=0 on de excludes the fallback too
        ("*;q=0", None),
        ("*;q=0, de", "de"),
        ("ja", None),
        ("x-klingon, de;q=0.1", "de"),
        ("de-x-private", "de"),  # a singleton never ends a lookup tag
        ("de;q=0.5, fr;q=0.5", "de"),  # equal q: the header's order
        ("fr;Q=0.9, de;q=0.8", "fr"),
        ("de; q=0.8 ; level=1, fr;q=0.7", "de"),
    ],
)
def test_negotiation(header: str, expected: str | None) -> None:
    """Each header picks the offered language the RFCs' rules give."""
    assert negotiate(header, OFFERED) == expected


@pytest.mark.parametrize(
    "header",
    ["", " ", ",,,", ";q=1", "de;q=", "de;q=2", "de;q=0.1234", "de;q=-1", "de;q=abc",
     "123", "de_CH", "d e", "toolonglanguage", "de-", "-de", "de--CH", "de;q=1.001", "\x00"],
)  # fmt: skip
def test_malformed_items_are_skipped(header: str) -> None:
    """A malformed item picks nothing and raises nothing."""
    assert negotiate(header, OFFERED) is None


def test_malformed_items_do_not_hide_valid_ones() -> None:
    """Valid items around broken ones still count."""
    assert negotiate("de;q=2, ???, fr;q=0.4, x y", OFFERED) == "fr"
    assert negotiate("de;q=0.5;q=0.9, fr;q=0.6", OFFERED) == "fr"  # the first q counts


def test_no_header_or_no_offer() -> None:
    """No header, an empty one or nothing offered gives None."""
    assert negotiate(None, OFFERED) is None
    assert negotiate("", OFFERED) is None
    assert negotiate("de", ()) is None


def test_more_specific_range_sets_the_quality() -> None:
    """The most specific matching range gives an offered tag its q-value."""
    assert negotiate("de;q=0, de-AT", ("de-AT", "fr")) == "de-AT"
    assert negotiate("de, de-AT;q=0", ("de-AT", "de")) == "de"
    assert negotiate("de, de-AT;q=0", ("de-AT",)) is None


def test_only_the_first_items_are_read() -> None:
    """A header with thousands of items is read up to MAX_ITEMS of them."""
    header = ", ".join(["xx"] * (MAX_ITEMS - 1) + ["de"])
    assert negotiate(header, OFFERED) == "de"
    header = ", ".join(["xx"] * MAX_ITEMS + ["de"])
    assert negotiate(header, OFFERED) is None
    hostile = ",".join(["de-CH;q=0.5"] * 100_000)
    assert len(parse_accept_language(hostile)) == MAX_ITEMS
    assert negotiate(hostile, OFFERED) == "de"


def test_parse_orders_by_quality_stably() -> None:
    """Ranges come back lowercased, by descending q, header order kept for ties."""
    assert parse_accept_language("fr;q=0.5, DE-ch, en;q=0.5, *;q=0") == [
        ("de-ch", 1.0), ("fr", 0.5), ("en", 0.5), ("*", 0.0),
    ]  # fmt: skip


def test_results_are_cached_but_long_headers_are_not_kept() -> None:
    """Short headers are served from the cache; over-long ones give the same answer."""
    assert negotiate("de-CH", LANGUAGES) == negotiate("de-CH", LANGUAGES) == "de"
    long_header = "de-CH, " + ", ".join(["xx;q=0.1"] * 300)
    assert len(long_header) > 1024
    assert negotiate(long_header, LANGUAGES) == "de"


tags = st.from_regex(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True)
qualities = st.sampled_from(["", ";q=0", ";q=1", ";q=0.5", ";q=0.001", ";q=1.000", ";q=x"])
items = st.one_of(st.tuples(tags | st.just("*"), qualities).map("".join), st.text(max_size=12))


@given(st.lists(items, max_size=40).map(", ".join), st.lists(tags, max_size=6).map(tuple))
def test_result_is_always_offered_or_none(header: str, offered: tuple[str, ...]) -> None:
    """Any header and any offer: no exception, and the result is offered or None."""
    result = negotiate(header, offered)
    assert result is None or result in offered


@given(st.text(max_size=200), st.sampled_from([OFFERED, LANGUAGES, ()]))
def test_arbitrary_text_never_raises(header: str, offered: tuple[str, ...]) -> None:
    """Arbitrary text as a header never raises."""
    result = negotiate(header, offered)
    assert result is None or result in offered


@given(tags)
def test_an_offered_tag_asked_for_alone_is_chosen(tag: str) -> None:
    """A header naming exactly an offered tag, in any case, picks it over the others."""
    assert negotiate(tag.swapcase(), ("zz-first", tag)) == tag
