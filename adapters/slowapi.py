"""slowapi's ``RateLimitExceeded`` answered in the contract, with where the client stands.

With ``install()`` alone, a limit hit in a ``@limiter.limit(...)`` route already answers
httpfault's 429 with the ``RateLimit-Policy`` of the limit. Registering this handler in
place of slowapi's own adds what only the limiter's storage knows: ``Retry-After`` and the
``RateLimit`` field (remaining quota and seconds until it resets). It is also what
``SlowAPIMiddleware`` (``default_limits``) needs, since that middleware answers with the
handler registered for ``RateLimitExceeded``, or with slowapi's own body::

    from slowapi.errors import RateLimitExceeded
    from httpfault.adapters.slowapi import rate_limit_exceeded

    app.add_exception_handler(RateLimitExceeded, rate_limit_exceeded)

slowapi itself is not imported here: its exception and limiter are read through their
public attributes (``exc.limit``, ``app.state.limiter.limiter``, the request's
``state.view_rate_limit``).
"""

from __future__ import annotations

import math
import time
from typing import Any

from ._extras import missing_extra

try:
    from starlette.requests import Request
    from starlette.responses import Response
except ImportError as _missing:  # pragma: no cover - exercised without starlette installed
    raise missing_extra("slowapi", "slowapi and Starlette", "starlette") from _missing

from httpfault import Config, HTTPError, RateLimit, TooManyRequests, ratelimit_headers
from httpfault._handling import handle

from ._asgi.convert import http_exception_error, request_info
from ._asgi.response import ErrorResponse

__all__ = ["rate_limit_exceeded"]


def rate_limit_exceeded(request: Request, exc: Exception) -> Response:
    """Exception handler for slowapi's ``RateLimitExceeded`` (synchronous, as slowapi asks).

    The 429 carries the detail rules of :func:`httpfault.adapters.starlette.install`, the
    limit's ``RateLimit-Policy``, and, when the limiter can tell, ``Retry-After`` and
    ``RateLimit``. Rendered with the config ``install()`` stored on the app.
    """
    error: HTTPError | None = None
    if isinstance(exc, HTTPError):
        error = exc
    elif hasattr(exc, "status_code") and hasattr(exc, "detail"):
        error = http_exception_error(exc)  # type: ignore[arg-type]
    if error is None:
        error = TooManyRequests()
    if isinstance(error, TooManyRequests):
        _add_state(error, request)
    config = getattr(request.app.state, "httpfault", None)
    if not isinstance(config, Config):
        config = Config()
    info = request_info(request.scope)
    rendered = handle(error, config, info, logger=config.logger)
    return ErrorResponse(rendered, head=info.method == "HEAD")


def _add_state(error: TooManyRequests, request: Request) -> None:
    """Retry-After and the RateLimit field from the limiter's window, when it has one."""
    current: Any = getattr(request.state, "view_rate_limit", None)
    limiter: Any = getattr(getattr(request.app.state, "limiter", None), "limiter", None)
    if not current or limiter is None:
        return
    item, keys = current[0], current[1]
    try:
        reset_at, remaining = limiter.get_window_stats(item, *keys)
        seconds = max(0, math.ceil(float(reset_at) - time.time()))
        limit = RateLimit(str(item), quota=int(item.amount), window=int(item.get_expiry()),
                          remaining=max(0, int(remaining)), reset=seconds)  # fmt: skip
    except Exception:  # a storage that fails: the policy alone is still right
        return
    error.headers["Retry-After"] = str(seconds)
    error.headers.update(ratelimit_headers(limit))
