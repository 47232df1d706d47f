"""Round trip through gunicorn: the same scenarios served by a WSGI server read back equal."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from httpfault import BadGateway, ClientError, client
from tests.client.scenarios import CUSTOM, EmailTaken, OutOfCredit, as_received, make_error, paths
from tests.servers import Server, gunicorn

pytestmark = pytest.mark.server

GUNICORN_DROPS = ("Proxy-Authenticate", "Upgrade")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """One gunicorn process (two workers) serving the scenario app for the module."""
    with gunicorn("tests.client.wsgi_app:app") as running:
        yield running


def test_every_scenario_round_trips(server: Server) -> None:
    """Every class, format and variant served by gunicorn reads back as the error raised."""
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        for fmt, path, status, variant in paths():
            response = http.get(path, headers={"X-Request-ID": f"wsgi-{status}"})
            error = client.error_from_response(response)
            expected = as_received(make_error(status, variant), fmt, path)
            # gunicorn drops hop-by-hop headers an app sets (Upgrade unless "websocket").
            for name in GUNICORN_DROPS:
                expected.headers.pop(name, None)
            assert error == expected, path
            assert error is not None
            assert error.request_id == f"wsgi-{status}"


def test_custom_types_and_foreign_bodies(server: Server) -> None:
    """Custom types come back as their classes; a proxy's HTML page as the status class."""
    registry = client.ProblemRegistry([EmailTaken, OutOfCredit])
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        for name, error in CUSTOM.items():
            path = f"/custom/problem/{name}"
            parsed = client.error_from_response(http.get(path), registry=registry)
            assert parsed == as_received(error, "problem", path)
        assert type(client.error_from_response(http.get("/raw/html-502"))) is BadGateway
        unknown = client.error_from_response(http.get("/raw/html-499"))
        assert type(unknown) is ClientError
        assert unknown.status == 499


def test_gunicorn_drops_hop_by_hop_error_headers(server: Server) -> None:
    """Known server limit: under gunicorn a 407 loses Proxy-Authenticate, a 426 Upgrade."""
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        assert "Proxy-Authenticate" not in http.get("/json/407/full").headers
        assert "Upgrade" not in http.get("/json/426/full").headers
        assert http.get("/json/401/full").headers["WWW-Authenticate"]
