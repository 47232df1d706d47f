"""The kit on the responses of httpx, Starlette's TestClient, Flask's and Django's test clients."""

from __future__ import annotations

import pytest

from httpfault import (
    Conflict,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    RequestInfo,
    TooManyRequests,
    UnprocessableContent,
    render,
)
from httpfault._classes import REGISTRY
from httpfault.client import ProblemRegistry
from httpfault.testing import ConformanceError, ErrorAssertions, assert_conforms, assert_error
from tests.client.scenarios import EmailTaken, OutOfCredit, paths
from tests.testing.shapes import SHAPES, get

SCENARIO_PATHS = [path for _, path, _, _ in paths()]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_rendered_scenario_conforms(shape: str) -> None:
    """Every class, format and variant rendered by httpfault passes ``assert_conforms``."""
    for path in SCENARIO_PATHS:
        response = get(shape, "GET", path, {"X-Request-ID": "kit-1"})
        body = assert_conforms(response, required_headers=path.endswith("/full"))
        members = body.get("error", body)
        assert members["status"] == response.status_code
        assert members["request_id"] == "kit-1"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("path", ["/json/404/bare", "/problem/405/full", "/raw/text-500"])
def test_head_responses_conform_without_a_body(shape: str, path: str) -> None:
    """A HEAD error response has no body: the kit knows the method from the response."""
    response = get(shape, "HEAD", path)
    if path.startswith("/raw/"):
        with pytest.raises(ConformanceError, match="Content-Type must be"):
            assert_conforms(response)
    else:
        assert assert_conforms(response) == {}


@pytest.mark.parametrize("shape", SHAPES)
def test_assert_error_in_every_shape(shape: str) -> None:
    """``assert_error`` recognises the class, code, pointer and headers in every shape."""
    response = get(shape, "GET", "/problem/422/full", {"X-Request-ID": "kit-2"})
    error = assert_error(
        response,
        UnprocessableContent,
        code="custom_422",
        detail="Détail for 422 ✓",
        pointer=("items", 0, "a/b~c"),
        field_code="too_short",
        request_id="kit-2",
        extensions={"plan": "pro"},
        headers={"Content-Type": "application/problem+json"},
    )
    assert error.instance == "/problem/422/full"
    assert_error(
        get(shape, "GET", "/json/429/full"), TooManyRequests, headers={"Retry-After": "60"}
    )
    assert_error(
        get(shape, "GET", "/json/405/bare"), MethodNotAllowed, detail=REGISTRY[405].default_detail
    )
    assert_error(get(shape, "GET", "/problem/500/hidden"), InternalServerError)


@pytest.mark.parametrize("shape", SHAPES)
def test_custom_types_in_every_shape(shape: str) -> None:
    """A custom type is matched by its URI, with or without a registry."""
    assert_error(
        get(shape, "GET", "/custom/json/email-taken"), EmailTaken, extensions={"account_id": 42}
    )
    assert_error(get(shape, "GET", "/custom/problem/out-of-credit"), OutOfCredit)
    assert_error(get(shape, "GET", "/custom/problem/email-taken"), Conflict)


@pytest.mark.parametrize("shape", SHAPES)
def test_failures_show_status_headers_and_body(shape: str) -> None:
    """A failing assertion shows the request, the status, the headers and the body."""
    response = get(shape, "GET", "/json/409/full", {"X-Request-ID": "kit-3"})
    with pytest.raises(AssertionError) as caught:
        assert_error(response, NotFound)
    message = str(caught.value)
    assert "expected NotFound (404), got Conflict (409)" in message
    assert "status: 409" in message
    assert "kit-3" in message
    assert "application/json" in message.lower()
    assert '"code":"custom_409"' in message
    assert "/json/409/full" in message


@pytest.mark.parametrize("shape", SHAPES)
def test_raw_bodies_do_not_conform(shape: str) -> None:
    """Bodies that are not ours fail ``assert_conforms`` but still parse to the status class."""
    response = get(shape, "GET", "/raw/html-502")
    with pytest.raises(ConformanceError, match="Content-Type must be"):
        assert_conforms(response)
    assert_error(response, HTTPError, conforms=False)


def test_fixtures(httpfault_assert: ErrorAssertions, problem_registry: ProblemRegistry) -> None:
    """The pytest fixtures give the assertions bound to a fresh registry."""
    assert httpfault_assert.registry is problem_registry
    assert len(problem_registry) == 0
    problem_registry.register(EmailTaken)
    response = get("httpx", "GET", "/custom/json/email-taken")
    assert type(httpfault_assert.parse(response)) is EmailTaken
    assert isinstance(httpfault_assert(response, Conflict, code="email_taken"), EmailTaken)
    assert httpfault_assert.error(response, EmailTaken).extensions == {"account_id": 42}
    assert httpfault_assert.conforms(response)["error"]["code"] == "email_taken"


def test_registry_fixture_is_fresh(problem_registry: ProblemRegistry) -> None:
    """Each test gets an empty registry: nothing registered by another test leaks in."""
    assert len(problem_registry) == 0
    assert ErrorAssertions().registry is not problem_registry


def test_starlette_response_objects() -> None:
    """A Starlette ``Response`` (``body``, raw headers) is read like the others."""
    responses = pytest.importorskip("starlette.responses")
    rendered = render(Conflict("taken"), request=RequestInfo("GET", "/x", {"X-Request-ID": "s1"}))
    response = responses.Response(
        rendered.body, status_code=409, headers=dict(rendered.headers[1:])
    )
    response.headers["Content-Type"] = rendered.media_type
    assert_error(response, Conflict, detail="taken", request_id="s1")


def test_rendered_output_directly() -> None:
    """``render()``'s own ``Rendered`` can be checked without any client."""
    rendered = render(NotFound(), request=RequestInfo("HEAD", "/x"))
    assert assert_conforms(rendered, method="HEAD") == {}
    assert_error(render(NotFound("No user 7.")), NotFound, detail="No user 7.")


def test_object_without_a_body_is_refused() -> None:
    """An object with a status but no body attribute is refused with a TypeError."""

    class NoBody:
        status_code = 404
        body = None

    with pytest.raises(TypeError, match="no readable body"):
        assert_conforms(NoBody())
