"""From an exception to a Django response: the one path the middleware, views and DRF share.

Every body comes from :func:`httpfault._handling.handle`, so Django answers with the same
bytes as ``render()`` and as every other framework.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from httpfault import Config, HTTPError, Rendered, RequestInfo
from httpfault._handling import handle

from .convert import django_error, is_mapped
from .django_compat import LOGGED_ATTR
from .settings import Options, current_options

__all__ = ["OPTIONS_ATTR", "ErrorResponse", "options_for", "request_info", "respond"]

OPTIONS_ATTR = "_httpfault"
"""The request attribute where ``ErrorMiddleware`` leaves its options for the error views."""

# Where Django has logged an error already, httpfault answers it without a second record.
_QUIET = logging.Logger("httpfault.quiet")
_QUIET.disabled = True


class ErrorResponse(HttpResponse):
    """An error response rendered by httpfault.

    httpfault has logged it, so Django's ``log_response()`` leaves it alone (no second
    "Not Found: /path" or "Internal Server Error: /path" record; see
    :data:`~.django_compat.LOGGED_ATTR`).
    """

    rendered: Rendered
    """What httpfault rendered: status, headers and body of this response."""


setattr(ErrorResponse, LOGGED_ATTR, True)  # every instance: logged by httpfault


def options_for(request: Any) -> Options:
    """The options that apply to *request*: its middleware's, else the settings'."""
    if isinstance(request, HttpRequest):
        options = request.__dict__.get(OPTIONS_ATTR)
    else:  # a DRF Request passes attribute lookups on to Django's
        options = getattr(request, OPTIONS_ATTR, None)
    return options if isinstance(options, Options) else current_options()


def request_info(request: HttpRequest, config: Config | None = None) -> RequestInfo:
    """What rendering needs to know of a Django request.

    Where *config* offers several languages and ``LocaleMiddleware`` has chosen one for
    the request (it sets ``request.LANGUAGE_CODE``), the language active now is the
    request's: it wins over ``Accept-Language``.
    """
    language = None
    if config is not None and config._offered and hasattr(request, "LANGUAGE_CODE"):
        language = get_language()
    return RequestInfo(request.method or "GET", _path(request), MetaHeaders(request.META), language)


def _path(request: HttpRequest) -> str:
    """The path as the client sent it, when the server tells (``RAW_URI``, ``REQUEST_URI``).

    ``request.path`` is decoded (WSGI's ``PATH_INFO``): ``/a%2Fb`` would come back as
    ``/a/b``, another resource. gunicorn gives ``RAW_URI``, uWSGI and mod_wsgi
    ``REQUEST_URI``; without either, ``request.path`` is the best there is.
    """
    meta = request.META
    raw = meta.get("RAW_URI") or meta.get("REQUEST_URI")
    if not (isinstance(raw, str) and raw.startswith("/")):
        return request.path
    path = raw.partition("?")[0]
    if path.isascii():
        return path
    # WSGI strings carry the raw bytes as latin-1; the path's own bytes are UTF-8.
    try:
        return path.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return path


_UNPREFIXED = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})


class MetaHeaders(Mapping[str, str]):
    """A request's headers read straight from ``META``, without building a copy.

    Lookups are case-insensitive; iteration gives lower-case header names.
    """

    __slots__ = ("_meta",)
    case_insensitive = True
    """``get()`` matches names in any case: httpfault need not scan ``META`` for a header."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        self._meta = meta

    def get(self, key: str, default: Any = None) -> Any:
        name = key.upper().replace("-", "_")
        value = self._meta.get(name if name in _UNPREFIXED else "HTTP_" + name)
        return default if value is None else value

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        for name in self._meta:
            if name.startswith("HTTP_"):
                yield name[5:].lower().replace("_", "-")
            elif name in _UNPREFIXED:
                yield name.lower().replace("_", "-")

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def items(self) -> Any:
        """``(name, value)`` pairs, computed on demand."""
        meta = self._meta
        return [
            (name[5:].lower().replace("_", "-") if name.startswith("HTTP_") else
             name.lower().replace("_", "-"), str(value))
            for name, value in meta.items()
            if name.startswith("HTTP_") or name in _UNPREFIXED
        ]  # fmt: skip


def respond(
    request: HttpRequest | None,
    exc: BaseException,
    options: Options,
    *,
    quiet: bool = False,
    signal: bool = False,
) -> ErrorResponse:
    """Answer *exc* in the contract.

    *quiet*: Django has logged this error already, so it is not logged again.
    *signal*: send Django's ``got_request_exception`` for an unhandled exception, as
    Django does for the exceptions it answers with a 500 (error trackers listen to it).
    """
    config = options.config
    error = exc if isinstance(exc, HTTPError) else django_error(exc, config, request)
    info = request_info(request, config) if request is not None else None
    rendered = handle(error, config, info, logger=_QUIET if quiet else None)
    if (
        signal
        and rendered.status >= 500
        and error is exc
        and not isinstance(exc, HTTPError)
        and not is_mapped(exc, config)
    ):
        got_request_exception.send_robust(sender=None, request=request)
    return to_response(rendered)


def to_response(rendered: Rendered) -> ErrorResponse:
    """A Django response with *rendered*'s status, headers and body."""
    headers = rendered.headers
    response = ErrorResponse(rendered.body, status=rendered.status, content_type=headers[0][1])
    response.rendered = rendered
    response_headers = response.headers
    for name, value in headers[1:]:
        response_headers[name] = value
    return response
