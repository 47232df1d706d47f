"""Soak: 100,000 errors through each adapter in process, traced memory growth < 1 MB.

Each adapter is soaked in its own process (see :mod:`tests.reliability.soak`), two at a
time, so the five soaks share the machine's cores; the tests then check each result: no
unexpected answer, each 500 logged once with its traceback, and what is still allocated
after 100,000 errors under 1 MB (no traceback, frame, request or response kept alive).
``SOAK_ERRORS`` sets another count for a quick local run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.reliability.scenarios import ADAPTERS
from tests.servers import ROOT

ERRORS = int(os.environ.get("SOAK_ERRORS", "100000"))
LIMIT = 1024 * 1024
SOAKED = (*ADAPTERS, "litestar", "ninja")
"""The adapters soaked: every one of the other reliability tests, and Litestar and Ninja."""
TIMEOUT = 900.0


def _soak(adapter: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
           os.environ.get("PYTHONPATH")]))}  # fmt: skip
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.soak", adapter, str(ERRORS)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"failure": f"the soak of {adapter} took over {TIMEOUT:.0f} s"}
    if done.returncode != 0:
        return {"failure": done.stdout[-3000:] + done.stderr[-3000:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """Every adapter's soak, two processes at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(SOAKED, pool.map(_soak, SOAKED)))


@pytest.mark.slow
@pytest.mark.parametrize("adapter", SOAKED)
def test_soak(adapter: str, results: dict[str, dict[str, Any]]) -> None:
    """100,000 mixed errors: every answer as expected, each 500 logged once, growth < 1 MB."""
    result = results[adapter]
    assert "failure" not in result, result.get("failure")
    print(f"{adapter}: {result['errors']} errors in {result['seconds']} s "
          f"({result['cpu_seconds']} s CPU), "
          f"traced growth {result['growth']} bytes")  # fmt: skip
    assert result["errors"] == ERRORS
    assert result["tracebacks"] == result["crashes"]
    assert result["logged"] >= ERRORS
    assert result["growth"] < LIMIT, "\n".join(result["top"])


def test_soak_sees_a_leak() -> None:
    """The measurement can fail: a hook that keeps every error (and so its traceback's
    frames) alive grows traced memory past 1 MB within 600 errors (about 3 KB each)."""
    from httpfault import HTTPError
    from tests.reliability.asgi_apps import make_starlette
    from tests.reliability.drivers import AsgiDriver
    from tests.reliability.scenarios import CONFIG
    from tests.reliability.soak import async_runner, measure

    kept: list[HTTPError] = []
    app = make_starlette(CONFIG.replace(on_error=lambda error, request: kept.append(error)))
    driver = AsgiDriver()
    try:
        result = measure(async_runner("starlette", app, driver), 600, warm_up=60)
    finally:
        driver.close()
    # Where tracemalloc attributes the kept objects differs between Python releases.
    assert result["growth"] >= LIMIT, (result["growth"], result["top"])
