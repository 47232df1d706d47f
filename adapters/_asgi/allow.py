"""The truthful ``Allow`` of a routing 405: every method the path answers, whatever route.

Starlette (and FastAPI) answer a 405 with the methods of the first route whose path
matched, so with ``GET /users/{id}`` and ``DELETE /users/{id}`` as separate routes a
``PUT /users/1`` is told ``Allow: GET, HEAD`` although DELETE works. Here the routing is
asked again, with the public ``route.matches(scope)``, once per method, the way the
router itself dispatches: the first route that matches in full takes the request, a mount
passes it on to its own routes. A method is allowed when a route would take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from starlette.routing import BaseRoute, Host, Match, Mount, Route

__all__ = ["allowed_methods"]

# Methods every path is asked about, plus those any route declares.
_STANDARD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
_MAX_DEPTH = 16


def allowed_methods(scope: Any) -> list[str] | None:
    """The methods for which the path of *scope* is taken by a route, or ``None``.

    ``None`` when the routes cannot be read from *scope* (no ``router`` or ``app`` with
    routes), or when the request's own method would be taken (the 405 did not come from
    the routing, so routing cannot say what is allowed).
    """
    routes = _routes_of(scope.get("router")) or _routes_of(scope.get("app"))
    if not routes:
        return None
    base = {
        "type": "http",
        "path": scope.get("path", "/"),
        "root_path": scope.get("app_root_path", scope.get("root_path", "")),
        "headers": scope.get("headers", []),
        "query_string": scope.get("query_string", b""),
    }
    candidates = dict.fromkeys((*_STANDARD, *_declared(routes)))
    allowed = [m for m in candidates if _taken(routes, {**base, "method": m}, 0)]
    if scope.get("method") in allowed:
        return None
    return allowed


def _routes_of(owner: Any) -> Sequence[BaseRoute]:
    routes = getattr(owner, "routes", None)
    return routes if isinstance(routes, list) else []


def _declared(routes: Iterable[BaseRoute], depth: int = 0) -> list[str]:
    """Methods the routes name (custom ones included), mounts searched too."""
    found: list[str] = []
    for route in routes:
        if isinstance(route, Route) and route.methods:
            found.extend(sorted(route.methods))
        elif isinstance(route, (Mount, Host)) and depth < _MAX_DEPTH:
            found.extend(_declared(route.routes, depth + 1))
    return found


def _taken(routes: Sequence[BaseRoute], scope: dict[str, Any], depth: int) -> bool:
    """Whether the router holding *routes* hands *scope* to a route (not a 404/405)."""
    for route in routes:
        match, child = route.matches(scope)
        if match is not Match.FULL:
            continue
        if isinstance(route, (Mount, Host)):
            inner = route.routes
            if not inner or depth >= _MAX_DEPTH:
                return True  # an app of its own: it answers whatever the method
            return _taken(inner, {**scope, **child}, depth + 1)
        return True
    return False
