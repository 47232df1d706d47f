"""Error responses back into typed exceptions, for clients of an httpfault API.

::

    import httpx
    from httpfault import client

    with httpx.Client(event_hooks=client.event_hooks()) as http:
        http.get("https://api.example.com/users/42")  # raises NotFound(...) on a 404

Both body formats are understood (the ``{"error": {...}}`` envelope and RFC 9457
``application/problem+json``); any other body (an HTML page from a proxy, an empty or
truncated body) still gives the class of the status. Custom problem types come back as
their own class when registered in a :class:`ProblemRegistry`.

httpx is not imported here: any response with ``status_code``, ``headers`` and
``content`` (httpx, requests, Django) or ``get_data()`` (werkzeug) is understood.
:class:`RetryTransport` and :class:`AsyncRetryTransport` (retries as the server asks)
are httpx transports: they import httpx when first used (``httpfault[client]``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from httpfault._errors import HTTPError

from ._parse import RESTORED_HEADERS, parse_error
from ._registry import ProblemRegistry
from ._response import view

if TYPE_CHECKING:
    from ._retry import AsyncRetryTransport, RetryTransport

__all__ = [
    "RESTORED_HEADERS",
    "AsyncRetryTransport",
    "ProblemRegistry",
    "RetryTransport",
    "aerror_from_response",
    "araise_for_error",
    "async_event_hooks",
    "error_from_response",
    "event_hooks",
    "raise_for_error",
]

R = TypeVar("R")


def __getattr__(name: str) -> Any:
    # The transports subclass httpx's: import httpx only when they are asked for.
    if name in ("RetryTransport", "AsyncRetryTransport"):
        from . import _retry

        return getattr(_retry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NOT_READ = (
    "the response body has not been read: call response.read() "
    "(or `await response.aread()` for an AsyncClient) first, or use aerror_from_response()"
)


def error_from_response(
    response: Any,
    *,
    registry: ProblemRegistry | None = None,
    request_id_header: str | None = "X-Request-ID",
) -> HTTPError | None:
    """The typed error of an error *response*, or ``None`` when its status is not 4xx/5xx.

    The class is the registered custom class of the body's ``type`` in *registry*
    (when its status matches), else the class of the status (``NotFound``...), else
    ``ClientError``/``ServerError`` with ``status`` set for a status that has no class.
    Restored: ``detail``, ``code``, ``type``, ``title`` (custom types only),
    ``instance``, ``errors``, ``extensions`` (every other member), ``request_id`` (the
    body's, else the *request_id_header*) and the headers in :data:`RESTORED_HEADERS`,
    so ``error.retry_after`` gives the seconds of ``Retry-After``.

    A streamed httpx response must be read first; a synchronous one is read here.
    """
    try:
        seen = view(response)
    except RuntimeError as exc:  # httpx.ResponseNotRead
        read = getattr(response, "read", None)
        if not callable(read):
            raise
        try:
            read()
        except RuntimeError:  # an async stream cannot be read synchronously
            raise RuntimeError(_NOT_READ) from exc
        seen = view(response)
    return parse_error(seen, registry, request_id_header)


async def aerror_from_response(
    response: Any,
    *,
    registry: ProblemRegistry | None = None,
    request_id_header: str | None = "X-Request-ID",
) -> HTTPError | None:
    """:func:`error_from_response` for an ``httpx.AsyncClient`` response: reads it first."""
    status = getattr(response, "status_code", None)
    aread = getattr(response, "aread", None)
    if isinstance(status, int) and 400 <= status <= 599 and callable(aread):
        await aread()
    return error_from_response(response, registry=registry, request_id_header=request_id_header)


def raise_for_error(
    response: R,
    *,
    registry: ProblemRegistry | None = None,
    request_id_header: str | None = "X-Request-ID",
) -> R:
    """Raise the typed error of *response* if it is a 4xx/5xx; return *response* otherwise."""
    error = error_from_response(response, registry=registry, request_id_header=request_id_header)
    if error is not None:
        raise error
    return response


async def araise_for_error(
    response: R,
    *,
    registry: ProblemRegistry | None = None,
    request_id_header: str | None = "X-Request-ID",
) -> R:
    """:func:`raise_for_error` for an ``httpx.AsyncClient`` response."""
    error = await aerror_from_response(
        response, registry=registry, request_id_header=request_id_header
    )
    if error is not None:
        raise error
    return response


def event_hooks(
    registry: ProblemRegistry | None = None,
    *,
    request_id_header: str | None = "X-Request-ID",
) -> dict[str, list[Callable[[Any], None]]]:
    """Event hooks for ``httpx.Client(event_hooks=...)`` that raise typed errors.

    Every 4xx/5xx response raises its :class:`~httpfault.HTTPError` (its body is read
    first, streamed responses included). Use :func:`async_event_hooks` for an
    ``httpx.AsyncClient``.
    """

    def raise_typed_error(response: Any) -> None:
        if 400 <= response.status_code <= 599:
            response.read()
            raise_for_error(response, registry=registry, request_id_header=request_id_header)

    return {"response": [raise_typed_error]}


def async_event_hooks(
    registry: ProblemRegistry | None = None,
    *,
    request_id_header: str | None = "X-Request-ID",
) -> dict[str, list[Callable[[Any], Awaitable[None]]]]:
    """Event hooks for ``httpx.AsyncClient(event_hooks=...)`` that raise typed errors."""

    async def raise_typed_error(response: Any) -> None:
        if 400 <= response.status_code <= 599:
            await response.aread()
            raise_for_error(response, registry=registry, request_id_header=request_id_header)

    return {"response": [raise_typed_error]}
