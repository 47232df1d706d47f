"""The public surface: one sorted ``__all__``, pinned."""

from __future__ import annotations

import httpfault

EXPECTED = [
    "BadGateway", "BadRequest", "CatalogEntry", "ClientError", "Config", "Conflict",
    "ContentTooLarge", "ExpectationFailed", "FailedDependency", "FieldError", "Forbidden",
    "GatewayTimeout", "Gone", "HTTPError", "HTTPNotImplemented", "HTTPVersionNotSupported",
    "ImATeapot", "InsufficientStorage", "InternalServerError", "LengthRequired", "Locked",
    "LoopDetected", "MethodNotAllowed", "MisdirectedRequest", "NetworkAuthenticationRequired",
    "NotAcceptable", "NotExtended", "NotFound", "PayloadTooLarge", "PaymentRequired",
    "PreconditionFailed", "PreconditionRequired", "ProxyAuthenticationRequired",
    "RangeNotSatisfiable", "RateLimit", "Rendered", "RequestEntityTooLarge", "RequestHeaderFieldsTooLarge",
    "RequestInfo", "RequestTimeout", "RequestURITooLarge", "RequestedRangeNotSatisfiable",
    "ServerError", "ServiceUnavailable", "TooEarly", "TooManyRequests", "URITooLong",
    "UnavailableForLegalReasons", "Unauthorized", "UnprocessableContent", "UnprocessableEntity",
    "UnsupportedMediaType", "UpgradeRequired", "VariantAlsoNegotiates", "__version__", "abort",
    "catalog", "error_class", "from_exception", "json_pointer", "ratelimit_headers", "render",
]  # fmt: skip


def test_all_is_sorted_and_pinned() -> None:
    """``__all__`` is sorted, names exactly the public API, and every name exists."""
    assert httpfault.__all__ == sorted(httpfault.__all__)
    assert httpfault.__all__ == sorted(EXPECTED)
    for name in httpfault.__all__:
        assert hasattr(httpfault, name), name


def test_core_imports_no_web_framework() -> None:
    """Importing httpfault loads no web framework."""
    import subprocess
    import sys

    code = (
        "import sys, httpfault, httpfault._explain;"
        "bad = [m for m in ('starlette', 'fastapi', 'flask', 'werkzeug', 'django', 'rest_framework')"
        " if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"
