"""A bounded concurrent load against a real server, every answer checked byte for byte."""

from __future__ import annotations

import functools
import itertools
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from tests.reliability.scenarios import SCENARIOS, expected, mismatch, request_headers

CLIENTS = 16
TIMEOUT = httpx.Timeout(30.0)


@dataclass
class LoadResult:
    """What a load run saw."""

    requests: int = 0
    seconds: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    resent: list[str] = field(default_factory=list)
    """Requests sent again once, on a new connection: their kept-alive one was closed
    before any answer (the keep-alive race of RFC 9112 section 9.3.1)."""

    @property
    def rate(self) -> float:
        """Requests per second over the whole run."""
        return self.requests / self.seconds if self.seconds else 0.0


def run_load(url: str, adapters: Sequence[str], total: int, tag: str) -> LoadResult:
    """Send *total* requests from CLIENTS threads, each with its own keep-alive client.

    Request *i* takes scenario ``i % len(SCENARIOS)`` on adapter ``(i // 7) % len(adapters)``
    (so every adapter meets every scenario), a unique ``X-Request-ID`` and, every other
    request, an ``Accept`` that prefers problem+json.
    """
    result = LoadResult()
    counter = itertools.count()
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
            while True:
                i = next(counter)
                if i >= total:
                    return
                scenario = SCENARIOS[i % len(SCENARIOS)]
                adapter = adapters[(i // len(SCENARIOS)) % len(adapters)]
                headers = request_headers(f"{tag}-{i}", i % 2 == 1)
                send = functools.partial(client.request, scenario.method,
                                         scenario.url_path(adapter), headers=headers,
                                         json=scenario.body)  # fmt: skip
                try:
                    try:
                        response = send()
                    except httpx.RemoteProtocolError as closed:
                        # A kept-alive connection the server closed as the request went
                        # out: no answer was started. Sent again once, on a new one.
                        if "without sending a response" not in str(closed):
                            raise
                        with lock:
                            result.resent.append(f"{i} {scenario.name}")
                        response = send()
                except httpx.HTTPError as exc:
                    with lock:
                        result.problems.append(f"{i} {scenario.name}: {exc!r}")
                    continue
                want = expected(scenario, adapter, headers)
                problem = mismatch(want, response.status_code, response.headers.get,
                                   response.content)  # fmt: skip
                with lock:
                    result.requests += 1
                    result.statuses[response.status_code] += 1
                    if problem is not None:
                        result.problems.append(f"{i} {adapter} {scenario.name}: {problem}")

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    result.seconds = time.perf_counter() - started
    return result
