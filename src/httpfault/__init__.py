"""httpfault: typed HTTP errors with one JSON and RFC 9457 contract across frameworks.

``raise Conflict("Email already registered")`` in a handler; an installed adapter (see
``httpfault.adapters``) answers with the documented body, status and headers.
"""

from __future__ import annotations

from . import _classes
from ._catalog import CatalogEntry, catalog
from ._classes import *  # noqa: F403 - the classes, listed once in _classes.__all__
from ._config import Config
from ._convert import abort, error_class, from_exception
from ._errors import ClientError, HTTPError, ServerError
from ._fields import FieldError, json_pointer
from ._ratelimit import RateLimit, ratelimit_headers
from ._render import Rendered, render
from ._request import RequestInfo

__version__ = "0.1.0"

__all__ = [
    "CatalogEntry",
    "ClientError",
    "Config",
    "FieldError",
    "HTTPError",
    "RateLimit",
    "Rendered",
    "RequestInfo",
    "ServerError",
    "__version__",
    "abort",
    "catalog",
    "error_class",
    "from_exception",
    "json_pointer",
    "ratelimit_headers",
    "render",
]
__all__ += _classes.__all__
__all__.sort()

# Public names report the public module, in repr, pickles, docs and the debug member.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type) and _value.__module__.startswith("httpfault._"):
        _value.__module__ = __name__
del _name, _value
