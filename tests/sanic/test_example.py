"""examples/sanic_app.py under Sanic's own server: every status it documents, bad input."""

from __future__ import annotations

import pytest

from tests.badinput import check_bad_inputs
from tests.servers import sanic
from tests.starlette.helpers import EXAMPLE_STATUSES, walk_example

pytestmark = pytest.mark.server


def test_example_api_statuses_and_bad_input() -> None:
    """The example answers 201/204/404/409/422/429/500 as documented and survives bad input;
    the one 500 is logged once, by httpfault."""
    with sanic("examples.sanic_app:app", ready_path="/health") as server:
        assert walk_example(server.url) == EXAMPLE_STATUSES
        check_bad_inputs(server.url + "/users", server.alive, server.url + "/health")
        assert server.output().count("GET /stats -> 500") == 1
