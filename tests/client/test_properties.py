"""Property tests: any error ``render()`` makes reads back equal; no body makes the client crash."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from httpfault import Config, FieldError, HTTPError, RequestInfo, render
from httpfault._classes import REGISTRY
from httpfault._errors import RESERVED_MEMBERS
from httpfault.client import error_from_response
from httpfault.testing import assert_conforms
from tests.client.scenarios import as_received

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
EXTENSION_NAMES = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{2,12}\Z").filter(
    lambda name: name not in RESERVED_MEMBERS
)
LOCATIONS = st.sampled_from(["body", "query", "path", "header", "cookie"])
FIELD_ERRORS = st.builds(
    lambda path, message, code, where: FieldError(path, message, code=code, in_=where),
    st.lists(st.one_of(TEXT, st.integers(min_value=0, max_value=10**6)), max_size=4),
    TEXT,
    st.none() | TEXT,
    LOCATIONS,
)
REQUEST_IDS = st.from_regex(r"\A[A-Za-z0-9._:@/+=\-]{1,40}\Z")


@st.composite
def errors(draw: st.DrawFn) -> HTTPError:
    cls = draw(st.sampled_from(list(REGISTRY.values())))
    kwargs: dict[str, Any] = {}
    if cls.status in (413, 429, 503):
        kwargs["retry_after"] = draw(st.none() | st.integers(min_value=0, max_value=10**7))
    detail = draw(st.none() | TEXT.filter(lambda text: text != cls.default_detail))
    return cls(
        detail,
        code=draw(st.none() | TEXT.filter(bool)),
        errors=draw(st.lists(FIELD_ERRORS, max_size=4)),
        expose=draw(st.booleans()),
        **draw(st.dictionaries(EXTENSION_NAMES, JSON_VALUES, max_size=4)),
        **kwargs,
    )


@settings(deadline=None)
@given(
    error=errors(),
    fmt=st.sampled_from(["json", "problem"]),
    request_id=REQUEST_IDS,
    path=st.sampled_from(["/users", "/a b/ü", "/x?y=1"]),
)
def test_any_rendered_error_reads_back_equal(
    error: HTTPError, fmt: str, request_id: str, path: str
) -> None:
    """Details, codes, extensions and field errors survive render -> parse in both formats."""
    request = RequestInfo("POST", path, {"X-Request-ID": request_id})
    rendered = render(error, Config(format=fmt), request)
    response = httpx.Response(rendered.status, headers=rendered.headers, content=rendered.body)
    assert_conforms(response)
    parsed = error_from_response(response)
    expected = as_received(error, fmt, json.loads(rendered.body).get("instance", path))
    assert parsed == expected
    assert parsed is not None
    assert parsed.request_id == request_id
    retry = error.headers.get("Retry-After")
    assert parsed.retry_after == (int(retry) if retry is not None else None)


MEDIA_TYPES = st.sampled_from(
    [
        "application/json",
        "application/problem+json",
        "application/vnd.api+json",
        "text/html",
        "text/plain; charset=utf-8",
        "",
    ]
)


@settings(deadline=None)
@given(
    status=st.integers(min_value=400, max_value=599),
    media=MEDIA_TYPES,
    body=st.binary(max_size=200),
)
def test_any_bytes_give_the_status_class(status: int, media: str, body: bytes) -> None:
    """Arbitrary bytes under any content type never crash and give an error of the status."""
    headers = {"Content-Type": media} if media else {}
    error = error_from_response(httpx.Response(status, headers=headers, content=body))
    assert isinstance(error, HTTPError)
    assert error.status == status


MEMBER_NAMES = st.sampled_from(sorted(RESERVED_MEMBERS | {"pointer", "in", "extra_member"})) | TEXT


@settings(deadline=None)
@given(
    status=st.integers(min_value=400, max_value=599),
    media=MEDIA_TYPES,
    members=st.dictionaries(
        MEMBER_NAMES,
        JSON_VALUES | st.lists(st.dictionaries(MEMBER_NAMES, JSON_VALUES, max_size=4), max_size=3),
        max_size=6,
    ),
    envelope=st.booleans(),
)
def test_any_json_members_are_read_without_crashing(
    status: int, media: str, members: dict[str, Any], envelope: bool
) -> None:
    """Any members of any JSON type, in either shape, give a typed error of the status."""
    body = json.dumps({"error": members} if envelope else members).encode()
    headers = {"Content-Type": media} if media else {}
    error = error_from_response(httpx.Response(status, headers=headers, content=body))
    assert isinstance(error, HTTPError)
    assert error.status == status
    assert error.detail is None or isinstance(error.detail, str)
    assert all(isinstance(item, FieldError) for item in error.errors)
    assert isinstance(error.code, str)
