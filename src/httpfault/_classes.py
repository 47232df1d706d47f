"""One exception class per registered 4xx/5xx status, and the registry scanned from them.

Each class fixes ``status``; its title, code and default message come from the
catalogue. Classes for statuses that need a header take it as a typed keyword argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

from ._errors import ClientError, HTTPError, ServerError
from ._headers import RetryAfter, format_retry_after, join_values
from ._ratelimit import RateLimit, ratelimit_headers

__all__ = [
    "BadGateway",
    "BadRequest",
    "Conflict",
    "ContentTooLarge",
    "ExpectationFailed",
    "FailedDependency",
    "Forbidden",
    "GatewayTimeout",
    "Gone",
    "HTTPNotImplemented",
    "HTTPVersionNotSupported",
    "ImATeapot",
    "InsufficientStorage",
    "InternalServerError",
    "LengthRequired",
    "Locked",
    "LoopDetected",
    "MethodNotAllowed",
    "MisdirectedRequest",
    "NetworkAuthenticationRequired",
    "NotAcceptable",
    "NotExtended",
    "NotFound",
    "PayloadTooLarge",
    "PaymentRequired",
    "PreconditionFailed",
    "PreconditionRequired",
    "ProxyAuthenticationRequired",
    "RangeNotSatisfiable",
    "RequestEntityTooLarge",
    "RequestHeaderFieldsTooLarge",
    "RequestTimeout",
    "RequestURITooLarge",
    "RequestedRangeNotSatisfiable",
    "ServiceUnavailable",
    "TooEarly",
    "TooManyRequests",
    "URITooLong",
    "Unauthorized",
    "UnavailableForLegalReasons",
    "UnprocessableContent",
    "UnprocessableEntity",
    "UnsupportedMediaType",
    "UpgradeRequired",
    "VariantAlsoNegotiates",
]


class _RetryAfterMixin(HTTPError):
    """Adds the ``retry_after`` argument (seconds, ``timedelta`` or ``datetime``)."""

    def __init__(
        self, detail: str | None = None, *, retry_after: RetryAfter | None = None, **kwargs: Any
    ) -> None:
        super().__init__(detail, **kwargs)
        if retry_after is not None:
            self.headers["Retry-After"] = format_retry_after(retry_after)


class _RateLimitMixin(_RetryAfterMixin):
    """Adds ``ratelimit``: one or more :class:`RateLimit` policies, written as headers."""

    def __init__(
        self,
        detail: str | None = None,
        *,
        retry_after: RetryAfter | None = None,
        ratelimit: RateLimit | Iterable[RateLimit] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, retry_after=retry_after, **kwargs)
        if ratelimit is not None:
            self.headers.update(ratelimit_headers(ratelimit))


_METHOD_ORDER = {m: i for i, m in enumerate(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"))}


def _method_order(method: str) -> tuple[int, str]:
    # One canonical order, so the same methods give the same Allow header everywhere.
    return (_METHOD_ORDER.get(method, len(_METHOD_ORDER)), method)


# -- 4xx ---------------------------------------------------------------------------------


class BadRequest(ClientError):
    """Bad Request: the request is malformed and cannot be processed as sent."""

    status = 400


class Unauthorized(ClientError):
    """Unauthorized: valid credentials are missing; ``www_authenticate`` sets the challenge."""

    status = 401

    def __init__(
        self,
        detail: str | None = None,
        *,
        www_authenticate: str | Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        if www_authenticate is not None:
            self.headers["WWW-Authenticate"] = join_values("WWW-Authenticate", www_authenticate)


class PaymentRequired(ClientError):
    """Payment Required: the request needs a paid plan or more credit."""

    status = 402


class Forbidden(ClientError):
    """Forbidden: the client is known but may not do this."""

    status = 403


class NotFound(ClientError):
    """Not Found: there is no resource at this URL."""

    status = 404


class MethodNotAllowed(ClientError):
    """Method Not Allowed: the method is not supported here; ``allow`` lists those that are."""

    status = 405

    def __init__(
        self, detail: str | None = None, *, allow: Iterable[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(detail, **kwargs)
        if allow is not None:
            methods = sorted({m.strip().upper() for m in allow}, key=_method_order)
            self.headers["Allow"] = join_values("Allow", methods) if methods else ""


class NotAcceptable(ClientError):
    """Not Acceptable: no representation matches the request's Accept headers."""

    status = 406


class ProxyAuthenticationRequired(ClientError):
    """Proxy Authentication Required: the proxy needs credentials; see ``proxy_authenticate``."""

    status = 407

    def __init__(
        self,
        detail: str | None = None,
        *,
        proxy_authenticate: str | Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        if proxy_authenticate is not None:
            self.headers["Proxy-Authenticate"] = join_values(
                "Proxy-Authenticate", proxy_authenticate
            )


class RequestTimeout(ClientError):
    """Request Timeout: the client took too long to send the request."""

    status = 408


class Conflict(ClientError):
    """Conflict: the request clashes with the current state of the resource."""

    status = 409


class Gone(ClientError):
    """Gone: the resource existed but has been removed for good."""

    status = 410


class LengthRequired(ClientError):
    """Length Required: the request body needs a Content-Length."""

    status = 411


class PreconditionFailed(ClientError):
    """Precondition Failed: a conditional header (If-Match...) did not hold."""

    status = 412


class ContentTooLarge(_RetryAfterMixin, ClientError):
    """Content Too Large: the request body is over the server's limit."""

    status = 413


class URITooLong(ClientError):
    """URI Too Long: the target URI is longer than the server accepts."""

    status = 414


class UnsupportedMediaType(ClientError):
    """Unsupported Media Type: the body's Content-Type or encoding is not supported."""

    status = 415


class RangeNotSatisfiable(ClientError):
    """Range Not Satisfiable: no requested range overlaps the representation; see ``length``."""

    status = 416

    def __init__(
        self, detail: str | None = None, *, length: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(detail, **kwargs)
        if length is not None:
            if isinstance(length, bool) or not isinstance(length, int) or length < 0:
                raise ValueError("length must be a non-negative int")
            self.headers["Content-Range"] = f"bytes */{length}"


class ExpectationFailed(ClientError):
    """Expectation Failed: the server cannot meet the request's Expect header."""

    status = 417


class ImATeapot(ClientError):
    """I'm a teapot: the server refuses to brew coffee (an old joke, still registered)."""

    status = 418


class MisdirectedRequest(ClientError):
    """Misdirected Request: this server cannot answer for the request's target."""

    status = 421


class UnprocessableContent(ClientError):
    """Unprocessable Content: the body is well formed but its values are invalid."""

    status = 422


class Locked(ClientError):
    """Locked: the resource is locked."""

    status = 423


class FailedDependency(ClientError):
    """Failed Dependency: the request depended on another action that failed."""

    status = 424


class TooEarly(ClientError):
    """Too Early: the server will not process a request that might be replayed."""

    status = 425


class UpgradeRequired(ClientError):
    """Upgrade Required: the client must switch protocols; ``upgrade`` names them."""

    status = 426

    def __init__(
        self,
        detail: str | None = None,
        *,
        upgrade: str | Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        if upgrade is not None:
            self.headers["Upgrade"] = join_values("Upgrade", upgrade)


class PreconditionRequired(ClientError):
    """Precondition Required: the request must be conditional (If-Match...)."""

    status = 428


class TooManyRequests(_RateLimitMixin, ClientError):
    """Too Many Requests: the client is over its rate limit.

    ``retry_after`` says when to return; ``ratelimit`` (a :class:`RateLimit` or several)
    writes the ``RateLimit-Policy`` and ``RateLimit`` headers.
    """

    status = 429


class RequestHeaderFieldsTooLarge(ClientError):
    """Request Header Fields Too Large: one header, or all of them, are too large."""

    status = 431


class UnavailableForLegalReasons(ClientError):
    """Unavailable For Legal Reasons: a legal demand blocks access to the resource."""

    status = 451


# -- 5xx ---------------------------------------------------------------------------------


class InternalServerError(ServerError):
    """Internal Server Error: the server failed while handling the request."""

    status = 500


class HTTPNotImplemented(ServerError):
    """Not Implemented: the server does not support what the request needs."""

    status = 501


class BadGateway(ServerError):
    """Bad Gateway: an upstream server sent an invalid response."""

    status = 502


class ServiceUnavailable(_RateLimitMixin, ServerError):
    """Service Unavailable: the server is overloaded or down for maintenance.

    Takes ``retry_after`` and ``ratelimit`` as :class:`TooManyRequests` does.
    """

    status = 503


class GatewayTimeout(ServerError):
    """Gateway Timeout: an upstream server did not answer in time."""

    status = 504


class HTTPVersionNotSupported(ServerError):
    """HTTP Version Not Supported: the server refuses the request's HTTP version."""

    status = 505


class VariantAlsoNegotiates(ServerError):
    """Variant Also Negotiates: the server's content negotiation is misconfigured."""

    status = 506


class InsufficientStorage(ServerError):
    """Insufficient Storage: the server cannot store what the request needs."""

    status = 507


class LoopDetected(ServerError):
    """Loop Detected: the server found an infinite loop while processing the request."""

    status = 508


class NotExtended(ServerError):
    """Not Extended: the request needs an HTTP extension the server lacks."""

    status = 510


class NetworkAuthenticationRequired(ServerError):
    """Network Authentication Required: the client must log in to the network first."""

    status = 511


# -- older names ---------------------------------------------------------------------------

PayloadTooLarge = ContentTooLarge
RequestEntityTooLarge = ContentTooLarge
RequestURITooLarge = URITooLong
RequestedRangeNotSatisfiable = RangeNotSatisfiable
UnprocessableEntity = UnprocessableContent


def _scan() -> dict[int, type[HTTPError]]:
    found: dict[int, type[HTTPError]] = {}
    for value in list(globals().values()):
        if (
            isinstance(value, type)
            and issubclass(value, HTTPError)
            and value.__module__ == __name__
            and "status" in value.__dict__
        ):
            found.setdefault(value.status, value)
    return dict(sorted(found.items()))


REGISTRY: MappingProxyType[int, type[HTTPError]] = MappingProxyType(_scan())
"""Status -> class, for every registered 4xx/5xx status."""
