"""A Starlette app that rate-limits as a script says, for the retry runs on a real server.

``/limited/{key}?times=N`` answers 429 with ``Retry-After: 1`` (and the RateLimit fields)
to the first N requests for *key*, then 200; any method. ``/hits/{key}`` lists the
arrival times (monotonic seconds) and methods of the requests made for *key*.
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from httpfault import RateLimit, TooManyRequests
from httpfault.adapters.starlette import install

HITS: dict[str, list[tuple[float, str, str]]] = {}


async def limited(request: Request) -> JSONResponse:
    """429 for the first ``times`` requests of a key, 200 after."""
    key = request.path_params["key"]
    times = int(request.query_params.get("times", "2"))
    body = (await request.body()).decode("utf-8", "replace")
    hits = HITS.setdefault(key, [])
    hits.append((time.monotonic(), request.method, body))
    if len(hits) <= times:
        raise TooManyRequests(
            "Too many requests for this key.",
            retry_after=1,
            ratelimit=RateLimit(quota=times, window=1, remaining=0, reset=1),
        )
    return JSONResponse({"ok": True, "attempts": len(hits)})


async def hits(request: Request) -> JSONResponse:
    """When and how each request for a key arrived."""
    return JSONResponse(HITS.get(request.path_params["key"], []))


app = Starlette(
    routes=[
        Route("/limited/{key}", limited, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        Route("/hits/{key}", hits),
    ]
)
install(app)
