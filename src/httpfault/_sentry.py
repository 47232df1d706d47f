"""Sentry: one event per 5xx, tagged with the request id and the trace id.

Only when ``sentry-sdk`` is importable (looked for once, when this module is imported;
imported at the first 5xx answered) and initialised. A 4xx is never sent from here.

Exactly one event: the 5xx's exception is captured here, before httpfault logs it. The
same exception object reaching Sentry again (the logging integration turning the ERROR
record into an event, a framework integration listening to ``got_request_exception``)
is then the one Sentry's default ``DedupeIntegration`` has just seen, and it drops it.
Adapters send framework signals after the core has answered, so this capture, with its
tags, is the one that stays.
"""

from __future__ import annotations

import logging
from typing import Any

from ._errors import HTTPError
from ._optional import findable

__all__ = ["AVAILABLE", "capture"]


AVAILABLE = findable("sentry_sdk")
"""Whether ``sentry_sdk`` can be imported at all (found once, without importing it)."""

_UNSET: Any = object()
_sdk: Any = _UNSET


def _module() -> Any:
    global _sdk
    if _sdk is _UNSET:
        try:
            import sentry_sdk
        except ImportError:  # found but broken: as if absent
            _sdk = None
        else:
            _sdk = sentry_sdk
    return _sdk


def capture(
    error: HTTPError, request_id: str | None, trace_id: str | None, log: logging.Logger
) -> None:
    """Send *error*'s original exception to Sentry once, tagged. Never raises."""
    try:
        sdk = _module()
        if sdk is None or not _active(sdk):
            return
        tags = {"http.status_code": str(error.status), "error_code": error.code}
        if request_id is not None:
            tags["request_id"] = request_id
        if trace_id is not None:
            tags["trace_id"] = trace_id
        sdk.capture_exception(error.__cause__ or error, tags=tags)
    except Exception:
        log.exception("Sentry could not capture %r; the answer is unchanged", error)


def _active(sdk: Any) -> bool:
    """Whether a Sentry client is active in the current, isolation or global scope.

    What ``sentry_sdk.get_client().is_active()`` answers, read from the three public scope
    getters (where the release has them): where no client is active, ``get_client()``
    makes a ``NonRecordingClient`` on each call, which costs more than the rest of a 5xx
    answer's handling.
    """
    getters = (
        getattr(sdk, "get_current_scope", None),
        getattr(sdk, "get_isolation_scope", None),
        getattr(sdk, "get_global_scope", None),
    )
    if None in getters:  # releases before the scope getters were public
        return bool(sdk.get_client().is_active())
    for scope in getters:
        client = scope().client  # type: ignore[misc]  # None where none is bound
        if client is not None and client.is_active():
            return True
    return False
