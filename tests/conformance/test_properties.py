"""Property tests through every adapter: any error answers render()'s bytes, never a crash.

Hypothesis builds errors with arbitrary details, codes, field errors (paths with ``~``
and ``/``) and extensions (unicode, lone surrogates, 100 KB strings, nested values,
NaN, datetimes, Decimals, UUIDs, bytes, sets, objects with no JSON form, nesting deeper
than the encoder allows). Each framework's app raises the error from a view (``GET
/c/stash``, looked up by the request id) and must answer with the error's status and
exactly the bytes of ``httpfault.render()`` for the same config and request id; where a
value has no JSON form, that is the minimal fallback body. Example counts follow the
profile of ``tests/conftest.py`` (``CI=true`` selects ``ci``).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpfault import FieldError, HTTPError, RequestInfo, error_class, render
from httpfault._errors import RESERVED_MEMBERS
from httpfault._json import MAX_DEPTH
from httpfault.testing import assert_conforms

from .adapters import FRAMEWORKS, sender
from .apps import common
from .checks import CONTRACT_HEADERS

# Every adapter's example costs a request: the profile's count, shared out.
_EXAMPLES = max(10, settings().max_examples // 2)


@pytest.fixture(scope="module", autouse=True)
def _quiet_logs() -> Iterator[None]:
    """No log records: formatting 100 KB values and tracebacks would cost most of the time
    (logging is exercised by the adapters' own tests; a failing handler never raises)."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


# DRF's APIView adds these to every response it makes (see scenarios.DRF_GET).
_FRAMEWORK_HEADERS = {"drf": {"Allow": "GET, HEAD, OPTIONS", "Vary": "Accept"}}


class Opaque:
    """A value with no JSON form: any body holding one falls back to the minimal body."""

    def __repr__(self) -> str:
        return "Opaque()"


any_char = st.characters(exclude_categories=())  # lone surrogates included
texts = st.one_of(
    st.text(max_size=20),
    st.text(any_char, max_size=20),
    st.builds(lambda c, n: c * n, any_char, st.integers(100_000, 100_100)),  # 100 KB
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**64, max_value=2**80),
    st.floats(),  # NaN and infinities included
    texts,
    st.datetimes(timezones=st.sampled_from([None, timezone.utc])),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.decimals(),  # NaN and infinities included
    st.uuids(),
    st.binary(max_size=20),
    st.frozensets(st.integers() | st.text(max_size=5), max_size=4),
    st.builds(Opaque),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
        st.sets(st.integers() | st.text(max_size=5), max_size=4),
    ),
    max_leaves=12,
)
extension_names = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{2,12}\Z").filter(
    lambda name: name not in RESERVED_MEMBERS
)
path_tokens = st.one_of(
    st.text(alphabet=st.sampled_from("ab~/01 %#é✓"), max_size=6),
    st.text(any_char, max_size=6),
    st.integers(0, 10_000),
)
field_errors = st.builds(
    FieldError,
    st.lists(path_tokens, max_size=5),
    texts,
    code=st.none() | st.text(min_size=1, max_size=12),
    in_=st.sampled_from(["body", "query", "path", "header", "cookie"]),
)


def _too_deep(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


@dataclass(frozen=True)
class ErrorSpec:
    """How to build one error: a fresh instance per framework (each raises its own)."""

    status: int
    detail: str | None
    code: str | None
    expose: bool | None
    errors: list[FieldError]
    extensions: dict[str, Any] = field(default_factory=dict)

    def build(self) -> HTTPError:
        return error_class(self.status)(
            self.detail, code=self.code, expose=self.expose, errors=self.errors, **self.extensions
        )

    @property
    def unserializable(self) -> bool:
        """Whether some extension value has no JSON form (the body must fall back)."""
        return any(_opaque(value, 0) for value in self.extensions.values())


def _opaque(value: Any, depth: int) -> bool:
    if depth > MAX_DEPTH or isinstance(value, Opaque):
        return True
    if isinstance(value, dict):
        return any(_opaque(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_opaque(v, depth + 1) for v in value)
    return False


specs = st.builds(
    ErrorSpec,
    status=st.sampled_from(common.STATUSES),
    detail=st.none() | texts,
    code=st.none() | st.text(min_size=1, max_size=30),
    expose=st.none() | st.booleans(),
    errors=st.lists(field_errors, max_size=4),
    extensions=st.dictionaries(
        extension_names,
        values | st.just(_too_deep(MAX_DEPTH + 5)),
        max_size=4,
    ),
)


def _answer(framework: str, config_name: str, build: Callable[[], BaseException]) -> Any:
    """Send ``GET /c/stash`` to *framework* with *build* stashed under a fresh request id."""
    rid = uuid.uuid4().hex
    common.STASH[rid] = build
    try:
        return rid, sender(framework, config_name)("GET", "/c/stash", {"X-Request-ID": rid}, None)
    finally:
        del common.STASH[rid]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@settings(max_examples=_EXAMPLES)
@given(spec=specs, config_name=st.sampled_from(["json", "problem"]))
def test_any_error_answers_the_bytes_of_render(
    framework: str, spec: ErrorSpec, config_name: str
) -> None:
    """Whatever the error holds, the adapter answers its status and exactly render()'s
    bytes and contract headers; the body conforms; an unserializable value gives the
    minimal body (no extensions, no field errors) of the same status."""
    rid, reply = _answer(framework, config_name, spec.build)
    want = render(
        spec.build(),
        common.CONFIGS[config_name],
        RequestInfo("GET", "/c/stash", {"X-Request-ID": rid}),
    )
    assert reply.status == want.status == spec.status
    assert reply.body == want.body
    headers = dict.fromkeys(CONTRACT_HEADERS)
    headers.update(dict(want.headers))
    headers.update(_FRAMEWORK_HEADERS.get(framework, {}))
    assert {name: reply.header(name) for name in CONTRACT_HEADERS} == headers
    body = assert_conforms(reply.response)
    error = body.get("error", body)
    if spec.unserializable:
        assert set(error) <= {"type", "title", "status", "detail", "message", "code", "request_id"}
    elif spec.extensions:
        # A member with no value is left out, never sent as null.
        assert {name for name, value in spec.extensions.items() if value is not None} <= set(error)
        assert not {name for name, value in spec.extensions.items() if value is None} & set(error)
    json.loads(reply.body)  # strict JSON, whatever went in


@pytest.mark.parametrize("framework", FRAMEWORKS)
@settings(max_examples=max(5, _EXAMPLES // 3))
@given(
    detail=texts,
    extra=st.dictionaries(extension_names, st.builds(Opaque) | st.just(float("nan")), max_size=2),
)
def test_unhandled_exceptions_reveal_nothing(
    framework: str, detail: str, extra: dict[str, Any]
) -> None:
    """Any exception that is not an HTTPError answers the same safe 500 in every
    framework: render()'s bytes of a bare InternalServerError, none of its text."""

    class Boom(Exception):
        pass

    rid, reply = _answer(framework, "problem", lambda: Boom(detail, extra))
    want = render(
        error_class(500)(),
        common.CONFIGS["problem"],
        RequestInfo("GET", "/c/stash", {"X-Request-ID": rid}),
    )
    assert reply.status == 500
    assert reply.body == want.body
    assert_conforms(reply.response)
