"""``RetryTransport`` / ``AsyncRetryTransport`` decisions, with an injected sleep and clock.

Responses come from ``httpx.MockTransport`` (httpx's own transport for tests) answering
from a script; the real-server runs are in ``test_retry_server.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from httpfault import RateLimit, TooManyRequests, client, ratelimit_headers, render
from httpfault.client import AsyncRetryTransport, RetryTransport


class FakeTime:
    """A clock that only moves when slept on; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Script:
    """Answers requests with the responses given, in order (the last one repeats)."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.seen: list[tuple[str, bytes]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.read()))
        index = min(len(self.seen), len(self.responses)) - 1
        source = self.responses[index]
        return httpx.Response(source.status_code, headers=source.headers, content=source.content)


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, content=b"{}")


def limited(retry_after: int | None = None, **kwargs: object) -> httpx.Response:
    rendered = render(TooManyRequests(retry_after=retry_after, **kwargs))  # type: ignore[arg-type]
    return httpx.Response(rendered.status, headers=rendered.headers, content=rendered.body)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def make_client(script: Script, fake: FakeTime, **options: object) -> httpx.Client:
    transport = RetryTransport(
        httpx.MockTransport(script), sleep=fake.sleep, clock=fake.clock, jitter=lambda: 1.0,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip
    return httpx.Client(transport=transport, base_url="http://api.test")


def test_retry_after_seconds_is_waited_then_success(fake: FakeTime) -> None:
    """429 with ``Retry-After: 1`` twice, then 200: three attempts, 1 s waits."""
    script = Script(limited(1), limited(1), answer(200))
    with make_client(script, fake) as http:
        response = http.get("/items")
    assert response.status_code == 200
    assert len(script.seen) == 3
    assert fake.sleeps == [1.0, 1.0]


def test_last_response_is_returned_and_raises_typed_error(fake: FakeTime) -> None:
    """After max_attempts the last 429 comes back, read, with its retry_after and rate limit."""
    limit = RateLimit(quota=10, window=60, remaining=0, reset=2)
    script = Script(limited(2, ratelimit=limit))
    with make_client(script, fake, max_attempts=4) as http:
        response = http.get("/items")
    assert len(script.seen) == 4
    assert fake.sleeps == [2.0, 2.0, 2.0]
    with pytest.raises(TooManyRequests) as caught:
        client.raise_for_error(response)
    assert caught.value.retry_after == 2
    assert caught.value.ratelimit == (limit,)


def test_http_date_retry_after(fake: FakeTime) -> None:
    """An HTTP-date ``Retry-After`` waits until then."""
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    script = Script(answer(503, **{"Retry-After": when}), answer(200))
    with make_client(script, fake) as http:
        assert http.get("/").status_code == 200
    assert len(fake.sleeps) == 1
    assert 28 <= fake.sleeps[0] <= 30


def test_ratelimit_reset_is_used_without_retry_after(fake: FakeTime) -> None:
    """With no ``Retry-After``, the ``t`` of the exhausted policy is the wait."""
    headers = ratelimit_headers([RateLimit("a", quota=5, remaining=0, reset=7),
                                 RateLimit("b", quota=50, remaining=20, reset=50)])  # fmt: skip
    script = Script(httpx.Response(429, headers=headers), answer(200))
    with make_client(script, fake) as http:
        assert http.get("/").status_code == 200
    assert fake.sleeps == [7.0]


def test_backoff_is_exponential_capped_and_jittered(fake: FakeTime) -> None:
    """No server hint: full jitter over 0.5, 1, 2, 4... seconds, capped at max_wait."""
    draws = iter([1.0, 0.5, 1.0, 1.0, 0.25])
    script = Script(answer(503))
    transport = RetryTransport(httpx.MockTransport(script), max_attempts=6, max_wait=3.0,
                               sleep=fake.sleep, clock=fake.clock, jitter=lambda: next(draws))  # fmt: skip
    with httpx.Client(transport=transport) as http:
        assert http.get("http://api.test/").status_code == 503
    assert fake.sleeps == [0.5, 0.5, 2.0, 3.0, 0.75]


def test_longer_retry_after_than_max_wait_gives_up_at_once(fake: FakeTime) -> None:
    """A server asking for more than max_wait gets its answer returned, no wait."""
    script = Script(limited(120), answer(200))
    with make_client(script, fake, max_wait=60) as http:
        assert http.get("/").status_code == 429
    assert len(script.seen) == 1
    assert fake.sleeps == []


def test_no_wait_goes_past_the_deadline(fake: FakeTime) -> None:
    """With a deadline of 5 s, waits of 2 s stop once the next would end past it."""
    script = Script(limited(2))
    with make_client(script, fake, max_attempts=10, deadline=5.0) as http:
        assert http.get("/").status_code == 429
    assert fake.sleeps == [2.0, 2.0]  # a third would end at 6 s


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_post_and_patch_need_an_idempotency_key(fake: FakeTime, method: str) -> None:
    """POST/PATCH are sent once without ``Idempotency-Key``, retried with one, body replayed."""
    script = Script(limited(1), limited(1), answer(201))
    with make_client(script, fake) as http:
        assert http.request(method, "/orders", content=b'{"n":1}').status_code == 429
        assert len(script.seen) == 1
        response = http.request(method, "/orders", content=b'{"n":1}',
                                headers={"Idempotency-Key": "k-1"})  # fmt: skip
    assert response.status_code == 201
    assert script.seen[1:] == [(method, b'{"n":1}'), (method, b'{"n":1}')]


def test_streamed_bodies_are_replayed(fake: FakeTime) -> None:
    """A generator body (sent once by httpx) is read first, so every attempt sends it all."""

    def chunks() -> Iterator[bytes]:
        yield b"part-1;"
        yield b"part-2"

    script = Script(limited(1), answer(200))
    with make_client(script, fake) as http:
        assert http.put("/upload", content=chunks()).status_code == 200
    assert [body for _, body in script.seen] == [b"part-1;part-2"] * 2


def test_statuses_and_methods_are_configurable(fake: FakeTime) -> None:
    """502/504 only when listed; a method left out of ``methods`` is not retried."""
    script = Script(answer(502), answer(504), answer(200))
    with make_client(script, fake) as http:
        assert http.get("/").status_code == 502
    script = Script(answer(502), answer(504), answer(200))
    with make_client(script, fake, statuses={429, 502, 503, 504}) as http:
        assert http.get("/").status_code == 200
    script = Script(answer(503), answer(200))
    with make_client(script, fake, methods={"GET"}) as http:
        assert http.delete("/x").status_code == 503
    assert len(script.seen) == 1


def test_other_errors_are_not_retried(fake: FakeTime) -> None:
    """A 404 or 500 is returned at once."""
    for status in (404, 500):
        script = Script(answer(status), answer(200))
        with make_client(script, fake) as http:
            assert http.get("/").status_code == status
        assert len(script.seen) == 1
    assert fake.sleeps == []


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"max_attempts": 0}, ValueError),
        ({"max_attempts": 2.5}, TypeError),
        ({"max_attempts": True}, TypeError),
        ({"max_wait": -1}, ValueError),
        ({"max_wait": float("nan")}, ValueError),
        ({"backoff": -0.1}, ValueError),
        ({"deadline": 0}, ValueError),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], error: type) -> None:
    """Options that make no sense fail when the transport is made."""
    with pytest.raises(error):
        RetryTransport(**options)  # type: ignore[arg-type]


def test_default_inner_transports_and_close() -> None:
    """Without a transport, httpx's own is used; closing closes it."""
    sync = RetryTransport()
    assert isinstance(sync.transport, httpx.HTTPTransport)
    sync.close()
    asynchronous = AsyncRetryTransport()
    assert isinstance(asynchronous.transport, httpx.AsyncHTTPTransport)
    asyncio.run(asynchronous.aclose())


def test_async_transport_retries_the_same(fake: FakeTime) -> None:
    """The async transport: same waits, same rule for POST, last response returned."""

    async def run() -> None:
        script = Script(limited(1), limited(1), answer(200))
        transport = AsyncRetryTransport(httpx.MockTransport(script), sleep=fake.asleep,
                                        clock=fake.clock)  # fmt: skip
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
            assert (await http.get("/")).status_code == 200
            assert fake.sleeps == [1.0, 1.0]
            script.responses = [limited(1)]
            script.seen.clear()
            assert (await http.post("/", content=b"x")).status_code == 429
            assert len(script.seen) == 1
            response = await http.post("/", content=b"x", headers={"Idempotency-Key": "a"})
            assert response.status_code == 429
            assert len(script.seen) == 4
            with pytest.raises(TooManyRequests):
                await client.araise_for_error(response)

    asyncio.run(run())
