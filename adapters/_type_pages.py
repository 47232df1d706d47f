"""Human-readable pages for custom problem types, served at each type URI's path.

RFC 9457 (section 3.1.1) suggests that a problem type URI, when dereferenced, give
human-readable documentation of the problem. Each adapter's ``serve_types`` option
takes the classes to document explicitly (a list, or a ``ProblemRegistry``); this module
builds their pages, framework-free: the route path and a small escaped HTML page with
the title, status, code, default message and the class's own docstring.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from httpfault import Config, HTTPError
from httpfault._catalog_data import TEXTS
from httpfault._media import ABOUT_BLANK

__all__ = ["CONTENT_TYPE", "TypePage", "error_classes", "type_pages"]

CONTENT_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class TypePage:
    """The page of one problem type: where it is served, and its bytes."""

    path: str
    error: type[HTTPError]
    type_uri: str
    body: bytes


def type_pages(classes: Iterable[type[HTTPError]], config: Config) -> list[TypePage]:
    """The pages of *classes*, one per distinct type URI path.

    A class's type URI is its own ``type``, else ``config.type_base`` plus its code. Its
    page is served at the URI's path (``https://example.com/problems/email-taken`` and
    ``/problems/email-taken`` both at ``/problems/email-taken``). ``TypeError`` for
    something that is no ``HTTPError`` subclass; ``ValueError`` for a class with no type
    URI of its own, a URI with no path to serve (``urn:``, ``tag:``), or two classes on
    one path.
    """
    pages: dict[str, TypePage] = {}
    for cls in error_classes(classes):
        uri = cls.type or (config.type_base + cls.code if config.type_base else None)
        if not uri or uri == ABOUT_BLANK:
            raise ValueError(f"{cls.__name__} has no problem type URI of its own to serve")
        parts = urlsplit(uri)
        if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
            raise ValueError(f"the type URI of {cls.__name__}, {uri!r}, has no path to serve")
        held = pages.get(parts.path)
        if held is not None:
            if held.error is cls:
                continue
            raise ValueError(
                f"{cls.__name__} and {held.error.__name__} share the page path {parts.path!r}"
            )
        pages[parts.path] = TypePage(parts.path, cls, uri, _page(cls, uri))
    return list(pages.values())


def error_classes(classes: Iterable[type[HTTPError]]) -> tuple[type[HTTPError], ...]:
    """*classes* as a tuple, once checked to hold ``HTTPError`` subclasses only."""
    if isinstance(classes, (bool, str, type)):
        raise TypeError(
            "serve_types takes the HTTPError subclasses to document, e.g. [EmailTaken], "
            f"not {classes!r}"
        )
    result = tuple(classes)
    for cls in result:
        if not (isinstance(cls, type) and issubclass(cls, HTTPError)):
            raise TypeError(f"serve_types takes HTTPError subclasses, not {cls!r}")
    return result


def _page(cls: type[HTTPError], uri: str) -> bytes:
    esc = html.escape
    text = TEXTS.get(cls.status)
    status = f"{cls.status} {text.title}" if text is not None else str(cls.status)
    doc = cls.__dict__.get("__doc__")
    about = f"\n<p>{esc(inspect.cleandoc(doc))}</p>" if isinstance(doc, str) and doc else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(cls.title)}</title>\n</head>\n<body>\n"
        f"<h1>{esc(cls.title)}</h1>\n"
        f"<p>{esc(cls.default_detail)}</p>{about}\n"
        "<dl>\n"
        f"<dt>HTTP status</dt><dd>{esc(status)}</dd>\n"
        f"<dt>Code</dt><dd><code>{esc(cls.code)}</code></dd>\n"
        f"<dt>Type</dt><dd><code>{esc(uri)}</code></dd>\n"
        "</dl>\n</body>\n</html>\n"
    ).encode()
