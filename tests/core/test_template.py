"""Templates: an error rendered once, then filled per request, byte for byte render()'s."""

from __future__ import annotations

from typing import Any

import pytest

from httpfault import (
    Config,
    FieldError,
    HTTPError,
    MethodNotAllowed,
    RequestInfo,
    ServiceUnavailable,
    TooManyRequests,
    UnprocessableContent,
)
from httpfault._classes import REGISTRY
from httpfault._render import render_with_id, wants_problem
from httpfault._template import _PATH, _RID, _TID, Template, make_template

FIELDS = [
    FieldError(("items", 0, "name"), "Field required", code="missing"),
    FieldError("q", "Input should be a valid integer", code="int_parsing", in_="query"),
]
PATHS = ["/users", "/a b/ü?x", "/%zz/%41", "/"]
RIDS = ["req-1", "0123456789abcdef0123456789abcdef", None]


def _instance(cls: type[HTTPError]) -> HTTPError:
    if cls is MethodNotAllowed:
        return MethodNotAllowed("nope", allow=["GET", "HEAD"])
    if cls in (TooManyRequests, ServiceUnavailable):
        return cls(retry_after=30)  # type: ignore[call-arg]
    return cls(f"{cls.__name__} happened", errors=FIELDS)


@pytest.mark.parametrize("status", sorted(REGISTRY))
@pytest.mark.parametrize("fmt", ["json", "problem"])
def test_every_class_fills_to_render_bytes(status: int, fmt: str) -> None:
    """For every registered class and both formats, a filled template equals render()."""
    config = Config(format=fmt)  # type: ignore[arg-type]
    error = _instance(REGISTRY[status])
    for rid in RIDS:
        made_for = RequestInfo("GET", "/first", {"X-Request-ID": "x"})
        template = make_template(error, config, made_for, rid)
        assert template is not None
        for path in PATHS:
            for method in ("GET", "POST", "HEAD"):
                request = RequestInfo(method, path, {})
                expected = render_with_id(error, config, request, rid)
                assert template.fill(request, rid) == expected, (status, fmt, rid, path)


@pytest.mark.parametrize(
    ("accept", "problem"),
    [("application/problem+json", True), ("application/json", False), (None, False)],
)
def test_auto_format_follows_the_request_it_was_made_for(accept: str | None, problem: bool) -> None:
    """Under format="auto" a template holds the negotiated format (and the Vary header)."""
    config = Config(format="auto", type_base="https://errors.example/")
    headers = {} if accept is None else {"Accept": accept}
    request = RequestInfo("GET", "/things/1", headers)
    error = UnprocessableContent(errors=FIELDS)
    template = make_template(error, config, request, "rid-7")
    assert template is not None
    assert template.problem is problem
    assert template.fill(request, "rid-7") == render_with_id(error, config, request, "rid-7")
    assert ("Vary", "Accept") in template.headers


def test_own_instance_extensions_and_headers_are_kept() -> None:
    """An error's own instance, extensions and headers render as they do without a template."""
    config = Config(format="problem")
    error = UnprocessableContent(
        "Bad order", instance="/orders/9", headers={"Cache-Control": "no-store"},
        errors=FIELDS, order_id=9, tags=["a", "b"],
    )  # fmt: skip
    request = RequestInfo("POST", "/orders", {})
    template = make_template(error, config, request, "r1")
    assert template is not None
    for path in PATHS:
        other = RequestInfo("POST", path, {})
        assert template.fill(other, "r2") == render_with_id(error, config, other, "r2")


def test_no_request_id_header_configured() -> None:
    """Without a request id header the body still carries no id, and nothing is spliced."""
    config = Config(request_id_header=None)
    error = UnprocessableContent(errors=FIELDS)
    request = RequestInfo("GET", "/x", {})
    template = make_template(error, config, request, None)
    assert template is not None
    assert template.rid_at == -1
    assert template.fill(request, None) == render_with_id(error, config, request, None)


def test_the_json_format_splices_the_request_id_alone() -> None:
    """In the json format the request id is the one splice: the body is what surrounds it."""
    error = UnprocessableContent(errors=FIELDS)
    request = RequestInfo("GET", "/x", {})
    template = make_template(error, Config(), request, "abc")
    assert template is not None
    before, after = render_with_id(error, Config(), request, "zz-9").body.split(b"zz-9")
    assert template.body(RequestInfo("GET", "/elsewhere", {}), "q-1") == before + b"q-1" + after


@pytest.mark.parametrize(
    "config",
    [Config(debug=True), Config(formatter=lambda error, body, request: body)],
    ids=["debug", "formatter"],
)
def test_no_template_where_the_body_is_more_than_rendered(config: Config) -> None:
    """debug (a traceback) and a formatter (any function of the request) give no template."""
    error = UnprocessableContent(errors=FIELDS)
    assert make_template(error, config, RequestInfo("GET", "/", {}), "r") is None


def test_no_template_where_rendering_fails() -> None:
    """An error that cannot render gives no template: each request takes the fallback."""
    error = UnprocessableContent(payload=object())
    assert make_template(error, Config(), RequestInfo("GET", "/", {}), "r") is None


BODY_REFUSAL = "^a stand-in is in the body where it cannot be replaced$"
HEADER_REFUSAL = "^a stand-in is in a header where it cannot be replaced$"
ID_REFUSAL = r"^this template was made for requests with\(out\) a request id$"
TRACE_REFUSAL = r"^this template was made for requests with\(out\) a trace id$"


def test_a_stand_in_out_of_place_is_refused() -> None:
    """Stand-ins found twice, or in a header other than the id's, make no template."""
    rid, path = _RID.encode(), _PATH.encode()
    json_headers = [("Content-Type", "application/json")]
    with pytest.raises(ValueError, match=BODY_REFUSAL):
        Template(422, json_headers, b"{" + rid + rid + b"}", False, True)
    with pytest.raises(ValueError, match=BODY_REFUSAL):
        Template(422, json_headers, b"{" + path + path + rid + b"}", False, True)
    with pytest.raises(ValueError, match=BODY_REFUSAL):
        Template(422, json_headers, b"{}", False, True)  # the id is missing
    with pytest.raises(ValueError, match=HEADER_REFUSAL):
        Template(422, [("Link", _PATH)], b"{" + rid + b"}", False, True)
    with pytest.raises(ValueError, match=HEADER_REFUSAL):
        Template(422, [("X-Request-ID", _RID)], b"{}", False, False)
    with pytest.raises(ValueError, match=HEADER_REFUSAL):
        Template(422, [("A", _RID), ("B", _RID)], b"{" + rid + b"}", False, True)
    error: Any = UnprocessableContent(note=_RID)  # an extension holding the stand-in
    assert make_template(error, Config(), RequestInfo("GET", "/", {}), "r") is None


def test_the_request_id_must_match_how_the_template_was_made() -> None:
    """A template made with a request id needs one to fill, and one made without, none."""
    error = UnprocessableContent()
    request = RequestInfo("GET", "/", {})
    with_id = make_template(error, Config(), request, "r")
    without = make_template(error, Config(), request, None)
    assert with_id is not None
    assert without is not None
    with pytest.raises(ValueError, match=ID_REFUSAL):
        with_id.body(request, None)
    with pytest.raises(ValueError, match=ID_REFUSAL):
        without.body(request, "r")
    for template, rid in ((with_id, None), (without, "r")):
        with pytest.raises(ValueError, match=ID_REFUSAL):
            template.fill(request, rid)
    assert with_id.size == len(render_with_id(error, Config(), request, _RID).body)


def test_the_trace_id_must_match_how_the_template_was_made() -> None:
    """A template made with a trace id needs one to fill, and one made without, none; the
    refusal says which."""
    request = RequestInfo("GET", "/", {})
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    with_trace = make_template(UnprocessableContent(), Config(), request, "r", trace)
    without = make_template(UnprocessableContent(), Config(), request, "r")
    assert with_trace is not None
    assert without is not None
    for template, given in ((with_trace, None), (without, trace)):
        with pytest.raises(ValueError, match=TRACE_REFUSAL):
            template.body(request, "r", given)
        with pytest.raises(ValueError, match=TRACE_REFUSAL):
            template.fill(request, "r", given)


def test_a_template_has_no_trace_id_unless_made_with_one() -> None:
    """Made from a rendering with no trace id (the keyword left out), a template fills
    requests without one; the trace id's stand-in in a header is refused."""
    error, request = UnprocessableContent(), RequestInfo("GET", "/", {})
    status, headers, body = render_with_id(error, Config(), request, _RID)
    template = Template(status, headers, body, False, True)
    assert template.with_trace_id is False
    assert template.fill(request, "r") == render_with_id(error, Config(), request, "r")
    with pytest.raises(ValueError, match=HEADER_REFUSAL):
        Template(status, [*headers, ("X-Trace", _TID)], body, False, True)


def test_auto_format_without_a_request_is_json() -> None:
    """Negotiation needs a request: without one, "auto" answers the json format."""
    assert wants_problem(Config(format="auto"), None) is False
    assert wants_problem(Config(format="problem"), None) is True
