"""``RetryTransport`` and ``AsyncRetryTransport``: httpx transports that retry as asked.

A 429 or 503 (502 and 504 when listed in *statuses*) is retried for idempotent methods,
and for any other method (POST, PATCH) only when the request carries an
``Idempotency-Key``. The wait is the server's: ``Retry-After`` (seconds or an HTTP-date),
else the ``t`` of the exhausted policies of ``RateLimit``, else a capped exponential
backoff with full jitter. No wait goes past *max_wait* (a longer ``Retry-After`` gives
up at once) nor past the *deadline* of the whole call. After the last attempt the last
response is returned as it came, so ``raise_for_error`` raises its typed error.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime, timezone

try:
    import httpx
except ImportError as exc:  # pragma: no cover - exercised without httpx installed
    raise ImportError(
        "httpfault.client.RetryTransport needs httpx: pip install 'httpfault[client]'"
    ) from exc

from httpfault._headers import parse_retry_after
from httpfault._ratelimit import wait_from_ratelimit

__all__ = [
    "DEFAULT_METHODS",
    "DEFAULT_STATUSES",
    "AsyncRetryTransport",
    "RetryTransport",
]

DEFAULT_METHODS: frozenset[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
"""The idempotent methods of RFC 9110 §9.2.2, retried without an ``Idempotency-Key``."""
DEFAULT_STATUSES: frozenset[int] = frozenset({429, 503})
"""Statuses retried by default; add 502 and 504 to retry those too."""
IDEMPOTENCY_KEY = "Idempotency-Key"

logger = logging.getLogger("httpfault.client")


class _Policy:
    """When to retry and how long to wait: shared by both transports."""

    def __init__(
        self,
        *,
        max_attempts: int,
        max_wait: float,
        deadline: float | None,
        methods: Collection[str],
        statuses: Collection[int],
        backoff: float,
        clock: Callable[[], float],
        jitter: Callable[[], float],
    ) -> None:
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int):
            raise TypeError("max_attempts must be an int")
        if max_attempts < 1:
            raise ValueError("max_attempts must be 1 or more")
        for name, value in (("max_wait", max_wait), ("backoff", backoff)):
            if not value >= 0:
                raise ValueError(f"{name} must be 0 or more")
        if deadline is not None and not deadline > 0:
            raise ValueError("deadline must be more than 0 seconds")
        self.max_attempts = max_attempts
        self.max_wait = float(max_wait)
        self.deadline = None if deadline is None else float(deadline)
        self.methods = frozenset(m.upper() for m in methods)
        self.statuses = frozenset(statuses)
        self.backoff = float(backoff)
        self.clock = clock
        self.jitter = jitter

    def may_retry(self, request: httpx.Request) -> bool:
        """Whether *request* may be sent again: idempotent, or made so by its key."""
        return request.method.upper() in self.methods or IDEMPOTENCY_KEY in request.headers

    def wait_for(self, response: httpx.Response, attempt: int, started: float) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to stop and return *response*."""
        if attempt >= self.max_attempts or response.status_code not in self.statuses:
            return None
        asked = self.server_wait(response)
        if asked is None:
            ceiling = min(self.max_wait, self.backoff * 2.0 ** (attempt - 1))
            wait = self.jitter() * ceiling  # full jitter
        elif asked > self.max_wait:
            logger.debug("server asks to wait %ss, over max_wait: giving up", asked)
            return None
        else:
            wait = float(asked)
        if self.deadline is not None and self.clock() - started + wait > self.deadline:
            logger.debug("waiting %ss would pass the deadline: giving up", wait)
            return None
        return wait

    @staticmethod
    def server_wait(response: httpx.Response) -> int | None:
        """The wait the server asks for: ``Retry-After``, else ``RateLimit``'s ``t``."""
        value = response.headers.get("Retry-After")
        if value is not None:
            seconds = parse_retry_after(value, datetime.now(timezone.utc))
            if seconds is not None:
                return seconds
        return wait_from_ratelimit(response.headers.get("RateLimit"))


class RetryTransport(httpx.BaseTransport):
    """An ``httpx.Client`` transport that retries rate-limited and unavailable answers.

    ::

        client = httpx.Client(transport=RetryTransport(max_attempts=4, max_wait=30))

    - *transport*: the transport that sends (default: a new ``httpx.HTTPTransport()``).
    - *max_attempts*: attempts in all, the first included.
    - *max_wait*: the longest single wait, in seconds; the backoff's cap too.
    - *deadline*: seconds from the first attempt past which no wait may end.
    - *methods*: methods retried as they are; any other is retried only with an
      ``Idempotency-Key`` header.
    - *statuses*: statuses retried (429 and 503; add 502 and 504 if wanted).
    - *backoff*: the first backoff ceiling in seconds, doubled each attempt.
    - *sleep*, *clock*, *jitter*: ``time.sleep``, ``time.monotonic`` and
      ``random.random`` by default; tests pass their own.

    A request that may be retried has its body read into memory first, so it is sent
    the same each time, a streamed body included.
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        max_attempts: int = 3,
        max_wait: float = 60.0,
        deadline: float | None = None,
        methods: Collection[str] = DEFAULT_METHODS,
        statuses: Collection[int] = DEFAULT_STATUSES,
        backoff: float = 0.5,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self.policy = _Policy(
            max_attempts=max_attempts, max_wait=max_wait, deadline=deadline, methods=methods,
            statuses=statuses, backoff=backoff, clock=clock, jitter=jitter,
        )  # fmt: skip
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send *request*, again while the answer asks for a retry and the limits allow."""
        policy = self.policy
        if not policy.may_retry(request):
            return self.transport.handle_request(request)
        request.read()
        started = policy.clock()
        attempt = 1
        while True:
            response = self.transport.handle_request(request)
            wait = policy.wait_for(response, attempt, started)
            if wait is None:
                return response
            response.read()
            response.close()
            logger.debug("%s %s: %s, retrying in %.3fs", request.method, request.url,
                         response.status_code, wait)  # fmt: skip
            self.sleep(wait)
            attempt += 1

    def close(self) -> None:
        """Close the wrapped transport."""
        self.transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """:class:`RetryTransport` for ``httpx.AsyncClient``; *sleep* is awaited."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        max_attempts: int = 3,
        max_wait: float = 60.0,
        deadline: float | None = None,
        methods: Collection[str] = DEFAULT_METHODS,
        statuses: Collection[int] = DEFAULT_STATUSES,
        backoff: float = 0.5,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.transport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self.policy = _Policy(
            max_attempts=max_attempts, max_wait=max_wait, deadline=deadline, methods=methods,
            statuses=statuses, backoff=backoff, clock=clock, jitter=jitter,
        )  # fmt: skip
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send *request*, again while the answer asks for a retry and the limits allow."""
        policy = self.policy
        if not policy.may_retry(request):
            return await self.transport.handle_async_request(request)
        await request.aread()
        started = policy.clock()
        attempt = 1
        while True:
            response = await self.transport.handle_async_request(request)
            wait = policy.wait_for(response, attempt, started)
            if wait is None:
                return response
            await response.aread()
            await response.aclose()
            logger.debug("%s %s: %s, retrying in %.3fs", request.method, request.url,
                         response.status_code, wait)  # fmt: skip
            await self.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.transport.aclose()
