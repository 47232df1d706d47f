"""Round trip through a real server: ``render()`` on uvicorn, ``httpfault.client`` in httpx.

For every class of the registry, both formats and every variant, the error read back
equals the error raised (status, code, type, detail, errors, extensions, headers), with
the request id the server echoed and ``Retry-After`` as seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from httpfault import (
    BadGateway,
    BadRequest,
    ClientError,
    Conflict,
    HTTPError,
    InternalServerError,
    NotFound,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    UnprocessableContent,
    client,
)
from tests.client.scenarios import (
    CUSTOM,
    RETRY_AFTER,
    EmailTaken,
    OutOfCredit,
    as_received,
    make_error,
    paths,
)
from tests.servers import Server, uvicorn

pytestmark = pytest.mark.server

SCENARIOS = list(paths())


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One uvicorn process serving the scenario app for the whole module."""
    with uvicorn("tests.client.asgi_app:app") as running:
        yield running


@pytest.fixture(scope="module")
def http(server: Server) -> Iterator[httpx.Client]:
    """A plain httpx client for the server."""
    with httpx.Client(base_url=server.url, timeout=10.0) as session:
        yield session


def check_round_trip(
    response: httpx.Response, fmt: str, path: str, status: int, variant: str
) -> None:
    error = client.error_from_response(response)
    expected = as_received(make_error(status, variant), fmt, path)
    assert error == expected, (error, expected)
    assert type(error) is type(expected)
    assert error.request_id == response.headers["X-Request-ID"]
    if variant == "full":
        assert error.request_id == f"rid-{fmt}-{status}"
        assert error.retry_after == RETRY_AFTER.get(status)
        assert [e.pointer for e in error.errors][:1] == ["#/items/0/a~1b~0c"]
    else:
        assert error.retry_after is None
        assert error.errors == []


@pytest.mark.parametrize(("fmt", "path", "status", "variant"), SCENARIOS)
def test_every_class_round_trips_sync(
    http: httpx.Client, fmt: str, path: str, status: int, variant: str
) -> None:
    """Every class, format and variant read back by a sync client equals the error raised."""
    headers = {"X-Request-ID": f"rid-{fmt}-{status}"} if variant == "full" else {}
    check_round_trip(http.get(path, headers=headers), fmt, path, status, variant)


def test_every_class_round_trips_async(server: Server) -> None:
    """The same round trip, every scenario, through an ``httpx.AsyncClient`` concurrently."""

    async def run() -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=10.0) as session:

            async def one(fmt: str, path: str, status: int, variant: str) -> None:
                headers = {"X-Request-ID": f"rid-{fmt}-{status}"} if variant == "full" else {}
                async with session.stream("GET", path, headers=headers) as response:
                    error = await client.aerror_from_response(response)
                    assert error is not None
                    check_round_trip(response, fmt, path, status, variant)

            semaphore = asyncio.Semaphore(8)

            async def bounded(*args: str | int) -> None:
                async with semaphore:
                    await one(*args)  # type: ignore[arg-type]

            await asyncio.gather(*(bounded(*scenario) for scenario in SCENARIOS))

    asyncio.run(run())


@pytest.mark.parametrize("fmt", ["json", "problem"])
@pytest.mark.parametrize("name", sorted(CUSTOM))
def test_custom_problem_types_come_back_as_their_class(
    http: httpx.Client, fmt: str, name: str
) -> None:
    """A registered custom type is read back as its own subclass, equal to the one raised."""
    registry = client.ProblemRegistry([EmailTaken, OutOfCredit])
    path = f"/custom/{fmt}/{name}"
    response = http.get(path)
    error = client.error_from_response(response, registry=registry)
    assert error == as_received(CUSTOM[name], fmt, path)
    unregistered = client.error_from_response(response)
    assert type(unregistered) is type(CUSTOM[name]).__mro__[1]
    assert unregistered is not None
    assert unregistered.type == CUSTOM[name].type
    assert unregistered.title == CUSTOM[name].title


def test_out_of_credit_keeps_its_extensions(http: httpx.Client) -> None:
    """RFC 9457's example: extensions come back with their JSON values."""
    registry = client.ProblemRegistry([OutOfCredit])
    error = client.error_from_response(http.get("/custom/problem/out-of-credit"), registry=registry)
    assert isinstance(error, OutOfCredit)
    assert error.extensions == {
        "balance": 30,
        "cost": 50,
        "accounts": ["/account/12345", "/account/67890"],
    }
    assert error.instance == "/custom/problem/out-of-credit"
    assert error.detail == "Your current balance is 30, but that costs 50."


@pytest.mark.parametrize(
    ("name", "cls", "status"),
    [
        ("html-502", BadGateway, 502),
        ("empty-503", ServiceUnavailable, 503),
        ("text-500", InternalServerError, 500),
        ("truncated-409", Conflict, 409),
        ("array-422", UnprocessableContent, 422),
        ("deep-400", BadRequest, 400),
        ("latin1-400", BadRequest, 400),
        ("html-499", ClientError, 499),
        ("html-599", ServerError, 599),
    ],
)
def test_bodies_that_are_not_ours_give_the_status_class(
    http: httpx.Client, name: str, cls: type[HTTPError], status: int
) -> None:
    """HTML, empty, truncated, non-object and non-UTF-8 bodies give the status's class."""
    error = client.error_from_response(http.get(f"/raw/{name}"))
    assert type(error) is cls
    assert error.status == status
    assert error.detail is None
    assert error.errors == []
    assert error.extensions == {}
    assert str(error).startswith(str(status))


def test_proxy_503_keeps_retry_after_and_request_id(http: httpx.Client) -> None:
    """A bare 503 from a proxy still yields Retry-After seconds and the header's request id."""
    error = client.error_from_response(http.get("/raw/empty-503"))
    assert isinstance(error, ServiceUnavailable)
    assert error.headers == {"Retry-After": "120"}
    assert error.retry_after == 120
    assert error.request_id == "proxy-1"


def test_unknown_status_with_our_body(http: httpx.Client) -> None:
    """A 499 in our envelope is a ClientError carrying the body's status, title and code."""
    error = client.error_from_response(http.get("/raw/json-499"))
    assert type(error) is ClientError
    assert (error.status, error.code, error.title) == (
        499,
        "client_closed",
        "Client Closed Request",
    )
    assert error.detail == "The client went away."
    assert str(error) == "499 Client Closed Request: The client went away."


def test_event_hooks_raise_typed_errors(server: Server) -> None:
    """``event_hooks()`` makes a sync client raise the typed error, streamed or not."""
    registry = client.ProblemRegistry([EmailTaken])
    with httpx.Client(
        base_url=server.url, event_hooks=client.event_hooks(registry), timeout=10.0
    ) as session:
        assert session.get("/").text == "ok"
        with pytest.raises(EmailTaken) as caught:
            session.get("/custom/json/email-taken")
        assert caught.value.extensions == {"account_id": 42}
        with pytest.raises(TooManyRequests) as limited, session.stream("GET", "/json/429/full"):
            pass
        assert limited.value.retry_after == 60


def test_async_event_hooks_raise_typed_errors(server: Server) -> None:
    """``async_event_hooks()`` does the same for an ``httpx.AsyncClient``."""

    async def run() -> tuple[HTTPError, HTTPError]:
        async with httpx.AsyncClient(
            base_url=server.url, event_hooks=client.async_event_hooks(), timeout=10.0
        ) as session:
            assert (await session.get("/")).text == "ok"
            with pytest.raises(NotFound) as first:
                await session.get("/problem/404/full")
            with pytest.raises(ServiceUnavailable) as second:
                async with session.stream("GET", "/raw/empty-503"):
                    pass
            return first.value, second.value

    not_found, unavailable = asyncio.run(run())
    assert not_found.code == "custom_404"
    assert not_found.instance == "/problem/404/full"
    assert unavailable.retry_after == 120


def test_raise_for_error_on_real_responses(http: httpx.Client) -> None:
    """``raise_for_error`` returns a success response and raises an error one."""
    ok = http.get("/")
    assert client.raise_for_error(ok) is ok
    with pytest.raises(UnprocessableContent) as caught:
        client.raise_for_error(http.get("/json/422/full"))
    assert caught.value.errors[1].in_ == "query"


def test_async_raise_for_error(server: Server) -> None:
    """``araise_for_error`` reads a streamed async response and raises its error."""

    async def run() -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=10.0) as session:
            ok = await session.get("/")
            assert await client.araise_for_error(ok) is ok
            async with session.stream("GET", "/problem/409/full") as response:
                with pytest.raises(Conflict):
                    await client.araise_for_error(response)

    asyncio.run(run())
