"""Every use of Django and DRF internals by httpfault, in one place, each with why.

Pinned by ``tests/django/test_compat.py`` on the oldest and newest supported releases.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LOGGED_ATTR", "django_request", "was_logged"]

LOGGED_ATTR = "_has_been_logged"
"""The response attribute Django's ``log_response()`` reads to log a response once.

A true value keeps Django from writing its own "Not Found: /path" record for a
response httpfault has logged already; setting it false on a response makes Django log
it (its CSRF failures, with the reason). Django has no public switch for either.
"""


def was_logged(response: Any) -> bool:
    """Whether Django (or httpfault) has logged *response* already."""
    return bool(getattr(response, LOGGED_ATTR, False))


def django_request(request: Any) -> Any:
    """The Django ``HttpRequest`` behind a DRF ``Request`` (*request* itself otherwise).

    DRF keeps it as ``_request`` (its documentation names it so); exception handlers
    receive only the DRF request in their context.
    """
    return getattr(request, "_request", request)
