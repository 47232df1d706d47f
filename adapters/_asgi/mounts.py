"""The Starlette apps mounted inside another: what one ``install()`` must reach too.

A mounted app answers its own errors with its own middleware (its own
``ExceptionMiddleware`` and ``ServerErrorMiddleware``); an error raised there never
reaches the outer app's handlers. So the outer app's ``install()`` installs httpfault on
every Starlette (and FastAPI) app mounted under it, once its routes are known.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Host, Mount, Router

from .stack import walk

__all__ = ["mounted_apps"]

_MAX_DEPTH = 32


def mounted_apps(app: Starlette) -> list[Starlette]:
    """The Starlette apps mounted (through ``Mount`` or ``Host``, at any depth of plain
    routers) under *app*'s router; not those inside the apps found."""
    found: list[Starlette] = []
    for node in _mounts(app.router, 0):
        if isinstance(node, Starlette) and node is not app and node not in found:
            found.append(node)
    return found


def _mounts(router: Router, depth: int) -> Iterator[Any]:
    if depth > _MAX_DEPTH:
        return
    for route in router.routes:
        if not isinstance(route, (Mount, Host)):
            continue
        for node in walk(route.app):  # through any middleware the mount wraps it in
            if isinstance(node, Starlette):
                yield node
                break
            if isinstance(node, Router):
                yield from _mounts(node, depth + 1)
                break
