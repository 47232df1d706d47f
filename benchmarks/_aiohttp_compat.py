"""Calling an aiohttp application in process, without a socket.

aiohttp has no public way to run one request through an application's router and
middlewares without a server; the benchmark needs exactly that (a socket would measure
the network stack, not the error paths). ``Application._handle`` is that way: the one
private access, kept here.
"""

from __future__ import annotations

from typing import Any


async def handle(app: Any, request: Any) -> Any:
    """What *app*'s router and middlewares make of *request*: a response, or an exception."""
    return await app._handle(request)
