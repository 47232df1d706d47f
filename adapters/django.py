"""Django adapter: every error of a Django app answered in httpfault's contract.

Add the middleware near the top of ``MIDDLEWARE`` and point Django's error views at
httpfault in the root URLconf::

    MIDDLEWARE = ["httpfault.adapters.django.ErrorMiddleware", ...]
    HTTPFAULT = {"FORMAT": "problem", "PATHS": ["/api/"]}
    CSRF_FAILURE_VIEW = "httpfault.adapters.django.csrf_failure"

    # urls.py
    handler400 = "httpfault.adapters.django.handler400"
    handler403 = "httpfault.adapters.django.handler403"
    handler404 = "httpfault.adapters.django.handler404"
    handler500 = "httpfault.adapters.django.handler500"

``urlpatterns += problem_type_urls([EmailTaken])`` serves a small HTML page at each
custom problem type's URI path.

The middleware answers what views raise (``process_exception``), the routing 404, the
bare 405 of ``require_http_methods``, a CSRF failure and what Django's own error pages make
of an exception in a middleware below it; the error views are needed only for what
happens above it (an exception in a middleware listed before it). Paths not converted (see
``PATHS``/``EXCLUDE_PATHS``) keep Django's own pages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from ._extras import missing_extra

try:
    from asgiref.sync import iscoroutinefunction, markcoroutinefunction
    from django.core.exceptions import BadRequest as DjangoBadRequest
    from django.core.exceptions import PermissionDenied
    from django.core.signals import got_request_exception
    from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed
    from django.http import HttpResponseNotFound as _NotFoundResponse
    from django.utils.cache import patch_vary_headers
    from django.views import csrf as _csrf
    from django.views import defaults as _defaults
    from django.views.debug import ExceptionReporter
except ImportError as _missing:  # pragma: no cover - exercised without Django installed
    raise missing_extra("django", "Django", "django") from _missing

from httpfault import (
    Forbidden,
    InternalServerError,
    MethodNotAllowed,
    NotFound,
    UnsupportedMediaType,
    error_class,
)

from ._django.django_compat import LOGGED_ATTR, was_logged
from ._django.respond import OPTIONS_ATTR, ErrorResponse, options_for, respond
from ._django.settings import Options, current_options
from ._django.types import problem_type_urls

__all__ = [
    "ErrorMiddleware",
    "ErrorResponse",
    "csrf_failure",
    "handler400",
    "handler403",
    "handler404",
    "handler500",
    "json_body",
    "problem_type_urls",
]

_EXCEPTION_ATTR = "_httpfault_exception"
"""Where an exception Django answered by itself is kept for the middleware to answer again."""

Handler = Callable[[HttpRequest], HttpResponseBase]
AsyncHandler = Callable[[HttpRequest], Awaitable[HttpResponseBase]]


class ErrorMiddleware:
    """Django middleware answering errors in httpfault's contract; sync and async.

    Configured by the ``HTTPFAULT`` setting, read when Django builds its middleware chain.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Handler | AsyncHandler) -> None:
        self.get_response = get_response
        self.options: Options = current_options()
        self._every_path = self.options.paths is None and not self.options.exclude_paths
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        converts = self._enter(request)
        response: HttpResponseBase = self.get_response(request)  # type: ignore[assignment]
        if converts and response.status_code >= 400:
            return self._finish(request, response)
        return response

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        converts = self._enter(request)
        response: HttpResponseBase = await self.get_response(request)  # type: ignore[misc]
        if converts and response.status_code >= 400:
            return self._finish(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> ErrorResponse | None:
        """Answer an exception raised by a view (Django calls this before its own handling)."""
        options = self.options
        if not (self._every_path or options.converts(request.path_info)):
            return None
        return respond(request, exception, options, signal=True)

    def _enter(self, request: HttpRequest) -> bool:
        state = request.__dict__
        state[OPTIONS_ATTR] = self.options
        if not (self._every_path or self.options.converts(request.path_info)):
            return False
        # With DEBUG = True, Django answers errors outside views with its technical pages;
        # this reporter hands the exception back to the middleware instead. Django reads
        # it only for those pages, so it is set without looking the setting up each time.
        state.setdefault("exception_reporter_class", _RecordingReporter)
        return True

    def _finish(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        exc = request.__dict__.pop(_EXCEPTION_ATTR, None)
        if isinstance(response, ErrorResponse):
            return response
        quiet = was_logged(response)
        if isinstance(exc, BaseException):
            error: BaseException = exc
        elif isinstance(response, HttpResponseNotAllowed):
            error = MethodNotAllowed(allow=[m for m in response["Allow"].split(",") if m.strip()])
        elif isinstance(response, _NotFoundResponse) and request.resolver_match is None:
            error = NotFound()  # routing 404
        elif quiet and response.status_code in _DJANGO_MADE:
            # Made and logged by Django inside the chain, before the view's answer could be:
            # a CSRF rejection (CSRF_FAILURE_VIEW), or what Django's error views made of an
            # exception in a middleware below (handler400/403/404/500). A response a view
            # returns is logged only after the whole chain, so it is never taken for one.
            error = error_class(response.status_code)()
        else:
            return response
        return _keep_headers(respond(request, error, self.options, quiet=quiet), response)


_DJANGO_MADE = frozenset({400, 403, 404, 500})
_REPLACED_HEADERS = frozenset({"content-type", "content-length", "content-language"})


def _keep_headers(new: ErrorResponse, old: HttpResponseBase) -> ErrorResponse:
    """*new* with the headers and cookies that middleware below put on *old*.

    Security headers, CORS headers, ``Vary`` and cookies set by the middleware between
    this one and the view must survive the replacement of Django's error response.
    """
    for name, value in old.items():
        lowered = name.lower()
        if lowered == "vary":
            patch_vary_headers(new, [v.strip() for v in value.split(",") if v.strip()])
        elif lowered not in _REPLACED_HEADERS and not new.has_header(name):
            new[name] = value
    for key, morsel in old.cookies.items():
        new.cookies[key] = morsel
    return new


class _RecordingReporter(ExceptionReporter):
    """Keeps the exception behind Django's technical 500/400 page (``DEBUG = True``)."""

    def __init__(
        self,
        request: HttpRequest | None,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        tb: Any,
        is_email: bool = False,
    ) -> None:
        if request is not None and exc_value is not None:
            request.__dict__[_EXCEPTION_ATTR] = exc_value
        super().__init__(request, exc_type, exc_value, tb, is_email)


def _record_exception(sender: object, request: HttpRequest | None = None, **_: Any) -> None:
    """``got_request_exception``: keep what Django answered with a 500 for the middleware."""
    if request is not None and OPTIONS_ATTR in getattr(request, "__dict__", ()):
        exc = sys.exc_info()[1]
        if exc is not None:
            request.__dict__.setdefault(_EXCEPTION_ATTR, exc)


got_request_exception.connect(_record_exception, dispatch_uid="httpfault.adapters.django")


# -- error views (handler400/403/404/500 in the root URLconf, CSRF_FAILURE_VIEW) ---------


def _error_view(
    request: HttpRequest, exception: Exception, default: Callable[..., HttpResponseBase]
) -> HttpResponseBase:
    """Answer *exception* in the contract, or with Django's *default* view off our paths."""
    options = options_for(request)
    if not options.converts(request.path_info):
        return default(request, exception)
    return respond(request, exception, options)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBase:
    """``handler400``: bad requests (``SuspiciousOperation``, ``BadRequest``, body limits)."""
    return _error_view(request, exception or DjangoBadRequest(), _defaults.bad_request)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBase:
    """``handler403``: ``PermissionDenied`` raised outside views."""
    return _error_view(request, exception or PermissionDenied(), _defaults.permission_denied)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBase:
    """``handler404``: the URL resolver's 404 and ``Http404`` raised outside views."""
    options = options_for(request)
    if not options.converts(request.path_info):
        return _defaults.page_not_found(request, exception)
    return respond(request, exception or NotFound(), options)


def handler500(request: HttpRequest) -> HttpResponseBase:
    """``handler500``: an exception raised outside views; logged once, nothing revealed."""
    options = options_for(request)
    if not options.converts(request.path_info):
        return _defaults.server_error(request)
    exc = sys.exc_info()[1]
    return respond(request, exc or InternalServerError(), options)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseBase:
    """``CSRF_FAILURE_VIEW``: a 403 ``Forbidden``; the reason goes to Django's CSRF log only."""
    options = options_for(request)
    if not options.converts(request.path_info):
        return _csrf.csrf_failure(request, reason)
    response = respond(request, Forbidden(reason or None, expose=False), options, quiet=True)
    setattr(response, LOGGED_ATTR, False)  # Django logs it on django.security.csrf, with reason
    return response


# -- reading a JSON body in a plain Django view -------------------------------------------


def json_body(request: HttpRequest) -> Any:
    """The request's JSON body, or the contract's error.

    A body that is not declared JSON is a 415; one over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    a 413; malformed JSON, invalid UTF-8 or nesting too deep for the parser the
    configured ``malformed_body_status`` (400).
    """
    content_type = request.content_type or ""
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise UnsupportedMediaType()
    body = request.body
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        status = options_for(request).config.malformed_body_status
        raise error_class(status)() from exc
