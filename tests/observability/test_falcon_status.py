"""Falcon: an error httpfault answers leaves ``resp.status`` a status line, as Falcon's own
error path does. sentry-sdk's Falcon integration (early 2.x releases) reads it as a
string once the error handler has run; an ``int`` there made every error a crash."""

from __future__ import annotations

import asyncio
from typing import Any

import falcon
import falcon.asgi
import falcon.testing
import pytest

from httpfault.adapters.falcon import install

from .more_apps import _AsyncConflicting, _AsyncFailing, _Conflicting, _Failing


class _Seen:
    """Falcon middleware keeping ``resp.status`` as the app's middleware sees it."""

    def __init__(self) -> None:
        self.statuses: list[Any] = []

    def process_response(self, req: Any, resp: Any, resource: Any, ok: bool) -> None:
        self.statuses.append(resp.status)


class _AsyncSeen(_Seen):
    async def process_response_async(  # type: ignore[override]
        self, req: Any, resp: Any, resource: Any, ok: bool
    ) -> None:
        self.statuses.append(resp.status)


@pytest.mark.parametrize("asgi", [False, True], ids=["wsgi", "asgi"])
def test_the_status_an_error_leaves_is_a_status_line(asgi: bool) -> None:
    """A 4xx and a 5xx answered by httpfault: middleware sees "409 Conflict" and "500
    Internal Server Error" (strings), and the client gets those statuses."""
    seen = _AsyncSeen() if asgi else _Seen()
    app: Any = (falcon.asgi.App if asgi else falcon.App)(middleware=[seen])
    app.add_route("/conflict", _AsyncConflicting() if asgi else _Conflicting())
    app.add_route("/boom", _AsyncFailing() if asgi else _Failing())
    install(app)
    client = falcon.testing.TestClient(app)
    # An ASGI run gets a current event loop of its own: Falcon 4.0's test client asks for
    # one, and on Python 3.10 there is none once an earlier test ran ``asyncio.run()``.
    loop = asyncio.new_event_loop() if asgi else None
    asyncio.set_event_loop(loop)
    try:
        assert client.simulate_get("/conflict").status_code == 409
        assert client.simulate_get("/boom").status_code == 500
    finally:
        asyncio.set_event_loop(None)
        if loop is not None:
            loop.close()
    assert seen.statuses == ["409 Conflict", "500 Internal Server Error"]
