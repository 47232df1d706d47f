"""examples/aiohttp_app.py under gunicorn's aiohttp worker: every status it documents, bad
input."""

from __future__ import annotations

import sys

import pytest

from tests.badinput import check_bad_inputs
from tests.servers import free_port, serve
from tests.starlette.helpers import EXAMPLE_STATUSES, walk_example

pytestmark = pytest.mark.server


def test_example_api_statuses_and_bad_input() -> None:
    """The example answers 201/204/404/409/422/429/500 as documented and survives bad
    input; the one 500 is logged once."""
    port = free_port()
    argv = [sys.executable, "-m", "gunicorn", "examples.aiohttp_app:create_app", "--bind",
            f"127.0.0.1:{port}", "--workers", "1", "--worker-class",
            "aiohttp.GunicornWebWorker"]  # fmt: skip
    with serve(argv, port, ready_path="/health") as server:
        assert walk_example(server.url) == EXAMPLE_STATUSES
        check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
        # The 500 is logged once, by httpfault. (aiohttp's parser logs the 100 KB header it
        # refuses itself, with its own traceback, before any application runs.)
        assert server.output().count("GET /stats -> 500") == 1
