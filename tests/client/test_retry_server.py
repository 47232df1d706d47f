"""The retry transports against a real uvicorn server on 127.0.0.1.

The server answers 429 with ``Retry-After: 1`` twice, then 200. The client makes three
attempts about one second apart (timed with the injected clock, and once with the real
one, at the server), never retries a POST without ``Idempotency-Key``, and after its
last attempt hands back the 429 so ``raise_for_error`` raises ``TooManyRequests``.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator

import httpx
import pytest

from httpfault import RateLimit, TooManyRequests, client
from httpfault.client import AsyncRetryTransport, RetryTransport
from tests.servers import Server, uvicorn

pytestmark = pytest.mark.server

_keys = itertools.count()


def new_key() -> str:
    return f"k{next(_keys)}-{time.monotonic_ns()}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with uvicorn("tests.client.retry_app:app", ready_path="/hits/ready") as running:
        yield running


class FakeTime:
    """A clock moved only by the sleeps, which are recorded."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def hits(server: Server, key: str) -> list[list[object]]:
    response = httpx.get(f"{server.url}/hits/{key}", timeout=5.0)
    response.raise_for_status()
    data: list[list[object]] = response.json()
    return data


def test_three_attempts_one_second_apart_injected_clock(server: Server) -> None:
    """Two 429s with ``Retry-After: 1`` then 200: three attempts, two waits of 1 s."""
    fake = FakeTime()
    transport = RetryTransport(sleep=fake.sleep, clock=fake.clock)
    key = new_key()
    with httpx.Client(transport=transport, base_url=server.url, timeout=5.0) as http:
        response = http.get(f"/limited/{key}")
    assert response.status_code == 200
    assert response.json()["attempts"] == 3
    assert fake.sleeps == [1.0, 1.0]
    assert len(hits(server, key)) == 3


@pytest.mark.slow
def test_three_attempts_one_second_apart_real_clock(server: Server) -> None:
    """With the real sleep, the server sees the three attempts about one second apart."""
    key = new_key()
    started = time.monotonic()
    with httpx.Client(transport=RetryTransport(), base_url=server.url, timeout=5.0) as http:
        response = http.get(f"/limited/{key}")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    arrivals = [float(hit[0]) for hit in hits(server, key)]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2
    assert all(0.95 <= gap <= 1.9 for gap in gaps), gaps
    assert 1.95 <= elapsed <= 4.0, elapsed


def test_post_without_idempotency_key_is_sent_once(server: Server) -> None:
    """A POST without ``Idempotency-Key`` is not retried: one attempt, the 429 back."""
    fake = FakeTime()
    key = new_key()
    with httpx.Client(transport=RetryTransport(sleep=fake.sleep, clock=fake.clock),
                      base_url=server.url, timeout=5.0) as http:  # fmt: skip
        response = http.post(f"/limited/{key}", content=b'{"order":1}')
    assert response.status_code == 429
    assert fake.sleeps == []
    assert len(hits(server, key)) == 1


def test_post_with_idempotency_key_is_retried_with_its_body(server: Server) -> None:
    """With ``Idempotency-Key`` the POST is retried and every attempt carries the body."""
    fake = FakeTime()
    key = new_key()
    with httpx.Client(transport=RetryTransport(sleep=fake.sleep, clock=fake.clock),
                      base_url=server.url, timeout=5.0) as http:  # fmt: skip
        response = http.post(f"/limited/{key}", content=b'{"order":1}',
                             headers={"Idempotency-Key": key})  # fmt: skip
    assert response.status_code == 200
    assert fake.sleeps == [1.0, 1.0]
    assert [(hit[1], hit[2]) for hit in hits(server, key)] == [("POST", '{"order":1}')] * 3


def test_out_of_attempts_raises_the_typed_error(server: Server) -> None:
    """Two attempts allowed, three needed: the second 429 comes back as TooManyRequests."""
    fake = FakeTime()
    key = new_key()
    with httpx.Client(transport=RetryTransport(max_attempts=2, sleep=fake.sleep,
                                               clock=fake.clock),
                      base_url=server.url, timeout=5.0) as http:  # fmt: skip
        response = http.get(f"/limited/{key}")
    with pytest.raises(TooManyRequests) as caught:
        client.raise_for_error(response)
    assert caught.value.retry_after == 1
    assert caught.value.ratelimit == (RateLimit(quota=2, window=1, remaining=0, reset=1),)
    assert caught.value.detail == "Too many requests for this key."
    assert fake.sleeps == [1.0]


def test_async_transport_the_same(server: Server) -> None:
    """The async transport: three attempts 1 s apart, no retry of a POST without a key."""
    fake = FakeTime()

    async def run() -> None:
        transport = AsyncRetryTransport(sleep=fake.asleep, clock=fake.clock)
        async with httpx.AsyncClient(transport=transport, base_url=server.url,
                                     timeout=5.0) as http:  # fmt: skip
            key = new_key()
            response = await http.get(f"/limited/{key}")
            assert response.status_code == 200
            assert fake.sleeps == [1.0, 1.0]
            assert len(hits(server, key)) == 3
            key = new_key()
            response = await http.post(f"/limited/{key}", content=b"x")
            assert response.status_code == 429
            assert len(hits(server, key)) == 1
            with pytest.raises(TooManyRequests):
                await client.araise_for_error(response)

    asyncio.run(run())


@pytest.mark.slow
def test_async_transport_real_clock(server: Server) -> None:
    """The async transport with ``asyncio.sleep``: attempts about one second apart."""

    async def run() -> list[float]:
        key = new_key()
        async with httpx.AsyncClient(transport=AsyncRetryTransport(), base_url=server.url,
                                     timeout=5.0) as http:  # fmt: skip
            assert (await http.get(f"/limited/{key}")).status_code == 200
        return [float(hit[0]) for hit in hits(server, key)]

    arrivals = asyncio.run(run())
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2
    assert all(0.95 <= gap <= 1.9 for gap in gaps), gaps
