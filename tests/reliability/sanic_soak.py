"""Sanic as a plain ASGI app for the soak: its lifespan started and stopped by hand."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.reliability.drivers import AsgiDriver  # or anything with a .loop


@contextmanager
def lifespan(app: Any, driver: AsgiDriver) -> Iterator[None]:
    """Run *app*'s ASGI lifespan startup on the driver's loop; shut it down afterwards."""
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    done: dict[str, asyncio.Event] = {}

    async def receive() -> dict[str, str]:
        return await queue.get()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] not in done:
            raise RuntimeError(f"lifespan: {message}")
        done[message["type"]].set()

    async def start() -> asyncio.Task[None]:
        done.update({"lifespan.startup.complete": asyncio.Event(),
                     "lifespan.shutdown.complete": asyncio.Event()})  # fmt: skip
        task = asyncio.ensure_future(app({"type": "lifespan", "asgi": {"version": "3.0"}},
                                         receive, send))  # fmt: skip
        await queue.put({"type": "lifespan.startup"})
        await asyncio.wait_for(done["lifespan.startup.complete"].wait(), 30)
        return task

    async def stop(task: asyncio.Task[None]) -> None:
        await queue.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(done["lifespan.shutdown.complete"].wait(), 30)
        await asyncio.wait_for(task, 30)

    task = driver.loop.run_until_complete(start())
    try:
        yield
    finally:
        driver.loop.run_until_complete(stop(task))
