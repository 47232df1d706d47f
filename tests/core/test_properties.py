"""Property tests: any detail, code, extension or field error renders to a valid body."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from httpfault import Config, FieldError, RequestInfo, render
from httpfault._classes import REGISTRY

from .rfc9457 import validate_problem

names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{2,12}", fullmatch=True).filter(
    lambda n: n not in {"type", "title", "status", "detail", "instance", "code", "message",
                        "errors", "request_id", "debug", "error", "headers", "expose"})  # fmt: skip
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.datetimes()
    | st.decimals() | st.uuids() | st.binary(max_size=8) | st.sets(st.integers(), max_size=3),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=10,
)  # fmt: skip
field_errors = st.builds(
    FieldError,
    st.lists(st.text(max_size=6) | st.integers(0, 99), max_size=4),
    st.text(max_size=40),
    code=st.none() | st.text(max_size=10),
    in_=st.sampled_from(["body", "query", "path", "header", "cookie"]),
)
paths = st.text(max_size=30).map(lambda p: "/" + p)


@given(
    status=st.sampled_from(sorted(REGISTRY)),
    detail=st.none() | st.text(max_size=200),
    code=st.none() | st.text(min_size=1, max_size=30),
    extensions=st.dictionaries(names, values, max_size=4),
    errors=st.lists(field_errors, max_size=3),
    fmt=st.sampled_from(["json", "problem"]),
    path=paths,
    method=st.sampled_from(["GET", "POST", "DELETE"]),
)
def test_any_error_renders_to_a_valid_body(
    status: int, detail: str | None, code: str | None, extensions: dict[str, Any],
    errors: list[FieldError], fmt: str, path: str, method: str,
) -> None:  # fmt: skip
    """Whatever the inputs, the body is valid JSON whose status equals the response status,
    and problem bodies validate against the RFC 9457 schema."""
    error = REGISTRY[status](detail, code=code, errors=errors, **extensions)
    rendered = render(error, Config(format=fmt), RequestInfo(method, path, {}))  # type: ignore[arg-type]
    assert rendered.status == status
    body = json.loads(rendered.body)
    inner = body if fmt == "problem" else body["error"]
    assert inner["status"] == status
    assert all(v is not None for k, v in inner.items() if k not in extensions)
    if fmt == "problem":
        validate_problem(body)
        assert rendered.headers[0] == ("Content-Type", "application/problem+json")
        for item in inner.get("errors", []):
            assert item["pointer"].startswith("#")
    if status >= 500 and detail is not None:
        assert inner.get("message", inner.get("detail")) == REGISTRY[status].default_detail
