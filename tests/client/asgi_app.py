"""A pure ASGI app serving the scenarios of :mod:`tests.client.scenarios`."""

from __future__ import annotations

from typing import Any

from tests.client.scenarios import respond


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answer every request with ``respond()``; handle the lifespan protocol."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
    status, out, body = respond(scope["method"], scope["path"], headers)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in out],
        }
    )
    await send({"type": "http.response.body", "body": body})
