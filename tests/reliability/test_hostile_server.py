"""Hostile configuration and requests against real servers: every answer in the contract.

A ``request_id_factory`` that returns a ``uuid.UUID``, raises, or makes an id with a
line break; a status given as an ``IntEnum``; an extension member set to ``None``; raw
non-ASCII bytes in the path; a mounted sub-app (ASGI). Under uvicorn and gunicorn.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.servers import Server, gunicorn, uvicorn

pytestmark = pytest.mark.server

SAFE_ID = re.compile(r"[A-Za-z0-9._:@/+=\-]{1,128}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEX = re.compile(r"[0-9a-f]{32}")
FACTORIES = ["uuid", "raises", "newline"]


@pytest.fixture(params=[(app, f) for app in ("fastapi", "flask") for f in FACTORIES],
                ids=lambda p: f"{p[0]}-{p[1]}")  # fmt: skip
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, Server]]:
    app, factory = request.param
    env = {"HOSTILE_FACTORY": factory, "HOSTILE_APP": app}
    if app == "fastapi":
        serving = uvicorn("tests.reliability.hostile_apps:fastapi_app", env=env,
                          ready_path="/health")  # fmt: skip
    else:
        serving = gunicorn("tests.reliability.hostile_apps:flask_app", env=env, workers=1,
                           ready_path="/health")  # fmt: skip
    with serving as running:
        yield app, factory, running


def _raw_get(server: Server, target: bytes) -> tuple[int, bytes]:
    """Send a request line with raw bytes (httpx would percent-encode them)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Accept: application/problem+json\r\nConnection: close\r\n\r\n")  # fmt: skip
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_hostile_configuration_answers_in_the_contract(server: tuple[str, str, Server]) -> None:
    """Every error, even a routing 404, is in the contract whatever the factory does; the
    id is safe and echoed; no forged log line; IntEnum status; null members left out;
    raw UTF-8 path bytes encoded once in ``instance``; mounted apps answer too."""
    app, factory, running = server
    url = running.url
    for _ in range(2):  # rendered, then reused
        response = httpx.get(url + "/nowhere", timeout=10)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/json"
        rid = response.headers["x-request-id"]
        assert SAFE_ID.fullmatch(rid)
        assert response.json()["error"]["request_id"] == rid
        assert (UUID if factory == "uuid" else HEX).fullmatch(rid), rid
    gone = httpx.get(url + "/gone", timeout=10)
    assert (gone.status_code, gone.json()["error"]["message"]) == (410, "Moved on")
    none_ext = httpx.get(url + "/none-ext", timeout=10)
    assert none_ext.status_code == 409
    assert "user_id" not in none_ext.json()["error"]
    status, body = _raw_get(running, "/nf/é".encode())
    if status != 400:  # h11 refuses raw non-ASCII bytes itself; httptools and gunicorn pass them
        assert status == 404
        assert b'"instance":"/nf/%C3%A9"' in body
    if app == "fastapi":
        mounted = httpx.get(url + "/v2/users/7", timeout=10)
        assert mounted.status_code == 404
        assert mounted.json()["error"]["message"] == "No user with id 7"
    assert running.alive()
    running.stop()
    output = running.output()
    assert not any(line.startswith("forged-line") for line in output.splitlines())
    if factory == "raises":
        assert "request_id_factory" in output
