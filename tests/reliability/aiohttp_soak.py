"""aiohttp in process: its test server on 127.0.0.1 and one keep-alive client session, both
on one event loop (aiohttp has no way to call an application without a socket)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from tests.reliability.drivers import Answer

Call = Callable[[str, str, dict[str, str], bytes], Answer]


@contextmanager
def aiohttp_client(app: web.Application) -> Iterator[Call]:
    """``call(method, path, headers, body) -> (status, header lookup, body)`` for *app*."""
    loop = asyncio.new_event_loop()
    server = TestServer(app)
    loop.run_until_complete(server.start_server())

    async def open_session() -> ClientSession:
        return ClientSession()

    session = loop.run_until_complete(open_session())
    base = f"http://127.0.0.1:{server.port}"

    async def request(method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if body:
            headers = {**headers, "Content-Type": "application/json"}
        async with session.request(method, base + path, headers=headers,
                                   data=body or None) as response:  # fmt: skip
            content = await response.read()
            return response.status, response.headers.get, content

    def call(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> Answer:
        return loop.run_until_complete(request(method, path, headers, body))

    try:
        yield call
    finally:
        loop.run_until_complete(session.close())
        loop.run_until_complete(server.close())
        loop.close()
