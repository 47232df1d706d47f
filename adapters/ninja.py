"""Django Ninja adapter: ``install(api, config=None)`` on a ``NinjaAPI``.

::

    api = NinjaAPI()
    install(api)  # the HTTPFAULT setting's config; or install(api, Config(...))

Ninja's ``ValidationError`` (the configured validation status, field errors with JSON
Pointers), ``HttpError``, ``Http404``, ``AuthenticationError`` (401 with
``WWW-Authenticate``), ``Throttled`` (429 with ``Retry-After``), a malformed body (the
malformed-body status), a body that is not JSON (415), ``HTTPError`` raised in operations,
Django's own exceptions and any other exception (a safe 500, logged once) answer in the
contract. It works beside ``httpfault.adapters.django.ErrorMiddleware``, which answers
what happens outside the API (the routing 404 and 405 are Django's): an answer made here
is never handled again there.

The API's OpenAPI document shows the error responses: every operation's 422, 400 and
415 where it takes input, 401 where auth applies, 404 on paths with parameters, 429
where throttles apply, 500 everywhere, and the errors each operation declares with
``openapi_extra={"responses": responses(EmailTaken)}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    from django.http import Http404, HttpRequest, HttpResponse
    from ninja import NinjaAPI
    from ninja.errors import HttpError, ValidationError
    from ninja.parser import Parser
except ImportError as _missing:  # pragma: no cover - exercised without Ninja installed
    raise ImportError(
        "httpfault.adapters.ninja needs Django Ninja: pip install 'httpfault[ninja]'"
    ) from _missing

from httpfault import Config, HTTPError, UnsupportedMediaType
from httpfault._handling import handle_details

from ._django.convert import is_mapped
from ._django.respond import ErrorResponse, options_for, request_info, respond, to_response
from ._django.settings import Options
from ._ninja.convert import SINGLE_BODY_ATTR, ninja_error, validation_details
from ._ninja.ninja_compat import is_default_handler, single_body_names
from ._ninja.openapi import install_openapi, responses

__all__ = ["JSONParser", "install", "responses"]

_HANDLED: tuple[type[Exception], ...] = (Exception, Http404, HttpError, ValidationError, HTTPError)


class JSONParser(Parser):
    """Ninja's parser, refusing a body that is not declared JSON with a 415.

    Wraps the API's own parser: what it parses, and how, stay its own.
    """

    def __init__(self, parser: Parser) -> None:
        self.parser = parser

    def parse_body(self, request: HttpRequest) -> Any:
        """The JSON body; a ``Content-Type`` other than JSON raises ``UnsupportedMediaType``."""
        media = (request.content_type or "").lower()
        if media != "application/json" and not (
            media.startswith("application/") and media.endswith("+json")
        ):
            raise UnsupportedMediaType()
        return self.parser.parse_body(request)

    def parse_querydict(self, data: Any, list_fields: Any, request: HttpRequest) -> Any:
        """The API's own parser's reading of a query string or form."""
        return self.parser.parse_querydict(data, list_fields, request)


class _Handler:
    """The exception handler ``install()`` registers."""

    def __init__(self, options: Options | None, challenges: tuple[str, ...]) -> None:
        self.options = options
        self.challenges = challenges

    def __call__(self, request: HttpRequest, exc: Any) -> HttpResponse:
        options = self.options or options_for(request)
        config = options.config
        if isinstance(exc, ValidationError) and not is_mapped(exc, config):
            # Answered by the shape of its details, as FastAPI's are: no field errors
            # are made for a shape answered before.
            info = request_info(request, config)
            return to_response(handle_details(validation_details(exc), config, info, cause=exc))
        error = ninja_error(exc, config, self.challenges, request)
        response: ErrorResponse = respond(request, error, options, signal=True)
        return response


def install(
    api: NinjaAPI,
    config: Config | None = None,
    *,
    www_authenticate: str | Iterable[str] | None = None,
) -> None:
    """Make every error *api* answers follow the httpfault contract.

    With no *config*, the ``HTTPFAULT`` setting applies (as for the Django adapter),
    read per request. *www_authenticate* is the challenge a 401 carries; by default it
    names the HTTP schemes of the API's ``auth`` (``Bearer``, ``Basic``), else ``Bearer``.
    Exception handlers the API registered itself are kept: only Ninja's defaults are
    replaced. The API's ``get_openapi_schema`` is overridden so its document shows the
    error responses (see :mod:`httpfault.adapters._ninja.openapi`).
    """
    options = None if config is None else Options(config)
    if isinstance(www_authenticate, str):
        challenges: tuple[str, ...] = (www_authenticate,)
    elif www_authenticate is not None:
        challenges = tuple(www_authenticate)
    else:
        challenges = _challenges(api)
    handler = _Handler(options, challenges)
    for exc_class in _HANDLED:
        if is_default_handler(api, exc_class):
            api.add_exception_handler(exc_class, handler)
    if config is not None:
        for mapped in config.exception_map:
            if issubclass(mapped, Exception) and is_default_handler(api, mapped):
                api.add_exception_handler(mapped, handler)
    if not isinstance(api.parser, JSONParser):
        api.parser = JSONParser(api.parser)
    _keep_body_names(api)
    install_openapi(api, options)


def _challenges(api: NinjaAPI) -> tuple[str, ...]:
    auths = api.auth if isinstance(api.auth, (list, tuple)) else [api.auth]
    schemes = []
    for auth in auths:
        scheme = getattr(auth, "openapi_scheme", None)
        if isinstance(scheme, str) and scheme.lower() in ("bearer", "basic"):
            schemes.append(scheme.title())
    return tuple(dict.fromkeys(schemes)) or ("Bearer",)


def _keep_body_names(api: NinjaAPI) -> None:
    """Have each validation error note which names stand for the whole body."""
    make = api.validation_error_from_error_contexts

    def validation_error(error_contexts: Any) -> ValidationError:
        contexts = list(error_contexts)
        error = make(contexts)
        setattr(error, SINGLE_BODY_ATTR, single_body_names(contexts))
        return error

    api.validation_error_from_error_contexts = validation_error  # type: ignore[method-assign]
